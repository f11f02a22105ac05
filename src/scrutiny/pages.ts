// Independent scrutiny's pages: the scrutineer's workspace (aggregates, no child named), the grants
// (active and past) for the leads and the scrutineer, a lead's grant form, revoking a grant, and the
// child's record through the scrutineer's current grant. Every read and change goes through
// workflow.ts (audited).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { callerOf, requireUser } from '../identity/index.ts'
import { agencyName } from '../meetings/index.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { RequestError } from '../platform/http/errors.ts'
import { changeOrShowAgain, formOf, type Posted } from '../platform/http/forms.ts'
import { addDays, GRANT_MAX_DAYS } from './rules.ts'
import { GrantInput, RevokeInput } from './schemas.ts'
import {
  grant,
  grantForm,
  listGrants,
  readGranted,
  revoke,
  type ScrutinyContext,
  workspace,
} from './workflow.ts'

type Id = { Params: { id: string } }
const signedIn = { schema: { hide: true }, preHandler: requireUser }
const grantFormOf = formOf(GrantInput)
const revokeFormOf = formOf(RevokeInput)

const STATE_WORDS = { current: 'Current', revoked: 'Revoked', ended: 'Ended' } as const

/** What the plan categories stand for, as the record through a grant shows them. */
const CATEGORIES: Record<string, string> = {
  NEG: 'Neglect',
  PHY: 'Physical abuse',
  EMO: 'Emotional abuse',
  SAB: 'Sexual abuse',
  MUL: 'Multiple categories',
}

export function registerScrutinyPages(app: FastifyInstance, ctx: ScrutinyContext) {
  const render = (reply: FastifyReply, view: string, context: object) =>
    reply.view(`scrutiny/views/${view}.njk`, context)
  const laName = (laId: string) =>
    ctx.partnership.local_authorities.find((la) => la.id === laId)?.name ?? laId

  app.get('/scrutiny', signedIn, async (request, reply) => {
    const year = (request.query as Record<string, unknown>).year
    return render(reply, 'workspace', await workspace(ctx, callerOf(request), year))
  })

  app.get('/scrutiny/grants', signedIn, async (request, reply) => {
    const { items, leads } = await listGrants(ctx, callerOf(request))
    const done = (request.query as Record<string, string | undefined>).done
    return render(reply, 'grants', {
      leads,
      notice: done === 'granted' ? 'Access granted.' : done === 'revoked' ? 'Access revoked.' : undefined,
      grants: items.map(({ row, state, childName, mayRevoke }) => ({
        id: row.id,
        reference: row.reference,
        child: childName ?? `A child in ${laName(row.la_id)}`,
        named: childName !== undefined,
        review: row.incident_reference,
        grantee: row.grantee_name,
        // Free text a lead wrote may name the child: shown only with the child's name.
        purpose: childName === undefined ? undefined : row.purpose,
        grantedBy: `${row.granted_by_name} (${agencyName(ctx.partnership, row.granted_by_agency_id)})`,
        grantedAt: row.granted_at,
        endsOn: row.ends_on,
        state: STATE_WORDS[state],
        current: state === 'current',
        revoked: row.revoked_at
          ? {
              at: row.revoked_at,
              by: row.revoked_by_name,
              reason: childName === undefined ? null : row.revoke_reason,
            }
          : undefined,
        mayOpen: !leads && state === 'current',
        mayRevoke,
      })),
    })
  })

  const showNew = async (request: FastifyRequest, reply: FastifyReply, posted: Posted = {}) => {
    const asked = posted.form?.childId ?? (request.query as Record<string, unknown>).child
    const childId = typeof asked === 'string' && asked !== '' ? asked : undefined
    const { scrutineers, child } = await grantForm(ctx, callerOf(request), childId)
    const today = toIsoDate(ctx.now())
    return render(reply, 'new', {
      child,
      scrutineers: scrutineers.map((person) => ({
        value: person.userId,
        text: `${person.name} (${agencyName(ctx.partnership, person.agencyId)})`,
      })),
      maxDays: GRANT_MAX_DAYS,
      latest: addDays(today, GRANT_MAX_DAYS),
      form: posted.form ?? {},
      ...grantFormOf.errors(posted.problems ?? []),
    })
  }
  app.get('/scrutiny/grants/new', signedIn, (request, reply) => showNew(request, reply))
  app.post('/scrutiny/grants', signedIn, (request, reply) =>
    changeOrShowAgain(
      request,
      reply,
      async () => {
        await grant(ctx, callerOf(request), grantFormOf.read(request.body))
        return '/scrutiny/grants?done=granted'
      },
      (posted) => showNew(request, reply, posted),
    ),
  )

  app.get<Id>('/scrutiny/grants/:id', signedIn, async (request, reply) => {
    const { grant: row, child, plans, reviews } = await readGranted(ctx, callerOf(request), request.params.id)
    return render(reply, 'record', {
      grant: row,
      reviews,
      child,
      la: laName(child.la_id),
      plans: plans.map((plan) => ({ ...plan, category: CATEGORIES[plan.category] ?? plan.category })),
    })
  })

  const showRevoke = async (request: FastifyRequest<Id>, reply: FastifyReply, posted: Posted = {}) => {
    const { items } = await listGrants(ctx, callerOf(request))
    const item = items.find((i) => i.row.id === request.params.id && i.mayRevoke)
    if (!item) throw new RequestError(404, 'Not found')
    return render(reply, 'revoke', {
      id: item.row.id,
      reference: item.row.reference,
      child: item.childName,
      grantee: item.row.grantee_name,
      form: posted.form ?? {},
      ...revokeFormOf.errors(posted.problems ?? []),
    })
  }
  app.get<Id>('/scrutiny/grants/:id/revoke', signedIn, (request, reply) => showRevoke(request, reply))
  app.post<Id>('/scrutiny/grants/:id/revoke', signedIn, (request, reply) =>
    changeOrShowAgain(
      request,
      reply,
      async () => {
        await revoke(ctx, callerOf(request), request.params.id, revokeFormOf.read(request.body))
        return '/scrutiny/grants?done=revoked'
      },
      (posted) => showRevoke(request, reply, posted),
    ),
  )
}
