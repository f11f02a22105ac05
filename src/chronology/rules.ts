// Pure decisions for the chronology: which markings of a child's entries a viewer reads. No I/O.
import type { Actor } from '../platform/access/actor.ts'
import { type ChildResource, decide, type Sensitivity } from '../platform/access/policy.ts'

const MARKINGS: readonly Sensitivity[] = ['standard', 'police-restricted', 'health-restricted', 'sealed']

/** The markings on this child's entries the viewer may read, asked of the policy one by one. */
export function readableOn(actor: Actor, child: ChildResource): Sensitivity[] {
  return MARKINGS.filter((sensitivity) => decide(actor, 'chronology.view', { ...child, sensitivity }).allowed)
}
