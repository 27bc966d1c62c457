#!/usr/bin/env bash
# End-to-end import benchmark: `guanxi import` against the raw loader on the same CSV and table shape
# (sqlite3 .import; PostgreSQL COPY), on SQLite and PostgreSQL. Prints a markdown table.
#   bench/scripts/import-bench.sh small   # 100k customers, 1M orders
#   bench/scripts/import-bench.sh large   # 1M customers, 10M orders
# Env: ONLY=postgres skips SQLite, ONLY=sqlite skips PostgreSQL; SERVE=1 also runs serve-bench.sh (search and page times) on each database.
set -euo pipefail
size=${1:-small}
case "$size" in
  small) customers=100000; orders=1000000 ;;
  large) customers=1000000; orders=10000000 ;;
  *) echo "usage: $0 small|large" >&2; exit 2 ;;
esac
root=$(cd "$(dirname "$0")/../.." && pwd)
data=/tmp/bench/$size
shared=${SHARED:-$root/../shared}
if [ ! -f "$data/orders.csv" ]; then
  python3 "$shared/bench/gen_orders.py" --customers $customers --orders $orders --seed 42 --out "$data" >/dev/null
fi
dotnet publish "$root/src/Guanxi" -c Release -o /tmp/bench/guanxi-bin -nologo -v quiet >/dev/null
guanxi="dotnet /tmp/bench/guanxi-bin/guanxi.dll"
rows=$((customers + orders))

measure() { # prints "seconds peakMB" of a command; its output goes to /tmp/bench/cmd.out
  /usr/bin/time -o /tmp/bench/time.out -f "%e %M" "$@" >/tmp/bench/cmd.out 2>&1 || { cat /tmp/bench/cmd.out >&2; return 1; }
  awk '{printf "%s %.0f\n", $1, $2/1024}' /tmp/bench/time.out
}

echo "| database | loader | customers+orders | seconds | rows/s | peak MB |"
echo "| --- | --- | --- | --- | --- | --- |"

