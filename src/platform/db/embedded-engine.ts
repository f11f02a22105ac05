// The embedded engine (PGlite) runs on a thread of its own, so that its work goes on beside the
// server's rather than in turn with it: on a child's page about a third of the time is the engine's,
// and a long query no longer holds up every other request. The thread's code is
// embedded-engine-thread.mjs; this is the server's side of it.

import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

interface Answer {
  id?: number
  data?: Uint8Array
  done?: boolean
  value?: unknown
  error?: Error
  ready?: boolean
}

interface Pending {
  onData?: (bytes: Buffer) => void
  resolve: (value: unknown) => void
  reject: (error: Error) => void
}

/** The engine's programs, compiled once a process and shared with every engine thread it starts. */
type EnginePrograms = { pgliteWasmModule: WebAssembly.Module; initdbWasmModule: WebAssembly.Module }
let compiled: Promise<EnginePrograms> | undefined

function compile(name: string): Promise<WebAssembly.Module> {
  const path = createRequire(import.meta.url).resolve(`@electric-sql/pglite/${name}`)
  return readFile(path).then((bytes) => WebAssembly.compile(bytes))
}

function enginePrograms(): Promise<EnginePrograms> {
  compiled ??= Promise.all([compile('pglite.wasm'), compile('initdb.wasm')]).then(
    ([pgliteWasmModule, initdbWasmModule]) => ({ pgliteWasmModule, initdbWasmModule }),
  )
  return compiled
}

export class EmbeddedEngine {
  #pending = new Map<number, Pending>()
  #next = 0
  #failed: Error | undefined

  private constructor(private readonly thread: Worker) {
    thread.on('message', (answer: Answer) => this.#answered(answer))
    thread.on('error', (error) => this.#fail(error))
    thread.on('exit', () => this.#fail(new Error('The embedded database stopped')))
  }

  /** Starts the engine's thread on a data folder (or 'memory://'), from a dump of one if given. */
  static async start(dataDir: string, snapshot?: Blob): Promise<EmbeddedEngine> {
    const dump = snapshot ? await snapshot.arrayBuffer() : undefined
    const thread = new Worker(new URL('./embedded-engine-thread.mjs', import.meta.url), {
      workerData: { dataDir, snapshot: dump, ...(await enginePrograms()) },
      // The dump is the thread's alone: handed over, not copied (tests open one per database).
      transferList: dump ? [dump] : [],
    })
    const started = await new Promise<Answer>((resolve, reject) => {
      thread.once('message', resolve)
      thread.once('error', reject)
    })
    if (!started.ready) {
      await thread.terminate()
      throw started.error ?? new Error('The embedded database did not start')
    }
    return new EmbeddedEngine(thread)
  }

  /** Runs protocol messages up to a Sync; each piece of the raw answer goes to `onData` as it comes. */
  protocol(messages: Uint8Array, onData: (bytes: Buffer) => void): Promise<unknown> {
    const copy = new Uint8Array(messages)
    return this.#ask({ kind: 'protocol', messages: copy }, [copy.buffer], onData)
  }

  exec(text: string): Promise<unknown> {
    return this.#ask({ kind: 'exec', text })
  }

  /** COPY of `lines` in one transaction that first runs `prelude`. */
  copy(prelude: string, statement: string, lines: string[]): Promise<unknown> {
    return this.#ask({ kind: 'copy', prelude, statement, lines })
  }

  async dump(compression: 'none' | 'gzip'): Promise<Blob> {
    return new Blob([(await this.#ask({ kind: 'dump', compression })) as ArrayBuffer])
  }

  async close(): Promise<void> {
    if (this.#failed) return
    await this.#ask({ kind: 'close' })
    await this.thread.terminate()
  }

  #ask(request: object, transfer: ArrayBuffer[] = [], onData?: (bytes: Buffer) => void): Promise<unknown> {
    if (this.#failed) return Promise.reject(this.#failed)
    const id = this.#next++
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, ...(onData ? { onData } : {}) })
      this.thread.postMessage({ ...request, id }, transfer)
    })
  }

  #answered({ id, data, done, value, error }: Answer): void {
    const pending = this.#pending.get(id as number)
    if (!pending) return
    if (data) pending.onData?.(Buffer.from(data.buffer, data.byteOffset, data.byteLength))
    if (done) {
      this.#pending.delete(id as number)
      pending.resolve(value)
    } else if (!data) {
      this.#pending.delete(id as number)
      pending.reject(error ?? new Error('The embedded database failed'))
    }
  }

  #fail(error: Error): void {
    this.#failed ??= error
    for (const pending of this.#pending.values()) pending.reject(error)
    this.#pending.clear()
  }
}
