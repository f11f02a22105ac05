// Test and bench helpers for sharing: synthetic children with involvements, API keys, police events.
import type { Kysely } from 'kysely'
import { nhsCheckDigit } from '../children/identifiers.ts'
import type { DB } from '../database.ts'
import { apiKeyPrefix, hashToken, newApiKey } from '../identity/secrets.ts'
import { createApiClient } from '../identity/store.ts'
import { analyseLoadedTables } from '../platform/maintenance/workflow.ts'
import type { SharedEventInput } from './schema.ts'

/** The n-th valid synthetic NHS number (starting from 999 000 000, never issued for real people). */
export function syntheticNhsNumber(n: number): string {
  for (let i = n * 2; ; i += 1) {
    const nine = String(999_000_000 + i)
    const check = nhsCheckDigit(nine)
    if (check !== undefined) return `${nine}${check}`
  }
}

export interface SeededChild {
  id: string
  nhsNumber: string
}

/** Children in one LA, each known to the given agencies (active involvement). */
export async function seedChildren(
  db: Kysely<DB>,
  count: number,
  options: { laId: string; involvedAgencyIds: readonly string[]; from?: number },
): Promise<SeededChild[]> {
  const from = options.from ?? 0
  const rows = Array.from({ length: count }, (_, i) => ({
    la_id: options.laId,
    la_child_id: `T${from + i}`,
    given_name: `Child${from + i}`,
    family_name: 'Synthetic',
    date_of_birth: SEEDED_DATE_OF_BIRTH,
    expected_date_of_birth: null,
    sex: 'U' as const,
    ethnicity: null,
    nhs_number: syntheticNhsNumber(from + i),
    upn: null,
    upn_unknown: null,
    household_id: null,
    school_id: null,
    merged_into_id: null,
  }))
  const children: SeededChild[] = []
  for (let start = 0; start < rows.length; start += 2000) {
    const inserted = await db
      .insertInto('child')
      .values(rows.slice(start, start + 2000))
      .returning(['id', 'nhs_number'])
      .execute()
    children.push(...inserted.map((row) => ({ id: row.id, nhsNumber: row.nhs_number ?? '' })))
  }
  const involvements = children.flatMap((child) =>
    options.involvedAgencyIds.map((agency_id) => ({
      child_id: child.id,
      agency_id,
      kind: 'added-by-la' as const,
      reason: 'known',
      user_id: null,
    })),
  )
  for (let start = 0; start < involvements.length; start += 4000)
    await db
      .insertInto('child_involvement')
      .values(involvements.slice(start, start + 4000))
      .execute()
  await analyseLoadedTables(db, ['child', 'child_involvement'])
  return children
}

export async function apiKeyFor(
  db: Kysely<DB>,
  agencyId: string,
  scopes: readonly string[],
): Promise<string> {
  const key = newApiKey()
  await createApiClient(db, {
    agencyId,
    name: `${agencyId} test`,
    keyPrefix: apiKeyPrefix(key),
    keyHash: hashToken(key),
    scopes,
  })
  return key
}

/** The date of birth seedChildren gives every child: with an NHS number it names one of them. */
export const SEEDED_DATE_OF_BIRTH = '2015-06-01'

export function policeEvent(
  senderEventId: string,
  nhsNumber: string,
  overrides: Partial<SharedEventInput> = {},
): SharedEventInput {
  return {
    senderEventId,
    type: 'arrest',
    occurredAt: '2026-11-02T09:30:00Z',
    children: [{ nhsNumber, dateOfBirth: SEEDED_DATE_OF_BIRTH }],
    adults: [{ givenName: 'Sam', familyName: 'Synthetic', role: 'suspect' }],
    summary: 'Adult in the household arrested on suspicion of assault',
    details: 'Arrested at home; child present and unharmed.',
    sensitivity: 'police-restricted',
    restrictedDetails: 'Intelligence: neighbour report of repeated incidents',
    lawfulBasis: 'dpa2018-sch8-para4',
    risk: 'medium',
    ...overrides,
  }
}
