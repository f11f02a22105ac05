// A MACE meeting's agenda, built from every item due at it and sorted by what is due first: children
// referred and waiting, children whose discussion is at its review date, children screened as needing
// MACE whom nobody has referred, children moved into the LA, and places and persons flagged for MACE
// (src/volt) or back at their review date. Each child is named only to a reader the policy lets read
// the child at MACE (asked and audited); a police-only person only to the police (volt's maceFlagsIn).

import type { Transaction } from 'kysely'
import { getChildResources } from '../children/index.ts'
import type { DB } from '../database.ts'
import { joinsAgendaOf, moveResource, movesInto } from '../moves/index.ts'
import { type accessFrom, consult } from '../platform/access/guard.ts'
import { type IsoDate, toIsoDate } from '../platform/calendar/working-days.ts'
import { type MaceFlag, maceFlagsIn } from '../volt/index.ts'
import * as agendaStore from './agenda-store.ts'
import * as meetings from './meeting-store.ts'
import * as store from './store.ts'

type Caller = Pick<ReturnType<typeof accessFrom>, 'actor' | 'origin'>

/** Why an item is on the agenda, in words (the order breaks ties between items due the same day). */
export const AGENDA_REASONS = {
  review: 'Review due',
  'flag-review': 'Review due',
  referred: 'Referred',
  'moved-in': 'Moved in',
  screened: 'Screened, not yet referred',
  'flagged-location': 'Place flagged',
  'flagged-person': 'Person flagged',
} as const
export type AgendaReason = keyof typeof AGENDA_REASONS

export interface AgendaItem {
  reason: AgendaReason
  /** The day the item fell due: referred, review date, moved in, screened, flagged. */
  due: IsoDate
  name: string
  /** Where the name links to (the child, the move, the place or person), when the reader may open it. */
  href?: string
  /** What the item asks of the meeting, in words, and the form that does it. */
  detail: string
  step?: { href: string; text: string; needsStart: boolean }
}

/** The children the reader may open at MACE, each asked of the policy (audited); the rest are left out. */
export async function openable<T extends { child_id: string }>(
  trx: Transaction<DB>,
  caller: Caller,
  rows: T[],
) {
  const children = await getChildResources(trx, [...new Set(rows.map((row) => row.child_id))])
  const opens = new Map<string, boolean>()
  for (const [childId, resource] of children)
    opens.set(childId, consult(trx, { ...caller, action: 'mace.view', resource }).allowed)
  return rows.filter((row) => opens.get(row.child_id))
}

/** Whether the reader may open each move itself (its page), or sees only that the child moved in. */
async function opensMove<T extends { child_id: string } & Parameters<typeof moveResource>[0]>(
  trx: Transaction<DB>,
  caller: Caller,
  rows: T[],
) {
  const children = await getChildResources(trx, [...new Set(rows.map((row) => row.child_id))])
  return rows.map((row) => {
    const child = children.get(row.child_id)
    const resource = child ? moveResource(row, child) : undefined
    return {
      ...row,
      opens: resource ? consult(trx, { ...caller, action: 'move.view', resource }).allowed : false,
    }
  })
}

/** Children moved into each LA (src/moves) whose LA's next MACE meeting after the move is this one. */
async function movedInFor(trx: Transaction<DB>, meeting: meetings.MaceMeetingRow, laIds: readonly string[]) {
  const moved = []
  for (const laId of laIds) {
    const held = (await meetings.meetingsIn(trx, [laId])).filter((m) => m.kind === 'operational')
    for (const move of await movesInto(trx, laId))
      if (joinsAgendaOf(toIsoDate(move.recorded_at), meeting.id, held)) moved.push(move)
  }
  return moved
}

export interface FlagAtMeeting extends MaceFlag {
  /** Its discussion at this meeting, when recorded. */
  discussedHere?: agendaStore.FlagDiscussionRow
  /** Its latest discussion at an earlier meeting. */
  before?: agendaStore.FlagDiscussionHeld
}

