#!/usr/bin/env bash
# The leak check of `make test`: builds leakcheck/ (the Documents layer and the loop of
# Tests/DocumentsTests/LeakLoop.swift, with AddressSanitizer) into .build-leak and runs the loop against
# $MONGODB_URI (run it under scripts/with-mongodb.sh). LeakSanitizer fails the run on any leak; the one
# suppression (leakcheck/lsan.supp) is swift-nio's never-released singleton thread pool.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${MONGODB_URI:?set MONGODB_URI, or run under scripts/with-mongodb.sh}"
swift=${SWIFT:-swift}
# gold warns once per AddressSanitizer helper symbol it cannot export; those lines say nothing about the code.
"$swift" build --package-path leakcheck --scratch-path .build-leak --product LeakLoop 2>&1 |
    { grep -v "Cannot export local symbol '__asan" || true; }
bin="$("$swift" build --package-path leakcheck --scratch-path .build-leak --show-bin-path)/LeakLoop"
ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS="suppressions=$PWD/leakcheck/lsan.supp" "$bin"
echo "leak check: no leak"
