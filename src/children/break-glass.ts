// Refused pages. Where the policy would open a child's record, or a part of it, to someone who gives
// a reason, the page offers break-glass; one reason then opens the child's record and its parts for
// the session (platform/access/break-glass.ts). Where it would not, the page says whose front door
// to ask. A record whose existence must not leak stays a plain 404.

import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify'
import type { Database } from '../database.ts'
import { requireUser } from '../identity/index.ts'
import { getLa, type PartnershipConfig } from '../partnership/config.ts'
import { rememberBreakGlass } from '../platform/access/break-glass.ts'
import { AccessRefused, accessFrom, audited, authorize } from '../platform/access/guard.ts'
import { MIN_BREAK_GLASS_REASON, type Permit } from '../platform/access/policy.ts'
import { getChildResource } from './resources.ts'

/** What was refused: the child's record (and its chronology), or a meeting's record. */
export type RefusedKind = 'record' | 'meeting'

const REFUSED: Record<RefusedKind, { heading: string; explanation: string }> = {
  record: {
    heading: 'You do not have access to this child’s record',
    explanation:
      'This child is outside the area your role covers and you are not involved with them, so you have no need-to-know access to their record.',
  },
  meeting: {
    heading: 'You do not have access to this meeting’s record',
    explanation:
      'Only the agencies invited to this meeting, the people who took part in it and the child’s local authority may read its record.',
  },
}

export interface RefusedPage {
  kind: RefusedKind
  /** Where the break-glass form posts. */
  action?: string
  /** The page to go back to once the record is open. */
  returnTo?: string
  /** The reason given, when it was not enough. */
  reason?: string
}

/** The break-glass form (for whom a reason would open it) or whom to ask, answered 403. */
export function renderRefused(
  reply: FastifyReply,
  partnership: PartnershipConfig,
  refused: AccessRefused['refused'],
  page: RefusedPage,
) {
  const words = REFUSED[page.kind]
  if (!refused.breakGlass) {
    const la = getLa(partnership, refused.laId)
    return reply.code(403).view('children/views/ask-front-door.njk', {
      refused: words,
      laName: la.name,
      frontDoor: la.front_door,
    })
  }
  const problems = breakGlassProblems(page.reason)
  return reply.code(403).view('children/views/break-glass.njk', {
    refused: {
      ...words,
      action: page.action ?? `/children/${refused.childId}/break-glass`,
      returnTo: page.returnTo,
    },
    reason: page.reason,
    errors: problems.map((p) => ({ text: p.text, href: `#${p.field}` })),
    fieldErrors: Object.fromEntries(problems.map((p) => [p.field, { text: p.text }])),
  })
}

function breakGlassProblems(reason: string | undefined) {
  if (reason === undefined) return []
  if (!reason.trim()) return [{ field: 'reason', text: 'Enter why you need to see this child’s record now' }]
  return [{ field: 'reason', text: `Reason must be ${MIN_BREAK_GLASS_REASON} characters or more` }]
}

/** Wraps a page's handler so that a refusal the reader may know of becomes the refused page. */
export const refusable =
  (partnership: PartnershipConfig, kind: RefusedKind) =>
  <R extends FastifyRequest>(handler: (request: R, reply: FastifyReply) => Promise<unknown>) =>
    (async (request: R, reply: FastifyReply) => {
      try {
        return await handler(request, reply)
      } catch (error) {
        if (!(error instanceof AccessRefused)) throw error
        return renderRefused(reply, partnership, error.refused, { kind, returnTo: request.url })
      }
    }) as unknown as RouteHandlerMethod

/**
 * Remembers a break-glass opening for the session, with its reason, when this permit is one: the
 * child's chronology, meetings and enquiries then open without asking again for a while.
 */
export async function rememberOpening(
  trx: Parameters<typeof rememberBreakGlass>[0],
  request: FastifyRequest,
  opening: { permit: Permit; childId: string; reason: string | undefined; now: Date },
) {
  const sessionId = request.userSession?.id
  if (opening.permit.basis !== 'break-glass' || !sessionId || !opening.reason) return
  await rememberBreakGlass(trx, {
    sessionId,
    childId: opening.childId,
    reason: opening.reason,
    now: opening.now,
  })
}

/** A path on this site to go back to, or the child's record. */
const backTo = (returnTo: unknown, childId: string) =>
  typeof returnTo === 'string' && /^\/(?![/\\])/.test(returnTo) ? returnTo : `/children/${childId}`

type BreakGlassRequest = FastifyRequest<{ Params: { id: string }; Body: Record<string, string | undefined> }>

/** POST /children/:id/break-glass: opens the child's record with a reason, then goes back to the page. */
export function registerBreakGlass(
  app: FastifyInstance,
  ctx: { db: Database['db']; partnership: PartnershipConfig; now: () => Date },
) {
  app.post(
    '/children/:id/break-glass',
    { schema: { hide: true }, preHandler: requireUser },
    async (request: BreakGlassRequest, reply) => {
      const childId = request.params.id
      const reason = request.body?.breakGlassReason ?? ''
      const returnTo = backTo(request.body?.returnTo, childId)
      try {
        await audited(ctx.db, async (trx) => {
          const resource = await getChildResource(trx, childId)
          const access = { ...accessFrom(request), action: 'child.view' as const, resource }
          const permit = authorize(trx, { ...access, breakGlassReason: reason, detail: { returnTo } })
          await rememberOpening(trx, request, { permit, childId, reason: reason.trim(), now: ctx.now() })
        })
      } catch (error) {
        if (!(error instanceof AccessRefused)) throw error
        return renderRefused(reply, ctx.partnership, error.refused, { kind: 'record', returnTo, reason })
      }
      return reply.redirect(returnTo, 303)
    },
  )
}
