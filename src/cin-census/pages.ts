// The analyst's returns hub: the CIN census returns checked for their LAs, and one run's findings
// per rule and per child, downloadable as CSV. (Returns are uploaded on a page (upload.ts), sent by the
// LA's system through the API, or checked offline with `masa cin-census validate`.)

import type { FastifyInstance, FastifyReply } from 'fastify'
import { requireUser } from '../identity/index.ts'
import { accessFrom } from '../platform/access/guard.ts'
import { decide } from '../platform/access/policy.ts'
import { perChild, ruleLine } from './presenting.ts'
import type { DifferenceKind } from './reconcile.ts'
import { csvRow } from './report.ts'
import { RULE_FIELDS } from './validate.ts'
import { type CensusContext, listRuns, readRun } from './workflow.ts'

type Id = { Params: { id: string } }
const signedIn = { schema: { hide: true }, preHandler: requireUser }
/** The children listed on a run's page; the CSV holds them all. */
const CHILDREN_SHOWN = 500
const DIFFERENCE_WORDS: Record<DifferenceKind, string> = {
  'missing-from-return': 'On a child protection plan in masa, not in the return',
  'missing-from-masa': 'On a child protection plan in the return, not in masa',
  'start-differs': 'The plan starts on a different day',
}

export function registerCensusPages(app: FastifyInstance, ctx: CensusContext): void {
  const render = (reply: FastifyReply, view: string, context: object) =>
    reply.view(`cin-census/views/${view}.njk`, context)

  app.get('/returns', signedIn, async (request, reply) => {
    const caller = accessFrom(request)
    const { las, runs } = await listRuns(ctx, caller)
    // The partnership view of every LA's returns (src/annex-a), for an analyst of the whole partnership.
    const partnershipView = caller.actor
      ? decide(caller.actor, 'returns.compare', { kind: 'partnership' }).allowed
      : false
    return render(reply, 'hub', { las, runs, partnershipView })
  })

  app.get<Id>('/returns/cin-census/:id', signedIn, async (request, reply) => {
    const { run, findings, differences } = await readRun(ctx, accessFrom(request), request.params.id)
    const rules = run.rules.map((r) => ({ ...ruleLine(r.code, RULE_FIELDS[r.code] ?? []), ...r }))
    const children = perChild(findings)
    return render(reply, 'run', {
      run,
      rules,
      children: children.slice(0, CHILDREN_SHOWN),
      more: Math.max(0, children.length - CHILDREN_SHOWN),
      differences: differences.map((d) => ({ ...d, words: DIFFERENCE_WORDS[d.kind] })),
    })
  })

  app.get<Id>('/returns/cin-census/:id/findings.csv', signedIn, async (request, reply) => {
    const { run, findings } = await readRun(ctx, accessFrom(request), request.params.id)
    const lines = [csvRow(['LAchildID', 'Rule', 'Type', 'Message', 'Fields', 'Records'])]
    for (const f of findings) {
      const rule = ruleLine(f.code, RULE_FIELDS[f.code] ?? [])
      lines.push(csvRow([f.child, f.code, rule.kind, rule.message, rule.fields, String(f.records)]))
    }
    const name = `cin-census-findings-${run.la_id}-${run.census_year ?? 'unknown'}.csv`
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(`${lines.join('\r\n')}\r\n`)
  })
}
