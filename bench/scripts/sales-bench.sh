#!/usr/bin/env bash
# The funnel, the forecast and the backtest at scale (issue 15): demo customers (100,000 by default), then the probe
# gives them 20 reps as owners, tops the opportunities up to OPPORTUNITIES (1,000,000 by default; about 5 stage changes
# each) and times the funnel (90 days, two years), the forecast of the current quarter and the six-quarter backtest
# under an admin's and a sales manager's scope (SQLite).
# Usage: bench/scripts/sales-bench.sh [CUSTOMERS] [OPPORTUNITIES] [DB]
set -euo pipefail
customers=${1:-100000}
opportunities=${2:-1000000}
db=${3:-/tmp/bench/sales-$customers.db}
cd "$(dirname "$0")/../.."
dotnet build -c Release bench/Guanxi.Bench -v q -nologo >/dev/null
mkdir -p "$(dirname "$db")"
rm -f "$db" "$db"-wal "$db"-shm
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet src/Guanxi/bin/Release/net10.0/guanxi.dll demo --customers "$customers" --orders "$customers" --db "$db" | tail -1
dotnet bench/Guanxi.Bench/bin/Release/net10.0/Guanxi.Bench.dll sales-forecast "$db" "$opportunities"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
