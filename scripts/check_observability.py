"""Static checks of the monitoring files (run by scripts/check-static.sh, no Docker needed).

- docker/prometheus.yml: YAML with a global scrape interval and a job scraping api:8080/metrics.
- docker/grafana/provisioning: every YAML file parses; the datasource points at the compose Prometheus.
- docker/grafana/dashboards/*.json: JSON dashboards whose panels (inside collapsed rows too) all have Prometheus targets, and every
  flightql_* metric their expressions name is declared in Sources/FlightQL/Observability/FlightQLMetrics.swift
  (the integration tests check the same names against a real /metrics scrape).
"""
import json
import pathlib
import re
import sys

from ruamel.yaml import YAML

root = pathlib.Path(__file__).resolve().parent.parent
yaml = YAML(typ="safe")
problems = []

prometheus = yaml.load((root / "docker/prometheus.yml").read_text())
if not re.fullmatch(r"\d+[smh]", str(prometheus.get("global", {}).get("scrape_interval", ""))):
    problems.append("docker/prometheus.yml: global.scrape_interval must be a duration such as 15s")
api_jobs = [
    job for job in prometheus.get("scrape_configs", [])
    if job.get("metrics_path", "/metrics") == "/metrics"
    and any("api:8080" in config.get("targets", []) for config in job.get("static_configs", []))
]
if not api_jobs:
    problems.append("docker/prometheus.yml: no scrape job for api:8080/metrics")
for job in prometheus.get("scrape_configs", []):
    if not job.get("job_name"):
        problems.append("docker/prometheus.yml: a scrape config has no job_name")

for path in sorted((root / "docker/grafana/provisioning").rglob("*.yml")):
    document = yaml.load(path.read_text())
    if document.get("apiVersion") != 1:
        problems.append(f"{path.relative_to(root)}: apiVersion must be 1")
datasources = yaml.load((root / "docker/grafana/provisioning/datasources/prometheus.yml").read_text())["datasources"]
datasource_uids = {source["uid"] for source in datasources if source.get("url") == "http://prometheus:9090"}
if not datasource_uids:
    problems.append("the Grafana datasource does not point at http://prometheus:9090")

declared = set(re.findall(r'"(flightql_[a-z0-9_]+)"', (root / "Sources/FlightQL/Observability/FlightQLMetrics.swift").read_text()))
histograms = {name for name in declared if name.endswith("_seconds")}
exported = declared | {f"{name}_{suffix}" for name in histograms for suffix in ("bucket", "count", "sum")}
dashboards = sorted((root / "docker/grafana/dashboards").glob("*.json"))
if not dashboards:
    problems.append("no dashboard in docker/grafana/dashboards")
def all_panels(panels):
    """The panels and, for a collapsed row, the panels inside it."""
    for panel in panels:
        if panel.get("type") == "row":
            yield from all_panels(panel.get("panels", []))
        else:
            yield panel


for path in dashboards:
    dashboard = json.loads(path.read_text())
    for panel in all_panels(dashboard.get("panels", [])):
        targets = panel.get("targets", [])
        if not targets:
            problems.append(f"{path.name}: panel {panel.get('title')!r} has no query")
        for target in targets:
            if target.get("datasource", {}).get("uid") not in datasource_uids:
                problems.append(f"{path.name}: panel {panel.get('title')!r} does not use the provisioned datasource")
            for name in re.findall(r"flightql_[a-z0-9_]+", target.get("expr", "")):
                if name not in exported:
                    problems.append(f"{path.name}: panel {panel.get('title')!r} queries {name}, which FlightQL does not export")

for problem in problems:
    print(problem, file=sys.stderr)
if problems:
    sys.exit(1)
print(f"monitoring config ok: prometheus.yml, Grafana provisioning, {len(dashboards)} dashboard(s)")
