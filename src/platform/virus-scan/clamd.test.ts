// The clamd client against a stand-in speaking clamd's INSTREAM protocol on loopback (not ClamAV:
// test/support/clamd.ts finds only the EICAR test string), and against no clamd at all.

import assert from 'node:assert/strict'
import { createServer, type Socket } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { EICAR, type FakeClamd, startFakeClamd } from '../../../test/support/clamd.ts'
import { clamdScanner, verdict } from './clamd.ts'

describe('virus scanning through clamd', () => {
  let clamd: FakeClamd
  before(async () => {
    clamd = await startFakeClamd()
  })
  after(async () => clamd.close())

  it('streams a file in chunks and reads clamd’s answer: clean, or the signature found', async () => {
    const scanner = clamdScanner(clamd.address)
    const large = Buffer.alloc(200 * 1024 + 7, 'a')
    assert.deepEqual(await scanner.scan(large), { outcome: 'clean' })
    assert.deepEqual(clamd.received.at(-1), large, 'received whole across several chunks')
    assert.deepEqual(await scanner.scan(Buffer.concat([Buffer.from('%PDF-1.7\n'), EICAR])), {
      outcome: 'infected',
      signature: 'Eicar-Test-Signature',
    })
  })

  it('leaves a file unchecked, with the reason logged, when clamd is away, silent or in error', async () => {
    const warnings: object[] = []
    const log = { warn: (details: object) => void warnings.push(details) }
    const held: Socket[] = []
    const silent = createServer((socket) => void held.push(socket))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const { port } = silent.address() as { port: number }
    try {
      const slow = await clamdScanner(`127.0.0.1:${port}`, { timeoutMs: 100, log }).scan(Buffer.from('x'))
      assert.deepEqual(slow, { outcome: 'unchecked', reason: 'no answer within 0.1 s' })
    } finally {
      for (const socket of held) socket.destroy()
      await new Promise((resolve) => silent.close(resolve))
    }
    const away = await clamdScanner(`127.0.0.1:${port}`, { log }).scan(Buffer.from('x'))
    assert.equal(away.outcome, 'unchecked')
    assert.match(String((away as { reason: string }).reason), /ECONNREFUSED/)
    assert.equal(warnings.length, 2)
    assert.deepEqual(verdict('INSTREAM size limit exceeded. ERROR\0'), {
      outcome: 'unchecked',
      reason: 'clamd answered "INSTREAM size limit exceeded. ERROR"',
    })
    assert.equal(verdict('').outcome, 'unchecked')
  })
})
