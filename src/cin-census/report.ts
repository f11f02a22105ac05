// How findings are written out: as text grouped by child, or as CSV, then a summary per rule in
// the shape of the DfE's own checks (error or query, rule code, message, fields).

import type { Finding, ValidationSummary } from './validate.ts'

export type ReportFormat = 'text' | 'csv'

const CSV_HEADER = 'LAchildID,Rule,Type,Table,Message,Fields,Records'

/** A writer of findings that remembers only the last child it wrote. */
export function findingWriter(
  format: ReportFormat,
  write: (line: string) => void,
): (finding: Finding) => void {
  if (format === 'csv') {
    write(CSV_HEADER)
    return (f) =>
      write(csvRow([f.child, f.code, f.kind, f.table, f.message, f.fields.join(' '), String(f.count)]))
  }
  let lastChild: string | undefined
  return (f) => {
    if (f.child !== lastChild) write(f.child === '' ? 'The return as a whole' : `Child ${f.child}`)
    lastChild = f.child
    const records = f.count > 1 ? ` [${f.count} records]` : ''
    write(`  ${f.kind.padEnd(5)} ${f.code.padEnd(5)} ${f.message} (${f.fields.join(', ')})${records}`)
  }
}

export function formatSummary(summary: ValidationSummary): string {
  const { header, children, rules } = summary
  const lines = [
    '',
    `CIN census ${header.year ?? '(no year)'} for LA ${header.lea ?? '(no LA)'}: ${children.toLocaleString('en-GB')} children`,
    `${summary.errors.toLocaleString('en-GB')} error(s) and ${summary.queries.toLocaleString('en-GB')} query(ies) (children per rule, summed)`,
  ]
  if (rules.length === 0) return [...lines, 'No rule is breached.'].join('\n')
  lines.push('', 'Type   Rule   Children  Records  Message')
  for (const r of rules) {
    lines.push(
      `${r.kind.padEnd(6)} ${r.code.padEnd(6)} ${String(r.children).padStart(8)} ${String(r.records).padStart(8)}  ${r.message}`,
    )
  }
  return lines.join('\n')
}

/** One CSV line of these values, quoted where they need it. */
export function csvRow(values: readonly string[]): string {
  return values.map(csvField).join(',')
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}
