// The children capability's SQL: search candidates, the child's record, creating and merging.
// Written as SQL (not the query builder) where PostgreSQL functions do the work: pg_trgm's
// similarity and % operator, fuzzystrmatch's levenshtein, dmetaphone and soundex.

import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely'
import type { DB } from '../database.ts'
import type { ChildResource } from '../platform/access/policy.ts'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import type { RecordedEvent } from '../platform/events/event.ts'
import { isUuid } from '../platform/http/schemas.ts'
import { involvementOf, resourceOf } from './resources.ts'
import { fullName, type ParsedName } from './rules.ts'

type Db = Kysely<DB> | Transaction<DB>

export interface CandidateQuery {
  name?: ParsedName
  /** Dates the typed date of birth may stand for (exact, swapped, one keystroke away). */
  dates: IsoDate[]
  nhsNumber?: string
  upn?: string
}

export interface CandidateRow {
  child_id: string
  date_of_birth: IsoDate | null
  nhs_number: string | null
  upn: string | null
  given_name: string
  family_name: string
  alias_kind: string | null
  given_sounds_alike: boolean
  family_sounds_alike: boolean
}

const NAME_EXPR = sql`lower(given_name || ' ' || family_name)`
const CHILD_COLUMNS = sql`id, given_name, family_name, coalesce(date_of_birth, expected_date_of_birth) AS date_of_birth,
  nhs_number, upn, merged_into_id`

/**
 * Each way a child can become a candidate, as one indexed lookup returning the columns scoring
 * needs (so nothing is looked up twice). With a date of birth, children born on one of its dates
 * count when either part of the name is close; without one, the name indexes are the way in.
 */
function candidateArms(q: CandidateQuery) {
  const arms = []
  if (q.nhsNumber) arms.push(sql`SELECT ${CHILD_COLUMNS} FROM child WHERE nhs_number = ${q.nhsNumber}`)
  if (q.upn) arms.push(sql`SELECT ${CHILD_COLUMNS} FROM child WHERE upn = ${q.upn}`)
  if (q.dates.length > 0) {
    const close = q.name ? sql` AND ${closeName(q.name)}` : sql``
    arms.push(sql`SELECT ${CHILD_COLUMNS} FROM child WHERE date_of_birth = ANY(${q.dates}::date[])${close}`)
    arms.push(
      sql`SELECT ${CHILD_COLUMNS} FROM child WHERE expected_date_of_birth = ANY(${q.dates}::date[])${close}`,
    )
    if (q.name) arms.push(bornOnWithCloseAlias(q.name, q.dates))
  }
  if (q.name) arms.push(...nameArms(q.name, q.dates.length > 0))
  return sql.join(arms, sql` UNION `)
}

function closeName(name: ParsedName, table?: string) {
  const given = table ? sql.ref(`${table}.given_name`) : sql.ref('given_name')
  const family = table ? sql.ref(`${table}.family_name`) : sql.ref('family_name')
  return sql`(levenshtein_less_equal(lower(${family}), ${name.family}, 2) <= 2
    OR levenshtein_less_equal(lower(${given}), ${name.given}, 2) <= 2
    OR dmetaphone(${family}) = dmetaphone(${name.family}) OR dmetaphone(${given}) = dmetaphone(${name.given})
    OR similarity(lower(${given} || ' ' || ${family}), ${fullName(name)}) >= 0.3)`
}

/** Children born on one of the dates with an alias close to the typed name: the dates lead, then each child's aliases. */
function bornOnWithCloseAlias(name: ParsedName, dates: IsoDate[]) {
  return sql`SELECT ${sql.join(['id', 'given_name', 'family_name', 'date_of_birth', 'nhs_number', 'upn', 'merged_into_id'].map((column) => sql.ref(`c.${column}`)))}
    FROM child c CROSS JOIN LATERAL (
      SELECT 1 FROM child_alias a WHERE a.child_id = c.id AND ${closeName(name, 'a')} LIMIT 1) close_alias
    WHERE c.date_of_birth = ANY(${dates}::date[])`
}

const inAliases = (where: ReturnType<typeof sql>) =>
  sql`SELECT ${CHILD_COLUMNS} FROM child WHERE id IN (SELECT child_id FROM child_alias WHERE ${where})`