if [ "${ONLY:-}" != "postgres" ]; then
# SQLite: guanxi import (validating every row, upserting) vs sqlite3 .import into the same columns.
db=/tmp/bench/$size.db; rm -f "$db"*
$guanxi migrate --db "$db" >/dev/null
read -r t1 m1 < <(measure $guanxi import customers "$data/customers.csv" --db "$db")
read -r t2 m2 < <(measure $guanxi import orders "$data/orders.csv" --db "$db")
g=$(echo "$t1 + $t2" | bc); gm=$(( m1 > m2 ? m1 : m2 ))
echo "| SQLite | guanxi import | $rows | $g | $(echo "$rows / $g" | bc) | $gm |"
read -r mt mm < <(measure $guanxi models run --db "$db")
models_sqlite="| SQLite | guanxi models run | $customers customers | $mt | | $mm |"
cp /tmp/bench/cmd.out /tmp/bench/$size-models-sqlite.out
raw=/tmp/bench/$size-raw.db; rm -f "$raw"*
# The raw loader fills the same tables, indexes and search triggers: sqlite3 .import into a bare staging
# table, then one INSERT … SELECT each (what a hand-written load script would do, without any validation).
$guanxi migrate --db "$raw" >/dev/null
sqlite3 "$raw" "CREATE TABLE stage_c (customer_id, code, name, phone, email, city, created_at, referred_by);
CREATE TABLE stage_o (order_id, customer_id, ordered_at, amount, channel);"
read -r r1 n1 < <(measure sqlite3 "$raw" ".mode csv" ".import --skip 1 $data/customers.csv stage_c" \
  "INSERT INTO customers (external_id, code, name, kind, relationship, phone, phone_digits, email, email_normalized, city, company_size, created_at, updated_at, version)
   SELECT customer_id, code, name, 'Person', 'Ordinary', nullif(phone,''), nullif(phone,''), nullif(email,''), lower(nullif(email,'')), nullif(city,''), 'Unknown', created_at || ' 00:00:00', created_at || ' 00:00:00', 1 FROM stage_c;")
read -r r2 n2 < <(measure sqlite3 "$raw" ".mode csv" ".import --skip 1 $data/orders.csv stage_o" \
  "INSERT INTO orders (number, customer_id, ordered_at, amount_cents, currency, channel, created_at, version)
   SELECT s.order_id, c.id, s.ordered_at, CAST(round(s.amount * 100) AS INTEGER), 'CNY', s.channel, '2026-01-01 00:00:00', 1 FROM stage_o s JOIN customers c ON c.external_id = s.customer_id;")
r=$(echo "$r1 + $r2" | bc); rm_=$(( n1 > n2 ? n1 : n2 ))
echo "| SQLite | sqlite3 .import + INSERT…SELECT | $rows | $r | $(echo "$rows / $r" | bc) | $rm_ |"
echo "| SQLite | ratio guanxi/raw | | $(echo "scale=2; $g / $r" | bc) | | |"

if [ "${SERVE:-}" = 1 ]; then "$root/bench/scripts/serve-bench.sh" "$db"; fi
fi
models_sqlite=${models_sqlite:-}
if [ "${ONLY:-}" = "sqlite" ]; then
  printf '\n| database | step | size | seconds | | peak MB |\n| --- | --- | --- | --- | --- | --- |\n%s\n\nload average at the end: %s\n' \
    "$models_sqlite" "$(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi

# PostgreSQL: guanxi import vs COPY.
read -r pgdir cs < <("$root/bench/scripts/pg-temp.sh")
trap '"$root/bench/scripts/pg-temp.sh" stop "$pgdir"' EXIT
$guanxi migrate --db "$cs" >/dev/null
read -r t1 m1 < <(measure $guanxi import customers "$data/customers.csv" --db "$cs")
read -r t2 m2 < <(measure $guanxi import orders "$data/orders.csv" --db "$cs")
g=$(echo "$t1 + $t2" | bc); gm=$(( m1 > m2 ? m1 : m2 ))
echo "| PostgreSQL | guanxi import | $rows | $g | $(echo "$rows / $g" | bc) | $gm |"
read -r mt mm < <(measure $guanxi models run --db "$cs")
models_pg="| PostgreSQL | guanxi models run | $customers customers | $mt | | $mm |"
cp /tmp/bench/cmd.out /tmp/bench/$size-models-pg.out
port=$(sed 's/.*Port=\([0-9]*\).*/\1/' <<<"$cs")
psql -h 127.0.0.1 -p "$port" -U guanxi -d guanxi -qc "CREATE DATABASE raw" >/dev/null
rawcs="Host=127.0.0.1;Port=$port;Username=guanxi;Database=raw"
$guanxi migrate --db "$rawcs" >/dev/null
psql -h 127.0.0.1 -p "$port" -U guanxi -d raw -qc "CREATE UNLOGGED TABLE stage_c (customer_id text, code text, name text, phone text, email text, city text, created_at date, referred_by text);
CREATE UNLOGGED TABLE stage_o (order_id text, customer_id text, ordered_at timestamp, amount numeric(12,2), channel text);" >/dev/null
read -r r1 n1 < <(measure psql -h 127.0.0.1 -p "$port" -U guanxi -d raw -q \
  -c "\\copy stage_c FROM '$data/customers.csv' CSV HEADER" \
  -c "INSERT INTO customers (external_id, code, name, kind, relationship, phone, phone_digits, email, email_normalized, city, company_size, created_at, updated_at, version)
      SELECT customer_id, code, name, 'Person', 'Ordinary', nullif(phone,''), nullif(phone,''), nullif(email,''), lower(nullif(email,'')), nullif(city,''), 'Unknown', created_at, created_at, 1 FROM stage_c")
read -r r2 n2 < <(measure psql -h 127.0.0.1 -p "$port" -U guanxi -d raw -q \
  -c "\\copy stage_o FROM '$data/orders.csv' CSV HEADER" \
  -c "INSERT INTO orders (number, customer_id, ordered_at, amount_cents, currency, channel, created_at, version)
      SELECT s.order_id, c.id, s.ordered_at, (s.amount * 100)::bigint, 'CNY', s.channel, now(), 1 FROM stage_o s JOIN customers c ON c.external_id = s.customer_id")
r=$(echo "$r1 + $r2" | bc); rm_=$(( n1 > n2 ? n1 : n2 ))
echo "| PostgreSQL | COPY + INSERT…SELECT | $rows | $r | $(echo "$rows / $r" | bc) | $rm_ |"
echo "| PostgreSQL | ratio guanxi/raw | | $(echo "scale=2; $g / $r" | bc) | | |"
if [ "${SERVE:-}" = 1 ]; then "$root/bench/scripts/serve-bench.sh" "$cs"; fi
echo
echo "| database | step | size | seconds | | peak MB |"
echo "| --- | --- | --- | --- | --- | --- |"
echo "$models_sqlite"
echo "$models_pg"
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
