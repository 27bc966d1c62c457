#!/usr/bin/env bash
# The campaign preview of two builds, alternately on the same database and campaign (issue 16): each round starts
# build A's server, times POST /api/v1/campaigns/ID/preview three times, stops it, then the same for build B; the
# server's CPU seconds (user + system, from /proc) are printed with the wall times, since the shared machine's load
# changes from minute to minute.
# Usage: bench/scripts/marketing-preview-ab.sh A_BIN B_BIN DB CAMPAIGN_ID [ROUNDS]
# (A_BIN / B_BIN: published builds, e.g. `dotnet publish src/Guanxi -c Release -o DIR` at two commits; AS_USER: the admin
# the token acts as, default admin.)
set -euo pipefail
a=$1; b=$2; db=$3; id=$4; rounds=${5:-2}
port=${PORT:-5392}
token=$(dotnet "$b/guanxi.dll" tokens create "preview-ab-$(date +%s)" --user "${AS_USER:-admin}" --db "$db" | tail -1)
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
tck=$(getconf CLK_TCK)
echo "| round | build | wall seconds (3 calls) | server CPU seconds for the 3 calls | load |"
echo "| --- | --- | --- | --- | --- |"
for r in $(seq 1 "$rounds"); do
  for bin in "$a" "$b"; do
    dotnet "$bin/guanxi.dll" serve --db "$db" --no-demo --urls "http://127.0.0.1:$port" --Outbox:Background=false >/tmp/bench/preview-ab.log 2>&1 &
    pid=$!
    until [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/campaigns/$id")" = 200 ]; do
      kill -0 $pid 2>/dev/null || { cat /tmp/bench/preview-ab.log >&2; exit 1; }
      sleep 0.5
    done
    c0=$(cpu $pid); times=""
    for _ in 1 2 3; do
      times="$times $(curl -s -o /dev/null -w '%{time_total}' -X POST -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/campaigns/$id/preview")"
    done
    c1=$(cpu $pid)
    echo "| $r | $bin |$times | $(echo "scale=1; ($c1 - $c0) / $tck" | bc) | $(cut -d' ' -f1-3 /proc/loadavg) |"
    kill $pid; wait $pid 2>/dev/null || true
  done
done