function nameArms(name: ParsedName, withDates: boolean) {
  const sounds = (key: 'dmetaphone' | 'soundex') => {
    const fn = sql.raw(key)
    const given = name.single ? sql`` : sql` AND ${fn}(given_name) = ${fn}(${name.given})`
    return sql`${fn}(family_name) = ${fn}(${name.family})${given}`
  }
  const trigram = sql`${NAME_EXPR} % ${fullName(name)}`
  const arms = [
    sql`SELECT ${CHILD_COLUMNS} FROM child WHERE ${sounds('dmetaphone')}`,
    inAliases(sounds('dmetaphone')),
  ]
  // Common names share most trigrams, so on a large table the trigram index returns thousands of
  // rows to recheck: with a date of birth the dates already find a misspelt child (and its aliases).
  if (withDates) return arms
  return [
    ...arms,
    inAliases(trigram),
    sql`SELECT ${CHILD_COLUMNS} FROM child WHERE ${trigram}`,
    sql`SELECT ${CHILD_COLUMNS} FROM child WHERE ${sounds('soundex')}`,
  ]
}

/** Each candidate's names (its own and its aliases) with whether each part sounds like the typed one. */
export async function findCandidates(trx: Transaction<DB>, q: CandidateQuery): Promise<CandidateRow[]> {
  if (!q.name && !q.nhsNumber && !q.upn && q.dates.length === 0) return []
  const name = q.name ?? { given: '', family: '', single: false }
  const result = await sql<CandidateRow>`
    WITH candidate AS (${candidateArms(q)}),
    named AS (
      SELECT id AS child_id, given_name, family_name, NULL::text AS alias_kind, date_of_birth, nhs_number, upn
      FROM candidate WHERE merged_into_id IS NULL
      UNION ALL
      SELECT a.child_id, a.given_name, a.family_name, a.kind, c.date_of_birth, c.nhs_number, c.upn
      FROM child_alias a JOIN candidate c ON c.id = a.child_id WHERE c.merged_into_id IS NULL
    )
    SELECT named.*,
      dmetaphone(given_name) = dmetaphone(${name.given}) AS given_sounds_alike,
      dmetaphone(family_name) = dmetaphone(${name.family}) AS family_sounds_alike
    FROM named`.execute(trx)
  return result.rows
}

// ---------------------------------------------------------------------------
// Children as people see them

export interface ChildSummary {
  id: string
  laId: string
  laChildId: string
  givenName: string
  familyName: string
  dateOfBirth: IsoDate | null
  expectedDateOfBirth: IsoDate | null
  sex: 'M' | 'F' | 'U'
  nhsNumber: string | null
  upn: string | null
  postcode: string | null
  schoolName: string | null
  sensitivity: string
  mergedIntoId: string | null
}

interface ChildSummaryRow {
  id: string
  la_id: string
  la_child_id: string
  given_name: string
  family_name: string
  date_of_birth: IsoDate | null
  expected_date_of_birth: IsoDate | null
  sex: 'M' | 'F' | 'U'
  nhs_number: string | null
  upn: string | null
  postcode: string | null
  school_name: string | null
  sensitivity: string
  merged_into_id: string | null
}

const toSummary = (row: ChildSummaryRow): ChildSummary => ({
  id: row.id,
  laId: row.la_id,
  laChildId: row.la_child_id,
  givenName: row.given_name,
  familyName: row.family_name,
  dateOfBirth: row.date_of_birth,
  expectedDateOfBirth: row.expected_date_of_birth,
  sex: row.sex,
  nhsNumber: row.nhs_number,
  upn: row.upn,
  postcode: row.postcode,
  schoolName: row.school_name,
  sensitivity: row.sensitivity,
  mergedIntoId: row.merged_into_id,
})

const SUMMARY_COLUMNS = sql`c.id, c.la_id, c.la_child_id, c.given_name, c.family_name, c.date_of_birth,
  c.expected_date_of_birth, c.sex, c.nhs_number, c.upn, h.postcode, s.name AS school_name, c.sensitivity,
  c.merged_into_id`

export async function findChildSummaries(db: Db, ids: readonly string[]): Promise<ChildSummary[]> {
  if (ids.length === 0) return []
  const result = await sql<ChildSummaryRow>`
    SELECT ${SUMMARY_COLUMNS}
    FROM child c LEFT JOIN household h ON h.id = c.household_id LEFT JOIN school s ON s.id = c.school_id
    WHERE c.id = ANY(${ids}::uuid[])`.execute(db)
  return result.rows.map(toSummary)
}

export interface ChildAlias {
  givenName: string
  familyName: string
  kind: string
}

export interface Household {
  addressLine1: string
  addressLine2: string | null
  town: string
  postcode: string
}

export interface RelatedPerson {
  name: string
  kind: string
  dateOfBirth: IsoDate | null
  childId: string | null
}

