// The referrals the intake benchmarks send: synthetic children, as an agency's system sends them.

import { nhsCheckDigit } from '../../src/children/identifiers.ts'

const FIRST = ['Ava', 'Noah', 'Isla', 'Leo', 'Maya', 'Jay', 'Rosa', 'Finn', 'Zara', 'Kian']
const LAST = ['Patel', 'Smith', 'Khan', 'Jones', 'Nowak', 'Brown', 'Ali', 'Taylor', 'Evans', 'Shah']

/** A valid NHS number from a counter, so the intake's identifier lookup runs on every request. */
function nhsNumber(n: number): string {
  for (let k = n; ; k += 1) {
    const nine = String(100_000_000 + (k % 800_000_000)).padStart(9, '0')
    const check = nhsCheckDigit(nine)
    if (check !== undefined) return `${nine}${check}`
  }
}

/**
 * The body of the `n`th referral a benchmark sends: a child of invented names, born on one of the
 * 6,570 days of the last 18 years as children are (so the check for a sender's recent referral about the
 * same child meets few others born that day), with a valid NHS number.
 */
export function syntheticReferral(n: number, postcodes: readonly string[]): string {
  return JSON.stringify({
    child: {
      firstName: FIRST[n % FIRST.length],
      lastName: LAST[(n >> 3) % LAST.length],
      dateOfBirth: bornOn(n),
      postcode: postcodes[n % postcodes.length],
      nhsNumber: nhsNumber(n * 7),
    },
    whatHappened: `Synthetic concern ${n}: the child disclosed an injury at school this morning.`,
    worries: 'Repeated injuries and the child is frightened to go home.',
    familyKnows: 'The family has not been told.',
    consent: 'not-sought',
    lawfulBasisWithoutConsent: 'UK GDPR 6(1)(e) and 9(2)(g); DPA 2018 Sch 1 para 18',
    urgency: n % 10 === 0 ? 'urgent' : 'standard',
    referralSource: '2A',
    referrer: { name: 'Synthetic Teacher', role: 'DSL', email: 'dsl@school.example' },
  })
}

const EIGHTEEN_YEARS_OF_DAYS = 6570
const TODAY = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate())

/** Days of birth within 18 years before today: 2,719 shares no factor with 6,570, so n meets every day. */
const bornOn = (n: number) =>
  new Date(TODAY - (1 + ((n * 2719) % EIGHTEEN_YEARS_OF_DAYS)) * 86_400_000).toISOString().slice(0, 10)
