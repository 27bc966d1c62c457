#!/usr/bin/env bash
# End-to-end import benchmark: `guanxi import` against the raw loader on the same CSV and table shape
# (sqlite3 .import; PostgreSQL COPY), on SQLite and PostgreSQL. Prints a markdown table.
#   bench/scripts/import-bench.sh small   # 100k customers, 1M orders
#   bench/scripts/import-bench.sh large   # 1M customers, 10M orders
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

# SQLite: guanxi import (validating every row, upserting) vs sqlite3 .import into the same columns.
db=/tmp/bench/$size.db; rm -f "$db"*
$guanxi migrate --db "$db" >/dev/null
read -r t1 m1 < <(measure $guanxi import customers "$data/customers.csv" --db "$db")
read -r t2 m2 < <(measure $guanxi import orders "$data/orders.csv" --db "$db")
g=$(echo "$t1 + $t2" | bc); gm=$(( m1 > m2 ? m1 : m2 ))
echo "| SQLite | guanxi import | $rows | $g | $(echo "$rows / $g" | bc) | $gm |"
raw=/tmp/bench/$size-raw.db; rm -f "$raw"*
sqlite3 "$raw" "CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, code TEXT UNIQUE, name TEXT, phone TEXT, email TEXT, city TEXT, created_at TEXT, referred_by INTEGER);
CREATE TABLE orders (order_id INTEGER PRIMARY KEY, customer_id INTEGER, ordered_at TEXT, amount TEXT, channel TEXT); CREATE INDEX o_c ON orders(customer_id, ordered_at);"
read -r r1 n1 < <(measure sqlite3 "$raw" ".mode csv" ".import --skip 1 $data/customers.csv customers")
read -r r2 n2 < <(measure sqlite3 "$raw" ".mode csv" ".import --skip 1 $data/orders.csv orders")
r=$(echo "$r1 + $r2" | bc); rm_=$(( n1 > n2 ? n1 : n2 ))
echo "| SQLite | sqlite3 .import | $rows | $r | $(echo "$rows / $r" | bc) | $rm_ |"
echo "| SQLite | ratio guanxi/raw | | $(echo "scale=2; $g / $r" | bc) | | |"

# PostgreSQL: guanxi import vs COPY.
read -r pgdir cs < <("$root/bench/scripts/pg-temp.sh")
trap '"$root/bench/scripts/pg-temp.sh" stop "$pgdir"' EXIT
$guanxi migrate --db "$cs" >/dev/null
read -r t1 m1 < <(measure $guanxi import customers "$data/customers.csv" --db "$cs")
read -r t2 m2 < <(measure $guanxi import orders "$data/orders.csv" --db "$cs")
g=$(echo "$t1 + $t2" | bc); gm=$(( m1 > m2 ? m1 : m2 ))
echo "| PostgreSQL | guanxi import | $rows | $g | $(echo "$rows / $g" | bc) | $gm |"
port=$(sed 's/.*Port=\([0-9]*\).*/\1/' <<<"$cs")
psql -h 127.0.0.1 -p "$port" -U guanxi -d guanxi -qc "CREATE DATABASE raw" >/dev/null
psql -h 127.0.0.1 -p "$port" -U guanxi -d raw -qc "CREATE TABLE customers (customer_id bigint PRIMARY KEY, code text UNIQUE, name text, phone text, email text, city text, created_at date, referred_by bigint);
CREATE TABLE orders (order_id bigint PRIMARY KEY, customer_id bigint, ordered_at timestamp, amount numeric(12,2), channel text); CREATE INDEX o_c ON orders(customer_id, ordered_at);" >/dev/null
read -r r1 n1 < <(measure psql -h 127.0.0.1 -p "$port" -U guanxi -d raw -qc "\\copy customers FROM '$data/customers.csv' CSV HEADER")
read -r r2 n2 < <(measure psql -h 127.0.0.1 -p "$port" -U guanxi -d raw -qc "\\copy orders FROM '$data/orders.csv' CSV HEADER")
r=$(echo "$r1 + $r2" | bc); rm_=$(( n1 > n2 ? n1 : n2 ))
echo "| PostgreSQL | COPY | $rows | $r | $(echo "$rows / $r" | bc) | $rm_ |"
echo "| PostgreSQL | ratio guanxi/raw | | $(echo "scale=2; $g / $r" | bc) | | |"