export interface ChildRecord extends ChildSummary {
  ethnicity: string | null
  upnUnknown: string | null
  aliases: ChildAlias[]
  household: Household | null
  relationships: RelatedPerson[]
  /** Records merged into this one: their events are part of this child's chronology. */
  mergedIds: string[]
}

interface ChildRecordRow extends ChildSummaryRow {
  ethnicity: string | null
  upn_unknown: string | null
  address_line1: string | null
  address_line2: string | null
  town: string | null
  aliases: ChildAlias[]
  relationships: RelatedPerson[]
  merged_ids: string[]
  chronology: (Omit<RecordedEvent, 'occurredAt'> & { occurredAt: string })[] | null
  may_have_flags: boolean[]
  agency_ids: string[]
  user_ids: string[]
}

/** A child's record and, when asked for, its chronology: every event about it and the records merged into it, in time order. */
export interface ChildPage {
  record: ChildRecord
  chronology: RecordedEvent[] | undefined
  /** The child as the access policy sees it. */
  resource: ChildResource
  /** The answer to each test in `mayHaveFlags`, in order. */
  mayHaveFlags: boolean[]
}

export async function findChildRecord(db: Db, id: string): Promise<ChildRecord | undefined> {
  return (await findChildPage(db, id, { chronology: false }))?.record
}

/**
 * The record with its household, aliases, relationships and merged records, and the chronology if
 * asked for (not for a merged record), in one statement: a child's page opens often, and on the
 * embedded engine every statement waits its turn on the one connection.
 */
export async function findChildPage(
  db: Db,
  id: string,
  options: {
    chronology: boolean
    mayHaveFlags?: readonly ((childId: RawBuilder<string>) => RawBuilder<boolean>)[]
  },
): Promise<ChildPage | undefined> {
  if (!isUuid(id)) return undefined
  const childId = sql<string>`c.id`
  const flagTests = (options.mayHaveFlags ?? []).map((test) => test(childId))
  const { rows } = await sql<ChildRecordRow>`
    SELECT ${SUMMARY_COLUMNS}, c.ethnicity, c.upn_unknown, h.address_line1, h.address_line2, h.town,
      merged.ids::text[] AS merged_ids, ${sql.join(involvementOf(childId))},
      (SELECT coalesce(jsonb_agg(jsonb_build_object('givenName', a.given_name, 'familyName', a.family_name,
          'kind', a.kind) ORDER BY a.created_at, a.id), '[]')
        FROM child_alias a WHERE a.child_id = c.id) AS aliases,
      (SELECT coalesce(jsonb_agg(to_jsonb(related) ORDER BY related.kind, related.name), '[]') FROM (
        SELECT coalesce(p.given_name || ' ' || p.family_name, rc.given_name || ' ' || rc.family_name) AS name,
          r.kind, coalesce(p.date_of_birth, rc.date_of_birth) AS "dateOfBirth", r.related_child_id AS "childId"
        FROM relationship r
        LEFT JOIN person p ON p.id = r.person_id
        LEFT JOIN child rc ON rc.id = r.related_child_id
        WHERE r.child_id = c.id) related) AS relationships,
      ${options.chronology ? CHRONOLOGY : sql`NULL`} AS chronology,
      ${flagTests.length > 0 ? sql`ARRAY[${sql.join(flagTests)}]` : sql`ARRAY[]::boolean[]`} AS may_have_flags
    FROM child c LEFT JOIN household h ON h.id = c.household_id LEFT JOIN school s ON s.id = c.school_id
    CROSS JOIN LATERAL (SELECT ARRAY(${MERGED_INTO_C}) AS ids OFFSET 0) merged
    WHERE c.id = ${id}`.execute(db)
  const row = rows[0]
  if (!row) return undefined
  const household: Household | null =
    row.address_line1 === null
      ? null
      : {
          addressLine1: row.address_line1,
          addressLine2: row.address_line2,
          town: row.town ?? '',
          postcode: row.postcode ?? '',
        }
  const record: ChildRecord = {
    ...toSummary(row),
    ethnicity: row.ethnicity,
    upnUnknown: row.upn_unknown,
    aliases: row.aliases,
    household,
    relationships: row.relationships,
    mergedIds: row.merged_ids,
  }
  const chronology = row.chronology?.map((event) => ({ ...event, occurredAt: new Date(event.occurredAt) }))
  return { record, chronology, resource: resourceOf(row), mayHaveFlags: row.may_have_flags }
}

/** Every record merged into child c, directly or through an earlier merge. */
const MERGED_INTO_C = sql`
  WITH RECURSIVE merged AS (
    SELECT id FROM child WHERE merged_into_id = c.id
    UNION SELECT m.id FROM child m JOIN merged ON m.merged_into_id = merged.id
  )
  SELECT id FROM merged`

