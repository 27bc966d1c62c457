#!/usr/bin/env bash
# Search latency (API) and page render time (web UI) against a filled database.
#   bench/scripts/serve-bench.sh DB        # DB: SQLite file or PostgreSQL connection string
# Uses the published binary in /tmp/bench/guanxi-bin (import-bench.sh publishes it), or GUANXI_BIN=DIR.
# SKIP_SEARCH=1 times the pages only; PAGE_RUNS=N requests per page; PAGES_ONLY=TEXT only the pages whose name has TEXT.
set -euo pipefail
db=${1:?usage: serve-bench.sh DB}
root=$(cd "$(dirname "$0")/../.." && pwd)
guanxi="dotnet ${GUANXI_BIN:-/tmp/bench/guanxi-bin}/guanxi.dll"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
password="Bench-$(date +%s)-pw"
# A fresh admin user per run (named after the port), so the script knows its password.
echo "$password" | $guanxi users add "bench$port" --role admin --password-stdin --db "$db" >/dev/null
token=$($guanxi tokens create "bench$port" --user "bench$port" --expires 1 --db "$db" | tail -1)
$guanxi --urls "http://127.0.0.1:$port" --db "$db" --no-demo >"${SERVE_LOG:-/tmp/bench/serve.log}" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/openapi/v1.json" >/dev/null 2>&1 && break; sleep 1; done
if [[ -z "${SKIP_SEARCH:-}" ]]; then
  echo "### Search (GET /api/v1/customers, first page of 50)"
  python3 "$root/bench/scripts/search-bench.py" "http://127.0.0.1:$port" --token "$token" --runs "${RUNS:-200}"
  echo
fi
# The customers with the most orders (their 360 pages are the heaviest), read from a SQLite file before the run.
heavy=""
if [[ -f "$db" ]] && command -v sqlite3 >/dev/null; then
  heavy=$(sqlite3 "$db" "select customer_id from customer_rollups order by order_count desc limit 5" | paste -sd, -)
fi
echo "### Pages (server render of the first request)"
python3 "$root/bench/scripts/page-bench.py" "http://127.0.0.1:$port" "bench$port" "$password" --runs "${PAGE_RUNS:-50}" \
  --token "$token" ${heavy:+--customers "$heavy"} ${PAGES_ONLY:+--only "$PAGES_ONLY"}
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
