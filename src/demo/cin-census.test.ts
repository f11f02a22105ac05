import assert from 'node:assert/strict'
import { PassThrough } from 'node:stream'
import { describe, it } from 'node:test'
import { type Finding, validateCensus } from '../cin-census/index.ts'
import { type CinCensusOptions, writeCinCensus } from './cin-census.ts'
import { BREACHES } from './cin-census-breaches.ts'

async function generateAndValidate(options: CinCensusOptions) {
  const pipe = new PassThrough()
  const findings: Finding[] = []
  const [seeded, summary] = await Promise.all([
    writeCinCensus(options, pipe).then((s) => {
      pipe.end()
      return s
    }),
    validateCensus(pipe, (f) => findings.push(f)),
  ])
  return { seeded, summary, findings }
}

const key = ({ child, code }: { child: string; code: string }) => `${child} ${code}`

describe('masa demo cin-census', () => {
  it('writes clean children when the error rate is 0', async () => {
    const { seeded, summary, findings } = await generateAndValidate({ children: 500, errorRate: 0, seed: 1 })
    assert.equal(summary.children, 500)
    assert.deepEqual(seeded, [])
    assert.deepEqual(findings.map(key), [])
  })

  it('seeds breaches the validator finds exactly, no more and no fewer', async () => {
    const { seeded, findings } = await generateAndValidate({ children: 3_000, errorRate: 0.2, seed: 7 })
    const rate = seeded.length / 3_000
    assert.ok(rate > 0.17 && rate < 0.23, `seeded ${seeded.length} breaches`)
    assert.deepEqual(findings.map(key).sort(), seeded.map(key).sort())
  })

  it('can seed a breach of every rule it knows, each found alone', async () => {
    const { seeded, findings } = await generateAndValidate({ children: 4_000, errorRate: 0.5, seed: 11 })
    assert.deepEqual(
      new Set(seeded.map((s) => s.code)),
      new Set(BREACHES.flatMap((b) => [b.code, ...(b.also ?? [])])),
    )
    assert.deepEqual(findings.map(key).sort(), seeded.map(key).sort())
  })

  it('writes the LA code asked for in the header and every UPN, still clean', async () => {
    const { summary, findings } = await generateAndValidate({
      children: 200,
      errorRate: 0,
      seed: 3,
      la: '856',
    })
    assert.equal(summary.header.lea, '856')
    assert.deepEqual(findings.map(key), [])
  })

  it('writes the same file for the same seed', async () => {
    const a = await generateAndValidate({ children: 300, errorRate: 0.3, seed: 5 })
    const b = await generateAndValidate({ children: 300, errorRate: 0.3, seed: 5 })
    assert.deepEqual(a.seeded, b.seeded)
  })
})
