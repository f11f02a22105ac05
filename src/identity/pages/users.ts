// Administration of users: list, add with roles, change roles, reset a password, deactivate,
// unlock. Every change is audited.

import type { FastifyInstance, FastifyReply, FastifyRequest, RouteGenericInterface } from 'fastify'
import type { Actor, RoleGrant } from '../../platform/access/actor.ts'
import { RequestError } from '../../platform/http/errors.ts'
import { type FieldProblem, isUuid } from '../../platform/http/schemas.ts'
import { getActor } from '../guards.ts'
import {
  type AdminAction,
  accountStatus,
  changedGrants,
  grantableRoles,
  grantErrors,
  grantsFrom,
  mayAdminister,
  type NewUserInput,
  newUserErrors,
  ROLE_LABELS,
  type RolesInput,
  rolesErrors,
  sameGrants,
  widestAreas,
} from '../rules.ts'
import type { IdentityRuntime } from '../runtime.ts'
import { hashPassword, newTemporaryPassword } from '../secrets.ts'
import {
  type AppUser,
  changeGrants,
  clearLockout,
  countSessions,
  createUser,
  deactivateUser,
  findGrants,
  findUser,
  findUserByEmail,
  listUsers,
  resetAuthenticator,
  resetPassword,
} from '../store.ts'
import {
  administer,
  administeredAgencies,
  agencyName,
  grantingAgency,
  requireAdministrator,
} from './admin.ts'
import { errorContext, field, fields, queryField } from './forms.ts'

type WithId = { Params: { id: string } }
const ACTION: AdminAction = 'user.administer'

export function registerUserRoutes(app: FastifyInstance, runtime: IdentityRuntime): void {
  const guarded = { preHandler: requireAdministrator(ACTION) }
  app.get('/admin/users', guarded, listUsersPage(runtime))
  app.get('/admin/users/new', guarded, async (request, reply) => {
    const actor = getActor(request)
    return newUserPage(runtime, reply, actor, { agencyId: actor.agencyId, roles: [] })
  })
  app.post('/admin/users', guarded, addUser(runtime))
  app.get<WithId>('/admin/users/:id', guarded, showUser(runtime))
  app.get<WithId>('/admin/users/:id/roles', guarded, showRolesForm(runtime))
  app.post<WithId>('/admin/users/:id/roles', guarded, changeRoles(runtime))
  app.post<WithId>('/admin/users/:id/reset-password', guarded, resetUserPassword(runtime))
  app.post<WithId>('/admin/users/:id/reset-authenticator', guarded, resetUserAuthenticator(runtime))
  app.post<WithId>('/admin/users/:id/deactivate', guarded, deactivate(runtime))
  app.post<WithId>('/admin/users/:id/unlock', guarded, unlock(runtime))
}

type Handler<R extends RouteGenericInterface = RouteGenericInterface> = (
  request: FastifyRequest<R>,
  reply: FastifyReply,
) => Promise<unknown>

// ---------------------------------------------------------------------------
// What the pages share

const agencyIdsFor = ({ partnership }: IdentityRuntime, actor: Actor) =>
  administeredAgencies(partnership, actor, ACTION).map((agency) => agency.id)

const laIdsOf = ({ partnership }: IdentityRuntime) => partnership.local_authorities.map((la) => la.id)

function describeGrant({ partnership }: IdentityRuntime, grant: RoleGrant) {
  const laName = (laId: string) => partnership.local_authorities.find((la) => la.id === laId)?.name ?? laId
  return `${ROLE_LABELS[grant.role]}${grant.laId ? ` (${laName(grant.laId)})` : ''}`
}

const statusOf = (runtime: IdentityRuntime, user: AppUser) =>
  accountStatus({ active: user.active, lockedUntil: user.locked_until }, runtime.now())

/** The agency of a user or of the form; one no longer in the partnership's configuration has no roles to give. */
function agencyOf({ partnership }: IdentityRuntime, agencyId: string) {
  const agency = partnership.agencies.find((candidate) => candidate.id === agencyId)
  if (!agency) throw new RequestError(404, 'This agency is no longer in the partnership')
  return grantingAgency(agency)
}

const grantable = (runtime: IdentityRuntime, actor: Actor, agencyId: string) =>
  grantableRoles(actor, agencyOf(runtime, agencyId), laIdsOf(runtime))

