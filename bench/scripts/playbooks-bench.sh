#!/usr/bin/env bash
# Applying playbooks at scale (issue 13): demo data, a model run a month before the data's last day and the first
# application, then a run on the last day (customers who changed class since) and the application that counts, then the
# same application again (it must add nothing). Usage: bench/scripts/playbooks-bench.sh [CUSTOMERS] [ORDERS] [DB]
set -euo pipefail
customers=${1:-1000000}
orders=${2:-10000000}
db=${3:-/tmp/bench/playbooks-$customers.db}
cd "$(dirname "$0")/../.."
dotnet build -c Release src/Guanxi -v q -nologo >/dev/null
g() { dotnet src/Guanxi/bin/Release/net10.0/guanxi.dll "$@"; }
export Playbooks__ApplyAfterRuns=false
rm -f "$db" "$db"-wal "$db"-shm
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
g demo --customers "$customers" --orders "$orders" --today 2026-12-01 --db "$db" | tail -1
g models run --as-of 2026-11-01 --db "$db" | tail -1
echo "first application (every customer due a contact gets one):"
/usr/bin/time -f "  %e s, %M KB peak" dotnet src/Guanxi/bin/Release/net10.0/guanxi.dll playbooks apply --as-of 2026-11-01 --db "$db" | tail -1
g models run --as-of 2026-12-01 --db "$db" | tail -1
echo "application after the second run (customers who entered a class, and contacts now due):"
/usr/bin/time -f "  %e s, %M KB peak" dotnet src/Guanxi/bin/Release/net10.0/guanxi.dll playbooks apply --as-of 2026-12-01 --db "$db" | tail -1
echo "the same application again:"
/usr/bin/time -f "  %e s, %M KB peak" dotnet src/Guanxi/bin/Release/net10.0/guanxi.dll playbooks apply --as-of 2026-12-01 --db "$db" | tail -1
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
