// Walks the audit chain in seq order, a page at a time (constant memory at any size), and names
// the first place it is broken.

import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import { type AuditRecord, auditHash, fromRow, GENESIS_HASH, selectAuditRecords } from './log.ts'

export type ChainProblem = 'edited' | 'removed' | 'reordered' | 'added'

export type ChainReport =
  | { intact: true; checked: number; head: { seq: number; hash: string } }
  | { intact: false; checked: number; brokenAt: number; problem: ChainProblem; explanation: string }

type Broken = Extract<ChainReport, { intact: false }>
type Finding = Omit<Broken, 'intact' | 'checked'>

interface Expected {
  seq: number
  prevHash: string
}

export const VERIFY_PAGE_SIZE = 5000

/** Checks every row up to the chain head as it stands when the walk starts; later appends wait for the next run. */
export async function verifyAuditChain(
  db: Kysely<DB>,
  options: { pageSize?: number } = {},
): Promise<ChainReport> {
  const pageSize = options.pageSize ?? VERIFY_PAGE_SIZE
  const ends = await readEnds(db)
  if ('problem' in ends) return { intact: false, checked: 0, ...ends }
  const { head } = ends
  let expected: Expected = { seq: 1, prevHash: GENESIS_HASH }
  let checked = 0
  for await (const page of windowsUpTo(db, head.seq, pageSize))
    for (const [index, record] of page.entries()) {
      const finding = checkRecord(record, expected, () => page.slice(index + 1))
      if (finding) return { intact: false, checked, ...finding }
      expected = { seq: record.seq + 1, prevHash: record.hash }
      checked += 1
    }
  const finding = checkHead(head, expected)
  if (finding) return { intact: false, checked, ...finding }
  return { intact: true, checked, head }
}

/**
 * The chain head, or what is wrong with it. The last seq is read first: an append committing in
 * between leaves the head ahead, never behind.
 */
async function readEnds(db: Kysely<DB>): Promise<{ head: { seq: number; hash: string } } | Finding> {
  const last = await db
    .selectFrom('audit_event')
    .select('seq')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst()
  const head = await db
    .selectFrom('audit_chain_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirst()
  if (!head) return { brokenAt: 0, problem: 'removed', explanation: 'the chain head row is missing' }
  if (last && last.seq > head.seq)
    return {
      brokenAt: head.seq + 1,
      problem: 'added',
      explanation: `seq ${head.seq + 1} to ${last.seq} were added outside the chain`,
    }
  return { head }
}

/**
 * The rows in windows of seq rather than pages by LIMIT: a bounded range stays cheap whatever plan
 * the database picks. The next window is fetched while this one is checked.
 */
async function* windowsUpTo(db: Kysely<DB>, last: number, size: number): AsyncGenerator<AuditRecord[]> {
  const windowAfter = (after: number) => readWindow(db, after, Math.min(after + size, last))
  let fetching = windowAfter(0)
  try {
    for (let after = 0; after < last; after += size) {
      const page = await fetching
      if (after + size < last) fetching = windowAfter(after + size)
      yield page
    }
  } finally {
    // A window still in flight when the walk stops at a break is not wanted.
    fetching.catch(() => {})
  }
}

async function readWindow(db: Kysely<DB>, after: number, upTo: number): Promise<AuditRecord[]> {
  const rows = await selectAuditRecords(db)
    .where('seq', '>', after)
    .where('seq', '<=', upTo)
    .orderBy('seq')
    .execute()
  return rows.map(fromRow)
}

function checkRecord(
  record: AuditRecord,
  expected: Expected,
  following: () => AuditRecord[],
): Finding | undefined {
  if (record.seq > expected.seq) {
    const missing = record.seq - 1 > expected.seq ? `${expected.seq} to ${record.seq - 1}` : `${expected.seq}`
    return {
      brokenAt: expected.seq,
      problem: 'removed',
      explanation: `seq ${missing} missing: removed from the audit`,
    }
  }
  if (auditHash(record) !== record.hash)
    return {
      brokenAt: record.seq,
      problem: 'edited',
      explanation: `seq ${record.seq} no longer matches its hash: a field was changed`,
    }
  if (record.prevHash === expected.prevHash) return undefined
  if (following().some((later) => later.prevHash === expected.prevHash))
    return {
      brokenAt: record.seq,
      problem: 'reordered',
      explanation: `seq ${record.seq} is out of place: the row that follows seq ${record.seq - 1} comes later`,
    }
  return {
    brokenAt: record.seq,
    problem: 'removed',
    explanation:
      `seq ${record.seq} does not follow seq ${record.seq - 1}: a row was removed before it and the rest ` +
      `renumbered, or seq ${record.seq - 1} was rewritten along with its hash`,
  }
}

/** The head row remembers where the chain ended: rows cut from the end show up here. */
function checkHead(head: { seq: number; hash: string }, expected: Expected): Finding | undefined {
  const last = expected.seq - 1
  if (last < head.seq)
    return {
      brokenAt: last + 1,
      problem: 'removed',
      explanation: `seq ${last + 1} to ${head.seq} missing: removed from the end of the audit`,
    }
  if (head.hash !== expected.prevHash)
    return {
      brokenAt: last,
      problem: 'edited',
      explanation: `seq ${last} does not match the hash the chain head recorded for it`,
    }
  return undefined
}
