// Administration of API credentials for agencies' systems: create (the key is shown once), revoke.
// Every change is audited.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../../platform/access/actor.ts'
import { RequestError } from '../../platform/http/errors.ts'
import { type FieldProblem, isUuid } from '../../platform/http/schemas.ts'
import { getActor } from '../guards.ts'
import {
  type AdminAction,
  API_SCOPE_LABELS,
  isApiScope,
  mayAdminister,
  type NewApiClientInput,
  newApiClientErrors,
} from '../rules.ts'
import type { IdentityRuntime } from '../runtime.ts'
import { apiKeyPrefix, hashToken, newApiKey, openSecret, sealSecret } from '../secrets.ts'
import {
  createApiClient,
  findApiClient,
  listApiClients,
  revokeApiClient,
  saveFlash,
  takeFlash,
} from '../store.ts'
import { administer, administeredAgencies, agencyName, requireAdministrator } from './admin.ts'
import { errorContext, field, fields } from './forms.ts'

const ACTION: AdminAction = 'api-client.administer'
/** How long after it is made a new key may still be shown (once). */
const SHOWN_FOR_MS = 5 * 60_000

interface CreatedKey {
  client: { name: string; agency: string; scopes: string[] }
  key: string
  /** When it was made, in milliseconds. */
  at: number
}

const sessionOf = (request: FastifyRequest): string => {
  if (!request.userSession) throw new RequestError(401, 'Sign in again')
  return request.userSession.id
}

/** What each permission lets the system do, in words. */
const scopesInWords = (scopes: readonly string[]) =>
  scopes.map((scope) => (isApiScope(scope) ? API_SCOPE_LABELS[scope] : scope))
const scopeChoices = Object.entries(API_SCOPE_LABELS).map(([value, text]) => ({
  value,
  text: `${text} (${value})`,
}))

export function registerApiClientRoutes(app: FastifyInstance, runtime: IdentityRuntime): void {
  const { partnership } = runtime
  const guarded = { preHandler: requireAdministrator(ACTION) }
  const agenciesFor = (actor: Actor) => administeredAgencies(partnership, actor, ACTION)

  app.get('/admin/api-clients', guarded, async (request, reply) => {
    const agencyIds = agenciesFor(getActor(request)).map((agency) => agency.id)
    const clients = await listApiClients(runtime.db, agencyIds)
    return reply.view('identity/views/admin/api-clients.njk', {
      clients: clients.map((client) => ({
        id: client.id,
        name: client.name,
        agency: agencyName(partnership, client.agency_id),
        keyPrefix: client.key_prefix,
        scopes: scopesInWords(client.scopes),
        active: client.active,
        lastUsedAt: client.last_used_at,
      })),
    })
  })

  const newClientPage = (
    reply: FastifyReply,
    actor: Actor,
    values: Partial<NewApiClientInput>,
    errors: FieldProblem[] = [],
  ) =>
    reply.view('identity/views/admin/api-client-new.njk', {
      values,
      agencies: agenciesFor(actor).map(({ id, name }) => ({ id, name })),
      scopes: scopeChoices,
      ...errorContext(errors),
    })

  app.get('/admin/api-clients/new', guarded, async (request, reply) => {
    const actor = getActor(request)
    return newClientPage(reply, actor, { agencyId: actor.agencyId, scopes: [] })
  })

  app.post('/admin/api-clients', guarded, async (request, reply) => {
    const actor = getActor(request)
    const input = newClientInput(request)
    const errors = newApiClientErrors(
      input,
      agenciesFor(actor).map((agency) => agency.id),
    )
    if (errors.length > 0) return newClientPage(reply.code(400), actor, input, errors)
    const key = newApiKey()
    const record = { ...input, keyPrefix: apiKeyPrefix(key), keyHash: hashToken(key) }
    const detail = { operation: 'create', name: input.name, scopes: input.scopes }
    await administer(
      runtime.db,
      request,
      { action: ACTION, agencyId: input.agencyId, detail },
      async (trx) => {
        await createApiClient(trx, record)
        const created: CreatedKey = {
          client: { name: input.name, agency: agencyName(partnership, input.agencyId), scopes: input.scopes },
          key,
          at: runtime.now().getTime(),
        }
        await saveFlash(trx, sessionOf(request), sealSecret(JSON.stringify(created)))
      },
    )
    return reply.redirect('/admin/api-clients/created', 303)
  })

  // Shown once: the key is taken from the session as it is shown, so a reload shows no key, and
  // nothing new is made.
  app.get('/admin/api-clients/created', guarded, async (request, reply) => {
    const kept = await takeFlash(runtime.db, sessionOf(request))
    const created = kept ? (JSON.parse(openSecret(kept)) as CreatedKey) : undefined
    reply.header('cache-control', 'no-store')
    if (!created || runtime.now().getTime() - created.at > SHOWN_FOR_MS)
      return reply.view('identity/views/admin/api-client-created.njk', {})
    return reply.view('identity/views/admin/api-client-created.njk', {
      ...created,
      client: { ...created.client, scopes: scopesInWords(created.client.scopes) },
    })
  })

  app.post<{ Params: { id: string } }>('/admin/api-clients/:id/revoke', guarded, async (request, reply) => {
    const client = isUuid(request.params.id) ? await findApiClient(runtime.db, request.params.id) : undefined
    if (!client || !mayAdminister(getActor(request), ACTION, client.agency_id)) {
      throw new RequestError(404, 'There is no such API client')
    }
    const detail = { operation: 'revoke', clientId: client.id }
    await administer(runtime.db, request, { action: ACTION, agencyId: client.agency_id, detail }, (trx) =>
      revokeApiClient(trx, client.id),
    )
    return reply.redirect('/admin/api-clients', 303)
  })
}

function newClientInput(request: FastifyRequest): NewApiClientInput {
  return {
    name: field(request, 'name'),
    agencyId: field(request, 'agencyId') || getActor(request).agencyId,
    scopes: fields(request, 'scopes'),
  }
}
