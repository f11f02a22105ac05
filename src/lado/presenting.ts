// An allegation in people's words, and what of it each reader sees: the LADO all of it; the
// partnership's scrutineer all but the children's identities; an invited agency the summary, its own
// meetings and, unless LADO-restricted, who the person is; the referrer their referral and its outcome.

import { agencyName } from '../meetings/index.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import {
  CONSIDERATIONS,
  EMPLOYER_ACTIONS,
  EMPLOYER_SECTORS,
  HARM_CATEGORIES,
  HARM_TEST,
  OUTCOMES,
  shortLabel,
} from './rules.ts'
import type { AllegationRow } from './store.ts'
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
    agencies: partnership.agencies.map((agency) => ({ value: agency.id, text: agency.name })),
  }
}

export type AllegationView = ReturnType<typeof allegationView>

export function allegationView(
  partnership: PartnershipConfig,
  row: AllegationRow,
  file?: Pick<AllegationFile, 'basis' | 'identifies' | 'meetings' | 'employerActions'>,
) {
  const basis = file?.basis ?? 'referrer'
  const whole = basis === 'area' || basis === 'role'
  const invited = basis === 'invited'
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
    /** The children's identities: as the policy says (allegation.identify). */
    showsChildren: file?.identifies ?? true,
    childrenConcerned: row.children_concerned,
    whole,
    consideration: row.consideration && {
      decision: CONSIDERATIONS[row.consideration],
      reasons: row.consideration_reasons,
      at: row.considered_at,
      by: row.considered_by_name,
    },
    meetings: (file?.meetings ?? []).map((meeting) => ({
      heldOn: meeting.held_on,
      invited: [
        ...meeting.invited_agency_ids.map((id) => agencyName(partnership, id)),
        ...(meeting.others_invited ? [meeting.others_invited] : []),
      ].join('; '),
      minutes: meeting.minutes,
      by: meeting.recorded_by_name,
    })),
    employerActions: (file?.employerActions ?? []).map((action) => ({
      kind: EMPLOYER_ACTIONS[action.kind],
      takenOn: action.taken_on,
      notes: action.notes,
    })),
    dbsReferredOn: row.dbs_referred_on,
    traReferredOn: row.tra_referred_on,
    outcome: row.outcome && {
      label: shortLabel(OUTCOMES[row.outcome]),
      meaning: OUTCOMES[row.outcome],
      on: row.outcome_on,
      notes: row.outcome_notes,
    },
  }
}
