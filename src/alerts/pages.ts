// /alerts: what others changed about the children I work with; marking them seen; choosing email.
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { DB } from '../database.ts'
import { callerOf, getActor, requireUser } from '../identity/index.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { govukErrors } from '../platform/http/forms.ts'
import { chooseEmail, markSeen, viewAlerts } from './workflow.ts'

interface Context {
  db: Kysely<DB>
  partnership: PartnershipConfig
  now: () => Date
}

const signedIn = { schema: { hide: true }, preHandler: requireUser }

export function registerAlertPages(app: FastifyInstance, ctx: Context): void {
  const agencyName = (id: string) => ctx.partnership.agencies.find((agency) => agency.id === id)?.name ?? id

  app.get<{ Querystring: { saved?: string } }>('/alerts', signedIn, async (request, reply) => {
    const page = await viewAlerts(ctx.db, callerOf(request), ctx.now())
    return reply.view('alerts/views/alerts.njk', { ...page, agencyName, saved: request.query.saved })
  })

  app.post<{ Body: { upTo?: string } }>('/alerts/seen', signedIn, async (request, reply) => {
    const upTo = Number(request.body?.upTo)
    if (Number.isSafeInteger(upTo) && upTo > 0) await markSeen(ctx.db, getActor(request), upTo)
    return reply.redirect('/alerts', 303)
  })

  app.post<{ Body: { email?: string } }>('/alerts/email', signedIn, async (request, reply) => {
    const email = request.body?.email
    if (email !== 'yes' && email !== 'no') {
      const page = await viewAlerts(ctx.db, callerOf(request), ctx.now())
      const problem = { field: 'email', text: 'Choose whether to get an email when there are new alerts' }
      return reply
        .code(400)
        .view('alerts/views/alerts.njk', { ...page, agencyName, ...govukErrors([problem]) })
    }
    await chooseEmail(ctx.db, getActor(request), email === 'yes')
    return reply.redirect('/alerts?saved=email', 303)
  })
}
