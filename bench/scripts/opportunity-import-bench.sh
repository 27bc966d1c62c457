#!/usr/bin/env bash
# Opportunity import benchmark (issue 15): `guanxi import opportunities` against a raw loader filling the same tables
# (opportunities and their stage history: sqlite3 .import or psql \copy into a staging table, then INSERT … SELECT),
# each into its own copy of one base database.
#   bench/scripts/opportunity-import-bench.sh                 # 1M opportunities, SQLite
#   bench/scripts/opportunity-import-bench.sh 100000          # 100k
#   DB=postgres bench/scripts/opportunity-import-bench.sh     # on a throw-away PostgreSQL server (pg-temp.sh)
# The base: `guanxi demo --customers 100000 --orders 100000` (its 33,333 opportunities and their history included),
# customers given external ids equal to their ids (not timed). The file: opportunity_id IMP-n, a customer spread over
# the 100,000, title "导入商机 n", stage by position, status 4 open / 3 won / 3 lost in ten (lost with a reason),
# created on one of 700 days from 2025-01-01, closed the same day. The raw loader computes what guanxi does (customer
# by external id, stage by position, the stage's probability, 100 won / 0 lost, a creation row and a close row) but
# validates nothing and keeps no sales facts. GUANXI_BIN=DIR uses that build instead of publishing one.
set -euo pipefail
n=${1:-1000000}
root=$(cd "$(dirname "$0")/../.." && pwd)
out=/tmp/bench/oi
mkdir -p "$out"
file=$out/opportunities-$n.csv
if [ ! -f "$file" ]; then
  python3 - "$n" "$file" <<'EOF'
import datetime, sys
n, path = int(sys.argv[1]), sys.argv[2]
start = datetime.date(2025, 1, 1)
with open(path, "w", encoding="utf-8") as f:
    f.write("opportunity_id,customer_id,title,amount,currency,stage,status,source,heat,expected_close_date,created_at,closed_at,close_reason\n")
    for i in range(1, n + 1):
        created = start + datetime.timedelta(days=i % 700)
        status = ["open", "open", "open", "open", "won", "won", "won", "lost", "lost", "lost"][i % 10]
        closed = created.isoformat() if status != "open" else ""
        reason = "预算取消" if status == "lost" else ""
        expected = (created + datetime.timedelta(days=365)).isoformat()
        f.write(f"IMP-{i},{(i * 7919) % 100000 + 1},导入商机 {i},{i % 1000}.50,CNY,{i % 5 + 1},{status},Referral,Warm,{expected},{created.isoformat()},{closed},{reason}\n")
EOF
fi
bin=${GUANXI_BIN:-$out/guanxi-bin}
[ -n "${GUANXI_BIN:-}" ] || dotnet publish "$root/src/Guanxi" -c Release -o "$bin" -nologo -v quiet >/dev/null
guanxi="dotnet $bin/guanxi.dll"

measure() { # prints "seconds peakMB" of a command; its output goes to $out/cmd.out
  /usr/bin/time -o "$out/time.out" -f "%e %M" "$@" >"$out/cmd.out" 2>&1 || { cat "$out/cmd.out" >&2; return 1; }
  awk '{printf "%s %.0f\n", $1, $2/1024}' "$out/time.out"
}

echo "| database | loader | opportunities | seconds | rows/s | peak MB | load avg after |"
echo "| --- | --- | ---: | ---: | ---: | ---: | --- |"

