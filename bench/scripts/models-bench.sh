#!/usr/bin/env bash
# Model-run benchmark (issue 5): `guanxi models run` on the same data in SQLite and PostgreSQL.
#   bench/scripts/models-bench.sh large   # 1M customers, 10M orders
# The SQLite database is the one import-bench.sh leaves in /tmp/bench/$size.db (made here if missing). PostgreSQL
# gets a copy of exactly those rows (sqlite3 -csv | COPY), so both runs classify the same customers.
# A run reads each customer's stored order history when current; the first run on a copied database rebuilds them
# all from the orders (an import does that itself at its end). Env: RUNS=n (default 3) runs per database; ONLY=sqlite|postgres; KEEP=1 leaves the PostgreSQL server running
# and prints its connection string, PG='…' runs against such a server again without copying.
set -euo pipefail
size=${1:-large}
case "$size" in
  small) customers=100000; orders=1000000 ;;
  large) customers=1000000; orders=10000000 ;;
  *) echo "usage: $0 small|large" >&2; exit 2 ;;
esac
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${RUNS:-3}
db=/tmp/bench/$size.db
dotnet publish "$root/src/Guanxi" -c Release -o /tmp/bench/guanxi-bin -nologo -v quiet >/dev/null
guanxi="dotnet /tmp/bench/guanxi-bin/guanxi.dll"
if [ ! -f "$db" ]; then
  data=/tmp/bench/$size
  if [ ! -f "$data/orders.csv" ]; then
    python3 "${SHARED:-$root/../shared}/bench/gen_orders.py" --customers $customers --orders $orders --seed 42 --out "$data" >/dev/null
  fi
  $guanxi import customers "$data/customers.csv" --db "$db" >/dev/null
  $guanxi import orders "$data/orders.csv" --db "$db" >/dev/null
fi

run() { # database label, connection: prints one table row per run
  for k in $(seq "$runs"); do
    Logging__LogLevel__Guanxi=Debug /usr/bin/time -o /tmp/bench/time.out -f "%e %M %U %S" $guanxi models run --db "$2" >/tmp/bench/models.out 2>&1 \
      || { cat /tmp/bench/models.out >&2; return 1; }
    read -r wall peak user sys </tmp/bench/time.out
    # The command's own last line: "run N as of D: C customers in T s (load L s, evaluate E s, store S s)".
    phases=$(grep -o 'in [0-9.]* s (load [0-9.]* s, evaluate [0-9.]* s, store [0-9.]* s)' /tmp/bench/models.out \
      | sed -E 's/in ([0-9.]*) s \(load ([0-9.]*) s, evaluate ([0-9.]*) s, store ([0-9.]*) s\)/\1 | \2 | \3 | \4/')
    # Customers whose orders came from stored histories / were read from the orders table (and stored).
    histories=$(sed -nE 's/.*Order histories: ([0-9]+) current, ([0-9]+) to rebuild.*/\1 \/ \2/p' /tmp/bench/models.out)
    echo "| $1 | $k | $histories | $phases | $wall | $(echo "$user + $sys" | bc) | $((peak / 1024)) | $(cut -d' ' -f1 /proc/loadavg) |"
  done
}

echo "| database | run | histories read / rebuilt | run s | load s | evaluate s | store s | process wall s | CPU s | peak MB | load avg |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
if [ "${ONLY:-}" != postgres ]; then run SQLite "$db"; fi
if [ "${ONLY:-}" = sqlite ]; then exit 0; fi

if [ -n "${PG:-}" ]; then
  cs=$PG # a server filled by an earlier run (KEEP=1), reused as it is
else
  read -r pgdir cs < <("$root/bench/scripts/pg-temp.sh")
  if [ "${KEEP:-}" = 1 ]; then echo "PostgreSQL kept: PG='$cs' (stop: pg-temp.sh stop $pgdir)" >&2
  else trap '"$root/bench/scripts/pg-temp.sh" stop "$pgdir"' EXIT; fi
fi
$guanxi migrate --db "$cs" >/dev/null
port=$(sed 's/.*Port=\([0-9]*\).*/\1/' <<<"$cs")
pg() { psql -h 127.0.0.1 -p "$port" -U guanxi -d guanxi -qAt "$@"; }
if [ -z "${PG:-}" ]; then
for table in customers orders interactions; do
  # Columns both databases have, minus PostgreSQL's generated ones (search vectors): same names by design.
  cols=$(pg -c "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns
                WHERE table_name = '$table' AND is_generated = 'NEVER'")
  # Customers without reference checks: a referrer may come later in id order, an owner is a SQLite-side user.
  role=$([ "$table" = customers ] && echo replica || echo origin)
  sqlite3 -csv "$db" "SELECT $cols FROM $table" \
    | pg -c "SET session_replication_role = $role" -c "\\copy $table ($cols) FROM STDIN WITH (FORMAT csv)"
  pg -c "SELECT setval(pg_get_serial_sequence('$table', 'id'), greatest(1, (SELECT max(id) FROM $table)))" >/dev/null
done
pg -c "VACUUM ANALYZE" >/dev/null
fi
run PostgreSQL "$cs"
