#!/usr/bin/env bash
# The survey pages' server time (issue 14) against a filled database, e.g. the one bench/scripts/service-model-bench.sh
# leaves (/tmp/bench/service-model.db: 1M customers, 5M service requests, 2M answered surveys).
# Usage: bench/scripts/survey-bench.sh [DB]   (a SQLite file or a PostgreSQL connection string, e.g. the server
#   KEEP=1 DB=postgres bench/scripts/service-bench.sh leaves running)
set -euo pipefail
db=${1:-/tmp/bench/service-model.db}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
dotnet build -c Release src/Guanxi -v q -nologo >/dev/null
guanxi="dotnet src/Guanxi/bin/Release/net10.0/guanxi.dll"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
password="Bench-$(date +%s)-pw"
echo "$password" | $guanxi users add "bench$port" --role admin --password-stdin --db "$db" >/dev/null
token=$($guanxi tokens create "bench$port" --user "bench$port" --expires 1 --db "$db" | tail -1)
$guanxi --urls "http://127.0.0.1:$port" --db "$db" --no-demo >/tmp/bench/survey-serve.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do curl -fs "http://127.0.0.1:$port/openapi/v1.json" >/dev/null 2>&1 && break; sleep 1; done
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/scripts/survey-bench.py "http://127.0.0.1:$port" "$token" "bench$port" "$password" --runs "${RUNS:-50}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