/** The grants the form asks for: each ticked role in the chosen area, or in each of the widest. */
const requestedGrants = (runtime: IdentityRuntime, actor: Actor, agencyId: string, input: RolesInput) =>
  grantsFrom(input, widestAreas(actor, agencyOf(runtime, agencyId), laIdsOf(runtime)))

/** What the role checkboxes and the area select offer this administrator for a member of this agency. */
function roleChoices(runtime: IdentityRuntime, actor: Actor, agencyId: string) {
  const agency = agencyOf(runtime, agencyId)
  const widest = widestAreas(actor, agency, laIdsOf(runtime))
  const areas = runtime.partnership.local_authorities
    .filter((la) => widest.includes(null) || widest.includes(la.id))
    .map(({ id, name }) => ({ value: id, text: name }))
  const everywhere = widest.includes(null) ? 'The whole partnership' : `Every area ${agency.name} serves`
  return {
    roles: grantable(runtime, actor, agencyId).map((role) => ({ value: role, text: ROLE_LABELS[role] })),
    areas: areas.length > 1 ? [{ value: '', text: everywhere }, ...areas] : areas,
  }
}

/** Tries the change; if the policy refuses a role or its area (audited), the form errors saying which. */
async function refusedGrants(
  runtime: IdentityRuntime,
  actor: Actor,
  agencyId: string,
  given: readonly RoleGrant[],
  attempt: () => Promise<void>,
): Promise<FieldProblem[]> {
  try {
    await attempt()
    return []
  } catch (error) {
    const errors = grantErrors(actor, agencyOf(runtime, agencyId), given)
    if (error instanceof RequestError && error.statusCode === 403 && errors.length > 0) return errors
    throw error
  }
}

/** The user, if this administrator may manage them; 404 otherwise, so other agencies' staff stay unlisted. */
async function administeredUser(runtime: IdentityRuntime, request: FastifyRequest<WithId>): Promise<AppUser> {
  const user = isUuid(request.params.id) ? await findUser(runtime.db, request.params.id) : undefined
  if (!user || !mayAdminister(getActor(request), ACTION, user.agency_id)) {
    throw new RequestError(404, 'There is no such user')
  }
  return user
}

// Staff of an agency with its own provider sign in there: they have no password here to reset.
const signsInWithPassword = (runtime: IdentityRuntime, user: AppUser) => !runtime.oidc.find(user.agency_id)

// ---------------------------------------------------------------------------
// Listing and adding users

const listUsersPage =
  (runtime: IdentityRuntime): Handler =>
  async (request, reply) => {
    const { partnership } = runtime
    const agencyIds = agencyIdsFor(runtime, getActor(request))
    const users = await listUsers(runtime.db, agencyIds)
    return reply.view('identity/views/admin/users.njk', {
      users: users.map((user) => ({
        id: user.id,
        name: user.display_name,
        email: user.email,
        agency: agencyName(partnership, user.agency_id),
        roles: user.grants.map((grant) => describeGrant(runtime, grant)),
        status: statusOf(runtime, user),
      })),
      everyAgency: agencyIds.length === partnership.agencies.length,
    })
  }

function newUserPage(
  runtime: IdentityRuntime,
  reply: FastifyReply,
  actor: Actor,
  values: Partial<NewUserInput>,
  errors: FieldProblem[] = [],
) {
  const agencies = administeredAgencies(runtime.partnership, actor, ACTION).map(({ id, name }) => ({
    id,
    name,
  }))
  const chosen = agencies.find((agency) => agency.id === values.agencyId)?.id ?? actor.agencyId
  return reply.view('identity/views/admin/user-new.njk', {
    values,
    agencies,
    ...roleChoices(runtime, actor, chosen),
    ...errorContext(errors),
  })
}

