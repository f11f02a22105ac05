import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import view from '@fastify/view'
import type { FastifyInstance } from 'fastify'
import nunjucks from 'nunjucks'
import type { PartnershipConfig } from '../../partnership/config-schema.ts'
import { govukDate, govukDateTime, govukDeadline, govukTime } from './dates.ts'
import { keepGovukMacros } from './view-macros.ts'
import { eventInWords } from './words.ts'

const require = createRequire(import.meta.url)
const sourceRoot = new URL('../../', import.meta.url).pathname

/** Template search path: capability templates by their folder ('front-door/views/x.njk'), then GOV.UK and MoJ. */
export const templateRoots = [
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
        keepGovukMacros(rememberTemplatePaths(addFilters(env, deps.partnership))),
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

/** The filters every template may use: GOV.UK dates and times, events and agencies in words. */
export function addFilters(env: nunjucks.Environment, partnership: PartnershipConfig): nunjucks.Environment {
  return env
    .addFilter('govukDate', govukDate)
    .addFilter('govukDateTime', govukDateTime)
    .addFilter('govukDeadline', govukDeadline)
    .addFilter('govukTime', govukTime)
    .addFilter('eventInWords', eventInWords)
    .addFilter('agencyName', agencyNamer(partnership))
}

/**
 * Every GOV.UK macro includes its template by a relative path ('./template.njk'), which Nunjucks resolves
 * against the file system's rules on every call: a page calls dozens. The answer never changes.
 */
function rememberTemplatePaths(env: nunjucks.Environment): nunjucks.Environment {
  const resolving = env as nunjucks.Environment & { resolveTemplate: TemplateResolver }
  const resolveTemplate = resolving.resolveTemplate.bind(env)
  // One loader (the file system's) serves every template, so the path alone is the key.
  const resolved = new Map<string, string>()
  resolving.resolveTemplate = (loader, parentName, filename) => {
    const key = `${parentName}\n${filename}`
    let path = resolved.get(key)
    if (path === undefined) {
      path = resolveTemplate(loader, parentName, filename)
      resolved.set(key, path)
    }
    return path
  }
  return env
}

/** Nunjucks' own (undeclared) step from a name in a template to the name its loader caches. */
type TemplateResolver = (loader: nunjucks.ILoader, parentName: string | null, filename: string) => string

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
