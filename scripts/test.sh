#!/usr/bin/env bash
# One command: install what the tests need (npm packages, Debian's Chromium),
# build the app, and run the whole suite (unit, integration on a real Postgres,
# end-to-end in a real browser). Extra arguments go to vitest (e.g. a folder).
# When every path given is outside the browser and platform tests (e.g.
# `npm test -- tests/lib`), the app is not built and Chromium not installed.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
source scripts/lib/prepare.sh

# True when a vitest argument may select a test that starts the built app or a browser.
needs_app() {
  local arg paths=0
  for arg in "$@"; do
    case "$arg" in
      -*) continue ;;
    esac
    paths=$((paths + 1))
    arg="${arg#./}"
    case "$arg" in
      tests | tests/ | tests/e2e* | tests/faults* | tests/support* | tests/security | tests/security/ | tests/security/platform*) return 0 ;;
      tests/*) ;;
      # A name filter that is not a path under tests/ may match anything.
      *) return 0 ;;
    esac
  done
  # No path at all: the whole suite.
  [ "$paths" -eq 0 ]
}

prepare_dependencies
if needs_app "$@"; then
  ensure_chromium
  prepare_build
else
  echo "[test] unit and integration paths only: not building the app, not installing Chromium"
fi
exec npx --no-install vitest run --config tests/vitest.config.ts "$@"
