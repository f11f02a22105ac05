#!/usr/bin/env bash
# The rolling-upgrade check (README, Operations, "Upgrades"): the migrations since the previous release
# (the commit in PREVIOUS-RELEASE) are expand-only, and that release's own tests pass against the schema
# this tree's migrations make, as its servers must while a rolling deploy replaces them. On PostgreSQL
# when DATABASE_URL is set, else on the embedded PGlite. Needs the repository's history (a full clone).
# `upgrade-check.sh rules` checks only the migrations (seconds), `upgrade-check.sh tests` only runs the
# tests; with neither it does both.
set -euo pipefail
part=${1:-both}
cd "$(dirname "$0")/.."
here=$PWD

release=$(grep -v '^#' PREVIOUS-RELEASE | tr -d '[:space:]')
if [ "$(git rev-parse --is-shallow-repository)" = true ]; then
  # The check follows the history from the release to here: ask the remote the clone came from for it.
  git fetch --quiet --unshallow 2>/dev/null || true
fi
if ! git cat-file -e "$release^{commit}" 2>/dev/null; then
  echo "The previous release $release (PREVIOUS-RELEASE) is not in this clone: fetch the history" >&2
  echo "(git fetch --unshallow, or clone without --depth) or correct PREVIOUS-RELEASE." >&2
  exit 1
fi
short=$(git rev-parse --short "$release")

rules=0
if [ "$part" != tests ]; then
  echo "== the migrations since the previous release ($short) are expand-only"
  # On failure the release's tests still run, to show what the refused migration would break.
  node --import tsx --test --test-reporter=spec test/upgrade/expand-only.test.ts || rules=$?
  [ "$part" = rules ] && exit "$rules"
fi

# 28 of the previous release's 181 unit and integration test files: between them they read and write
# every table its tests read or write (measured with PostgreSQL's table statistics per test database),
# chosen for the least time. When PREVIOUS-RELEASE moves to a release whose tests differ, a file
# missing here stops the check; a new table is then covered by adding a test file that writes it.
selected=(
  src/alerts/workflow.test.ts
  src/case-audits/meeting.test.ts
  src/child-protection/workflow/conference-record.test.ts
  src/children/pages.test.ts
  src/cin-census/pages.test.ts
  src/demo/load-demo.test.ts
  src/escalation/workflow.test.ts
  src/exploitation-dataset/workflow.test.ts
  src/identity/oidc.test.ts
  src/lado/pages.test.ts
  src/mace/agenda.test.ts
  src/masa-plan/pages.test.ts
  src/masa-plan/workflow.test.ts
  src/platform/maintenance/maintenance.test.ts
  src/platform/webhooks/webhooks.test.ts
  src/retention/workflow.test.ts
  src/reviews/alerts.test.ts
  src/reviews/pages.test.ts
  src/self-assessment/workflow.test.ts
  src/yearly-report/workflow.test.ts
  test/integration/break-glass.test.ts
  test/integration/conference.test.ts
  test/integration/demo-assurance.test.ts
  test/integration/front-door-matching.test.ts
  test/integration/sharing-inbox-access.test.ts
  test/integration/sharing-links.test.ts
  test/integration/shell.test.ts
  test/integration/strategy.test.ts
)

previous=$(mktemp -d "${TMPDIR:-/tmp}/masa-previous-release.XXXXXX")
trap 'rm -rf "$previous"' EXIT
git archive "$release" | tar -x -C "$previous"
if cmp -s package-lock.json "$previous/package-lock.json"; then
  ln -s "$here/node_modules" "$previous/node_modules"
else
  echo "== its package-lock.json differs from this tree's: installing its dependencies (npm ci)"
  (cd "$previous" && npm ci --no-audit --no-fund)
  # The migrated PGlite snapshot the tests share is cached in the temp folder: its engine may differ.
  export TMPDIR="$previous/.tmp"
  mkdir "$TMPDIR"
fi
# Its own tests' faults that have nothing to do with the schema (a test that held only on the day it
# was written) are mended by the patches in test/upgrade/previous-release-fixes/: empty them when
# PREVIOUS-RELEASE moves to a release that has the fixes.
for fix in test/upgrade/previous-release-fixes/*.patch; do
  [ -e "$fix" ] || continue
  (cd "$previous" && git apply -p1 "$here/$fix")
done
# Its tests migrate their databases from its migrations/ folder: give it this tree's.
rm -rf "$previous/migrations"
cp -R migrations "$previous/migrations"

cd "$previous"
for file in "${selected[@]}"; do
  [ -f "$file" ] || { echo "$file is not in the previous release: correct scripts/upgrade-check.sh" >&2; exit 1; }
done
echo "== the previous release's tests (${#selected[@]} files) against this tree's migrations"
mapfile -t groups < <(node "$here/scripts/test-groups.mjs" upgrade 4 "${selected[@]}")
MASA_FILE_TIMEOUT_MS=600000 node --import tsx --test --test-concurrency=2 --test-timeout=3600000 \
  --test-reporter=spec "${groups[@]}"
exit "$rules"
