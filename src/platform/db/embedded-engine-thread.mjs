// The embedded engine's own thread (see embedded-engine.ts). Plain JavaScript: a worker thread does
// not take the loader that lets the rest of masa run from TypeScript. It answers each request in the
// order they came: `{ id, kind, ... }` in, `{ id, data }` for each piece of an answer, then
// `{ id, done, value }` or `{ id, error }`.

import { parentPort, workerData } from 'node:worker_threads'
import { PGlite } from '@electric-sql/pglite'
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'

const { dataDir, snapshot, pgliteWasmModule, initdbWasmModule } = workerData

/** Bytes of an answer kept before they are sent on: most answers go whole with their `done`. */
const PIECE = 256 * 1024

/** Gathers an answer's raw bytes into pieces of about PIECE bytes, each a buffer of its own to hand over. */
function gatherer(send) {
  let held = []
  let size = 0
  const take = () => {
    let piece = held[0]
    if (held.length > 1) {
      piece = new Uint8Array(size)
      let at = 0
      for (const bytes of held) {
        piece.set(bytes, at)
        at += bytes.byteLength
      }
    }
    held = []
    size = 0
    return piece
  }
  return {
    // The engine's bytes are a view of its memory, which its next step overwrites: they are copied.
    add(bytes) {
      held.push(new Uint8Array(bytes))
      size += bytes.byteLength
      if (size >= PIECE) send(take())
    },
    rest: () => (size > 0 ? take() : undefined),
  }
}

const work = {
  /** Protocol messages up to a Sync, answered as raw bytes piece by piece. */
  protocol: (lite, { messages }, answer) =>
    lite.execProtocolRawStream(messages, { syncToFs: false, onRawData: answer }),
  exec: async (lite, { text }) => {
    await lite.exec(text)
  },
  copy: (lite, { prelude, statement, lines }) =>
    lite.transaction(async (owner) => {
      await owner.exec(prelude)
      await owner.query(statement, [], { blob: new Blob(lines) })
    }),
  dump: async (lite, { compression }) => (await lite.dumpDataDir(compression)).arrayBuffer(),
  close: (lite) => lite.close(),
}

function serve(lite) {
  let turn = Promise.resolve()
  parentPort.on('message', (request) => {
    const post = (answer, piece) =>
      piece
        ? parentPort.postMessage({ id: request.id, ...answer, data: piece }, [piece.buffer])
        : parentPort.postMessage({ id: request.id, ...answer })
    const answer = gatherer((piece) => post({}, piece))
    turn = turn.then(async () => {
      try {
        const value = await work[request.kind](lite, request, (bytes) => answer.add(bytes))
        post({ done: true, value }, answer.rest())
        if (request.kind === 'close') parentPort.close()
      } catch (error) {
        parentPort.postMessage({ id: request.id, error })
      }
    })
  })
}

PGlite.create({
  dataDir,
  loadDataDir: snapshot ? new Blob([snapshot]) : undefined,
  extensions: { pg_trgm, fuzzystrmatch },
  pgliteWasmModule,
  initdbWasmModule,
}).then(
  (lite) => {
    serve(lite)
    parentPort.postMessage({ ready: true })
  },
  (error) => parentPort.postMessage({ ready: false, error }),
)
