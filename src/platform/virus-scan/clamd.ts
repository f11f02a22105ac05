// Virus scanning by ClamAV's daemon (clamd) over TCP or a Unix socket, with its INSTREAM command:
// the file goes in chunks, each after its length (4 bytes, network order), and a zero length ends
// it; clamd answers one line, `stream: OK` or `stream: <signature> FOUND` (or `... ERROR`). With the
// `z` prefix, the command and the answer end with a NUL byte. Spoken here rather than through the npm
// `clamscan` package, which checks for local ClamAV binaries by running them and answers an ERROR
// line with an error object a caller can take for a clean result.

import { createConnection } from 'node:net'

export type ScanResult =
  | { outcome: 'clean' }
  | { outcome: 'infected'; signature: string }
  /** Not checked: clamd could not be reached, did not answer in time, or answered with an error. */
  | { outcome: 'unchecked'; reason: string }

export interface VirusScanner {
  scan(content: Buffer): Promise<ScanResult>
}

/** `host:port` (`[::1]:3310` for IPv6) or the absolute path of clamd's Unix socket. */
export const CLAMD_ADDRESS_PATTERN = '^(/\\S+|[A-Za-z0-9.-]+:\\d{1,5}|\\[[0-9A-Fa-f:.]+\\]:\\d{1,5})$'

type ClamdAddress = { host: string; port: number } | { path: string }

function clamdAddress(value: string): ClamdAddress {
  if (value.startsWith('/')) return { path: value }
  const at = value.lastIndexOf(':')
  return { host: value.slice(0, at).replace(/^\[(.*)\]$/, '$1'), port: Number(value.slice(at + 1)) }
}

/** clamd reads a stream in chunks of up to this; its StreamMaxLength (25 MB by default) bounds the whole. */
const CHUNK = 64 * 1024

interface ScanLog {
  warn(details: object, message: string): void
}

/**
 * A scanner asking the clamd at `address` about each file. A file it could not check is answered
 * `unchecked` and logged as a warning with the reason (never the file), for the operator.
 */
export function clamdScanner(
  address: string,
  { timeoutMs = 30_000, log }: { timeoutMs?: number; log?: ScanLog } = {},
): VirusScanner {
  const target = clamdAddress(address)
  return {
    async scan(content) {
      const result = await instream(target, content, timeoutMs)
      if (result.outcome === 'unchecked')
        log?.warn({ clamd: address, reason: result.reason }, 'a file could not be checked for viruses')
      return result
    },
  }
}

function instream(address: ClamdAddress, content: Buffer, timeoutMs: number): Promise<ScanResult> {
  return new Promise((resolve) => {
    const socket = createConnection(address)
    const answer: Buffer[] = []
    let settled = false
    const settle = (result: ScanResult) => {
      if (settled) return
      settled = true
      socket.destroy()
      resolve(result)
    }
    const heard = () => verdict(Buffer.concat(answer).toString('utf8'))
    socket.setTimeout(timeoutMs, () =>
      settle({ outcome: 'unchecked', reason: `no answer within ${timeoutMs / 1000} s` }),
    )
    socket.on('error', (error) => settle({ outcome: 'unchecked', reason: error.message }))
    socket.on('data', (data) => {
      answer.push(data)
      if (data.includes(0)) settle(heard())
    })
    socket.on('end', () => settle(heard()))
    socket.on('connect', () => {
      socket.write('zINSTREAM\0')
      for (let at = 0; at < content.length; at += CHUNK) {
        const chunk = content.subarray(at, at + CHUNK)
        const length = Buffer.alloc(4)
        length.writeUInt32BE(chunk.length)
        socket.write(Buffer.concat([length, chunk]))
      }
      socket.end(Buffer.alloc(4))
    })
  })
}

/** clamd's answer to INSTREAM; anything but OK or FOUND leaves the file unchecked. */
export function verdict(answer: string): ScanResult {
  const line = answer.split('\0')[0]?.trim() ?? ''
  if (line === 'stream: OK') return { outcome: 'clean' }
  const found = /^stream: (.+) FOUND$/.exec(line)
  if (found?.[1]) return { outcome: 'infected', signature: found[1] }
  return {
    outcome: 'unchecked',
    reason: line ? `clamd answered "${line}"` : 'clamd closed without answering',
  }
}
