#!/usr/bin/env bash
# The funnel, the forecast and the backtest at scale (issue 15): demo customers (100,000 by default), then the probe
# gives them 20 reps as owners, tops the opportunities up to OPPORTUNITIES (1,000,000 by default; about 5 stage changes
# each) and times the funnel (90 days, two years), the forecast of the current quarter and the six-quarter backtest
# under an admin's and a sales manager's scope (SQLite).
# Usage: bench/scripts/sales-bench.sh [CUSTOMERS] [OPPORTUNITIES] [DB]   (SALES_BENCH_BACKTEST=0: without the backtest)
# SALES_BENCH_PROBES="sales-lists" runs the board and list probe instead ("sales-forecast sales-lists": both, in turn);
# SALES_BENCH_REUSE=1 keeps an existing DB (no new demo; the probes top it up only if it has fewer opportunities);
# SALES_BENCH_CALLS sets the list probe's calls per row (100); SALES_BENCH_OPEN=20000 has the list probe leave that many
# opportunities open (spread over the open ones) and mark the rest lost first (the issue's board has 20k open).
# (Guanxi.Bench sales-lists alone: SALES_LISTS_ONLY=TEXT times only the rows whose name contains TEXT.)
set -euo pipefail
customers=${1:-100000}
opportunities=${2:-1000000}
db=${3:-/tmp/bench/sales-$customers.db}
cd "$(dirname "$0")/../.."
dotnet build -c Release bench/Guanxi.Bench -v q -nologo >/dev/null
mkdir -p "$(dirname "$db")"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ ${SALES_BENCH_REUSE:-0} != 1 || ! -f $db ]]; then
  rm -f "$db" "$db"-wal "$db"-shm
  dotnet src/Guanxi/bin/Release/net10.0/guanxi.dll demo --customers "$customers" --orders "$customers" --db "$db" | tail -1
fi
for probe in ${SALES_BENCH_PROBES:-sales-forecast}; do
  case $probe in
    sales-forecast) dotnet bench/Guanxi.Bench/bin/Release/net10.0/Guanxi.Bench.dll sales-forecast "$db" "$opportunities" ;;
    sales-lists) dotnet bench/Guanxi.Bench/bin/Release/net10.0/Guanxi.Bench.dll sales-lists "$db" "$opportunities" "${SALES_BENCH_CALLS:-100}" ;;
    *) echo "unknown probe: $probe" >&2; exit 2 ;;
  esac
  echo "load after $probe: $(cut -d' ' -f1-3 /proc/loadavg)"
done
