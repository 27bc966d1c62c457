#!/usr/bin/env bash
# Applying playbooks at scale (issue 13): demo data, a model run some days before the data's last day and the first
# application, then a run on the last day (customers who changed class since) and the application that counts, then the
# same application again (it must add nothing); last, what applying adds to the nightly run: the run on the last day
# with and without the application after it, each on a copy of the database as it was before that run.
# The first run is a week before the last day by default: about a tenth of the customers change class in that week, the
# issue's nightly case; FIRST_DAY 2026-11-01 gives a month of change.
# Usage: bench/scripts/playbooks-bench.sh [CUSTOMERS] [ORDERS] [DB] [FIRST_DAY]
set -euo pipefail
customers=${1:-1000000}
orders=${2:-10000000}
db=${3:-/tmp/bench/playbooks-$customers.db}
first=${4:-2026-11-24}
cd "$(dirname "$0")/../.."
dotnet build -c Release src/Guanxi -v q -nologo >/dev/null
g() { dotnet src/Guanxi/bin/Release/net10.0/guanxi.dll "$@"; }
timed() { /usr/bin/time -f "  %e s (%U s user, %S s system), %M KB peak" dotnet src/Guanxi/bin/Release/net10.0/guanxi.dll "$@" | tail -1; }
export Playbooks__ApplyAfterRuns=false
mkdir -p "$(dirname "$db")"
rm -f "$db" "$db"-wal "$db"-shm
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
g demo --customers "$customers" --orders "$orders" --today 2026-12-01 --db "$db" | tail -1
g models run --as-of "$first" --db "$db" | tail -1
echo "first application (every customer due a contact gets one):"
timed playbooks apply --as-of "$first" --db "$db"
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
cp "$db" "$db.before-run"
g models run --as-of 2026-12-01 --db "$db" | tail -1
echo "application after the second run (customers who entered a class, and contacts now due):"
timed playbooks apply --as-of 2026-12-01 --db "$db"
echo "the same application again:"
timed playbooks apply --as-of 2026-12-01 --db "$db"
echo "the nightly run on the last day without the application:"
cp "$db.before-run" "$db.nightly"
timed models run --as-of 2026-12-01 --db "$db.nightly"
echo "the nightly run on the last day with the application after it:"
cp "$db.before-run" "$db.nightly"
Playbooks__ApplyAfterRuns=true timed models run --as-of 2026-12-01 --db "$db.nightly"
rm -f "$db.nightly" "$db.nightly"-wal "$db.nightly"-shm
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