if [ "${DB:-sqlite}" = sqlite ]; then
  base=$out/base.db
  if [ ! -f "$base" ]; then
    $guanxi demo --customers 100000 --orders 100000 --db "$base" >/dev/null
    sqlite3 "$base" "UPDATE customers SET external_id = id; PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  fi
  for side in guanxi raw; do rm -f "$out/$side.db"*; cp "$base" "$out/$side.db"; done
  $guanxi migrate --db "$out/guanxi.db" >/dev/null
  $guanxi migrate --db "$out/raw.db" >/dev/null
  read -r g gm < <(measure $guanxi import opportunities "$file" --db "$out/guanxi.db")
  echo "| SQLite | guanxi import opportunities | $n | $g | $(echo "$n / $g" | bc) | $gm | $(cut -d' ' -f1-3 /proc/loadavg) |"
  tail -1 "$out/cmd.out" >&2
  sqlite3 "$out/raw.db" "CREATE TABLE stage_op (opportunity_id, customer_id, title, amount, currency, stage, status, source, heat, expected_close_date, created_at, closed_at, close_reason);"
  read -r r rm_ < <(measure sqlite3 "$out/raw.db" ".mode csv" ".import --skip 1 $file stage_op" \
    "BEGIN;
     INSERT INTO opportunities (external_id, customer_id, title, source, heat, amount_cents, currency, pipeline_id, stage_id, probability,
       expected_close_on, status, close_reason, closed_at, stage_entered_at, created_at, updated_at, version)
     SELECT s.opportunity_id, c.id, s.title, s.source, s.heat, CAST(round(s.amount * 100) AS INTEGER), s.currency, p.pipeline_id, p.id,
       CASE s.status WHEN 'won' THEN 100 WHEN 'lost' THEN 0 ELSE p.probability END, nullif(s.expected_close_date, ''),
       upper(substr(s.status, 1, 1)) || substr(s.status, 2), nullif(s.close_reason, ''),
       CASE WHEN s.closed_at = '' THEN NULL ELSE s.closed_at || ' 00:00:00' END, s.created_at || ' 00:00:00', s.created_at || ' 00:00:00',
       datetime('now'), 1
     FROM stage_op s JOIN customers c ON c.external_id = s.customer_id
     JOIN pipeline_stages p ON p.pipeline_id = (SELECT id FROM pipelines ORDER BY is_default DESC, id LIMIT 1) AND p.position = CAST(s.stage AS INTEGER);
     INSERT INTO opportunity_stage_changes (opportunity_id, from_stage_id, to_stage_id, from_status, to_status, at, seconds_in_stage)
     SELECT o.id, NULL, o.stage_id, 'Open', 'Open', o.created_at, NULL FROM stage_op s JOIN opportunities o ON o.external_id = s.opportunity_id
     UNION ALL
     SELECT o.id, o.stage_id, o.stage_id, 'Open', o.status, o.closed_at, CAST(unixepoch(o.closed_at) - unixepoch(o.created_at) AS INTEGER)
     FROM stage_op s JOIN opportunities o ON o.external_id = s.opportunity_id WHERE o.status <> 'Open';
     COMMIT;")
  echo "| SQLite | sqlite3 .import + INSERT…SELECT | $n | $r | $(echo "$n / $r" | bc) | $rm_ | $(cut -d' ' -f1-3 /proc/loadavg) |"
  echo "| SQLite | ratio guanxi ÷ raw | | $(echo "scale=2; $g / $r" | bc) | | | |"
  for side in guanxi raw; do
    echo "$side: $(sqlite3 "$out/$side.db" "SELECT count(*) FROM opportunities; SELECT count(*) FROM opportunity_stage_changes;" | tr '\n' ' ')(opportunities, stage changes)" >&2
  done
  exit 0
fi

# PostgreSQL: a throw-away server with two databases loaded alike.
read -r pgdir cs < <("$root/bench/scripts/pg-temp.sh")
trap '"$root/bench/scripts/pg-temp.sh" stop "$pgdir"' EXIT
port=$(sed 's/.*Port=\([0-9]*\).*/\1/' <<<"$cs")
rawcs="Host=127.0.0.1;Port=$port;Username=guanxi;Database=raw"
psql -h 127.0.0.1 -p "$port" -U guanxi -d postgres -qc "CREATE DATABASE raw" >/dev/null
for target in "$cs" "$rawcs"; do
  $guanxi demo --customers 100000 --orders 100000 --db "$target" >/dev/null
done
for name in guanxi raw; do
  psql -h 127.0.0.1 -p "$port" -U guanxi -d "$name" -q -c "UPDATE customers SET external_id = id::text" -c "VACUUM ANALYZE customers" >/dev/null
done
read -r g gm < <(measure $guanxi import opportunities "$file" --db "$cs")
echo "| PostgreSQL | guanxi import opportunities | $n | $g | $(echo "$n / $g" | bc) | $gm | $(cut -d' ' -f1-3 /proc/loadavg) |"
tail -1 "$out/cmd.out" >&2
psql -h 127.0.0.1 -p "$port" -U guanxi -d raw -qc "CREATE UNLOGGED TABLE stage_op (opportunity_id text, customer_id text, title text, amount numeric(12,2),
  currency text, stage int, status text, source text, heat text, expected_close_date date, created_at date, closed_at date, close_reason text)" >/dev/null
read -r r rm_ < <(measure psql -h 127.0.0.1 -p "$port" -U guanxi -d raw -q -v ON_ERROR_STOP=1 \
  -c "\\copy stage_op FROM '$file' CSV HEADER" \
  -c "BEGIN" \
  -c "INSERT INTO opportunities (external_id, customer_id, title, source, heat, amount_cents, currency, pipeline_id, stage_id, probability,
        expected_close_on, status, close_reason, closed_at, stage_entered_at, created_at, updated_at, version)
      SELECT s.opportunity_id, c.id, s.title, s.source, s.heat, (s.amount * 100)::bigint, s.currency, p.pipeline_id, p.id,
        CASE s.status WHEN 'won' THEN 100 WHEN 'lost' THEN 0 ELSE p.probability END, s.expected_close_date,
        initcap(s.status), nullif(s.close_reason, ''), s.closed_at, s.created_at, s.created_at, now(), 1
      FROM stage_op s JOIN customers c ON c.external_id = s.customer_id
      JOIN pipeline_stages p ON p.pipeline_id = (SELECT id FROM pipelines ORDER BY is_default DESC, id LIMIT 1) AND p.position = s.stage" \
  -c "INSERT INTO opportunity_stage_changes (opportunity_id, from_stage_id, to_stage_id, from_status, to_status, at, seconds_in_stage)
      SELECT o.id, NULL, o.stage_id, 'Open', 'Open', o.created_at, NULL FROM stage_op s JOIN opportunities o ON o.external_id = s.opportunity_id
      UNION ALL
      SELECT o.id, o.stage_id, o.stage_id, 'Open', o.status, o.closed_at, extract(epoch FROM o.closed_at - o.created_at)::bigint
      FROM stage_op s JOIN opportunities o ON o.external_id = s.opportunity_id WHERE o.status <> 'Open'" \
  -c "COMMIT")
echo "| PostgreSQL | psql \\copy + INSERT…SELECT | $n | $r | $(echo "$n / $r" | bc) | $rm_ | $(cut -d' ' -f1-3 /proc/loadavg) |"
echo "| PostgreSQL | ratio guanxi ÷ raw | | $(echo "scale=2; $g / $r" | bc) | | | |"
for name in guanxi raw; do
  echo "$name: $(psql -h 127.0.0.1 -p "$port" -U guanxi -d "$name" -Atc "SELECT count(*) FROM opportunities" -c "SELECT count(*) FROM opportunity_stage_changes" | tr '\n' ' ')(opportunities, stage changes)" >&2
done
