#!/usr/bin/env bash
# The service queue and the SLA check at scale (issue 14): demo customers (200,000 by default), then the probe adds 100
# service agents in 10 teams with a manager each sharing the customers, a default policy and REQUESTS service requests (every fifth open, deadlines
# spread around now), times each agent's queue views and an admin's, and then `SlaCheck.RunAsync` (what
# `guanxi sla check` runs) over the open requests: FIRST_CHECKS first checks (3 by default; the marks and SLA
# notifications of earlier checks removed before each) and one that finds nothing new.
# Usage: bench/scripts/service-bench.sh [CUSTOMERS] [REQUESTS] [DB]
#   DB=postgres bench/scripts/service-bench.sh [CUSTOMERS] [REQUESTS]   # on a throw-away PostgreSQL server (pg-temp.sh);
#                                                   # KEEP=1 leaves it running and prints its connection string
# Env: FIRST_CHECKS=n first checks.
set -euo pipefail
customers=${1:-200000}
requests=${2:-1000000}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
dotnet build -c Release bench/Guanxi.Bench -v q -nologo >/dev/null
if [ "${DB:-sqlite}" = postgres ]; then
  read -r pgdir db < <("$root/bench/scripts/pg-temp.sh")
  if [ "${KEEP:-}" = 1 ]; then echo "PostgreSQL kept: '$db' (stop: bench/scripts/pg-temp.sh stop $pgdir)" >&2
  else trap '"$root/bench/scripts/pg-temp.sh" stop "$pgdir"' EXIT; fi
else
  db=${3:-/tmp/bench/service-$customers.db}
  mkdir -p "$(dirname "$db")"
  rm -f "$db" "$db"-wal "$db"-shm
fi
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet src/Guanxi/bin/Release/net10.0/guanxi.dll demo --customers "$customers" --orders "$customers" --db "$db" | tail -1
dotnet bench/Guanxi.Bench/bin/Release/net10.0/Guanxi.Bench.dll service-queue "$db" "$requests" "${FIRST_CHECKS:-3}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
