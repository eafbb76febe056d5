#!/usr/bin/env bash
# Runs every test: unit tests (.NET and the web pages'), integration tests through the real host against PostgreSQL, and the web pages in a
# headless Chromium (Debian's, installed when absent: scripts/chromium.sh), after building them (scripts/web.sh).
# Starts a throw-away PostgreSQL on port 5434 (REGISTRY_TEST_PG_PORT) with a streaming standby on the next port and
# stops them afterwards, unless REGISTRY_TEST_CONNECTION (and REGISTRY_TEST_STANDBY_CONNECTION) already name them. Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"

if [ -z "${REGISTRY_TEST_CONNECTION:-}" ]; then
  export REGISTRY_PG_PORT="${REGISTRY_TEST_PG_PORT:-5434}" REGISTRY_PG_DB=registry_tests
  REGISTRY_TEST_CONNECTION="$(./scripts/postgres.sh start)"
  # A streaming standby of it on the next port, for the reads that a standby serves (Cluster/StandbyReadTests).
  REGISTRY_TEST_STANDBY_CONNECTION="$(./scripts/postgres.sh standby)"
  export REGISTRY_TEST_CONNECTION REGISTRY_TEST_STANDBY_CONNECTION
  trap './scripts/postgres.sh stop' EXIT
fi

./scripts/web.sh
# The web pages' pure logic (Vitest), before the browser tests drive the built pages.
(cd src/Registry.Dashboard && npm run --silent test)
REGISTRY_CHROMIUM="$(./scripts/chromium.sh)"
export REGISTRY_CHROMIUM
# The browser tests' screenshots, kept after the run.
export REGISTRY_SCREENSHOTS="${REGISTRY_SCREENSHOTS:-$PWD/TestResults/screenshots}"

log=$(mktemp)
status=0
rm -f tests/*/bin/*/*/fuzz-summary.txt "$REGISTRY_SCREENSHOTS"/*.png
dotnet test Traceability.sln -nologo "$@" 2>&1 | tee "$log" || status=$?
# The fuzz test's answers by status (Fuzz/FuzzTests.cs), when it ran.
for summary in tests/*/bin/*/*/fuzz-summary.txt; do [ -f "$summary" ] && echo "fuzz: $(cat "$summary")"; done
if ls "$REGISTRY_SCREENSHOTS"/*.png >/dev/null 2>&1; then echo "screenshots: $REGISTRY_SCREENSHOTS"; fi
# One closing line over every test project, e.g. "tests: 120 passed, 0 failed".
awk '/(Passed|Failed)! +- Failed: /{gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) } }
     END { printf "tests: %d passed, %d failed\n", p, f }' "$log"
rm -f "$log"
exit "$status"
