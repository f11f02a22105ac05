// Questions for the one access policy that sharing asks about the actor rather than one record.
import type { Agency } from '../partnership/config-schema.ts'
import type { Actor } from '../platform/access/actor.ts'
import { mayEver, type Sensitivity } from '../platform/access/policy.ts'
import { SHARED_SENSITIVITIES, type SharedSensitivity } from './schema.ts'

/** Whether any of the actor's roles or scopes grants this action at all. */
export function holds(
  actor: Actor,
  action: 'event.post' | 'event.view' | 'event.acknowledge' | 'chronology.view',
): boolean {
  return mayEver(actor, action)
}

/** The markings whose restricted details this actor may read. */
export function readableMarkings(actor: Actor): SharedSensitivity[] {
  return SHARED_SENSITIVITIES.filter((sensitivity) => mayEver(actor, 'event.view', { sensitivity }))
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
  return mayEver(inbox, 'event.view', { sensitivity })
}
