// `masa audit verify`: walks every audit chain and says whether it is intact.
// With the embedded database, stop the server first: one process at a time opens its folder.

import { type AppConfig, loadConfig } from '../../config.ts'
import { openDatabase } from '../db/database.ts'
import { type ChainReport, verifyAuditChain } from './verify.ts'

/** Prints the verdict; resolves to the process exit code (0 intact, 1 broken). */
export async function runAuditVerify(config: AppConfig = loadConfig()): Promise<number> {
  const database = await openDatabase(config)
  try {
    const started = performance.now()
    const report = await verifyAuditChain(database.db)
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    console.log(`${describeReport(report)} (${seconds} s)`)
    return report.intact ? 0 : 1
  } finally {
    await database.close()
  }
}

export function describeReport(report: ChainReport): string {
  const count = report.checked.toLocaleString('en-GB')
  const checked = `${count} ${report.checked === 1 ? 'entry' : 'entries'} checked`
  if (!report.intact)
    return (
      `Audit chain ${report.chainId} BROKEN at entry ${report.brokenAt} (${report.problem}): ` +
      `${report.explanation}. ${checked} before it.`
    )
  const heads = report.heads.map(
    (head) => `  chain ${head.chainId}: entry ${head.chainSeq}, hash ${head.hash}`,
  )
  return [
    `Audit intact: ${checked} in ${report.heads.length} chains. Their heads ` +
      '(keep a copy elsewhere to prove later rows were not cut):',
    ...heads,
  ].join('\n')
}
