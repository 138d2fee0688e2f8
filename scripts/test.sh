#!/usr/bin/env bash
# Every test: lint, types, unit + integration (SQLite, and PostgreSQL when TEST_DATABASE_URL is set),
# then the browser tests in Debian's Chromium against the built app.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-chromium.sh

[ -d node_modules ] || npm ci

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "== integration tests run on SQLite and on PostgreSQL ($TEST_DATABASE_URL)"
else
  echo "== integration tests run on SQLite only (set TEST_DATABASE_URL=postgres://… to add PostgreSQL)"
fi

echo "== lint";       npx eslint --max-warnings 0 . && npx prettier --check --log-level warn "src/**/*.{ts,tsx}" "tests/**/*.ts"
echo "== typecheck";  npx tsc --noEmit -p tsconfig.json
echo "== unit + integration"; npx vitest run
# Real server processes under restarts, lost connections, locks, a full disk, backups (tests/faults, one file at a time).
echo "== faults";     npx vitest run --config vitest.faults.config.ts
echo "== build";      npx vite build --logLevel warn
echo "== browser";    npx playwright test
