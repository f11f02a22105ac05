#!/usr/bin/env bash
# No source file under src/ may pass 600 lines. Tests (*.test.ts) are left out: a table of cases
# (the policy matrix, say) grows with the table it checks and reads best in one file.
set -euo pipefail
cd "$(dirname "$0")/.."

MAX_LINES=600
# TEMPORARY: files over the cap today; delete each line when its file is split, add none.
# conferences/workflow.ts (split by use case with child-protection) and sharing/store.ts are being
# reshaped now (issue 11).
allowed=(
  src/conferences/workflow.ts
  src/sharing/store.ts
)

over=0
while IFS= read -r file; do
  lines=$(wc -l <"$file")
  if ((lines > MAX_LINES)) && [[ ! " ${allowed[*]} " == *" $file "* ]]; then
    echo "$file: $lines lines (at most $MAX_LINES; split it by meaning)"
    over=1
  fi
done < <(find src -type f \( -name '*.ts' -o -name '*.mjs' -o -name '*.njk' -o -name '*.css' \) ! -name '*.test.ts' | sort)
exit "$over"
