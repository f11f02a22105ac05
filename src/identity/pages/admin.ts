// What the administration pages share: who may open them, which agencies they cover, and the
// audit of every change they make.

import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import type { DB } from '../../database.ts'
import type { Agency, PartnershipConfig } from '../../partnership/config-schema.ts'
import type { Actor, RoleGrant } from '../../platform/access/actor.ts'
import type { Gate } from '../../platform/access/gates.ts'
import type { GrantingAgency } from '../../platform/access/grants.ts'
import { accessFrom, audited, authorize, authorizeGate, authorizeGrant } from '../../platform/access/guard.ts'
import { requireUser } from '../guards.ts'
import { type AdminAction, mayAdminister } from '../rules.ts'
import type { Db } from '../store.ts'

const GATE_OF: Readonly<Record<AdminAction, Gate>> = {
  'user.administer': 'users',
  'api-client.administer': 'api-clients',
}

/** preHandler: a signed-in user who may take this action for some agency, or the policy's 403. */
export const requireAdministrator = (action: AdminAction) =>
  async function administratorOnly(request: FastifyRequest, reply: FastifyReply) {
    await requireUser(request, reply)
    if (reply.sent) return reply
    authorizeGate(request.actor, GATE_OF[action])
  }

export const administeredAgencies = (
  partnership: PartnershipConfig,
  actor: Actor,
  action: AdminAction,
): Agency[] => partnership.agencies.filter((agency) => mayAdminister(actor, action, agency.id))

export interface AdministrativeChange {
  action: AdminAction
  agencyId: string
  /** What was done, to whom, for the audit: e.g. { operation: 'deactivate', userId }. */
  detail: Record<string, unknown>
  /** Roles given to a member of the agency: each is decided by the policy and audited. */
  grants?: { agency: GrantingAgency; given: readonly RoleGrant[] }
}

/** Makes a change to an agency's users or credentials, decided by the access policy and audited with it. */
export function administer<T>(
  db: Db,
  request: FastifyRequest,
  change: AdministrativeChange,
  work: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  return audited(db, async (trx) => {
    const access = {
      ...accessFrom(request),
      action: change.action,
      resource: { kind: 'agency', agencyId: change.agencyId },
      detail: change.detail,
    } as const
    authorize(trx, access)
    if (change.grants) {
      const { agency, given } = change.grants
      for (const grant of given) authorizeGrant(trx, access, agency, grant)
    }
    return work(trx)
  })
}

/** An agency as the policy sees it when one of its members is given a role. */
export const grantingAgency = (agency: Agency): GrantingAgency & { name: string } => ({
  id: agency.id,
  name: agency.name,
  kind: agency.kind,
  serves: agency.kind === 'local-authority' ? [agency.la] : agency.serves,
})

export const agencyName = (partnership: PartnershipConfig, agencyId: string): string =>
  partnership.agencies.find((agency) => agency.id === agencyId)?.name ?? agencyId
