// Questions for the one access policy that sharing asks about the actor rather than one record.
import type { Agency } from '../partnership/config-schema.ts'
import type { Actor } from '../platform/access/actor.ts'
import { type ChildResource, decide, type Sensitivity } from '../platform/access/policy.ts'
import { SHARED_SENSITIVITIES, type SharedSensitivity } from './schema.ts'

/** A child the actor and their agency are involved with: what is left to decide is role and marking. */
function ownChild(actor: Actor, sensitivity: Sensitivity): ChildResource {
  return {
    kind: 'child',
    childId: '00000000-0000-0000-0000-000000000000',
    laId: '',
    sensitivity,
    involvement: { agencyIds: [actor.agencyId], userIds: [actor.id] },
  }
}

/** Whether any of the actor's roles or scopes grants this action at all. */
export function holds(
  actor: Actor,
  action: 'event.post' | 'event.view' | 'event.acknowledge' | 'chronology.view',
): boolean {
  return decide(actor, action, ownChild(actor, 'standard')).allowed
}

/** The markings whose restricted details this actor may read. */
export function readableMarkings(actor: Actor): SharedSensitivity[] {
  return SHARED_SENSITIVITIES.filter(
    (marking) => decide(actor, 'event.view', ownChild(actor, marking)).allowed,
  )
}

/**
 * Whether an agency, as a whole, may be told about a child with this marking (or read details under
 * it): the policy asked for the agency's own inbox, as a system reading events it is involved in.
 */
export function agencyMayRead(agency: Agency, { sensitivity }: { sensitivity: Sensitivity }): boolean {
  const inbox: Actor = {
    kind: 'system',
    id: `inbox:${agency.id}`,
    displayName: agency.name,
    agencyId: agency.id,
    agencyKind: agency.kind,
    grants: [],
    scopes: ['events:read'],
  }
  return decide(inbox, 'event.view', ownChild(inbox, sensitivity)).allowed
}
