// Rolls and caseloads declared by an agency: an education agency declares the children on its roll,
// a health agency those on its caseload, with the lawful basis. An entry joins a child's record
// only on an identifier (NHS number or UPN) that the name or date of birth corroborates
// (corroboration.ts), never a sealed record, and then gives the agency a 'roll' or 'caseload'
// involvement, unless the child's LA ended that involvement (the LA adds the agency back if it
// should be). Every entry is kept as declared, matched or not: what the declarer is told, and the
// statements each step sends, are the same whether or not masa knows the child (no oracle).

import { sql, type Transaction } from 'kysely'
import type { DB } from '../database.ts'
import type { AgencyKind } from '../platform/access/actor.ts'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import type { FieldProblem } from '../platform/http/schemas.ts'
import { corroborates } from './corroboration.ts'
import { type NewInvolvement, recordInvolvements } from './involvement.ts'
import { checkDateOfBirth, checkNhsNumber, checkUpn } from './schemas.ts'

export type DeclarationKind = 'roll' | 'caseload'

/** What an agency keeps: a school its roll, a health agency its caseload; other agencies none. */
export function declarationKindFor(agencyKind: AgencyKind): DeclarationKind | undefined {
  if (agencyKind === 'education') return 'roll'
  if (agencyKind === 'health') return 'caseload'
  return undefined
}

/** The involvement's reason, in people's words: only involvements with this reason follow declarations. */
export const DECLARED_REASON: Readonly<Record<DeclarationKind, string>> = {
  roll: 'declared on its roll',
  caseload: 'declared on its caseload',
}

export const MAX_DECLARATIONS = 2000
const MAX_NAME = 100
const MAX_TEXT = 500

export interface DeclaredChild {
  givenName: string
  familyName: string
  dateOfBirth: IsoDate
  nhsNumber: string | null
  upn: string | null
}

/** One entry as sent: a page's fields or an API item (its fields named from `prefix`). */
export interface ChildEntry {
  givenName?: unknown
  familyName?: unknown
  dateOfBirth?: unknown
  nhsNumber?: unknown
  upn?: unknown
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '')

/** One declared child, checked and put in stored form, or the problems, each naming its field. */
export function checkEntry(
  entry: ChildEntry,
  today: IsoDate,
  prefix = '',
): { child?: DeclaredChild; problems: FieldProblem[] } {
  const field = (name: string) => `${prefix}${name}`
  const problems: FieldProblem[] = []
  const name = (key: 'givenName' | 'familyName', missing: string) => {
    const value = text(entry[key])
    if (!value) problems.push({ field: field(key), text: missing })
    else if (value.length > MAX_NAME)
      problems.push({ field: field(key), text: `Names must be ${MAX_NAME} characters or fewer` })
    return value
  }
  const givenName = name('givenName', 'Enter the child’s first name')
  const familyName = name('familyName', 'Enter the child’s last name')
  const dob = text(entry.dateOfBirth)
  const date = dob
    ? checkDateOfBirth(field('dateOfBirth'), dob, today)
    : {
        ok: false as const,
        problems: [{ field: field('dateOfBirth'), text: 'Enter the child’s date of birth' }],
      }
  if (!date.ok) problems.push(...date.problems)
  const identifier = (value: unknown, check: typeof checkNhsNumber, key: string) => {
    if (!text(value)) return null
    const checked = check(field(key), text(value))
    if (checked.ok) return checked.value
    problems.push(...checked.problems)
    return null
  }
  const nhsNumber = identifier(entry.nhsNumber, checkNhsNumber, 'nhsNumber')
  const upn = identifier(entry.upn, checkUpn, 'upn')
  if (!text(entry.nhsNumber) && !text(entry.upn))
    problems.push({ field: field('nhsNumber'), text: 'Enter the child’s NHS number or unique pupil number' })
  if (problems.length > 0 || !date.ok) return { problems }
  return { child: { givenName, familyName, dateOfBirth: date.value, nhsNumber, upn }, problems }
}

/** The lawful basis or end reason: required, and bounded. */
export function requiredText(value: unknown, field: string, missing: string): FieldProblem[] {
  const given = text(value)
  if (!given) return [{ field, text: missing }]
  if (given.length > MAX_TEXT) return [{ field, text: `Must be ${MAX_TEXT} characters or fewer` }]
  return []
}

export interface Recorded {
  id: string
  /** The child's LA ended this agency's declared involvement with the child: a declaration does not undo that. */
  endedByLa?: boolean
  givenName: string
  familyName: string
  dateOfBirth: string | null
  nhsNumber: string | null
  upn: string | null
  sensitivity: string
}

