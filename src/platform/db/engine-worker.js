// The embedded engine's own thread, started by engine-thread.ts (which holds the messages' types):
// PGlite on the data folder, answering protocol messages, COPY batches, a dump of the folder and
// the request to close, one at a time and in order, as the engine's one session expects. Plain
// JavaScript: Node 20 starts a worker's first module without the TypeScript loader.

import { parentPort, workerData } from 'node:worker_threads'
import { PGlite } from '@electric-sql/pglite'
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'

async function answer(lite, request) {
  switch (request.kind) {
    case 'protocol':
      // A copy: the engine's answer is a view of its own memory, which must not be handed over.
      return (await lite.execProtocolRaw(request.bytes)).slice().buffer
    case 'copy':
      await lite.query(request.statement, [], { blob: new Blob(request.lines) })
      return undefined
    case 'dump':
      return (await lite.dumpDataDir(request.compression)).arrayBuffer()
    case 'close':
      await lite.close()
      return undefined
  }
}

const failure = (error) => String(error?.message ?? error)

async function serve(port, { dataDir, snapshot }) {
  let lite
  try {
    lite = await PGlite.create({
      dataDir,
      loadDataDir: snapshot ? new Blob([snapshot]) : undefined,
      extensions: { pg_trgm, fuzzystrmatch },
    })
  } catch (error) {
    port.postMessage({ id: 0, error: failure(error) })
    return
  }
  port.postMessage({ id: 0 })
  let queue = Promise.resolve()
  port.on('message', ({ id, request }) => {
    queue = queue.then(async () => {
      try {
        const value = await answer(lite, request)
        port.postMessage({ id, value }, value ? [value] : [])
      } catch (error) {
        port.postMessage({ id, error: failure(error) })
      }
    })
  })
}

if (parentPort) await serve(parentPort, workerData)
