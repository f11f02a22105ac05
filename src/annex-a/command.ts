// `masa annex-a --la --from --to --out --as --agency`: writes the Annex A workbook for an LA and
// period, as the named analyst (their roles decide, and the reading is audited in their name).

import { writeFile } from 'node:fs/promises'
import type { AppConfig } from '../config.ts'
import { openConfiguredDatabase } from '../database.ts'
import { actorForColleague } from '../identity/index.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import { migrate } from '../platform/db/migrate.ts'
import { RequestError } from '../platform/http/errors.ts'
import { periodOf } from './rules.ts'
import { annexWorkbook } from './workbook.ts'
import { annexAreas, annexLists } from './workflow.ts'

export interface AnnexCommandOptions {
  la: string
  from: string
  to: string
  out: string
  /** The email of the person making it, and their agency. */
  as: string
  agency: string
}

/** Writes the workbook; 0 when written, 1 with the reason on standard error otherwise. */
export async function runAnnexCommand(options: AnnexCommandOptions, config: AppConfig): Promise<number> {
  const partnership = await loadPartnershipConfig(config.partnershipFile)
  const database = await openConfiguredDatabase(config)
  try {
    await migrate(database)
    const ctx = { db: database.db, partnership }
    const actor = await actorForColleague(ctx, options.agency, options.as)
    if (!actor) return fail(`No active user ${options.as} in agency ${options.agency}`)
    const caller = { actor, origin: { ip: 'command line', requestId: 'masa annex-a' } }
    const period = periodOf(
      options,
      annexAreas(ctx, caller).map((la) => la.id),
    )
    if (Array.isArray(period)) return fail(period.map((p) => `${p.field}: ${p.text}`).join('\n'))
    const rows = await annexLists(ctx, caller, period, 'downloaded')
    await writeFile(options.out, await annexWorkbook(rows))
    console.log(
      `Wrote ${options.out}: ${rows.contacts.length} contacts, ${rows.referrals.length} referrals, ` +
        `${rows.enquiries.length} s47 enquiries, ${rows.plans.length} CP plans.`,
    )
    return 0
  } catch (error) {
    if (error instanceof RequestError) return fail(error.message)
    throw error
  } finally {
    await database.close()
  }
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`)
  return 1
}