/** The LAs' open flags as the reader sees them, each with its discussion here and its latest before. */
export async function flagsAt(
  trx: Transaction<DB>,
  caller: Caller,
  meeting: meetings.MaceMeetingRow,
  laIds: readonly string[],
) {
  const { actor } = caller
  if (!actor) return []
  const flags = []
  for (const laId of laIds) flags.push(...(await maceFlagsIn(trx, actor, laId, meeting.held_on)))
  const held = await agendaStore.flagDiscussions(
    trx,
    flags.map((f) => f.id),
  )
  return flags.map((flag): FlagAtMeeting => {
    const mine = held.filter((d) => d.flag_id === flag.id)
    const here = mine.find((d) => d.meeting_id === meeting.id)
    const before = mine
      .filter((d) => d.meeting_id !== meeting.id && d.meeting_held_on <= meeting.held_on)
      .at(-1)
    return { ...flag, ...(here ? { discussedHere: here } : {}), ...(before ? { before } : {}) }
  })
}

/** When a flag is due at the meeting: first after it was flagged, then at each review date; else not. */
export function flagDue(flag: FlagAtMeeting, heldOn: IsoDate): IsoDate | undefined {
  if (flag.discussedHere) return undefined
  if (!flag.before) return flag.flagged_on
  const review = flag.before.review_on
  return review && review <= heldOn ? review : undefined
}

const byDue = (a: AgendaItem, b: AgendaItem) =>
  a.due.localeCompare(b.due) ||
  Object.keys(AGENDA_REASONS).indexOf(a.reason) - Object.keys(AGENDA_REASONS).indexOf(b.reason) ||
  a.name.localeCompare(b.name)

/**
 * Every item due at the meeting in these LAs (its LA's, or the reader's of a partnership's meeting),
 * soonest due first, as this reader may see it.
 */
export async function agendaOf(
  trx: Transaction<DB>,
  caller: Caller,
  meeting: meetings.MaceMeetingRow,
  laIds: readonly string[],
  flags: FlagAtMeeting[],
): Promise<AgendaItem[]> {
  const at = `meeting=${meeting.id}`
  const referred = await openable(trx, caller, await store.referralsIn(trx, laIds))
  const reviews = await openable(trx, caller, await agendaStore.reviewsDue(trx, laIds, meeting.held_on))
  const screened = await openable(trx, caller, await store.screenedNotReferred(trx, laIds, meeting.held_on))
  const moved = await opensMove(
    trx,
    caller,
    await openable(trx, caller, await movedInFor(trx, meeting, laIds)),
  )
  const items: AgendaItem[] = [
    ...referred.map((r) => ({
      reason: 'referred' as const,
      due: toIsoDate(r.referred_at),
      name: r.childName,
      href: `/children/${r.child_id}`,
      detail: r.levelLabel ? `Screened as ${r.levelLabel.toLowerCase()}` : 'Referred directly',
      step: {
        href: `/mace/referrals/${r.id}/discussion?${at}`,
        text: 'Record the discussion',
        needsStart: true,
      },
    })),
    ...reviews.map((d) => ({
      reason: 'review' as const,
      due: d.review_on,
      name: d.childName,
      href: `/mace/discussions/${d.id}`,
      detail: `Risk level agreed last time: ${d.risk_level}`,
      step: { href: `/mace/discussions/${d.id}/review?${at}`, text: 'Record the review', needsStart: true },
    })),
    ...screened.map((s) => ({
      reason: 'screened' as const,
      due: s.screened_on,
      name: s.childName,
      href: `/children/${s.child_id}`,
      detail: `${s.level_label} when screened`,
      step: {
        href: `/children/${s.child_id}/mace-referrals/new?screening=${s.id}`,
        text: 'Refer to MACE',
        needsStart: false,
      },
    })),
    ...moved.map((m) => ({
      reason: 'moved-in' as const,
      due: m.moved_on,
      name: m.childName,
      ...(m.opens ? { href: `/moves/${m.id}` } : {}),
      detail: 'Placed or relocated here by another local authority',
    })),
  ]
  for (const flag of flags) {
    const due = flagDue(flag, meeting.held_on)
    if (!due) continue
    const place = flag.subject_kind === 'location'
    items.push({
      reason: flag.before ? 'flag-review' : place ? 'flagged-location' : 'flagged-person',
      due,
      name: flag.name,
      href: `/volt/${place ? 'locations' : 'persons'}/${flag.subject_id}`,
      detail: flag.reason,
      step: {
        href: `/mace/meetings/${meeting.id}/flags/${flag.id}`,
        text: 'Record the discussion',
        needsStart: true,
      },
    })
  }
  return items.sort(byDue)
}
