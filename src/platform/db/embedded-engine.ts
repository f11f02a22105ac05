// The embedded engine (PGlite) as the database handle uses it: node-postgres's adapter sends it
// protocol messages, bulk loads send it COPY batches, tests dump its folder. It runs either in this
// thread or on a thread of its own (engine-worker.js), where its queries use a second core while
// this thread renders pages; then only protocol bytes cross, and node-postgres parses them here.

import { Worker } from 'node:worker_threads'
import { PGlite, protocol } from '@electric-sql/pglite'
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'

type DumpCompression = 'none' | 'gzip'

type BackendMessage = Parameters<Parameters<protocol.Parser['parse']>[1]>[0]

export interface EmbeddedEngine {
  waitReady: Promise<void>
  execProtocolStream(message: Uint8Array): Promise<BackendMessage[]>
  copy(statement: string, lines: string[]): Promise<void>
  dumpDataDir(compression: DumpCompression): Promise<Blob>
  close(): Promise<void>
}

export interface EngineStart {
  dataDir: string
  /** A dump of a data folder to start from (tests start from a migrated snapshot). */
  snapshot?: Blob
  /** On a thread of its own (the service), or in this one (tests, which start hundreds, each cheaper here). */
  ownThread?: boolean
}

export function startEmbeddedEngine(start: EngineStart): Promise<EmbeddedEngine> {
  return start.ownThread ? onOwnThread(start) : inThisThread(start)
}

async function inThisThread({ dataDir, snapshot }: EngineStart): Promise<EmbeddedEngine> {
  const lite = await PGlite.create({ dataDir, loadDataDir: snapshot, extensions: { pg_trgm, fuzzystrmatch } })
  return {
    waitReady: lite.waitReady,
    execProtocolStream: (message) => lite.execProtocolStream(message, { throwOnError: false }),
    copy: async (statement, lines) => {
      await lite.query(statement, [], { blob: new Blob(lines) })
    },
    dumpDataDir: (compression) => lite.dumpDataDir(compression),
    close: () => lite.close(),
  }
}

type Request =
  | { kind: 'protocol'; bytes: Uint8Array }
  | { kind: 'copy'; statement: string; lines: string[] }
  | { kind: 'dump'; compression: DumpCompression }
  | { kind: 'close' }

/** What the engine's thread posts back: id 0 answers its start (opened, or why not). */
interface Reply {
  id: number
  value?: ArrayBuffer
  error?: string
}

type Waiting = { resolve: (value: ArrayBuffer | undefined) => void; reject: (error: Error) => void }

async function onOwnThread({ dataDir, snapshot }: EngineStart): Promise<EmbeddedEngine> {
  const snapshotBytes = await snapshot?.arrayBuffer()
  const worker = new Worker(new URL('./engine-worker.js', import.meta.url), {
    workerData: { dataDir, snapshot: snapshotBytes },
    transferList: snapshotBytes ? [snapshotBytes] : [],
  })
  const pending = new Map<number, Waiting>()
  let stopped: Error | undefined
  const failAll = (error: Error) => {
    stopped ??= error
    for (const waiting of pending.values()) waiting.reject(error)
    pending.clear()
  }
  worker.on('message', ({ id, value, error }: Reply) => {
    const waiting = pending.get(id)
    pending.delete(id)
    if (error === undefined) waiting?.resolve(value)
    else waiting?.reject(new Error(error))
  })
  worker.on('error', failAll)
  worker.on('exit', () => failAll(new Error('The embedded database has stopped')))

  let next = 1
  const ask = (request: Request, transfer: ArrayBuffer[] = []) =>
    new Promise<ArrayBuffer | undefined>((resolve, reject) => {
      if (stopped) return reject(stopped)
      const id = next++
      pending.set(id, { resolve, reject })
      worker.postMessage({ id, request }, transfer)
    })
  const waitReady = new Promise<void>((resolve, reject) =>
    pending.set(0, { resolve: () => resolve(), reject }),
  )
  await waitReady.catch(async (error: unknown) => {
    await worker.terminate()
    throw error
  })
  return {
    waitReady,
    async execProtocolStream(message) {
      const bytes = message.slice()
      const answer = await ask({ kind: 'protocol', bytes }, [bytes.buffer])
      const messages: BackendMessage[] = []
      if (answer) new protocol.Parser().parse(new Uint8Array(answer), (parsed) => messages.push(parsed))
      return messages
    },
    async copy(statement, lines) {
      await ask({ kind: 'copy', statement, lines })
    },
    async dumpDataDir(compression) {
      return new Blob([(await ask({ kind: 'dump', compression })) as ArrayBuffer])
    },
    async close() {
      await ask({ kind: 'close' })
      await worker.terminate()
    },
  }
}