/** As JSON, the events of child c (unless it was merged away) and of the records merged into it. */
const CHRONOLOGY = sql`
  (SELECT coalesce(jsonb_agg(jsonb_build_object('id', e.id, 'seq', e.seq, 'occurredAt', e.occurred_at,
      'type', e.type, 'childId', e.child_id, 'laId', e.la_id, 'agencyId', e.agency_id, 'actorId', e.actor_id,
      'summary', e.summary, 'sensitivity', e.sensitivity, 'payload', e.payload) ORDER BY e.occurred_at, e.seq), '[]')
    FROM unnest(array_prepend(c.id, merged.ids)) AS about(child_id)
    JOIN domain_event e ON e.child_id = about.child_id
    WHERE c.merged_into_id IS NULL)`

export async function findAliases(db: Db, childId: string): Promise<ChildAlias[]> {
  const result = await sql<ChildAlias>`SELECT given_name AS "givenName", family_name AS "familyName", kind
    FROM child_alias WHERE child_id = ${childId} ORDER BY created_at, id`.execute(db)
  return result.rows
}

// ---------------------------------------------------------------------------
// Writing

export interface NewChild {
  laId: string
  givenName: string
  familyName: string
  dateOfBirth: IsoDate | null
  expectedDateOfBirth: IsoDate | null
  sex: 'M' | 'F' | 'U'
  nhsNumber: string | null
  upn: string | null
}

export async function insertChild(trx: Transaction<DB>, child: NewChild): Promise<string> {
  const result = await sql<{ id: string }>`
    INSERT INTO child (la_id, la_child_id, given_name, family_name, date_of_birth, expected_date_of_birth,
      sex, nhs_number, upn)
    VALUES (${child.laId}, 'M' || lpad(nextval('child_la_child_id_seq')::text, 9, '0'), ${child.givenName},
      ${child.familyName}, ${child.dateOfBirth}, ${child.expectedDateOfBirth}, ${child.sex},
      ${child.nhsNumber}, ${child.upn})
    RETURNING id`.execute(trx)
  const row = result.rows[0]
  if (!row) throw new Error('insert into child returned no row')
  return row.id
}

export async function insertAlias(trx: Transaction<DB>, childId: string, alias: ChildAlias): Promise<void> {
  await sql`INSERT INTO child_alias (child_id, given_name, family_name, kind)
    VALUES (${childId}, ${alias.givenName}, ${alias.familyName}, ${alias.kind})`.execute(trx)
}

/** Locks both rows for the merge, in id order so two merges cannot deadlock. */
export async function lockChildren(trx: Transaction<DB>, ids: readonly string[]): Promise<ChildSummary[]> {
  await sql`SELECT id FROM child WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`.execute(trx)
  return findChildSummaries(trx, ids)
}

export interface MergeWrite {
  survivorId: string
  duplicateId: string
  mergedBy: string
  reason: string
  taken: Record<string, string>
}

export async function writeMerge(trx: Transaction<DB>, merge: MergeWrite): Promise<void> {
  const { survivorId, duplicateId } = merge
  await sql`UPDATE child SET merged_into_id = ${survivorId}, updated_at = now() WHERE id = ${duplicateId}`.execute(
    trx,
  )
  await sql`UPDATE child SET
      nhs_number = coalesce(nhs_number, ${merge.taken.nhs_number ?? null}),
      upn = coalesce(upn, ${merge.taken.upn ?? null}),
      upn_unknown = CASE WHEN upn IS NULL AND ${merge.taken.upn ?? null}::text IS NOT NULL THEN NULL ELSE upn_unknown END,
      updated_at = now()
    WHERE id = ${survivorId}`.execute(trx)
  // Agencies involved with the duplicate are involved with the same child: they keep their access.
  await sql`INSERT INTO child_involvement
      (child_id, agency_id, user_id, reason, kind, lawful_basis, since, last_active_at, added_by)
    SELECT ${survivorId}, agency_id, user_id, reason, kind, lawful_basis, since, last_active_at, added_by
    FROM child_involvement
    WHERE child_id = ${duplicateId} AND ended_at IS NULL
    ON CONFLICT DO NOTHING`.execute(trx)
  await sql`INSERT INTO child_merge (survivor_id, duplicate_id, merged_by, reason, taken)
    VALUES (${survivorId}, ${duplicateId}, ${merge.mergedBy}, ${merge.reason}, ${JSON.stringify(merge.taken)})`.execute(
    trx,
  )
}
