// `masa audit verify`: walks every audit chain and says whether it is intact; with --checkpoints,
// also whether each signed checkpoint still matches the chain it signed.
// With the embedded database, stop the server first: one process at a time opens its folder.

import { constants } from 'node:fs'
import { access } from 'node:fs/promises'
import { type AppConfig, ConfigError, loadConfig } from '../../config.ts'
import { openConfiguredDatabase } from '../db/configured.ts'
import { type CheckpointReport, verifyCheckpoints } from './checkpoints.ts'
import { loadAuditPublicKeys } from './signing-key.ts'
import { type ChainReport, verifyAuditChain } from './verify.ts'

export interface VerifyOptions {
  /** A checkpoint file (JSON lines) to check the chains against. */
  checkpoints?: string
  /** The PEM public keys the checkpoints were signed with (more than one across a rotation); else the configured signing key's. */
  publicKey?: string[]
}

/** Prints the verdict; resolves to the process exit code (0 intact, 1 broken). */
export async function runAuditVerify(
  config: AppConfig = loadConfig(),
  options: VerifyOptions = {},
): Promise<number> {
  if (options.checkpoints)
    await access(options.checkpoints, constants.R_OK).catch(() => {
      throw new ConfigError(`--checkpoints: cannot read ${options.checkpoints}`)
    })
  const publicKeys = options.checkpoints ? await loadAuditPublicKeys(config, options.publicKey) : []
  const database = await openConfiguredDatabase(config)
  try {
    const started = performance.now()
    const report = await verifyAuditChain(database.db)
    const seconds = () => ((performance.now() - started) / 1000).toFixed(1)
    console.log(`${describeReport(report)} (${seconds()} s)`)
    if (!report.intact) return 1
    if (!options.checkpoints) return 0
    const checked = await verifyCheckpoints(database.db, options.checkpoints, publicKeys)
    console.log(`${describeCheckpointReport(checked, options.checkpoints)} (${seconds()} s)`)
    return checked.holds && checked.checked > 0 ? 0 : 1
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

export function describeCheckpointReport(report: CheckpointReport, file: string): string {
  const count = `${report.checked.toLocaleString('en-GB')} ${report.checked === 1 ? 'checkpoint' : 'checkpoints'}`
  if (report.holds)
    return report.checked === 0
      ? `Checkpoints NOT checked: ${file} holds no checkpoint.`
      : `Checkpoints hold: the chains match all ${count} signed in ${file}.`
  const where = report.chainId === undefined ? '' : ` (chain ${report.chainId}, entry ${report.brokenAt})`
  return `Checkpoint on line ${report.line} of ${file} BROKEN${where}: ${report.explanation}. ${count} held before it.`
}
