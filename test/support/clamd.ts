// A stand-in for ClamAV's daemon on loopback, speaking clamd's INSTREAM protocol (the length-prefixed
// chunks, the NUL-terminated answer) so tests reach it as they would a real clamd. It is not ClamAV:
// it finds only the EICAR test string ("Eicar-Test-Signature", as ClamAV names it) and calls the rest OK.

import { createServer, type Socket } from 'node:net'

/** The EICAR anti-virus test file, built here so this source file itself is not flagged by scanners. */
export const EICAR = Buffer.from(`X5O!P%@AP[4\\PZX54(P^)7CC)7}$${'EICAR-STANDARD-ANTIVIRUS'}-TEST-FILE!$H+H*`)

export interface FakeClamd {
  /** `127.0.0.1:<port>`, as MASA_CLAMD takes it. */
  address: string
  /** The files received, whole. */
  received: Buffer[]
  close(): Promise<void>
}

export async function startFakeClamd(): Promise<FakeClamd> {
  const received: Buffer[] = []
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    let buffered = Buffer.alloc(0)
    let commandRead = false
    const chunks: Buffer[] = []
    socket.on('data', (data) => {
      buffered = Buffer.concat([buffered, data])
      if (!commandRead) {
        const end = buffered.indexOf(0)
        if (end < 0) return
        if (buffered.subarray(0, end).toString() !== 'zINSTREAM') return void socket.end('UNKNOWN COMMAND\0')
        commandRead = true
        buffered = buffered.subarray(end + 1)
      }
      while (buffered.length >= 4) {
        const length = buffered.readUInt32BE(0)
        if (length === 0) {
          const file = Buffer.concat(chunks)
          received.push(file)
          return void socket.end(
            file.includes(EICAR) ? 'stream: Eicar-Test-Signature FOUND\0' : 'stream: OK\0',
          )
        }
        if (buffered.length < 4 + length) return
        chunks.push(buffered.subarray(4, 4 + length))
        buffered = buffered.subarray(4 + length)
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    address: `127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
