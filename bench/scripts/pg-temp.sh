#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on a free loopback port for benchmarks and prints its
# connection string; `pg-temp.sh stop DIR` stops it. As root the server runs as user postgres.
set -euo pipefail
bin=$(dirname "$(readlink -f "$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | tail -1)")")
if [ "${1:-}" = "stop" ]; then
  runuser -u postgres -- "$bin/pg_ctl" -D "$2/data" -m fast stop >/dev/null
  rm -rf "$2"
  exit 0
fi
dir=$(mktemp -d /tmp/guanxi-bench-pg.XXXX)
chown postgres "$dir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
as_pg "$bin/initdb" -D "$dir/data" -A trust -U guanxi -E UTF8 --locale=C --lc-ctype=C.UTF-8 >/dev/null
# Durable defaults except fsync-free WAL flushes would distort; keep the server's defaults, more memory.
as_pg "$bin/pg_ctl" -D "$dir/data" -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c max_wal_size=8GB -c work_mem=256MB -c maintenance_work_mem=1GB" -l "$dir/log" -w start >/dev/null
psql -h 127.0.0.1 -p "$port" -U guanxi -d postgres -qc "CREATE DATABASE guanxi" >/dev/null
echo "$dir Host=127.0.0.1;Port=$port;Username=guanxi;Database=guanxi"
