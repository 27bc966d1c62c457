#!/usr/bin/env bash
# The outbox sender's e-mail rate of two builds, alternately, on one database and campaign (issue 16). Each run queues
# the campaign's messages again, starts the loopback SMTP sink (`Guanxi.Bench smtp-sink`, as marketing-bench.sh) and one
# build's server with the sender on, counts what the sink receives in SECONDS_PER_RUN seconds from its first message,
# with the server's and the sink's CPU seconds over the same span (on two cores they share the CPU), then stops both.
# Usage: bench/scripts/outbox-rate-ab.sh A_BIN B_BIN DB CAMPAIGN_ID [ROUNDS]
# Env: SECONDS_PER_RUN (default 60), RATE (Outbox:EmailPerSecond, default 1000 so the limit is not what is measured).
set -euo pipefail
a=$1; b=$2; db=$3; id=$4; rounds=${5:-2}
secs=${SECONDS_PER_RUN:-60}
port=${PORT:-5394}
smtp=${SMTP_PORT:-2592}
work=/tmp/bench/outbox-ab
mkdir -p "$work"
cd "$(dirname "$0")/../.."
dotnet build -c Release bench/Guanxi.Bench -v q -nologo >/dev/null
server=""; sink=""
# On any exit: stop what runs, and mark what a run left queued failed, with the reason — the next server started on
# this file would otherwise send it (as the next benchmark's extra mail).
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  [ -n "$sink" ] && kill "$sink" 2>/dev/null || true
  sqlite3 "$db" "UPDATE outbox_messages SET status = 'Failed', claim_id = NULL, lease_until = NULL, last_error = 'outbox-rate-ab.sh: left unsent'
    WHERE campaign_id = $id AND status IN ('Queued', 'Sending')"
}
trap cleanup EXIT
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
tck=$(getconf CLK_TCK)
echo "| round | build | messages in ${secs} s | per second | server CPU s | sink CPU s | load |"
echo "| --- | --- | ---: | ---: | ---: | ---: | --- |"
for r in $(seq 1 "$rounds"); do
  for bin in "$a" "$b"; do
    sqlite3 "$db" "UPDATE outbox_messages SET status = 'Queued', handed_over_at = NULL, sent_at = NULL, claim_id = NULL, lease_until = NULL,
      last_error = NULL, attempts = 0 WHERE campaign_id = $id AND status <> 'Excluded'"
    rm -f "$work/ids.txt"; touch "$work/ids.txt"
    dotnet bench/Guanxi.Bench/bin/Release/net10.0/Guanxi.Bench.dll smtp-sink "$smtp" "$work/ids.txt" >"$work/sink.log" 2>&1 &
    sink=$!
    until grep -q listening "$work/sink.log"; do sleep 0.2; done
    dotnet "$bin/guanxi.dll" serve --db "$db" --no-demo --urls "http://127.0.0.1:$port" --Smtp:Host=127.0.0.1 --Smtp:Port="$smtp" \
      --Smtp:UseTls=false --Smtp:From="Bench <bench@localhost>" --Outbox:EmailPerSecond="${RATE:-1000}" --Outbox:PollSeconds=1 >"$work/serve.log" 2>&1 &
    server=$!
    until [ "$(wc -l <"$work/ids.txt")" -ge 1 ]; do kill -0 $server 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }; sleep 0.1; done
    n0=$(wc -l <"$work/ids.txt"); c0=$(cpu $server); k0=$(cpu $sink)
    sleep "$secs"
    n1=$(wc -l <"$work/ids.txt"); c1=$(cpu $server); k1=$(cpu $sink)
    kill $server; wait $server 2>/dev/null || true
    kill $sink; wait $sink 2>/dev/null || true
    n=$((n1 - n0))
    echo "| $r | $bin | $n | $(echo "scale=1; $n / $secs" | bc) | $(echo "scale=1; ($c1 - $c0) / $tck" | bc) | $(echo "scale=1; ($k1 - $k0) / $tck" | bc) | $(cut -d' ' -f1-3 /proc/loadavg) |"
  done
done
