#!/usr/bin/env bash
# One command: install, prepare and run the whole platform on the embedded default.
set -euo pipefail
export NEXT_TELEMETRY_DISABLED=1
cd "$(dirname "$0")/.."
source scripts/lib/prepare.sh
prepare_dependencies
prepare_build
exec node --import tsx scripts/platform.ts
