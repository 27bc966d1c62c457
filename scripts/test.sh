#!/usr/bin/env bash
# Runs every test project (the solution) and ends with one line: N passed, N failed, N skipped.
# Needs: the .NET 10 SDK, PostgreSQL server binaries (initdb, pg_ctl), python3 with numpy for the
# bench-data tests. .ci/run installs what a fresh machine lacks.
set -uo pipefail
cd "$(dirname "$0")/.."
results=$(mktemp -d)
dotnet build Guanxi.sln -c Release -nologo -v quiet 2>&1 | tail -n 3
build=${PIPESTATUS[0]}
if [ "$build" -ne 0 ]; then
  echo "build failed"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi
dotnet test Guanxi.sln -c Release --no-build -nologo --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=false
status=$?
python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(c.get("passed", 0))
    failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    skipped += int(c.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
rm -rf "$results"
exit $status
