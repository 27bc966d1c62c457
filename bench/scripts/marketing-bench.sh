#!/usr/bin/env bash
# Marketing at scale (issue 16), on a copy of the 1M-customer / 10M-order database of bench/scripts/playbooks-bench.sh
# (its two model runs included):
#  1. e-mail consents set-based as the demo gives them (customers with an address, all but every tenth; every 30th
#     withdrawn later) and the tag `bench-mail` on the first customers with an address and an active consent, so that
#     about MAILS e-mails are sent after the 10 % control group;
#  2. through the REST API (a token of the first admin): a template and campaigns; the preview timed over three
#     audiences — everyone (1M customers), a value-model class, an RFM segment — each three times;
#  3. `guanxi campaigns send ID` (queues the tagged campaign's messages) timed;
#  4. delivery by the server's background sender to a loopback SMTP sink (`Guanxi.Bench smtp-sink`, which appends each
#     received Message-Id to a file): the server is killed with -9 after KILL_AT messages arrived, restarted, and left
#     to finish; then the sink's Message-Ids are counted per outbox message (duplicates, missing) and the rate given;
#  5. orders in the attribution window for one recipient in 20 (sent and control alike, sqlite3), then the report timed.
# Usage: bench/scripts/marketing-bench.sh [SOURCE_DB] [MAILS]
# Env: DB (the copy, default /tmp/bench/mkt-1m.db; made once, reused when present), KEEP=1 keeps it (else deleted at
# the end), RATE (Outbox:EmailPerSecond, default the product's 200), POLL (Outbox:PollSeconds, default the product's 5),
# KILL_AT (default a third of MAILS), LEASE (Outbox:LeaseSeconds of the sending processes, default 10: how long the
# killed process's claimed batch waits before it is recovered), BIN (the published build, default /tmp/bench/mkt-bin; NOPUBLISH=1
# uses it as it is), BEFORE_BIN (another published build, e.g. of an earlier commit: its server delivers for
# BEFORE_SECONDS, default 60, first, and its rate is printed; what it sent is part of the totals), AS_USER (the admin the
# API token acts as, default admin).
set -euo pipefail
src=${1:-/tmp/bench/playbooks-1000000.db}
mails=${2:-100000}
db=${DB:-/tmp/bench/mkt-1m.db}
kill_at=${KILL_AT:-$((mails / 3))}
lease=${LEASE:-10}
port=${PORT:-5391}
smtp=${SMTP_PORT:-2591}
work=/tmp/bench/mkt-run
cd "$(dirname "$0")/../.."
bin=${BIN:-/tmp/bench/mkt-bin}
[ "${NOPUBLISH:-}" = 1 ] || dotnet publish src/Guanxi -c Release -o "$bin" -nologo -v quiet >/dev/null
dotnet build -c Release bench/Guanxi.Bench -v q -nologo >/dev/null
g() { dotnet $bin/guanxi.dll "$@"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
mkdir -p "$work"
echo "load before: $(load)"
if [ ! -f "$db" ]; then cp "$src" "$db"; fi
/usr/bin/time -f "migrate: %e s" dotnet $bin/guanxi.dll migrate --db "$db" >/dev/null

# 1. Consents and the tag, set-based.
per=$(( (mails * 100 + 89) / 90 ))
sqlite3 "$db" <<SQL
INSERT INTO consents (customer_id, channel, purpose, given_at, withdrawn_at, how)
SELECT id, 'email', 'marketing', created_at, CASE WHEN id % 30 = 7 THEN '2026-11-01 00:00:00' END, 'bench'
FROM customers WHERE email IS NOT NULL AND email <> '' AND id % 10 <> 0
  AND NOT EXISTS (SELECT 1 FROM consents k WHERE k.customer_id = customers.id AND k.channel = 'email');
DELETE FROM customer_tags WHERE tag = 'bench-mail';
INSERT INTO customer_tags (customer_id, tag)
SELECT c.id, 'bench-mail' FROM customers c
WHERE c.email IS NOT NULL AND c.email <> '' AND EXISTS (SELECT 1 FROM consents k WHERE k.customer_id = c.id AND k.channel = 'email' AND k.withdrawn_at IS NULL)
ORDER BY c.id LIMIT $per;
SQL
echo "customers $(sqlite3 "$db" "SELECT count(*) FROM customers"), orders $(sqlite3 "$db" "SELECT count(*) FROM orders"), e-mail consents $(sqlite3 "$db" "SELECT count(*) FROM consents WHERE channel = 'email'"), tagged bench-mail $per"

# The server, with the sender off for the API part.
serve() { # serve LOG [sender settings as --Key=value …]
  local log=$1; shift
  dotnet "${SERVE_BIN:-$bin}/guanxi.dll" serve --db "$db" --no-demo --urls "http://127.0.0.1:$port" \
    --Smtp:Host=127.0.0.1 --Smtp:Port="$smtp" --Smtp:UseTls=false --Smtp:From="Bench <bench@localhost>" "$@" >"$log" 2>&1 &
  echo $! >"$work/server.pid"
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/campaigns" 2>/dev/null)" = 401 ]; do
    kill -0 "$(cat "$work/server.pid")" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.5
  done
}
stop_server() { kill "$(cat "$work/server.pid")" 2>/dev/null || true; wait "$(cat "$work/server.pid")" 2>/dev/null || true; }
serve "$work/serve-api.log" --Outbox:Background=false
trap stop_server EXIT
token=$(g tokens create "bench-$(date +%s)" --user "${AS_USER:-admin}" --db "$db" | tail -1)
api() { # api METHOD PATH [JSON] → body in $work/out.json, prints seconds
  curl -s -o "$work/out.json" -w '%{time_total} %{http_code}\n' -X "$1" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    ${3:+--data "$3"} "http://127.0.0.1:$port/api/v1$2"
}
run=$(date +%s)
read -r _ code < <(api POST /templates "{\"name\":\"bench $run\",\"channel\":\"email\",\"language\":\"zh-CN\",\"subject\":\"{{ name }}，专属回馈\",\"body\":\"{{ honorific }}：感谢您的支持。\\n退订：{{ unsubscribe_link }}\"}")
[ "$code" = 201 ] || { cat "$work/out.json" >&2; exit 1; }
template=$(jq -r .id "$work/out.json")
campaign() { # campaign NAME AUDIENCE → id
  read -r _ code < <(api POST /campaigns "{\"name\":\"$1 $run\",\"templateId\":$template,\"audience\":$2,\"controlPercent\":10,\"attributionDays\":14}")
  [ "$code" = 201 ] || { cat "$work/out.json" >&2; exit 1; }
  jq -r .id "$work/out.json"
}
echo
echo "| step | audience | customers | queued | excluded | control | seconds (3 runs) |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for spec in 'everyone|{"or":[{"tag":"bench-mail"},{"not":{"tag":"bench-mail"}}]}' 'value: high value|{"model":"value","class":"high_value"}' 'RFM: champions|{"rfm":"champions"}' 'tag bench-mail|{"tag":"bench-mail"}'; do
  name=${spec%%|*}; audience=${spec#*|}
  id=$(campaign "$name" "$audience")
  times=""
  for _ in 1 2 3; do read -r s code < <(api POST "/campaigns/$id/preview"); [ "$code" = 200 ] || { cat "$work/out.json" >&2; exit 1; }; times="$times $s"; done
  echo "| preview (POST /campaigns/{id}/preview) | $name | $(jq -r '"\(.audience) | \(.queued) | \(.excluded) | \(.control)"' "$work/out.json") |$times |"
  send=$id
done
stop_server

# 3. The send: the tagged campaign's messages into the outbox.
/usr/bin/time -o "$work/time.out" -f "%e" dotnet $bin/guanxi.dll campaigns send "$send" --db "$db" >"$work/send.out"
echo "| guanxi campaigns send | tag bench-mail | $(cat "$work/send.out") | | | | $(cat "$work/time.out") |"
echo "load: $(load)"

# 4. Delivery with a kill -9 in the middle.
total=$(sqlite3 "$db" "SELECT count(*) FROM outbox_messages WHERE campaign_id = $send AND status = 'Queued'")
rm -f "$work/ids.txt"
dotnet bench/Guanxi.Bench/bin/Release/net10.0/Guanxi.Bench.dll smtp-sink "$smtp" "$work/ids.txt" >"$work/sink.log" 2>&1 &
sink=$!
trap 'stop_server; kill $sink 2>/dev/null || true' EXIT
until grep -q listening "$work/sink.log"; do sleep 0.2; done
touch "$work/ids.txt"
received() { wc -l <"$work/ids.txt"; }
# The lease is stamped when a batch is claimed, so the killed process must run with the short one too (the product's
# 300 s would keep its claimed batch waiting five minutes after the restart).
settings=(--Outbox:PollSeconds="${POLL:-5}" --Outbox:LeaseSeconds="$lease")
[ -n "${RATE:-}" ] && settings+=(--Outbox:EmailPerSecond="$RATE")
if [ -n "${BEFORE_BIN:-}" ]; then
  SERVE_BIN=$BEFORE_BIN serve "$work/serve-before.log" "${settings[@]}"
  until [ "$(received)" -ge 1 ]; do sleep 0.2; done
  b0=$(date +%s.%N); n0=$(received)
  sleep "${BEFORE_SECONDS:-60}"
  n1=$(received); b1=$(date +%s.%N)
  stop_server
  echo "before ($BEFORE_BIN): $((n1 - n0)) messages in $(echo "scale=1; $b1 - $b0" | bc) s = $(echo "scale=1; ($n1 - $n0) / ($b1 - $b0)" | bc) per second; load $(load)"
fi
base=$(received)
start=$(date +%s.%N)
serve "$work/serve-send1.log" "${settings[@]}"
until [ "$(received)" -gt "$base" ]; do sleep 0.2; done
first=$(date +%s.%N)
until [ "$(received)" -ge $((base + kill_at)) ]; do sleep 0.2; done
kill -9 "$(cat "$work/server.pid")"
killed=$(date +%s.%N); at_kill=$(received)
wait "$(cat "$work/server.pid")" 2>/dev/null || true
sleep 1
at_kill=$(received)
echo "killed with -9 after $at_kill of $total messages arrived ($(echo "scale=1; ($at_kill - $base) / ($killed - $first)" | bc) per second since this process's first); load $(load)"
serve "$work/serve-send2.log" "${settings[@]}"
restarted=$(date +%s.%N)
until [ "$(sqlite3 "$db" "SELECT count(*) FROM outbox_messages WHERE campaign_id = $send AND status IN ('Queued', 'Sending')")" = 0 ]; do sleep 1; done
done_at=$(date +%s.%N)
stop_server
sleep 1
kill "$sink"; wait "$sink" 2>/dev/null || true
after=$(( $(received) - at_kill ))
sqlite3 "$db" "SELECT idempotency_key || '@guanxi' FROM outbox_messages WHERE campaign_id = $send AND status = 'Sent' ORDER BY 1" >"$work/sent.txt"
sqlite3 "$db" "SELECT idempotency_key || '@guanxi' FROM outbox_messages WHERE campaign_id = $send AND status <> 'Excluded' ORDER BY 1" >"$work/all.txt"
sed 's/^<//; s/>$//' "$work/ids.txt" | sort >"$work/got.txt"
dups=$(uniq -d "$work/got.txt" | wc -l)
missing=$(comm -23 "$work/all.txt" <(sort -u "$work/got.txt") | wc -l)
unsent_missing=$(comm -23 "$work/sent.txt" <(sort -u "$work/got.txt") | wc -l)
stranger=$(comm -13 "$work/all.txt" <(sort -u "$work/got.txt") | wc -l)
echo "after the restart: $after more in $(echo "scale=1; $done_at - $restarted" | bc) s (lease $lease s included); whole delivery $(echo "scale=1; $done_at - $start" | bc) s"
echo "outbox: $(sqlite3 "$db" "SELECT group_concat(status || ' ' || n, ', ') FROM (SELECT status, count(*) n FROM outbox_messages WHERE campaign_id = $send AND status <> 'Excluded' GROUP BY status)")"
echo "interrupted (failed, not resent): $(sqlite3 "$db" "SELECT count(*) FROM outbox_messages WHERE campaign_id = $send AND last_error LIKE 'Interrupted%'")"
echo "sink: $(received) received, $(sort -u "$work/got.txt" | wc -l) distinct; duplicates $dups; outbox messages never received $missing (of them marked sent: $unsent_missing); received but not in the outbox $stranger"
echo "load: $(load)"

# 5. Orders in the attribution window (one recipient in 20, a day after the send), then the report; REPORT_IDS adds
# campaigns sent earlier (e.g. a larger one whose delivery was cut short) to time the same way.
serve "$work/serve-report.log" --Outbox:Background=false
echo
echo "| step | campaign | recipients | orders in the table | seconds (3 runs) |"
echo "| --- | --- | --- | --- | --- |"
for id in $send ${REPORT_IDS:-}; do
  sqlite3 "$db" "INSERT OR IGNORE INTO orders (number, customer_id, ordered_at, amount_cents, currency, channel, created_at, version)
  SELECT 'MKT-$id-' || r.customer_id, r.customer_id, strftime('%Y-%m-%d %H:%M:%S', c.sent_at, '+1 day', '+8 hours'), 10000 + (r.customer_id % 50) * 100, 'CNY', 'Online', c.sent_at, 1
  FROM campaign_recipients r JOIN campaigns c ON c.id = r.campaign_id WHERE r.campaign_id = $id AND r.\"group\" <> 'Excluded' AND r.customer_id % 20 = 3;"
  times=""
  for _ in 1 2 3; do read -r s code < <(api GET "/campaigns/$id/report"); [ "$code" = 200 ] || { cat "$work/out.json" >&2; exit 1; }; times="$times $s"; done
  echo "| report (GET /campaigns/{id}/report) | $id | $(jq -r '"\(.sent.customers) sent, \(.control.customers) control"' "$work/out.json") | $(sqlite3 "$db" "SELECT count(*) FROM orders") |$times |"
  jq -c '{sent: .sent, control: .control, uplift: .uplift, messages: .messages}' "$work/out.json"
done
stop_server
echo "load after: $(load)"
if [ "${KEEP:-}" != 1 ]; then rm -f "$db" "$db"-wal "$db"-shm "$db".migrate.lock; fi
