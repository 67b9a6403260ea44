"""Checks that schema/*.graphql is a superset of the public contract.

Every type, field, argument (with its default), enum value and input field of the contract must
exist in the served schema with the same type. Usage: check_contract.py CONTRACT SCHEMA...
"""
import sys

from graphql import build_schema


def missing_parts(contract, ours):
    missing = []
    for name, ct in contract.type_map.items():
        if name.startswith("__"):
            continue
        ot = ours.type_map.get(name)
        if ot is None or type(ot) is not type(ct):
            missing.append(name)
            continue
        for fname, cf in getattr(ct, "fields", {}).items():
            of = ot.fields.get(fname)
            if of is None or str(of.type) != str(cf.type):
                missing.append(f"{name}.{fname}")
                continue
            if getattr(cf, "default_value", None) != getattr(of, "default_value", None):
                missing.append(f"{name}.{fname} (default)")
            for aname, ca in getattr(cf, "args", {}).items():
                oa = of.args.get(aname)
                if oa is None or str(oa.type) != str(ca.type) or oa.default_value != ca.default_value:
                    missing.append(f"{name}.{fname}({aname})")
        for value in getattr(ct, "values", {}):
            if value not in ot.values:
                missing.append(f"{name}.{value}")
    return missing


def main():
    contract = build_schema(open(sys.argv[1]).read())
    ours = build_schema("\n".join(open(p).read() for p in sys.argv[2:]))
    missing = missing_parts(contract, ours)
    if missing:
        print("schema/ does not cover the contract; missing or changed: " + ", ".join(missing))
        sys.exit(1)
    print(f"schema covers the contract ({len(contract.type_map)} types)")


if __name__ == "__main__":
    main()
