// The role-only gates of pages and lists that come before any one record, answered by the policy
// (policy.ts `mayEver`): kept beside it so the policy stays under the line cap.

import type { Actor } from './actor.ts'
import { type Action, kindRefusal, mayEver, POLICY, REFUSED_BECAUSE } from './policy.ts'

type EverAction = Exclude<Action, 'part.view'>

/**
 * Each gate opens (and the navigation links to its page) for whoever may ever take one of its
 * actions; everyone else reads its words, or why their kind of agency does not take an action their
 * roles would. Each record beyond it is still decided by `decide`.
 */
export const GATES = {
  'referral-queue': { anyOf: ['referral.screen', 'mat.contribute'], refused: REFUSED_BECAUSE.noQueue },
  'meetings-to-book': {
    anyOf: ['strategy.schedule', 'conference.schedule'],
    refused: REFUSED_BECAUSE.noBooking,
  },
  'events-post': { anyOf: ['event.post'], refused: REFUSED_BECAUSE.noPartnerEvents },
  'events-read': { anyOf: ['event.view'], refused: REFUSED_BECAUSE.noPartnerEvents },
  'events-acknowledge': { anyOf: ['event.acknowledge'], refused: REFUSED_BECAUSE.noPartnerEvents },
  actions: { anyOf: ['action.view'], refused: REFUSED_BECAUSE.noActions },
  'return-interviews': { anyOf: ['missing.interview'], refused: REFUSED_BECAUSE.noRole },
  'mace-list': { anyOf: ['mace.view'], refused: REFUSED_BECAUSE.noRole },
  'police-requests': { anyOf: ['police-request.answer'], refused: REFUSED_BECAUSE.noRole },
  'police-requests-made': { anyOf: ['police-request.make'], refused: REFUSED_BECAUSE.noRole },
  'lado-queue': { anyOf: ['allegation.manage'], refused: REFUSED_BECAUSE.noRole },
  // The performance dashboard: aggregates and the lists behind them, without names.
  intelligence: { anyOf: ['statistics.view'], refused: REFUSED_BECAUSE.noRole },
  // VOLT's places, themes, persons and hotspots: each child on them is still decided one by one.
  volt: { anyOf: ['volt.view', 'volt.record', 'volt.person'], refused: REFUSED_BECAUSE.noRole },
  reviews: { anyOf: ['review.view'], refused: REFUSED_BECAUSE.noRole },
  moves: { anyOf: ['move.view'], refused: REFUSED_BECAUSE.noRole },
  'case-audits': { anyOf: ['case-audit.view'], refused: REFUSED_BECAUSE.noRole },
  returns: { anyOf: ['returns.prepare'], refused: REFUSED_BECAUSE.noRole },
  users: { anyOf: ['user.administer'], refused: REFUSED_BECAUSE.notAdministrator },
  'api-clients': { anyOf: ['api-client.administer'], refused: REFUSED_BECAUSE.notAdministrator },
  // The scrutineer's workspace (aggregates only), and the list of grants: the leads' and the scrutineer's.
  scrutiny: { anyOf: ['scrutiny.view'], refused: REFUSED_BECAUSE.noRole },
  'scrutiny-grants': { anyOf: ['scrutiny.grant', 'scrutiny.record'], refused: REFUSED_BECAUSE.noRole },
} as const satisfies Record<string, { anyOf: readonly EverAction[]; refused: string }>
export type Gate = keyof typeof GATES

/** Why the actor may not pass a role-only gate; none when it opens to them. */
export function gateRefusal(actor: Actor, gate: Gate): string | undefined {
  const { anyOf, refused } = GATES[gate]
  if (anyOf.some((action) => mayEver(actor, action))) return undefined
  return anyOf.map((action) => kindRefusal(actor, action)).find((reason) => reason !== undefined) ?? refused
}

/** The LAs a person's grants for this action cover, for an LA's list or queue: null for the whole partnership. */
export function grantedLaIds(actor: Actor, action: EverAction): string[] | null {
  const grants = actor.grants.filter((grant) => POLICY[action].roles[grant.role])
  return grants.some((grant) => grant.laId === null) ? null : grants.map((grant) => grant.laId as string)
}