/**
 * The record an entry is about, if any: the one child its identifiers name, each identifier the
 * record holds agreeing, the name or date of birth corroborating them, and the record not sealed.
 */
export function matchEntry(entry: DeclaredChild, records: readonly Recorded[]): Recorded | undefined {
  const named = records.filter(
    (record) =>
      (entry.nhsNumber !== null && record.nhsNumber === entry.nhsNumber) ||
      (entry.upn !== null && record.upn === entry.upn),
  )
  const [record] = named
  if (!record || named.length !== 1) return undefined
  const disagrees =
    (entry.nhsNumber !== null && record.nhsNumber !== null && record.nhsNumber !== entry.nhsNumber) ||
    (entry.upn !== null && record.upn !== null && record.upn !== entry.upn)
  if (disagrees || record.sensitivity === 'sealed') return undefined
  return corroborates(entry, record) ? record : undefined
}

export interface Declaring {
  agencyId: string
  kind: DeclarationKind
  lawfulBasis: string
  /** 'user:<id>' or 'system:<id>' */
  declaredBy: string
  /** The person, for the involvement's record; none for a system. */
  userId: string | null
  at: Date
  children: readonly DeclaredChild[]
}

/**
 * Declares the children, matches each and involves the agency with those matched. Always the same
 * four statements, whatever masa holds; returns how many entries were received.
 */
export async function declareChildren(trx: Transaction<DB>, declaring: Declaring): Promise<number> {
  const entries = [
    ...new Map(declaring.children.map((child) => [`${child.nhsNumber}|${child.upn}`, child])).values(),
  ]
  const records = await recordsNamed(trx, entries, declaring)
  const matched = entries.map((entry) => ({ entry, record: matchEntry(entry, records) }))
  const rows = matched.map(({ entry, record }) => ({
    agency_id: declaring.agencyId,
    kind: declaring.kind,
    given_name: entry.givenName,
    family_name: entry.familyName,
    date_of_birth: entry.dateOfBirth,
    nhs_number: entry.nhsNumber,
    upn: entry.upn,
    lawful_basis: declaring.lawfulBasis,
    declared_by: declaring.declaredBy,
    child_id: record?.id ?? null,
  }))
  await sql`INSERT INTO agency_declaration (agency_id, kind, given_name, family_name, date_of_birth,
      nhs_number, upn, lawful_basis, declared_by, declared_at, last_declared_at, child_id)
    SELECT agency_id, kind, given_name, family_name, date_of_birth, nhs_number, upn, lawful_basis,
      declared_by, ${declaring.at}::timestamptz, ${declaring.at}::timestamptz, child_id
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS row (agency_id text, kind text,
      given_name text, family_name text, date_of_birth date, nhs_number text, upn text,
      lawful_basis text, declared_by text, child_id uuid)
    ON CONFLICT (agency_id, coalesce(nhs_number, ''), coalesce(upn, ''), partnership_id) WHERE ended_at IS NULL
    DO UPDATE SET given_name = excluded.given_name, family_name = excluded.family_name,
      date_of_birth = excluded.date_of_birth, lawful_basis = excluded.lawful_basis,
      declared_by = excluded.declared_by, last_declared_at = excluded.last_declared_at,
      child_id = excluded.child_id`.execute(trx)
  const involvements: NewInvolvement[] = matched.flatMap(({ record }) =>
    record && !record.endedByLa
      ? [
          {
            childId: record.id,
            agencyId: declaring.agencyId,
            userId: null,
            kind: declaring.kind,
            reason: DECLARED_REASON[declaring.kind],
            lawfulBasis: declaring.lawfulBasis,
            addedBy: declaring.userId,
          },
        ]
      : [],
  )
  await recordInvolvements(trx, involvements)
  await endUndeclared(trx, declaring.agencyId, declaring.kind, declaring.at)
  return declaring.children.length
}

