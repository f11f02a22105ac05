#!/usr/bin/env bash
# No source file under src/ may pass 600 lines. Tests (*.test.ts) are left out: a table of cases
# (the policy matrix, say) grows with the table it checks and reads best in one file.
set -euo pipefail
cd "$(dirname "$0")/.."

MAX_LINES=600
over=0
while IFS= read -r file; do
  lines=$(wc -l <"$file")
  if ((lines > MAX_LINES)); then
    echo "$file: $lines lines (at most $MAX_LINES; split it by meaning)"
    over=1
  fi
done < <(find src -type f \( -name '*.ts' -o -name '*.mjs' -o -name '*.njk' -o -name '*.css' \) ! -name '*.test.ts' | sort)
exit "$over"
