# Shared by the run and test commands: install what the project needs, generate
# the Prisma client, and build the app when its sources changed.

prepare_dependencies() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "[prepare] installing npm packages (npm ci: exactly what package-lock.json records)"
    # npm ci installs the lock file as it is and fails when package.json disagrees
    # with it, so every machine runs the same versions. After adding a package with
    # `npm install <pkg>`, commit both files; `npm ci --dry-run` checks they agree.
    npm ci --no-audit --no-fund --loglevel=error
  fi
  if [ ! -f lib/db/generated/client.ts ] || [ prisma/schema.prisma -nt lib/db/generated/client.ts ]; then
    echo "[prepare] generating the Prisma client"
    bash scripts/prisma.sh generate >/dev/null
  fi
}

prepare_build() {
  local stamp=.next/BUILD_ID
  if [ ! -f "$stamp" ] || [ -n "$(find app components lib inngest next.config.ts package-lock.json prisma/schema.prisma -newer "$stamp" -type f -print -quit 2>/dev/null)" ]; then
    echo "[prepare] building the app (next build)"
    npx --no-install next build >/tmp/resale-ops-next-build.log 2>&1 || { tail -50 /tmp/resale-ops-next-build.log; exit 1; }
  fi
}

ensure_chromium() {
  local packages=()
  if ! command -v chromium >/dev/null 2>&1 && [ -z "${CHROMIUM_PATH:-}" ]; then packages+=(chromium); fi
  # Chinese UI and Japanese carrier words render as empty boxes without a CJK font.
  if command -v dpkg >/dev/null 2>&1 && ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then packages+=(fonts-noto-cjk); fi
  [ ${#packages[@]} -gt 0 ] || return 0
  echo "[prepare] installing ${packages[*]} for the browser tests"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}" >/dev/null
}
