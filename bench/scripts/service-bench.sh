#!/usr/bin/env bash
# The service queue and the SLA check at scale (issue 14): demo customers (200,000 by default), then the probe adds 100
# service agents sharing the customers, a default policy and REQUESTS service requests (every fifth open, deadlines
# spread around now), times each agent's queue views and an admin's, and then `SlaCheck.RunAsync` (what
# `guanxi sla check` runs) over the open requests.
# Usage: bench/scripts/service-bench.sh [CUSTOMERS] [REQUESTS] [DB]
set -euo pipefail
customers=${1:-200000}
requests=${2:-1000000}
db=${3:-/tmp/bench/service-$customers.db}
cd "$(dirname "$0")/../.."
dotnet build -c Release bench/Guanxi.Bench -v q -nologo >/dev/null
mkdir -p "$(dirname "$db")"
rm -f "$db" "$db"-wal "$db"-shm
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet src/Guanxi/bin/Release/net10.0/guanxi.dll demo --customers "$customers" --orders "$customers" --db "$db" | tail -1
dotnet bench/Guanxi.Bench/bin/Release/net10.0/Guanxi.Bench.dll service-queue "$db" "$requests"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
