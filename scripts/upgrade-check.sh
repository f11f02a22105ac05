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

# The previous release's tests that read and write every table its code uses, through its stores,
# workflows and pages (about N of its M test files; the README says how they were chosen).
selected=(
  src/platform/db/tenancy.test.ts
  src/actions/workflow.test.ts
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
