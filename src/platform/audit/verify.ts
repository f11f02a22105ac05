// Walks each audit chain in order, a page at a time (constant memory at any size), and names the
// first place one is broken.

import { type Kysely, sql } from 'kysely'
import { ownPartnership } from '../db/database.ts'
import type { PlatformDB } from '../db/schema.ts'
import {
  AUDIT_CHAINS,
  auditHash,
  type ChainedRecord,
  fromChainedRow,
  GENESIS_HASH,
  selectAuditRecords,
} from './log.ts'

export type ChainProblem = 'edited' | 'removed' | 'reordered' | 'added'

/** Where a chain ended: an operator keeps these elsewhere to prove later that no rows were cut. */
export interface ChainHead {
  chainId: number
  chainSeq: number
  hash: string
}

export type ChainReport =
  | { intact: true; checked: number; heads: ChainHead[] }
  | {
      intact: false
      checked: number
      chainId: number
      brokenAt: number
      problem: ChainProblem
      explanation: string
    }

type Finding = Omit<Extract<ChainReport, { intact: false }>, 'intact' | 'checked'>

interface Expected {
  chainSeq: number
  prevHash: string
}

export const VERIFY_PAGE_SIZE = 5000

/** Checks every row up to the chain heads as they stand when the walk starts; later appends wait for the next run. */
export async function verifyAuditChain(
  db: Kysely<PlatformDB>,
  options: { pageSize?: number } = {},
): Promise<ChainReport> {
  const pageSize = options.pageSize ?? VERIFY_PAGE_SIZE
  const ends = await readEnds(db)
  if (!Array.isArray(ends)) return { intact: false, checked: 0, ...ends }
  let checked = 0
  for (const head of ends) {
    const walk = await walkChain(db, head, pageSize)
    checked += walk.checked
    if (walk.finding) return { intact: false, checked, ...walk.finding }
  }
  return { intact: true, checked, heads: ends }
}

async function walkChain(db: Kysely<PlatformDB>, head: ChainHead, pageSize: number) {
  let expected: Expected = { chainSeq: 1, prevHash: GENESIS_HASH }
  let checked = 0
  for await (const page of windowsUpTo(db, head, pageSize))
    for (const [index, record] of page.entries()) {
      const finding = checkRecord(record, expected, () => page.slice(index + 1))
      if (finding) return { checked, finding }
      expected = { chainSeq: record.chainSeq + 1, prevHash: record.hash }
      checked += 1
    }
  return { checked, finding: checkHead(head, expected) }
}

/** Every chain's head, or what is wrong with them: a head missing, or rows beyond a head or any chain. */
async function readEnds(db: Kysely<PlatformDB>): Promise<ChainHead[] | Finding> {
  const stray = await findStrayRow(db)
  if (stray) return stray
  const heads: ChainHead[] = []
  const ends = await readHeadsAndLasts(db)
  // A partnership's 16 chain heads are made together with its first entry.
  const begun = ends.some((end) => end.headSeq !== null)
  for (const { chainId, headSeq, hash, lastSeq } of ends) {
    if (!begun && lastSeq === null) {
      heads.push({ chainId, chainSeq: 0, hash: GENESIS_HASH })
      continue
    }
    if (headSeq === null || hash === null)
      return {
        chainId,
        brokenAt: 0,
        problem: 'removed',
        explanation: `the head row of chain ${chainId} is missing`,
      }
    if (lastSeq !== null && lastSeq > headSeq)
      return {
        chainId,
        brokenAt: headSeq + 1,
        problem: 'added',
        explanation: `entries ${headSeq + 1} to ${lastSeq} were added outside the chain`,
      }
    heads.push({ chainId, chainSeq: headSeq, hash })
  }
  return heads
}

async function findStrayRow(db: Kysely<PlatformDB>): Promise<Finding | undefined> {
  const stray = await db
    .selectFrom('audit_event')
    .select(['chain_id', 'chain_seq'])
    .where('partnership_id', '=', ownPartnership)
    .where((eb) => eb.or([eb('chain_id', '<', 0), eb('chain_id', '>=', AUDIT_CHAINS)]))
    .orderBy('chain_id')
    .orderBy('chain_seq')
    .limit(1)
    .executeTakeFirst()
  if (!stray) return undefined
  return {
    chainId: stray.chain_id,
    brokenAt: stray.chain_seq,
    problem: 'added',
    explanation: `chain ${stray.chain_id} is none of the audit's ${AUDIT_CHAINS}: its rows were added outside them`,
  }
}

