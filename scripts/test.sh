#!/usr/bin/env bash
# The one test command (npm test): static checks (types, lint, the module guards), the suite on
# embedded PGlite, the same suite on PostgreSQL when DATABASE_URL is set with three app servers behind
# HAProxy, then the browser tests in Chromium with axe.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-debian-packages.sh

echo "== typecheck, lint and module guards"
npm run -s typecheck
npm run -s lint
bash scripts/check-modules.sh

mapfile -t suite < <(find src test/integration -name '*.test.ts' | sort)
mapfile -t browser < <(find test/browser -name '*.test.ts' | sort)
# A test that hangs fails after 3 minutes (a browser journey after 10) instead of stalling CI.
run() { node --import tsx --test --test-concurrency=2 --test-timeout="${TEST_TIMEOUT_MS:-180000}" --test-reporter=spec "$@"; }

echo "== unit and integration tests on embedded PGlite (${#suite[@]} files)"
DATABASE_URL= run "${suite[@]}"

if [ -n "${DATABASE_URL:-}" ]; then
  echo "== the same suite on PostgreSQL"
  run "${suite[@]}"
  echo "== three app servers behind HAProxy on PostgreSQL"
  run --test-concurrency=1 test/cluster/*.test.ts
else
  echo "== PostgreSQL run skipped: DATABASE_URL is not set (.ci/run sets it; see README)"
fi

echo "== browser tests in Chromium with axe (${#browser[@]} files)"
DATABASE_URL= TEST_TIMEOUT_MS=600000 run --test-concurrency=2 "${browser[@]}"