const addUser =
  (runtime: IdentityRuntime): Handler =>
  async (request, reply) => {
    const actor = getActor(request)
    const input = newUserInput(request)
    const taken = [{ text: 'Someone already has this email address', field: 'email' }]
    const errors = newUserErrors(input, {
      laIds: laIdsOf(runtime),
      agencyIds: agencyIdsFor(runtime, actor),
      emailTaken: Boolean(input.email && (await findUserByEmail(runtime.db, input.email))),
    })
    if (errors.length > 0) return newUserPage(runtime, reply.code(400), actor, input, errors)

    // Staff of an agency with its own provider sign in there; others get a password to pass on once.
    const temporaryPassword = runtime.oidc.find(input.agencyId) ? null : newTemporaryPassword()
    const passwordHash = temporaryPassword ? await hashPassword(temporaryPassword) : null
    const given = requestedGrants(runtime, actor, input.agencyId, input)
    const change = {
      action: ACTION,
      agencyId: input.agencyId,
      detail: { operation: 'add-user', email: input.email, grants: given },
      grants: { agency: agencyOf(runtime, input.agencyId), given },
    }
    let id: string | undefined
    const refused = await refusedGrants(runtime, actor, input.agencyId, given, async () => {
      id = await administer(runtime.db, request, change, (trx) =>
        createUser(trx, {
          agencyId: input.agencyId,
          email: input.email,
          displayName: input.displayName,
          passwordHash,
          mustChangePassword: temporaryPassword !== null,
          grants: given,
        }),
      )
    })
    if (refused.length > 0) return newUserPage(runtime, reply.code(400), actor, input, refused)
    if (!id) return newUserPage(runtime, reply.code(400), actor, input, taken)
    reply.header('cache-control', 'no-store')
    return reply.view('identity/views/admin/user-created.njk', {
      user: { id, name: input.displayName, email: input.email },
      agency: agencyName(runtime.partnership, input.agencyId),
      temporaryPassword,
    })
  }

// ---------------------------------------------------------------------------
// One user

const showUser =
  (runtime: IdentityRuntime): Handler<WithId> =>
  async (request, reply) => {
    const user = await administeredUser(runtime, request)
    return reply.view('identity/views/admin/user.njk', {
      user: {
        id: user.id,
        name: user.display_name,
        email: user.email,
        agency: agencyName(runtime.partnership, user.agency_id),
        roles: (await findGrants(runtime.db, user.id)).map((grant) => describeGrant(runtime, grant)),
        status: statusOf(runtime, user),
        signIn: signInMethod(user),
        sessions: await countSessions(runtime.db, user.id),
        hasAuthenticator: user.totp_enrolled_at !== null,
      },
      isSelf: user.id === getActor(request).id,
      passwordResettable: signsInWithPassword(runtime, user),
      done: queryField(request, 'done'),
    })
  }

interface RolesPage {
  actor: Actor
  user: AppUser
  current: readonly RoleGrant[]
  values: RolesInput
  errors?: FieldProblem[]
}

function rolesPage(runtime: IdentityRuntime, reply: FastifyReply, page: RolesPage) {
  const { actor, user, current, values, errors = [] } = page
  const roles = grantable(runtime, actor, user.agency_id)
  return reply.view('identity/views/admin/user-roles.njk', {
    user: { id: user.id, name: user.display_name },
    kept: current
      .filter((grant) => !roles.includes(grant.role))
      .map((grant) => describeGrant(runtime, grant)),
    values,
    ...roleChoices(runtime, actor, user.agency_id),
    ...errorContext(errors),
  })
}

const showRolesForm =
  (runtime: IdentityRuntime): Handler<WithId> =>
  async (request, reply) => {
    const actor = getActor(request)
    const user = notOneself(request, await administeredUser(runtime, request), 'change the roles of')
    const current = await findGrants(runtime.db, user.id)
    const areas = new Set(current.map((grant) => grant.laId ?? ''))
    const values = {
      roles: current.map((grant) => grant.role),
      laId: areas.size === 1 ? ([...areas][0] as string) : '',
    }
    return rolesPage(runtime, reply, { actor, user, current, values })
  }

