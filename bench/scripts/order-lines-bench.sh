#!/usr/bin/env bash
# Order-line import benchmark (issue 17): `guanxi import order-lines` against a raw loader filling the same tables
# (sqlite3 .import into a staging table, then INSERT … SELECT for products, orders and order_lines), on SQLite.
#   bench/scripts/order-lines-bench.sh            # 10M lines (≈ 2M orders)
#   bench/scripts/order-lines-bench.sh 1000000    # 1M lines
#   DB=postgres bench/scripts/order-lines-bench.sh 1000000   # on a throw-away PostgreSQL server (pg-temp.sh); the raw
#                                                  # loader is psql \copy into a staging table + the same INSERT … SELECTs
# The file has a retailer's shape: about 5 lines an order, lines of an order adjacent, customer ids written 17850.0,
# about 2 % cancellations (order id C…, negative quantities, declared by the mapping file's cancellation_prefix=C),
# about 2 % guest lines (no customer), unit prices with 2 or 3 decimals, 4 000 products, a country column.
# Customers are loaded into both databases first (guanxi import customers, not timed). Prints a markdown table.
# GUANXI_BIN=DIR uses that build instead of publishing one. BENCH_DIR=DIR puts the published binary, the databases and the scratch files there instead of /tmp/bench (the data
# file is still read from /tmp/bench/order-lines-N if it exists there); AFTER_MIGRATE_SQL='…' runs on both SQLite
# databases after their migration (e.g. DROP TRIGGER … to time the import without a trigger).
set -euo pipefail
lines=${1:-10000000}
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${BENCH_DIR:-/tmp/bench}
mkdir -p "$out"
data=$out/order-lines-$lines
[ -f "$data/lines.csv" ] || [ ! -f "/tmp/bench/order-lines-$lines/lines.csv" ] || data=/tmp/bench/order-lines-$lines
mkdir -p "$data"
if [ ! -f "$data/lines.csv" ]; then
  python3 - "$lines" "$data" <<'EOF'
