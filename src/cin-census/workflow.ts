// The returns hub's use cases for the CIN census: check a return sent in (streamed, bounded
// memory) and keep its findings for its LA, list the runs of the LAs the caller may prepare returns
// for, and read one run. Each read and write of the findings (which name children) is audited.

import type { Kysely } from 'kysely'
import type { DB } from '../database.ts'
import { findLaByCode } from '../partnership/config.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import type { Actor } from '../platform/access/actor.ts'
import { type Access, audited, authorize, authorizeGate } from '../platform/access/guard.ts'
import { decide } from '../platform/access/policy.ts'
import { RequestError } from '../platform/http/errors.ts'
import { isUuid } from '../platform/http/schemas.ts'
import { type PlanOnRecord, reconcile, returnPlans } from './reconcile.ts'
import * as store from './store.ts'
import { type ValidationSummary, validateCensus } from './validate.ts'

export interface CensusContext {
  db: Kysely<DB>
  partnership: PartnershipConfig
}

/** The findings kept per run: enough for any LA's real return; the counts per rule are always whole. */
export const FINDINGS_KEPT = 100_000

/** How a return came: from the LA's system (the API), or uploaded on the page (with its file's name). */
export type ReturnSource = { via: 'api' } | { via: 'upload'; file: string }

/**
 * Checks a return as it streams in, then keeps the run for the LA its header names (refused, and
 * audited so, when the caller may not prepare that LA's returns). The file itself is not kept.
 */
export async function checkReturn(
  ctx: CensusContext,
  caller: Pick<Access, 'actor' | 'origin'>,
  chunks: AsyncIterable<string | Buffer>,
  source: ReturnSource = { via: 'api' },
): Promise<{ id: string; summary: ValidationSummary; differences: number }> {
  const actor = authorizeGate(caller.actor, 'returns')
  const kept: store.KeptFinding[] = []
  let total = 0
  const plans: PlanOnRecord[] = []
  let year: { from: string; to: string } | undefined
  const summary = await validateCensus(
    chunks,
    (f) => {
      total += 1
      if (kept.length < FINDINGS_KEPT) kept.push({ child: f.child, code: f.code, records: f.count })
    },
    (child, period) => {
      if (!period) return
      year = { from: period.start, to: period.end }
      plans.push(...returnPlans(child, period))
    },
  ).catch((error: Error) => {
    throw new RequestError(
      400,
      `The file is not a CIN census XML masa can read: ${error.message.split('\n')[0]}`,
    )
  })
  const la = findLaByCode(ctx.partnership, summary.header.lea ?? '')
  if (!la)
    throw new RequestError(
      422,
      `The return's header names LA code ${summary.header.lea ?? '(none)'}, which is not in this partnership`,
      'LEA',
    )
  return audited(ctx.db, async (trx) => {
    const detail = {
      step: 'cin-census-check',
      children: summary.children,
      errors: summary.errors,
      ...(source.via === 'upload' ? { uploaded: source.file.slice(0, 200) } : {}),
    }
    authorize(trx, { ...caller, action: 'returns.prepare', resource: { kind: 'la', laId: la.id }, detail })
    const id = await store.insertRun(trx, {
      laId: la.id,
      summary,
      findings: kept,
      findingsTotal: total,
      uploadedBy: `${actor.kind}:${actor.id}`,
      uploadedByName: actor.displayName,
    })
    const differences = year ? reconcile(await store.masaPlans(trx, la.id, year.from, year.to), plans) : []
    await store.insertDifferences(trx, id, differences)
    return { id, summary, differences: differences.length }
  })
}

/** The LAs whose returns the caller may prepare (all of them for a partnership-wide role). */
export function returnAreas(ctx: CensusContext, actor: Actor) {
  return ctx.partnership.local_authorities.filter(
    (la) => decide(actor, 'returns.prepare', { kind: 'la', laId: la.id }).allowed,
  )
}

/** The checked returns of the caller's LAs, newest first. */
export async function listRuns(ctx: CensusContext, caller: Pick<Access, 'actor' | 'origin'>) {
  const actor = authorizeGate(caller.actor, 'returns')
  const las = returnAreas(ctx, actor)
  const runs = await audited(ctx.db, async (trx) => {
    for (const la of las)
      authorize(trx, { ...caller, action: 'returns.prepare', resource: { kind: 'la', laId: la.id } })
    return store.runsOf(
      trx,
      las.map((la) => la.id),
    )
  })
  const laName = (id: string) => las.find((la) => la.id === id)?.name ?? id
  return { las, runs: runs.map((run) => ({ ...run, laName: laName(run.la_id) })) }
}

/** One checked return with its findings (audited: they name children); 404 when there is none. */
export async function readRun(ctx: CensusContext, caller: Pick<Access, 'actor' | 'origin'>, id: string) {
  authorizeGate(caller.actor, 'returns')
  return audited(ctx.db, async (trx) => {
    const run = isUuid(id) ? await store.runById(trx, id) : undefined
    if (!run) throw new RequestError(404, 'No such checked return')
    const detail = { step: 'cin-census-findings', run: id }
    authorize(trx, {
      ...caller,
      action: 'returns.prepare',
      resource: { kind: 'la', laId: run.la_id },
      detail,
    })
    const la = ctx.partnership.local_authorities.find((candidate) => candidate.id === run.la_id)
    return {
      run: { ...run, laName: la?.name ?? run.la_id },
      findings: await store.findingsOf(trx, id),
      differences: await store.differencesOf(trx, id),
    }
  })
}
