#!/usr/bin/env bash
# One command: install what the tests need (npm packages, Debian's Chromium),
# build the app, and run the whole suite (unit, integration on a real Postgres,
# end-to-end in a real browser). Extra arguments go to vitest (e.g. a folder).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
source scripts/lib/prepare.sh
ensure_chromium
prepare_dependencies
prepare_build
exec npx --no-install vitest run --config tests/vitest.config.ts "$@"
