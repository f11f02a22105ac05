// One process at a time on an embedded data folder. PGlite keeps no lock of its own: two processes
// on one folder each believe they own it, hand out the same referral numbers and break the audit
// chain. The lock file holds who has the folder (pid, host, start time); a lock whose process has
// died (a crash, a killed container) is stale and is taken over.

import { readFileSync, unlinkSync } from 'node:fs'
import { link, readFile, unlink, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'

export const LOCK_FILE = 'masa.lock'

export interface LockHolder {
  pid: number
  host: string
  startedAt: string
}

export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError'

  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The data folder ${dataDir} is in use by process ${holder.pid} on ${holder.host} ` +
        `(since ${holder.startedAt}). Only one masa process may open an embedded data folder: ` +
        `stop that process first, or use PostgreSQL (DATABASE_URL) to run several.`,
    )
  }
}

/** Folders this process holds: a lock naming our own pid is stale unless we hold it (a restarted container reuses pids). */
const held = new Set<string>()

/**
 * Takes the folder's lock, or throws DataDirInUseError naming the live process that has it.
 * Resolves to the release, which removes the lock if it is still ours.
 */
export async function lockDataDir(
  dataDir: string,
  log: (message: string) => void = console.warn,
): Promise<() => Promise<void>> {
  const path = join(dataDir, LOCK_FILE)
  const me: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() }
  for (;;) {
    if (await createFile(path, me)) break
    const holder = await readHolder(path)
    if (!holder) continue // released between our attempt and the read: try again
    if (isLive(holder, path)) throw new DataDirInUseError(dataDir, holder)
    if (await takeOver(path, holder, me)) {
      log(`Took over a stale lock on ${dataDir} left by process ${holder.pid} (since ${holder.startedAt})`)
      break
    }
  }
  held.add(path)
  const releaseOnExit = () => removeIfOurs(path)
  process.once('exit', releaseOnExit)
  return async () => {
    process.off('exit', releaseOnExit)
    removeIfOurs(path)
  }
}

/**
 * Replaces a stale lock, guarded by a second file so that two processes finding the same stale lock
 * cannot both take it (one could otherwise remove the lock the other has just written).
 * Resolves false when another process is taking over, or has: the caller looks again.
 */
async function takeOver(path: string, stale: LockHolder, me: LockHolder): Promise<boolean> {
  const guard = `${path}.takeover`
  if (!(await createFile(guard, me))) {
    const other = await readHolder(guard)
    if (other && !isLive(other, guard)) await unlink(guard).catch(() => {})
    else await new Promise((resolve) => setTimeout(resolve, 50))
    return false
  }
  try {
    const current = await readHolder(path)
    if (current && !sameHolder(current, stale)) return false
    await unlink(path).catch(ignoreMissing)
    return await createFile(path, me)
  } finally {
    await unlink(guard).catch(ignoreMissing)
  }
}

/** Writes the holder to a private file, then links it into place: the lock never exists half-written. */
async function createFile(path: string, holder: LockHolder): Promise<boolean> {
  const draft = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`
  await writeFile(draft, `${JSON.stringify(holder)}\n`, { mode: 0o600 })
  try {
    await link(draft, path)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  } finally {
    await unlink(draft).catch(ignoreMissing)
  }
}

async function readHolder(path: string): Promise<LockHolder | undefined> {
  try {
    return parseHolder(await readFile(path, 'utf8'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

/** A file that is not a lock we wrote (edited by hand, say) is treated as held by nobody alive. */
function parseHolder(text: string): LockHolder {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>
    if (typeof value.pid === 'number' && typeof value.host === 'string')
      return { pid: value.pid, host: value.host, startedAt: String(value.startedAt ?? 'an unknown time') }
  } catch {}
  return { pid: 0, host: hostname(), startedAt: 'an unknown time' }
}

/** Another host's process cannot be checked from here, so its lock counts as live. */
function isLive(holder: LockHolder, path: string): boolean {
  if (holder.host !== hostname()) return true
  if (holder.pid === process.pid) return held.has(path)
  if (holder.pid <= 0) return false
  try {
    process.kill(holder.pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

const sameHolder = (a: LockHolder, b: LockHolder) =>
  a.pid === b.pid && a.host === b.host && a.startedAt === b.startedAt

function removeIfOurs(path: string): void {
  if (!held.delete(path)) return
  try {
    const holder = parseHolder(readFileSync(path, 'utf8'))
    if (holder.pid === process.pid && holder.host === hostname()) unlinkSync(path)
  } catch {}
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error
}
