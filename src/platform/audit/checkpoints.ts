// Signed checkpoints of the audit chains' heads, kept outside the database.
//
// The hash chain shows a row was changed only to someone who cannot re-hash the rest: whoever owns
// the database can edit a row, re-hash its chain after it and move the head, and the chain is whole
// again. A checkpoint is a chain's head (sequence and hash) signed with an Ed25519 key the database
// never sees, appended as one JSON line to a file on other storage. The hash at a checkpointed entry
// covers every entry before it, so a rewrite of anything up to the last checkpoint no longer matches
// what was signed; the public key alone checks it. What was appended since the last checkpoint is
// covered by the next one.

import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { appendFile, open } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { type Kysely, sql } from 'kysely'
import { ownPartnership } from '../db/database.ts'
import type { PlatformDB } from '../db/schema.ts'
import { pollEvery } from '../poll.ts'
import type { ChainHead } from './verify.ts'

const CHECKPOINT_FORMAT = 'masa-audit-checkpoint-1'

/** A chain's head at a moment, signed. */
export interface Checkpoint extends ChainHead {
  /** When it was taken: ISO 8601 UTC. */
  at: string
  /** Which key signed it: the start of the sha256 of its public key (keyId). */
  keyId: string
  /** Ed25519 over checkpointText, base64. */
  signature: string
}

const checkpointText = (head: ChainHead & { at: string }): Buffer =>
  Buffer.from(JSON.stringify([CHECKPOINT_FORMAT, head.chainId, head.chainSeq, head.hash, head.at]))

/** Names a key by its public half, so a checkpoint says which key to check it with. */
export function keyId(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key
  return createHash('sha256')
    .update(publicKey.export({ format: 'der', type: 'spki' }))
    .digest('hex')
    .slice(0, 16)
}

export function signCheckpoint(head: ChainHead, at: Date, privateKey: KeyObject): Checkpoint {
  const stamped = { chainId: head.chainId, chainSeq: head.chainSeq, hash: head.hash, at: at.toISOString() }
  const signature = sign(null, checkpointText(stamped), privateKey).toString('base64')
  return { ...stamped, keyId: keyId(privateKey), signature }
}

export function checkpointSignatureHolds(checkpoint: Checkpoint, publicKey: KeyObject): boolean {
  try {
    return verify(null, checkpointText(checkpoint), publicKey, Buffer.from(checkpoint.signature, 'base64'))
  } catch {
    return false
  }
}

/** Every chain's head that has moved past its start. */
async function readHeads(db: Kysely<PlatformDB>): Promise<ChainHead[]> {
  const rows = await db
    .selectFrom('audit_chain_head')
    .select(['chain_id', 'chain_seq', 'hash'])
    .where('chain_seq', '>', 0)
    .where('partnership_id', '=', ownPartnership)
    .orderBy('chain_id')
    .execute()
  return rows.map((row) => ({ chainId: row.chain_id, chainSeq: Number(row.chain_seq), hash: row.hash }))
}

/** The hash each of these entries holds now (absent: no such entry). */
async function hashesAt(db: Kysely<PlatformDB>, entries: readonly ChainHead[]): Promise<Map<string, string>> {
  if (entries.length === 0) return new Map()
  const { rows } = await sql<{ chain_id: number; chain_seq: string; hash: string }>`
    SELECT e.chain_id, e.chain_seq, e.hash FROM audit_event AS e
    JOIN unnest(${entries.map((entry) => entry.chainId)}::integer[],
      ${entries.map((entry) => entry.chainSeq)}::bigint[]) AS wanted (chain_id, chain_seq)
      ON e.chain_id = wanted.chain_id AND e.chain_seq = wanted.chain_seq
    WHERE e.partnership_id = ${ownPartnership}`.execute(db)
  return new Map(rows.map((row) => [place(row.chain_id, Number(row.chain_seq)), row.hash]))
}

const place = (chainId: number, chainSeq: number) => `${chainId}:${chainSeq}`

/** Keeps signing each chain's head as it moves; refuses to sign a chain rewritten since its last checkpoint. */
export class CheckpointWriter {
  private readonly last = new Map<number, ChainHead>()