import random, sys
n, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(17)
customers = max(1, n // 50)
with open(f"{out}/customers.csv", "w") as f:
    f.write("customer_id,name\n")
    for c in range(1, customers + 1):
        f.write(f"{10000 + c},Customer {10000 + c}\n")
products = [(f"{20000 + p}{'ABCDE'[p % 5] if p % 3 == 0 else ''}", f"PRODUCT {p} DESCRIPTION",
             round(rng.uniform(0.2, 30), 3 if p % 10 == 0 else 2)) for p in range(4000)]
countries = ["United Kingdom"] * 9 + ["France", "Germany", "EIRE", "Spain"]
written, invoice = 0, 536365
minute = 0
with open(f"{out}/lines.csv", "w") as f:
    f.write("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n")
    while written < n:
        invoice += 1
        minute += rng.randint(1, 3)
        day, rest = divmod(minute, 600)
        y, m, d = 2010 + day // 336, 1 + (day // 28) % 12, 1 + day % 28
        at = f"{y:04d}-{m:02d}-{d:02d} {8 + rest // 60:02d}:{rest % 60:02d}:00"
        cancel = rng.random() < 0.02
        guest = rng.random() < 0.02
        number = ("C" if cancel else "") + str(invoice)
        customer = "" if guest else f"{10000 + rng.randint(1, customers)}.0"
        country = rng.choice(countries)
        for _ in range(min(n - written, max(1, int(rng.expovariate(1 / 5))))):
            code, name, price = products[rng.randrange(len(products))]
            qty = rng.choice([1, 1, 2, 3, 4, 6, 12, 24])
            f.write(f"{number},{code},{name},{-qty if cancel else qty},{at},{price},{customer},{country}\n")
            written += 1
EOF
fi
printf 'cancellation_prefix=C\nchannel=web\n' >"$out/mapping-$lines.csv"
if [ -z "${GUANXI_BIN:-}" ]; then
  dotnet publish "$root/src/Guanxi" -c Release -o "$out/guanxi-bin" -nologo -v quiet >/dev/null
fi
guanxi="dotnet ${GUANXI_BIN:-$out/guanxi-bin}/guanxi.dll"

measure() { # prints "seconds peakMB" of a command; its output goes to $out/cmd.out
  /usr/bin/time -o $out/time.out -f "%e %M" "$@" >$out/cmd.out 2>&1 || { cat $out/cmd.out >&2; return 1; }
  awk '{printf "%s %.0f\n", $1, $2/1024}' $out/time.out
}

if [ "${DB:-sqlite}" = postgres ]; then
  read -r pgdir conn < <("$root/bench/scripts/pg-temp.sh")
  trap '"$root/bench/scripts/pg-temp.sh" stop "$pgdir"' EXIT
  port=$(echo "$conn" | sed -E 's/.*Port=([0-9]+).*/\1/')
  pg() { psql -h 127.0.0.1 -p "$port" -U guanxi -v ON_ERROR_STOP=1 -qAt "$@"; }
  pg -d postgres -c "CREATE DATABASE raw" >/dev/null
  raw_conn=${conn/Database=guanxi/Database=raw}
  $guanxi migrate --db "$conn" >/dev/null
  $guanxi import customers "$data/customers.csv" --db "$conn" >/dev/null
  read -r g gm < <(measure $guanxi import order-lines "$data/lines.csv" --mapping "$out/mapping-$lines.csv" --db "$conn")
  summary=$(tail -2 $out/cmd.out | tr '\n' ' ')
  $guanxi migrate --db "$raw_conn" >/dev/null
  $guanxi import customers "$data/customers.csv" --db "$raw_conn" >/dev/null
  # The raw loader validates nothing; it fills the same tables, indexes and triggers.
  cat >$out/order-lines-raw.sql <<SQL
CREATE TEMP TABLE stage_l (invoice text, code text, descr text, qty int, at timestamp, price numeric, customer text, country text);
\\copy stage_l FROM '$data/lines.csv' WITH (FORMAT csv, HEADER true)
INSERT INTO products (code, name, price_cents, currency, active, version)
  SELECT code, min(descr), round(min(price) * 100)::bigint, 'CNY', true, 1 FROM stage_l GROUP BY code;
INSERT INTO orders (number, customer_id, ordered_at, amount_cents, currency, channel, is_return, created_at, version)
  SELECT s.invoice, c.id, min(s.at), round(sum(s.qty * s.price) * 100)::bigint, 'CNY', 'web', s.invoice LIKE 'C%', '2026-01-01', 1
  FROM stage_l s JOIN customers c ON c.external_id = (nullif(s.customer, '')::numeric)::bigint::text GROUP BY s.invoice, c.id;
INSERT INTO order_lines (order_id, product, quantity, unit_price_cents)
  SELECT o.id, s.code, s.qty, round(s.price * 100)::bigint FROM stage_l s JOIN orders o ON o.number = s.invoice;
SQL
  read -r r rm_ < <(measure psql -h 127.0.0.1 -p "$port" -U guanxi -v ON_ERROR_STOP=1 -qAt -d raw -f $out/order-lines-raw.sql)
  echo "| lines | loader | seconds | lines/s | peak MB |"
  echo "| --- | --- | --- | --- | --- |"
  echo "| $lines | guanxi import order-lines (PostgreSQL) | $g | $(echo "$lines / $g" | bc) | $gm |"
  echo "| $lines | psql \\copy + INSERT…SELECT | $r | $(echo "$lines / $r" | bc) | $rm_ |"
  echo "| $lines | ratio guanxi/raw | $(echo "scale=2; $g / $r" | bc) | | |"
  echo
  echo "guanxi: $summary"
  echo "orders: guanxi $(pg -d guanxi -c 'SELECT count(*) FROM orders') ($(pg -d guanxi -c 'SELECT count(*) FROM orders WHERE is_return') returns), raw $(pg -d raw -c 'SELECT count(*) FROM orders')"
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi

db=$out/order-lines-$lines.db; rm -f "$db"*
$guanxi migrate --db "$db" >/dev/null
[ -z "${AFTER_MIGRATE_SQL:-}" ] || sqlite3 "$db" "$AFTER_MIGRATE_SQL"
$guanxi import customers "$data/customers.csv" --db "$db" >/dev/null
read -r g gm < <(measure $guanxi import order-lines "$data/lines.csv" --mapping "$out/mapping-$lines.csv" --db "$db")
summary=$(tail -2 $out/cmd.out | tr '\n' ' ')

raw=$out/order-lines-$lines-raw.db; rm -f "$raw"*
$guanxi migrate --db "$raw" >/dev/null
[ -z "${AFTER_MIGRATE_SQL:-}" ] || sqlite3 "$raw" "$AFTER_MIGRATE_SQL"
$guanxi import customers "$data/customers.csv" --db "$raw" >/dev/null
# The raw loader validates nothing and sums in floating point; it fills the same tables, indexes and triggers.
read -r r rm_ < <(measure sqlite3 "$raw" "CREATE TABLE stage_l (invoice, code, descr, qty, at, price, customer, country);" ".mode csv" \
  ".import --skip 1 $data/lines.csv stage_l" \
  "INSERT INTO products (code, name, price_cents, currency, active, version)
   SELECT code, min(descr), CAST(round(min(price) * 100) AS INTEGER), 'CNY', 1, 1 FROM stage_l GROUP BY code;" \
  "INSERT INTO orders (number, customer_id, ordered_at, amount_cents, currency, channel, is_return, created_at, version)
   SELECT s.invoice, c.id, min(s.at), CAST(round(sum(s.qty * s.price) * 100) AS INTEGER), 'CNY', 'web', s.invoice LIKE 'C%', '2026-01-01 00:00:00', 1
   FROM stage_l s JOIN customers c ON c.external_id = CAST(CAST(s.customer AS INTEGER) AS TEXT) WHERE s.customer <> '' GROUP BY s.invoice, c.id;" \
  "INSERT INTO order_lines (order_id, product, quantity, unit_price_cents)
   SELECT o.id, s.code, s.qty, CAST(round(s.price * 100) AS INTEGER) FROM stage_l s JOIN orders o ON o.number = s.invoice;")

echo "| lines | loader | seconds | lines/s | peak MB |"
echo "| --- | --- | --- | --- | --- |"
echo "| $lines | guanxi import order-lines | $g | $(echo "$lines / $g" | bc) | $gm |"
echo "| $lines | sqlite3 .import + INSERT…SELECT | $r | $(echo "$lines / $r" | bc) | $rm_ |"
echo "| $lines | ratio guanxi/raw | $(echo "scale=2; $g / $r" | bc) | | |"
echo
echo "guanxi: $summary"
echo "orders: guanxi $(sqlite3 "$db" 'SELECT count(*) FROM orders') ($(sqlite3 "$db" 'SELECT count(*) FROM orders WHERE is_return') returns), raw $(sqlite3 "$raw" 'SELECT count(*) FROM orders')"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
