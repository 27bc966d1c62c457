#!/usr/bin/env bash
# Two builds of guanxi side by side on one database: `guanxi models run` alternately with each, N times, timed by
# /usr/bin/time. Prints a markdown row per run: build, round, the command's summary, process wall s, client CPU s
# (user + system), load average. For a before/after comparison on a busy machine, where CPU time is steadier than wall.
#   dotnet publish src/Guanxi -c Release -o /tmp/before   # (at the older commit)   and -o /tmp/after
#   bench/scripts/models-ab.sh /tmp/before /tmp/after /tmp/bench/small.db 4
#   REBUILD='sqlite3 /tmp/bench/small.db "DELETE FROM order_histories"' bench/scripts/models-ab.sh …   # each run rebuilds the histories
#   RUN_ARGS='--as-of 2026-12-01' bench/scripts/models-ab.sh …   # more arguments for `guanxi models run`
set -euo pipefail
before=$1; after=$2; db=$3; n=${4:-3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "| build | round | run | process wall s | client CPU s | load avg |"
echo "| --- | --- | --- | --- | --- | --- |"
for k in $(seq "$n"); do
  for build in "$before" "$after"; do
    if [ -n "${REBUILD:-}" ]; then eval "$REBUILD"; fi
    /usr/bin/time -o "$out/time" -f "%e %U %S" dotnet "$build/guanxi.dll" models run ${RUN_ARGS:-} --db "$db" >"$out/run" 2>&1 || { cat "$out/run" >&2; exit 1; }
    read -r wall user sys <"$out/time"
    line=$(grep -o 'in [0-9.]* s (load [0-9.]* s, evaluate [0-9.]* s, store [0-9.]* s)' "$out/run")
    echo "| $build | $k | $line | $wall | $(echo "$user + $sys" | bc) | $(cut -d' ' -f1 /proc/loadavg) |"
  done
done
