// Whether what someone says about a child agrees with the record an identifier of theirs names. An
// NHS number or UPN travels on letters, forms and screens, so it is not proof on its own that the
// sender means that child: a referral or shared event joins a record only when the name or the date
// of birth agrees as well. Anything less is left for a person to match. Pure, no I/O.

import { normaliseName } from './rules.ts'

/** What a sender gave about the child, beside the identifier. */
export interface Described {
  givenName?: string | null | undefined
  familyName?: string | null | undefined
  dateOfBirth?: string | null | undefined
}

/** The record the identifier names. */
export interface Recorded {
  givenName: string
  familyName: string
  dateOfBirth: string | null
}

/**
 * The same date of birth, or the same family name and the same first given name, ignoring case,
 * spacing, accents and punctuation ('Zoë Smith-Jones' agrees with 'zoe smithjones', and 'Ava' with
 * the record's 'Ava Grace').
 */
export function corroborates(described: Described, record: Recorded): boolean {
  if (described.dateOfBirth && described.dateOfBirth === record.dateOfBirth) return true
  const family = normaliseName(described.familyName ?? '')
  const given = firstName(described.givenName ?? '')
  return (
    family !== '' &&
    given !== '' &&
    family === normaliseName(record.familyName) &&
    given === firstName(record.givenName)
  )
}

const firstName = (names: string) => normaliseName(names).split(' ')[0] ?? ''
