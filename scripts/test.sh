#!/usr/bin/env bash
# Runs every test project (the solution) once per awkward day and ends with one line: N passed, N failed, N skipped
# (summed over the days). Needs: the .NET 10 SDK, PostgreSQL server binaries (initdb, pg_ctl), python3 with numpy for
# the bench-data tests, Chromium, tzdata. .ci/run installs what a fresh machine lacks.
#
# No test reads the wall clock: the suite's clock starts at GUANXI_TEST_CLOCK (read only by the tests; the product
# sees it as its Clock:Start setting in the commands the tests run). Set GUANXI_TEST_CLOCK (and TZ) yourself to run
# the suite on one day only.
set -uo pipefail
cd "$(dirname "$0")/.."
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

# The third field says whether the browser tests run that day. Not on the fourth: the browser flows call the same
# services whose date rules the API and domain tests check on every day, and CI must stay under 30 minutes (a
# day of browser tests costs about a minute of the run's two cores).
if [ -n "${GUANXI_TEST_CLOCK:-}" ]; then
  days=("$GUANXI_TEST_CLOCK ${TZ:-UTC} browser")
else
  days=(
    "2026-12-31T23:30:00+08:00 Asia/Shanghai browser"   # the last half hour of the year
    "2027-01-01T00:00:00+08:00 Asia/Shanghai browser"   # new year in China, still 2026 in UTC
    "2028-02-29T12:00:00+08:00 UTC browser"             # a leap day, the machine on UTC
    "2027-02-05T20:00:00+08:00 Asia/Shanghai -"         # the eve of Spring Festival 2027
  )
fi

dotnet build Guanxi.sln -c Release -nologo -v quiet 2>&1 | tail -n 3
build=${PIPESTATUS[0]}
if [ "$build" -ne 0 ]; then
  echo "build failed"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

status=0
n=0
for day in "${days[@]}"; do
  read -r clock zone browser <<<"$day"
  n=$((n + 1))
  # Test classes marked [ClockIndependent] test what the day cannot change: they run on the first day only.
  only=()
  filter=""
  if [ "$n" -gt 1 ]; then filter="Clock!=Independent"; fi
  if [ "$browser" != browser ]; then filter="${filter:+$filter&}FullyQualifiedName!~Guanxi.E2E."; fi
  if [ -n "$filter" ]; then only=(--filter "$filter"); fi
  echo "== tests on $clock (TZ=$zone)${only:+, without the clock-independent classes}$([ "$browser" = browser ] || echo ", without the browser tests")"
  GUANXI_TEST_CLOCK="$clock" TZ="$zone" dotnet test Guanxi.sln -c Release --no-build -nologo --logger "trx" "${only[@]}" \
    --results-directory "$results/day$n" -- RunConfiguration.TreatNoTestsAsError=false
  code=$?
  if [ "$code" -ne 0 ]; then
    echo "== FAILED on $clock (TZ=$zone)"
    status=$code
  fi
done

python3 - "$results" <<'PY'
import collections, glob, re, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
seconds = collections.Counter()
for f in glob.glob(sys.argv[1] + "/*/*.trx"):
    root = ET.parse(f).getroot()
    for r in root.iter("{%s}UnitTestResult" % ns["t"]):
        h, m, s = (r.get("duration") or "0:0:0").split(":")
        seconds[re.sub(r"\(.*", "", r.get("testName", "")).rsplit(".", 1)[0]] += int(h) * 3600 + int(m) * 60 + float(s)
    c = root.find("t:ResultSummary/t:Counters", ns)
    passed += int(c.get("passed", 0))
    failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    skipped += int(c.get("notExecuted", 0))
# Where the time goes (all days, summed over the tests of a class; classes run in parallel), for whoever keeps CI fast.
print("slowest test classes: " + ", ".join(f"{c.rsplit('.', 1)[-1]} {s:.0f} s" for c, s in seconds.most_common(8)))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
