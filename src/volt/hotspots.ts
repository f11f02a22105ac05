// VOLT's hotspots: children linked to places, counted by postcode sector and type of place, in one
// aggregate query. The page names no child, so no child is decided one by one: the viewer's reach for
// `volt.view` (the policy's rules for their roles or scopes) becomes the query's condition, which
// counts exactly the children the policy would let them read (workflow.test.ts checks it against the
// policy's own decisions), and only through links they may see (a C-coded link is the police's).
// The read is audited once, as the hotspots of the viewer's area.

import type { Actor } from '../platform/access/actor.ts'
import { audited, authorize, authorizeGate, type Caller } from '../platform/access/guard.ts'
import { POLICY, type Sensitivity } from '../platform/access/policy.ts'
import type { Reach } from '../platform/access/role-groups.ts'
import { areaOf, type VoltContext, viewerOf } from './ends.ts'
import { LOCATION_TYPES } from './rules.ts'
import * as store from './store.ts'

/** Which children a viewer may read for `volt.view`, as a query can ask it of each child. */
export interface CountReach {
  /** Every child (a partnership-wide reach). */
  all: boolean
  /** Children of these LAs (the LA's own staff, within their grants' area). */
  laIds: string[]
  /** Children the viewer's agency is involved with now. */
  agencyId: string | null
  /** Children the viewer is personally involved with now. */
  userId: string | null
  /** The markings the viewer's agency may read (policy.ts markingRefusal). */
  sensitivities: Sensitivity[]
}

const reachesOf = (reaches: Reach | readonly Reach[] | undefined): readonly Reach[] =>
  reaches === undefined ? [] : typeof reaches === 'string' ? [reaches] : reaches

/**
 * The policy's reaches for `volt.view` (policy.ts basisFor) as conditions on a child: anywhere; area
 * and child-la (the child's LA is the viewer's own LA's, within a grant's area), area also through
 * involvement; agency; need-to-know. Break-glass opens single records to read, never counts.
 */
export function countReach(actor: Actor): CountReach {
  const rule = POLICY['volt.view']
  const reach: CountReach = {
    all: false,
    laIds: [],
    agencyId: null,
    userId: null,
    sensitivities: [
      'standard',
      ...(actor.agencyKind === 'police' ? (['police-restricted'] as const) : []),
      ...(actor.agencyKind === 'health' ? (['health-restricted'] as const) : []),
    ],
  }
  if (rule.agencyKinds && !rule.agencyKinds.only.includes(actor.agencyKind)) return reach
  const holdings: { reach: Reach; laId: string | null }[] =
    actor.kind === 'system'
      ? (actor.scopes ?? []).flatMap((scope) =>
          reachesOf(rule.scopes?.[scope as keyof typeof rule.scopes]).flatMap((held): typeof holdings =>
            actor.serves === 'all'
              ? [{ reach: held, laId: null }]
              : (actor.serves ?? []).map((laId) => ({ reach: held, laId })),
          ),
        )
      : actor.grants.flatMap((grant) =>
          reachesOf(rule.roles[grant.role]).map((held) => ({ reach: held, laId: grant.laId })),
        )
  for (const { reach: held, laId } of holdings) {
    if (held === 'anywhere') reach.all = true
    if (
      (held === 'area' || held === 'child-la') &&
      actor.agencyLaId &&
      (laId === null || laId === actor.agencyLaId)
    )
      reach.laIds.push(actor.agencyLaId)
    if (held === 'area' || held === 'agency') reach.agencyId = actor.agencyId
    if ((held === 'area' || held === 'need-to-know') && actor.kind === 'user') reach.userId = actor.id
  }
  reach.laIds = [...new Set(reach.laIds)]
  return reach
}

export interface Hotspot {
  sector: string
  type: string
  children: number
}

/**
 * Children linked to places, by postcode sector and type of place: only children the viewer may read
 * count, and only through links they may see.
 */
export const hotspots = (ctx: VoltContext, caller: Caller): Promise<Hotspot[]> =>
  audited(ctx.db, async (trx) => {
    authorizeGate(caller.actor, 'volt')
    authorize(trx, {
      ...caller,
      action: 'volt.view',
      resource: areaOf(caller.actor, 'volt.view'),
      detail: { view: 'hotspots' },
    })
    const rows = await store.hotspotCounts(trx, {
      ...countReach(caller.actor),
      police: viewerOf(caller.actor).police,
    })
    return rows.map((row) => ({
      sector: row.postcode_sector ?? 'No postcode',
      type: LOCATION_TYPES[row.location_type],
      children: Number(row.children),
    }))
  })
