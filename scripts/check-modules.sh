#!/usr/bin/env bash
# The module guards: import rules (.dependency-cruiser.cjs), unused files, exports and dependencies
# (knip.jsonc), and the 600-line cap per source file. Each prints nothing but its verdict when clean.
set -euo pipefail
cd "$(dirname "$0")/.."

npx --no-install depcruise src test bench --config .dependency-cruiser.cjs --output-type err
npx --no-install knip --no-progress --treat-config-hints-as-errors
bash scripts/check-file-length.sh
