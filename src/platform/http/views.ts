import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import view from '@fastify/view'
import type { FastifyInstance } from 'fastify'
import nunjucks from 'nunjucks'
import type { PartnershipConfig } from '../../partnership/config-schema.ts'
import { govukDate, govukDateTime, govukDeadline, govukTime } from './dates.ts'
import { eventInWords } from './words.ts'

const require = createRequire(import.meta.url)
const sourceRoot = new URL('../../', import.meta.url).pathname

/** Template search path: capability templates by their folder ('front-door/views/x.njk'), then GOV.UK and MoJ. */
const templateRoots = [
  sourceRoot,
  join(dirname(require.resolve('govuk-frontend/package.json')), 'dist'),
  dirname(require.resolve('@ministryofjustice/frontend/package.json')),
]

/** What every page's layout shows: the partnership's name and LAs, and whether this is the demo. */
export interface ViewContext {
  partnership: PartnershipConfig
  demo?: boolean
}

export async function registerViews(app: FastifyInstance, deps: ViewContext): Promise<void> {
  await app.register(view, {
    engine: { nunjucks },
    templates: templateRoots,
    options: {
      autoescape: true,
      onConfigure: (env: nunjucks.Environment) =>
        env
          .addFilter('govukDate', govukDate)
          .addFilter('govukDateTime', govukDateTime)
          .addFilter('govukDeadline', govukDeadline)
          .addFilter('govukTime', govukTime)
          .addFilter('eventInWords', eventInWords)
          .addFilter('agencyName', agencyNamer(deps.partnership)),
    },
    defaultContext: {
      partnership: deps.partnership.partnership,
      localAuthorities: deps.partnership.local_authorities,
      demo: deps.demo ?? false,
    },
  })
  // After the view plugin's own hook, which starts each request's context afresh.
  app.addHook('onRequest', async (request, reply) => {
    reply.locals = { ...reply.locals, requestId: request.id }
  })
  app.addHook('preHandler', async (_request, reply) => {
    reply.locals = { ...reply.locals, cspNonce: reply.cspNonce?.script }
  })
}

/** An agency's name from its id ('leicestershire-police' -> 'Leicestershire Police'), for the `agencyName` filter. */
export function agencyNamer(config: PartnershipConfig): (agencyId: unknown) => string {
  const names = new Map(config.agencies.map((agency) => [agency.id, agency.name]))
  return (agencyId) => names.get(String(agencyId)) ?? 'An agency no longer in the partnership'
}

declare module 'fastify' {
  interface FastifyReply {
    /** Per-request template context (@fastify/view merges it into every view): requestId, cspNonce, csrfToken, actor... */
    locals: Record<string, unknown>
  }
}