  constructor(
    private readonly options: {
      db: Kysely<PlatformDB>
      file: string
      privateKey: KeyObject
      now?: () => Date
      /** Told when a chain no longer holds the head its last checkpoint signed: it was rewritten. */
      onRewritten: (problem: string) => void
    },
  ) {}

  /**
   * Starts from the last checkpoint of each chain in the end of the file, if there is one (the file
   * grows for years; its end holds every busy chain's last checkpoint).
   */
  async resume(): Promise<void> {
    for (const text of (await fileTail(this.options.file, RESUME_BYTES)).split('\n').slice(1)) {
      const checkpoint = parseCheckpoint(text)
      if (checkpoint) this.last.set(checkpoint.chainId, checkpoint)
    }
  }

  /** Appends a signed checkpoint for each chain whose head moved; returns how many. */
  async write(): Promise<number> {
    const { db, file, privateKey } = this.options
    const moved = (await readHeads(db)).filter((head) => {
      const last = this.last.get(head.chainId)
      return !last || last.chainSeq !== head.chainSeq || last.hash !== head.hash
    })
    const held = await hashesAt(
      db,
      moved.flatMap((head) => this.last.get(head.chainId) ?? []),
    )
    const at = (this.options.now ?? (() => new Date()))()
    const checkpoints = moved.flatMap((head) => {
      const last = this.last.get(head.chainId)
      if (last && held.get(place(last.chainId, last.chainSeq)) !== last.hash) {
        this.options.onRewritten(
          `audit chain ${head.chainId}: entry ${last.chainSeq} no longer holds the hash its last checkpoint signed; not signing its head`,
        )
        return []
      }
      return [signCheckpoint(head, at, privateKey)]
    })
    if (checkpoints.length === 0) return 0
    await appendFile(file, checkpoints.map((checkpoint) => `${JSON.stringify(checkpoint)}\n`).join(''), {
      mode: 0o644,
    })
    for (const checkpoint of checkpoints) this.last.set(checkpoint.chainId, checkpoint)
    return checkpoints.length
  }
}

const RESUME_BYTES = 256 * 1024

/** The last `bytes` of the file, after a newline so its first line may be cut ('' if there is no file). */
async function fileTail(file: string, bytes: number): Promise<string> {
  const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined
    throw error
  })
  if (!handle) return ''
  try {
    const { size } = await handle.stat()
    const start = Math.max(0, size - bytes)
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(size - start), 0, size - start, start)
    return `${start === 0 ? '\n' : ''}${buffer.subarray(0, bytesRead).toString('utf8')}`
  } finally {
    await handle.close()
  }
}

export interface CheckpointLine {
  line: number
  checkpoint?: Checkpoint
  /** Why the line is not a checkpoint. */
  problem?: string
}

/** The file's lines as checkpoints, in order; an unreadable line says so rather than stop the check. */
export async function readCheckpoints(file: string): Promise<AsyncIterable<CheckpointLine>> {
  const stream = createReadStream(file, 'utf8')
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve())
    stream.once('error', reject)
  })
  return (async function* () {
    let line = 0
    for await (const text of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
      line += 1
      if (text.trim() === '') continue
      const checkpoint = parseCheckpoint(text)
      yield checkpoint ? { line, checkpoint } : { line, problem: 'is not a checkpoint' }
    }
  })()
}

function parseCheckpoint(text: string): Checkpoint | undefined {
  try {
    const value = JSON.parse(text) as Record<string, unknown>
    const { chainId, chainSeq, hash, at, keyId, signature } = value
    if (
      Number.isInteger(chainId) &&
      Number.isInteger(chainSeq) &&
      typeof hash === 'string' &&
      /^[0-9a-f]{64}$/.test(hash) &&
      typeof at === 'string' &&
      typeof keyId === 'string' &&
      typeof signature === 'string'
    )
      return { chainId, chainSeq, hash, at, keyId, signature } as Checkpoint
  } catch {}
  return undefined
}

export type CheckpointReport =
  | { holds: true; checked: number }
  | { holds: false; checked: number; line: number; chainId?: number; brokenAt?: number; explanation: string }

