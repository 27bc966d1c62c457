#!/usr/bin/env bash
# A model run with the service desk's data at scale (issue 14): on a copy of the 1M-customer / 10M-order bench database
# (bench/scripts/playbooks-bench.sh makes it), the run on its last day without service data, then again after adding
# REQUESTS service requests (one in ten a complaint, one in fifty still open, made over the two years before the day)
# and ANSWERS answered satisfaction surveys (one in five NPS) — what the models read of the desk: complaints open and
# in the trailing year, and the mean rating of the year's answers.
# Usage: bench/scripts/service-model-bench.sh [SOURCE_DB] [REQUESTS] [ANSWERS]
#   DB=postgres …: then the same rows copied to a throw-away PostgreSQL server (pg-temp.sh; the tables a run reads:
#   customers, orders, interactions, service requests, surveys) and three runs there (the first rebuilds the order
#   histories, which are not copied). KEEP=1 leaves the server running; PG='Host=…' reruns against a kept one.
set -euo pipefail
source_db=${1:-/tmp/bench/playbooks-1000000.db.before-run}
requests=${2:-5000000}
answers=${3:-2000000}
db=/tmp/bench/service-model.db
cd "$(dirname "$0")/../.."
dotnet build -c Release src/Guanxi -v q -nologo >/dev/null
g() { dotnet src/Guanxi/bin/Release/net10.0/guanxi.dll "$@"; }
timed() { /usr/bin/time -f "  %e s (%U s user, %S s system), %M KB peak" dotnet src/Guanxi/bin/Release/net10.0/guanxi.dll "$@" | tail -1; }
export Playbooks__ApplyAfterRuns=false
rm -f "$db" "$db"-wal "$db"-shm
cp "$source_db" "$db"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
g models run --as-of 2026-12-01 --db "$db" | tail -1   # migrates the copy and warms the cache
echo "the run without service data:"
timed models run --as-of 2026-12-01 --db "$db"
start=$(date +%s)
customers=$(sqlite3 "$db" "SELECT max(id) FROM customers")
sqlite3 "$db" <<SQL
PRAGMA journal_mode=WAL;
DELETE FROM satisfaction_surveys;
DELETE FROM service_requests;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $requests)
INSERT INTO service_requests (customer_id, type, channel, priority, subject, status, is_open, next_due_at, resolved_at, closed_at,
    follow_up_days, created_at, updated_at, version)
SELECT 1 + (i * 7919) % $customers,
       CASE WHEN i % 10 = 0 THEN 'Complaint' ELSE 'Repair' END, 'Phone', 'Normal', '报修 ' || i,
       CASE WHEN i % 50 = 0 THEN 'InProgress' ELSE 'Closed' END, CASE WHEN i % 50 = 0 THEN 1 ELSE 0 END,
       CASE WHEN i % 50 = 0 THEN strftime('%Y-%m-%d %H:%M:%S', '2026-12-01', '+' || (i % 72) || ' hours') END,
       CASE WHEN i % 50 = 0 THEN NULL ELSE strftime('%Y-%m-%d %H:%M:%S', '2026-12-01', '-' || (i % 730) || ' days', '+2 days') END,
       CASE WHEN i % 50 = 0 THEN NULL ELSE strftime('%Y-%m-%d %H:%M:%S', '2026-12-01', '-' || (i % 730) || ' days', '+3 days') END,
       3, strftime('%Y-%m-%d %H:%M:%S', '2026-12-01', '-' || (i % 730) || ' days'), '2026-12-01 00:00:00', 1
FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $answers)
INSERT INTO satisfaction_surveys (kind, customer_id, service_request_id, token_hash, created_at, expires_at, answered_at, score)
SELECT CASE WHEN i % 5 = 0 THEN 'Nps' ELSE 'Csat' END, 1 + (i * 104729) % $customers, NULL, 'bench-' || i,
       strftime('%Y-%m-%d %H:%M:%S', '2026-12-01', '-' || (i % 540) || ' days'),
       strftime('%Y-%m-%d %H:%M:%S', '2026-12-01', '-' || (i % 540) || ' days', '+14 days'),
       strftime('%Y-%m-%d %H:%M:%S', '2026-12-01', '-' || (i % 540) || ' days', '+1 days'),
       CASE WHEN i % 5 = 0 THEN i % 11 ELSE 1 + i % 5 END
FROM n;
ANALYZE;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
echo "added $requests service requests and $answers answered surveys in $(( $(date +%s) - start )) s"
for i in 1 2; do
  echo "the run with them ($i):"
  timed models run --as-of 2026-12-01 --db "$db"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
[ "${DB:-sqlite}" = postgres ] || exit 0

if [ -n "${PG:-}" ]; then
  cs=$PG
else
  read -r pgdir cs < <(bench/scripts/pg-temp.sh)
  if [ "${KEEP:-}" = 1 ]; then echo "PostgreSQL kept: PG='$cs' (stop: bench/scripts/pg-temp.sh stop $pgdir)" >&2
  else trap 'bench/scripts/pg-temp.sh stop "$pgdir"' EXIT; fi
  g migrate --db "$cs" >/dev/null
  port=$(sed 's/.*Port=\([0-9]*\).*/\1/' <<<"$cs")
  pg() { psql -h 127.0.0.1 -p "$port" -U guanxi -d guanxi -qAt "$@"; }
  start=$(date +%s)
  for table in customers orders interactions service_requests satisfaction_surveys; do
    # Columns both databases have, minus PostgreSQL's generated ones (search vectors): same names by design.
    cols=$(pg -c "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns
                  WHERE table_name = '$table' AND is_generated = 'NEVER'")
    # Customers without reference checks: a referrer may come later in id order, an owner is a SQLite-side user.
    role=$([ "$table" = customers ] && echo replica || echo origin)
    sqlite3 -csv "$db" "SELECT $cols FROM $table" \
      | pg -c "SET session_replication_role = $role" -c "\\copy $table ($cols) FROM STDIN WITH (FORMAT csv)"
    pg -c "SELECT setval(pg_get_serial_sequence('$table', 'id'), greatest(1, (SELECT max(id) FROM $table)))" >/dev/null
    echo "  copied $table: $(( $(date +%s) - start )) s"
  done
  pg -c "VACUUM ANALYZE" >/dev/null
  echo "copied to PostgreSQL and analysed in $(( $(date +%s) - start )) s"
fi
echo "load before (PostgreSQL): $(cut -d' ' -f1-3 /proc/loadavg)"
for i in 1 2 3; do
  echo "PostgreSQL, the run with them ($i):"
  timed models run --as-of 2026-12-01 --db "$cs"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
