#!/usr/bin/env bash
# Adds a migration NAME for both providers (each has its own migrations assembly).
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh NAME}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project "src/Guanxi.Data.$provider" --startup-project "src/Guanxi.Data.$provider" --output-dir Migrations
done
