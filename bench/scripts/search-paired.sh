#!/usr/bin/env bash
# search-paired.sh DB: starts two builds (BENCH_DIR/bin-before, BENCH_DIR/bin-after) on the same database and
# times the same search on both back to back, in random order (search-paired.py): both see the same machine load.
set -euo pipefail
db=$1; dir=${BENCH_DIR:-/tmp/h-mask-bench}; root=$(cd "$(dirname "$0")/../.." && pwd)
free() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pa=$(free); pb=$(free)
echo "Pw-$pa-x9" | dotnet $dir/bin-after/guanxi.dll users add "pair$pa" --role admin --password-stdin --db "$db" >/dev/null
token=$(dotnet $dir/bin-after/guanxi.dll tokens create "pair$pa" --user "pair$pa" --expires 1 --db "$db" | tail -1)
dotnet $dir/bin-before/guanxi.dll --urls "http://127.0.0.1:$pa" --db "$db" --no-demo >$dir/pair-before.log 2>&1 & s1=$!
dotnet $dir/bin-after/guanxi.dll --urls "http://127.0.0.1:$pb" --db "$db" --no-demo >$dir/pair-after.log 2>&1 & s2=$!
trap 'kill $s1 $s2 2>/dev/null || true' EXIT
for p in $pa $pb; do for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$p/openapi/v1.json" >/dev/null 2>&1 && break; sleep 1; done; done
python3 "$root/bench/scripts/search-paired.py" "http://127.0.0.1:$pa" "http://127.0.0.1:$pb" "$token" "${RUNS:-150}"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