/** How many checkpoints are looked up in the database at once. */
const BATCH = 5000

/**
 * Checks each checkpoint in the file: signed by one of these public keys (the key before a rotation
 * and the key after it), and the entry it names still holds
 * the hash it signed. Names the first that fails: a forged or altered line, or the entries rewritten.
 */
export async function verifyCheckpoints(
  db: Kysely<PlatformDB>,
  file: string,
  publicKeys: readonly KeyObject[],
): Promise<CheckpointReport> {
  const keys = new Map(publicKeys.map((key) => [keyId(key), key]))
  /** The last checkpoint that held, per chain: a rewrite lies after it. */
  const lastHeld = new Map<number, number>()
  let checked = 0
  let batch: Array<{ line: number; checkpoint: Checkpoint }> = []
  const checkBatch = async (): Promise<CheckpointReport | undefined> => {
    const held = await hashesAt(
      db,
      batch.map(({ checkpoint }) => checkpoint),
    )
    for (const { line, checkpoint } of batch) {
      const { chainId, chainSeq } = checkpoint
      const hash = held.get(place(chainId, chainSeq))
      if (hash !== checkpoint.hash) {
        const from = (lastHeld.get(chainId) ?? 0) + 1
        const entries = from === chainSeq ? `entry ${chainSeq}` : `an entry from ${from} to ${chainSeq}`
        const explanation =
          hash === undefined
            ? `entry ${chainSeq}, which the checkpoint of ${checkpoint.at} signed, is missing: removed from the audit`
            : `entry ${chainSeq} no longer holds the hash the checkpoint of ${checkpoint.at} signed: ` +
              `${entries} was rewritten and the chain re-hashed after it`
        return { holds: false, checked, line, chainId, brokenAt: chainSeq, explanation }
      }
      lastHeld.set(chainId, Math.max(lastHeld.get(chainId) ?? 0, chainSeq))
      checked += 1
    }
    batch = []
    return undefined
  }
  for await (const { line, checkpoint, problem } of await readCheckpoints(file)) {
    if (!checkpoint) return { holds: false, checked, line, explanation: `the line ${problem}` }
    const publicKey = keys.get(checkpoint.keyId)
    if (!publicKey)
      return { holds: false, checked, line, explanation: `signed by a key not given (${checkpoint.keyId})` }
    if (!checkpointSignatureHolds(checkpoint, publicKey))
      return {
        holds: false,
        checked,
        line,
        explanation: 'its signature does not match it: the line was altered or forged',
      }
    batch.push({ line, checkpoint })
    if (batch.length >= BATCH) {
      const broken = await checkBatch()
      if (broken) return broken
    }
  }
  return (await checkBatch()) ?? { holds: true, checked }
}

/** How often the heads are signed: what was appended since the last checkpoint is not yet covered. */
export const CHECKPOINT_EVERY_MS = 60_000

export interface CheckpointLog {
  info(message: string): void
  error(object: unknown, message?: string): void
}

/**
 * Signs the heads now and then every CHECKPOINT_EVERY_MS, appending to the checkpoint file; the
 * returned stop waits for a write in flight and signs the heads a last time.
 */
export async function startAuditCheckpoints(
  db: Kysely<PlatformDB>,
  signing: { privateKey: KeyObject; checkpointsFile: string },
  log: CheckpointLog,
): Promise<() => Promise<void>> {
  const writer = new CheckpointWriter({
    db,
    file: signing.checkpointsFile,
    privateKey: signing.privateKey,
    onRewritten: (problem) => log.error({ problem }, 'the audit was rewritten since its last checkpoint'),
  })
  await writer.resume()
  await writer.write()
  log.info(`Signing audit checkpoints to ${signing.checkpointsFile} every ${CHECKPOINT_EVERY_MS / 1000} s`)
  const failed = (error: unknown) => log.error({ err: error }, 'could not write an audit checkpoint')
  const stop = pollEvery(CHECKPOINT_EVERY_MS, () => writer.write(), failed)
  return async () => {
    await stop()
    await writer.write().catch(failed)
  }
}