const changeRoles =
  (runtime: IdentityRuntime): Handler<WithId> =>
  async (request, reply) => {
    const actor = getActor(request)
    const user = notOneself(request, await administeredUser(runtime, request), 'change the roles of')
    const current = await findGrants(runtime.db, user.id)
    const input = { roles: fields(request, 'roles'), laId: field(request, 'laId') }
    const errors = rolesErrors(input, { laIds: laIdsOf(runtime) })
    if (errors.length > 0)
      return rolesPage(runtime, reply.code(400), { actor, user, current, values: input, errors })
    const given = requestedGrants(runtime, actor, user.agency_id, input)
    const grants = changedGrants(current, given, grantable(runtime, actor, user.agency_id))
    if (sameGrants(grants, current)) return reply.redirect(`/admin/users/${user.id}`, 303)
    const change = {
      action: ACTION,
      agencyId: user.agency_id,
      detail: { operation: 'change-roles', userId: user.id, from: current, to: grants },
      grants: { agency: agencyOf(runtime, user.agency_id), given },
    }
    const refused = await refusedGrants(runtime, actor, user.agency_id, given, async () => {
      await administer(runtime.db, request, change, (trx) => changeGrants(trx, user.id, grants))
    })
    if (refused.length > 0)
      return rolesPage(runtime, reply.code(400), { actor, user, current, values: input, errors: refused })
    return reply.redirect(`/admin/users/${user.id}?done=roles-changed`, 303)
  }

const resetUserPassword =
  (runtime: IdentityRuntime): Handler<WithId> =>
  async (request, reply) => {
    const user = notOneself(request, await administeredUser(runtime, request), 'reset the password of')
    if (!signsInWithPassword(runtime, user))
      throw new RequestError(400, `${user.display_name} signs in with their organisation’s account`)
    const temporaryPassword = newTemporaryPassword()
    const passwordHash = await hashPassword(temporaryPassword)
    const change = {
      action: ACTION,
      agencyId: user.agency_id,
      detail: { operation: 'reset-password', userId: user.id },
    }
    await administer(runtime.db, request, change, (trx) => resetPassword(trx, user.id, passwordHash))
    reply.header('cache-control', 'no-store')
    return reply.view('identity/views/admin/user-password-reset.njk', {
      user: { id: user.id, name: user.display_name, email: user.email },
      temporaryPassword,
    })
  }

const resetUserAuthenticator =
  (runtime: IdentityRuntime): Handler<WithId> =>
  async (request, reply) => {
    const user = notOneself(
      request,
      await administeredUser(runtime, request),
      'reset the authenticator app of',
    )
    if (!signsInWithPassword(runtime, user))
      throw new RequestError(400, `${user.display_name} signs in with their organisation’s account`)
    const change = {
      action: ACTION,
      agencyId: user.agency_id,
      detail: { operation: 'reset-authenticator', userId: user.id },
    }
    await administer(runtime.db, request, change, (trx) => resetAuthenticator(trx, user.id))
    return reply.redirect(`/admin/users/${user.id}?done=authenticator-reset`, 303)
  }

const deactivate =
  (runtime: IdentityRuntime): Handler<WithId> =>
  async (request, reply) => {
    const user = notOneself(request, await administeredUser(runtime, request), 'deactivate')
    const change = {
      action: ACTION,
      agencyId: user.agency_id,
      detail: { operation: 'deactivate', userId: user.id },
    }
    await administer(runtime.db, request, change, (trx) => deactivateUser(trx, user.id, runtime.now()))
    return reply.redirect(`/admin/users/${user.id}?done=deactivated`, 303)
  }

const unlock =
  (runtime: IdentityRuntime): Handler<WithId> =>
  async (request, reply) => {
    const user = await administeredUser(runtime, request)
    const change = {
      action: ACTION,
      agencyId: user.agency_id,
      detail: { operation: 'unlock', userId: user.id },
    }
    await administer(runtime.db, request, change, (trx) => clearLockout(trx, user.id))
    return reply.redirect(`/admin/users/${user.id}?done=unlocked`, 303)
  }

/** Administrators change other people's accounts, never their own (another administrator does). */
function notOneself(request: FastifyRequest, user: AppUser, doing: string): AppUser {
  if (user.id === getActor(request).id) throw new RequestError(400, `You cannot ${doing} your own account`)
  return user
}

function signInMethod(user: AppUser): string {
  if (user.oidc_subject) return 'Agency single sign-on'
  const method = user.totp_enrolled_at ? 'Password and authenticator app' : 'Password'
  return user.must_change_password ? `${method} (the password is temporary until they next sign in)` : method
}

function newUserInput(request: FastifyRequest): NewUserInput {
  return {
    displayName: field(request, 'displayName'),
    email: field(request, 'email').toLowerCase(),
    agencyId: field(request, 'agencyId') || getActor(request).agencyId,
    roles: fields(request, 'roles'),
    laId: field(request, 'laId'),
  }
}
