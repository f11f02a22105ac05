// `masa cin-census validate <file>`: validates an LA's CIN census XML and prints the findings.

import { createReadStream } from 'node:fs'
import { findingWriter, formatSummary, type ReportFormat } from './report.ts'
import { validateCensus } from './validate.ts'

export async function runValidateCommand(
  file: string,
  format: ReportFormat,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<number> {
  const summary = await validateCensus(createReadStream(file), findingWriter(format, write))
  if (format === 'text') write(formatSummary(summary))
  else process.stderr.write(`${formatSummary(summary)}\n`)
  return summary.errors > 0 ? 1 : 0
}
