#!/usr/bin/env bash
# The board and list pages' server time (issue 15) on the database bench/scripts/sales-bench.sh leaves after the
# sales-lists probe (its bench users: bench-sales-admin and bench-seller-0..19, password Bench-password-1).
# Usage: bench/scripts/sales-pages-bench.sh [DB]   (RUNS: requests per row under the reps, 100)
set -euo pipefail
db=${1:-/tmp/bench/sales-100000.db}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
dotnet build -c Release src/Guanxi -v q -nologo >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# 21 sign-ins at once: above the default 10 a minute per address.
Security__SignInsPerMinute=1000 dotnet src/Guanxi/bin/Release/net10.0/guanxi.dll --urls "http://127.0.0.1:$port" --db "$db" --no-demo >"$(dirname "$db")/sales-serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do curl -fs "http://127.0.0.1:$port/openapi/v1.json" >/dev/null 2>&1 && break; sleep 1; done
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/scripts/sales-pages-bench.py "http://127.0.0.1:$port" Bench-password-1 --runs "${RUNS:-100}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
