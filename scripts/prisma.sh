#!/usr/bin/env bash
# Runs the Prisma CLI with the JS schema engine. The CLI still checks that engine
# binaries exist at start-up and would try to download them; with engine "js"
# neither is run, so any existing file satisfies the check (TOOLCHAIN.md).
set -euo pipefail
cd "$(dirname "$0")/.."
export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$PWD/package.json}"
export PRISMA_QUERY_ENGINE_LIBRARY="${PRISMA_QUERY_ENGINE_LIBRARY:-$PWD/package.json}"
export PRISMA_HIDE_UPDATE_MESSAGE=1
# Without DATABASE_URL, prisma.config.ts connects to the embedded server with the
# password from the data folder's secrets.json (lib/db/database-url.ts).
export CHECKPOINT_DISABLE=1
exec npx --no-install prisma "$@" --config prisma/prisma.config.ts
