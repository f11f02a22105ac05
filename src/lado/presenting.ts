// An allegation in people's words, and what of it each reader sees: the LADO all of it; the
// partnership's scrutineer all but the children's identities and the words that may name them (unless
// a grant covers every child linked); an invited agency the summary, its own meetings and, unless
// LADO-restricted, who the person is; the referrer their referral and its outcome.

import { agencyName, notStartedProblem } from '../meetings/index.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { govukDate, govukDateAndTime } from '../platform/http/dates.ts'
import {
  CONSIDERATIONS,
  EMPLOYER_ACTIONS,
  EMPLOYER_SECTORS,
  HARM_CATEGORIES,
  HARM_TEST,
  OUTCOMES,
  shortLabel,
} from './rules.ts'
import type { AllegationRow, InvitationRow, MeetingRow } from './store.ts'
import type { AllegationFile } from './workflow.ts'

const options = <K extends string>(labels: Record<K, string>) =>
  (Object.entries(labels) as [K, string][]).map(([value, text]) => ({ value, text }))

/** The choices the referral form and the LADO's forms offer. */
export function referralChoices(partnership: PartnershipConfig) {
  return {
    las: partnership.local_authorities.map((la) => ({ value: la.id, text: la.name })),
    sectors: options(EMPLOYER_SECTORS),
    harmTest: options(HARM_TEST),
    categories: options(HARM_CATEGORIES),
    considerations: options(CONSIDERATIONS),
    outcomes: options(OUTCOMES),
    employerActions: options(EMPLOYER_ACTIONS),
  }
}

export type AllegationView = ReturnType<typeof allegationView>

type Shown = Pick<
  AllegationFile,
  'basis' | 'identifies' | 'manages' | 'meetings' | 'invitations' | 'employerActions' | 'children'
>

export function allegationView(partnership: PartnershipConfig, row: AllegationRow, file?: Shown, now?: Date) {
  const basis = file?.basis ?? 'referrer'
  const whole = basis === 'area' || basis === 'role'
  const invited = basis === 'invited'
  /** The words (what happened, reasons, minutes, notes), which may name the children: as allegation.identify says. */
  const words = file?.identifies ?? true
  return {
    id: row.id,
    reference: row.reference,
    laName: partnership.local_authorities.find((la) => la.id === row.la_id)?.name ?? row.la_id,
    referredAt: row.referred_at,
    informedBy: row.lado_informed_by,
    referrer: { name: row.referrer_name, organisation: row.referrer_organisation, email: row.referrer_email },
    showsPerson: !invited || row.person_marking === 'standard',
    restricted: row.person_marking === 'lado-restricted',
    person: { name: row.person_name, role: row.person_role },
    employer: row.employer,
    sector: EMPLOYER_SECTORS[row.employer_sector],
    harmTest: row.harm_test.map((limb) => HARM_TEST[limb]),
    category: HARM_CATEGORIES[row.harm_category],
    /** What the referrer told the LADO, and the outcome: not for an invited agency, whose part is its meetings. */
    showsAccount: !invited,
    whatHappened: row.what_happened,
    /** The children's identities and the allegation's words: as the policy says (allegation.identify). */
    showsChildren: words,
    showsWords: words,
    childrenConcerned: row.children_concerned,
    /** The children's records linked to it that the reader may open. */
    children: file?.children ?? [],
    whole,
    consideration: row.consideration && {
      decision: CONSIDERATIONS[row.consideration],
      reasons: words ? row.consideration_reasons : null,
      at: row.considered_at,
      by: row.considered_by_name,
    },
    meetings: (file?.meetings ?? []).map((meeting) =>
      meetingView(partnership, meeting, file?.invitations ?? [], { words, manages: file?.manages, now }),
    ),
    employerActions: (file?.employerActions ?? []).map((action) => ({
      kind: EMPLOYER_ACTIONS[action.kind],
      takenOn: action.taken_on,
      notes: words ? action.notes : null,
    })),
    dbsReferredOn: row.dbs_referred_on,
    traReferredOn: row.tra_referred_on,
    outcome: row.outcome && {
      label: shortLabel(OUTCOMES[row.outcome]),
      meaning: OUTCOMES[row.outcome],
      on: row.outcome_on,
      notes: words ? row.outcome_notes : null,
    },
  }
}

/**
 * A meeting in people's words: when and where, who was invited (each agency's person) and who attended,
 * what was agreed (for whom may read the words), its calendar file once booked, and whether the LADO
 * may write its record now (once it has started, and once only).
 */
function meetingView(
  partnership: PartnershipConfig,
  meeting: MeetingRow,
  invitations: readonly InvitationRow[],
  { words, manages = false, now }: { words: boolean; manages?: boolean; now?: Date },
) {
  const own = invitations.filter((i) => i.meeting_id === meeting.id)
  const invitees = own.length
    ? own.map((i) => `${i.invitee_name}, ${agencyName(partnership, i.agency_id)}`)
    : meeting.invited_agency_ids.map((id) => agencyName(partnership, id))
  const booked = meeting.booked_at !== null
  const started =
    booked &&
    now !== undefined &&
    !notStartedProblem({ date: meeting.held_on, time: meeting.meeting_time ?? '00:00' }, now, '')
  return {
    id: meeting.id,
    heldOn: meeting.held_on,
    when: meeting.meeting_time
      ? govukDateAndTime(meeting.held_on, meeting.meeting_time)
      : govukDate(meeting.held_on),
    location: meeting.location,
    invited: [...invitees, ...(meeting.others_invited ? [meeting.others_invited] : [])].join('; '),
    invitedAgencies: own.map((i) => ({ value: i.agency_id, text: agencyName(partnership, i.agency_id) })),
    attended: own.filter((i) => i.attended).map((i) => agencyName(partnership, i.agency_id)),
    recorded: meeting.recorded_at !== null,
    minutes: words ? meeting.minutes : null,
    bookedBy: meeting.booked_by_name,
    by: meeting.recorded_by_name,
    calendar: booked,
    mayRecord: manages && booked && started && meeting.recorded_at === null,
    awaitsStart: manages && booked && !started,
  }
}
