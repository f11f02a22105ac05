// Annex A's use cases: the LAs the caller may make it for, and the lists for an LA and period,
// read in one audited transaction (they name children).

import type { Kysely } from 'kysely'
import type { DB } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { type Access, audited, authorize, authorizeGate } from '../platform/access/guard.ts'
import { decide } from '../platform/access/policy.ts'
import type { AnnexRows } from './lists.ts'
import { combine, compare, type LaComparison, type PartnershipLists } from './partnership.ts'
import * as store from './store.ts'

export interface AnnexContext {
  db: Kysely<DB>
  partnership: PartnershipConfig
}

/** The LAs whose Annex A the caller may make (the page's choices). */
export function annexAreas(ctx: AnnexContext, caller: Pick<Access, 'actor' | 'origin'>) {
  const actor = authorizeGate(caller.actor, 'returns')
  return ctx.partnership.local_authorities.filter(
    (la) => decide(actor, 'returns.prepare', { kind: 'la', laId: la.id }).allowed,
  )
}

/** The partnership view's form, before any period: asked of the policy and audited like the view. */
export async function openPartnershipView(ctx: AnnexContext, caller: Pick<Access, 'actor' | 'origin'>) {
  authorizeGate(caller.actor, 'returns')
  await audited(ctx.db, async (trx) => {
    const detail = { step: 'partnership-returns-form' }
    authorize(trx, { ...caller, action: 'returns.compare', resource: { kind: 'partnership' }, detail })
  })
}

/**
 * Every LA's lists for the period, degraded and combined, and each LA's figures beside the others',
 * read in one audited transaction (`returns.compare` on the partnership; `purpose` says in the audit
 * whether they were compared on the page or which list left as a file).
 */
export async function partnershipReturns(
  ctx: AnnexContext,
  caller: Pick<Access, 'actor' | 'origin'>,
  period: { from: string; to: string },
  purpose: { step: 'compared' } | { step: 'downloaded'; list: string; format: string },
): Promise<{ comparison: LaComparison[]; lists: PartnershipLists }> {
  authorizeGate(caller.actor, 'returns')
  const each = await audited(ctx.db, async (trx) => {
    const { step, ...rest } = purpose
    const detail = { step: `partnership-returns-${step}`, ...rest, from: period.from, to: period.to }
    authorize(trx, { ...caller, action: 'returns.compare', resource: { kind: 'partnership' }, detail })
    const read = []
    for (const la of ctx.partnership.local_authorities) {
      const p = { laId: la.id, ...period }
      read.push({
        la: { laCode: la.dfe_code, laName: la.name },
        rows: {
          contacts: await store.contacts(trx, p),
          referrals: await store.referrals(trx, p),
          enquiries: await store.enquiries(trx, p),
          plans: await store.plans(trx, p),
        },
      })
    }
    return read
  })
  return { comparison: compare(each, period), lists: combine(each) }
}

/** The four lists for the LA and period; `purpose` says in the audit whether they were downloaded. */
export async function annexLists(
  ctx: AnnexContext,
  caller: Pick<Access, 'actor' | 'origin'>,
  period: store.Period,
  purpose: 'counted' | 'downloaded',
): Promise<AnnexRows> {
  authorizeGate(caller.actor, 'returns')
  return audited(ctx.db, async (trx) => {
    const detail = { step: `annex-a-${purpose}`, from: period.from, to: period.to }
    authorize(trx, {
      ...caller,
      action: 'returns.prepare',
      resource: { kind: 'la', laId: period.laId },
      detail,
    })
    return {
      contacts: await store.contacts(trx, period),
      referrals: await store.referrals(trx, period),
      enquiries: await store.enquiries(trx, period),
      plans: await store.plans(trx, period),
    }
  })
}
