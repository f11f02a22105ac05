#!/usr/bin/env bash
# The one test command (npm test): static checks (types, lint, the module guards), the suite on
# embedded PGlite, the same suite on PostgreSQL when DATABASE_URL is set with three app servers behind
# HAProxy, the previous release's tests against this release's migrations (scripts/upgrade-check.sh),
# then the browser tests in Chromium with axe.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-debian-packages.sh

echo "== typecheck, lint and module guards"
npm run -s typecheck
npm run -s lint
bash scripts/check-modules.sh
bash scripts/upgrade-check.sh rules

mapfile -t suite < <(find src test/integration -name '*.test.ts' | sort)
mapfile -t browser < <(find test/browser -name '*.test.ts' | sort)
run() { node --import tsx --test --test-concurrency=2 --test-timeout="${TEST_TIMEOUT_MS:-180000}" --test-reporter=spec "$@"; }
# The files of a stage run in a few processes rather than one each (scripts/test-groups.mjs); a file
# that hangs fails after its stage's time (10 minutes, a browser file 15) instead of stalling CI.
run_grouped() {
  local stage=$1 processes=$2 file_timeout_ms=$3
  shift 3
  mapfile -t groups < <(node scripts/test-groups.mjs "$stage" "$processes" "$@")
  MASA_FILE_TIMEOUT_MS=$file_timeout_ms TEST_TIMEOUT_MS=3600000 run "${groups[@]}"
}

echo "== unit and integration tests on embedded PGlite (${#suite[@]} files)"
DATABASE_URL= run_grouped pglite 10 600000 "${suite[@]}"

if [ -n "${DATABASE_URL:-}" ]; then
  echo "== the same suite on PostgreSQL"
  run_grouped postgres 10 600000 "${suite[@]}"
  echo "== three app servers behind HAProxy, and a region's hub, on PostgreSQL"
  run --test-concurrency=1 test/cluster/*.test.ts
else
  echo "== PostgreSQL run skipped: DATABASE_URL is not set (.ci/run sets it; see README)"
fi

bash scripts/upgrade-check.sh tests

echo "== browser tests in Chromium with axe (${#browser[@]} files)"
DATABASE_URL= run_grouped browser 8 900000 "${browser[@]}"