/** Children whose NHS number or UPN an entry gives: one query, even for none. */
async function recordsNamed(
  trx: Transaction<DB>,
  entries: readonly DeclaredChild[],
  declaring: Pick<Declaring, 'agencyId' | 'kind'>,
): Promise<Recorded[]> {
  const nhs = entries.flatMap((entry) => entry.nhsNumber ?? [])
  const upns = entries.flatMap((entry) => entry.upn ?? [])
  const rows = await trx
    .selectFrom('child')
    .select(['id', 'given_name', 'family_name', 'date_of_birth', 'nhs_number', 'upn', 'sensitivity'])
    .select(
      sql<boolean>`EXISTS (SELECT 1 FROM child_involvement i WHERE i.child_id = child.id
        AND i.agency_id = ${declaring.agencyId} AND i.kind = ${declaring.kind}
        AND i.reason = ${DECLARED_REASON[declaring.kind]} AND i.ended_by IS NOT NULL)`.as('ended_by_la'),
    )
    .where('merged_into_id', 'is', null)
    .where((eb) =>
      eb.or([
        eb(sql<string>`nhs_number`, '=', sql<string>`ANY(${nhs}::text[])`),
        eb(sql<string>`upn`, '=', sql<string>`ANY(${upns}::text[])`),
      ]),
    )
    .execute()
  return rows.map((row) => ({
    id: row.id,
    givenName: row.given_name,
    familyName: row.family_name,
    dateOfBirth: row.date_of_birth,
    nhsNumber: row.nhs_number,
    upn: row.upn,
    sensitivity: row.sensitivity,
    endedByLa: row.ended_by_la,
  }))
}

export interface Ending {
  agencyId: string
  kind: DeclarationKind
  reason: string
  endedBy: string
  at: Date
  /** The agency's own declarations, by id (its page) ... */
  ids?: readonly string[]
  /** ... or by the identifiers it declared them with (its system). */
  identifiers?: readonly { nhsNumber: string | null; upn: string | null }[]
}

/**
 * Ends the agency's current declarations named (the child left), and the involvements no current
 * declaration holds up any more. Returns how many of its declarations ended: its own data.
 */
export async function endDeclarations(trx: Transaction<DB>, ending: Ending): Promise<number> {
  const ids = [...(ending.ids ?? [])]
  const nhs = (ending.identifiers ?? []).flatMap((i) => i.nhsNumber ?? [])
  const upns = (ending.identifiers ?? []).flatMap((i) => i.upn ?? [])
  const result = await trx
    .updateTable('agency_declaration')
    .set({ ended_at: ending.at, end_reason: ending.reason, ended_by: ending.endedBy })
    .where('agency_id', '=', ending.agencyId)
    .where('kind', '=', ending.kind)
    .where('ended_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb(sql<string>`id::text`, '=', sql<string>`ANY(${ids}::text[])`),
        eb(sql<string>`nhs_number`, '=', sql<string>`ANY(${nhs}::text[])`),
        eb(sql<string>`upn`, '=', sql<string>`ANY(${upns}::text[])`),
      ]),
    )
    .executeTakeFirst()
  await endUndeclared(trx, ending.agencyId, ending.kind, ending.at)
  return Number(result.numUpdatedRows)
}

export const UNDECLARED_END_REASON = 'No longer declared by the agency (the child left its roll or caseload)'

/**
 * Ends the agency's declared involvements that no current declaration of its names any more. NOT IN
 * (a hashed subplan, one pass however many) rather than NOT EXISTS, which a planner without
 * statistics on a freshly loaded roll runs as a loop over every declaration for every involvement.
 */
async function endUndeclared(trx: Transaction<DB>, agencyId: string, kind: DeclarationKind, at: Date) {
  await sql`UPDATE child_involvement AS i
    SET ended_at = greatest(${at}::timestamptz, i.since), end_reason = ${UNDECLARED_END_REASON}
    WHERE i.agency_id = ${agencyId} AND i.kind = ${kind} AND i.reason = ${DECLARED_REASON[kind]}
      AND i.user_id IS NULL AND i.ended_at IS NULL
      AND i.child_id NOT IN (SELECT d.child_id FROM agency_declaration d WHERE d.agency_id = ${agencyId}
        AND d.kind = ${kind} AND d.child_id IS NOT NULL AND d.ended_at IS NULL)`.execute(trx)
}

export interface DeclarationRow {
  id: string
  given_name: string
  family_name: string
  date_of_birth: string
  nhs_number: string | null
  upn: string | null
  lawful_basis: string
  declared_at: Date
  last_declared_at: Date
}

/** The agency's current declarations as it sent them (never whether each matched a record). */
export async function listDeclarations(
  trx: Transaction<DB>,
  agencyId: string,
  limit = MAX_DECLARATIONS,
): Promise<DeclarationRow[]> {
  return trx
    .selectFrom('agency_declaration')
    .select([
      'id',
      'given_name',
      'family_name',
      'date_of_birth',
      'nhs_number',
      'upn',
      'lawful_basis',
      'declared_at',
      'last_declared_at',
    ])
    .where('agency_id', '=', agencyId)
    .where('ended_at', 'is', null)
    .orderBy('family_name')
    .orderBy('given_name')
    .orderBy('id')
    .limit(limit)
    .execute()
}