interface ChainEnd {
  chainId: number
  headSeq: number | null
  hash: string | null
  lastSeq: number | null
}

/** One statement, so one snapshot: an append committing meanwhile is in both the head and the rows, or neither. */
async function readHeadsAndLasts(db: Kysely<PlatformDB>): Promise<ChainEnd[]> {
  const { rows } = await sql<ChainEnd>`
    SELECT chain.id AS "chainId", head.chain_seq AS "headSeq", head.hash,
      (SELECT max(chain_seq) FROM audit_event
        WHERE chain_id = chain.id AND partnership_id = ${ownPartnership}) AS "lastSeq"
    FROM generate_series(0, ${AUDIT_CHAINS - 1}::integer) AS chain (id)
    LEFT JOIN audit_chain_head AS head ON head.chain_id = chain.id AND head.partnership_id = ${ownPartnership}
    ORDER BY chain.id`.execute(db)
  return rows
}

/**
 * The chain's rows in windows of chain_seq rather than pages by LIMIT: a bounded range stays cheap
 * whatever plan the database picks. The next window is fetched while this one is checked.
 */
async function* windowsUpTo(
  db: Kysely<PlatformDB>,
  head: ChainHead,
  size: number,
): AsyncGenerator<ChainedRecord[]> {
  const last = head.chainSeq
  const windowAfter = (after: number) => readWindow(db, head.chainId, after, Math.min(after + size, last))
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

async function readWindow(
  db: Kysely<PlatformDB>,
  chainId: number,
  after: number,
  upTo: number,
): Promise<ChainedRecord[]> {
  const rows = await selectAuditRecords(db)
    .where('chain_id', '=', chainId)
    .where('chain_seq', '>', after)
    .where('chain_seq', '<=', upTo)
    .orderBy('chain_seq')
    .execute()
  return rows.map(fromChainedRow)
}

function checkRecord(
  record: ChainedRecord,
  expected: Expected,
  following: () => ChainedRecord[],
): Finding | undefined {
  const { chainId, chainSeq } = record
  if (chainSeq > expected.chainSeq) {
    const missing =
      chainSeq - 1 > expected.chainSeq
        ? `entries ${expected.chainSeq} to ${chainSeq - 1}`
        : `entry ${expected.chainSeq}`
    return {
      chainId,
      brokenAt: expected.chainSeq,
      problem: 'removed',
      explanation: `${missing} missing: removed from the audit`,
    }
  }
  if (auditHash(record) !== record.hash)
    return {
      chainId,
      brokenAt: chainSeq,
      problem: 'edited',
      explanation: `entry ${chainSeq} no longer matches its hash: a field was changed`,
    }
  if (record.prevHash === expected.prevHash) return undefined
  if (following().some((later) => later.prevHash === expected.prevHash))
    return {
      chainId,
      brokenAt: chainSeq,
      problem: 'reordered',
      explanation: `entry ${chainSeq} is out of place: the row that follows entry ${chainSeq - 1} comes later`,
    }
  return {
    chainId,
    brokenAt: chainSeq,
    problem: 'removed',
    explanation:
      `entry ${chainSeq} does not follow entry ${chainSeq - 1}: a row was removed before it and the rest ` +
      `renumbered, or entry ${chainSeq - 1} was rewritten along with its hash`,
  }
}

/** The head row remembers where the chain ended: rows cut from the end show up here. */
function checkHead(head: ChainHead, expected: Expected): Finding | undefined {
  const last = expected.chainSeq - 1
  const { chainId } = head
  if (last < head.chainSeq)
    return {
      chainId,
      brokenAt: last + 1,
      problem: 'removed',
      explanation: `entries ${last + 1} to ${head.chainSeq} missing: removed from the end of the chain`,
    }
  if (head.hash !== expected.prevHash)
    return {
      chainId,
      brokenAt: last,
      problem: 'edited',
      explanation: `entry ${last} does not match the hash the chain head recorded for it`,
    }
  return undefined
}
