import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import type { CensusChild } from './census.ts'
import { CENSUS_CLOSING, censusOpening, childXml } from './census-xml.ts'
import { readCensus } from './reader.ts'
import { child, episode } from './testing.ts'
import { type Finding, IMPLEMENTED_CODES, validateCensus } from './validate.ts'

const HEADER = { collection: 'CIN', year: '2025', referenceDate: '2025-03-31', lea: '201' }

function censusXml(children: CensusChild[], header = HEADER): string {
  return censusOpening(header) + children.map(childXml).join('') + CENSUS_CLOSING
}

/** The text in pieces of `size` characters, as a file stream might cut it (mid-tag included). */
async function* inPieces(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size)
}

async function validate(text: string, size = 64) {
  const findings: Finding[] = []
  const summary = await validateCensus(inPieces(text, size), (f) => findings.push(f))
  return { summary, found: findings.map((f) => `${f.child} ${f.code}`) }
}

describe('reading a CIN census file', () => {
  it('reads back every field of the children it wrote, whatever the chunk size', async () => {
    const children = [
      child({
        formerUpn: 'X987654321231',
        upnUnknown: 'UN2',
        deathDate: '2025-01-01',
        disabilities: ['MOB', 'VIS'],
      }),
      child({
        laChildId: 'C2',
        episodes: [
          episode({
            closureDate: '2024-09-01',
            reasonForClosure: 'RC1',
            cinPlans: [{ startDate: '2024-07-01', endDate: '2024-08-01' }],
          }),
        ],
      }),
    ]
    for (const size of [1, 7, 10_000]) {
      const items = []
      for await (const item of readCensus(inPieces(censusXml(children), size))) items.push(item)
      assert.deepEqual(items[0], { kind: 'header', header: HEADER })
      assert.deepEqual(
        items.slice(1).map((item) => (item.kind === 'child' ? item.child : undefined)),
        children,
      )
    }
  })

  it('refuses XML that is not well formed', async () => {
    await assert.rejects(validate('<Message><Header></Message>'))
  })
})

describe('validating a CIN census file', () => {
  it('finds nothing in a clean return and counts its children', async () => {
    const disabilities = ['MOB', 'HAND', 'PC', 'INC', 'COMM', 'LD', 'HEAR', 'VIS']
    const { summary, found } = await validate(
      censusXml([child({ disabilities }), child({ laChildId: 'C2', upn: 'N201000000022' })]),
    )
    assert.deepEqual(found, [])
    assert.equal(summary.children, 2)
    assert.equal(summary.errors, 0)
  })

  it('reports a reference date other than 31 March of the year (rule 100)', async () => {
    const { found } = await validate(censusXml([], { ...HEADER, referenceDate: '2025-03-30' }))
    assert.deepEqual(found, [' 100', ' 2887Q', ' 2888Q'])
  })

  it('queries the return as a whole: no sex recorded over 2% (2886Q), few disability codes (2887Q, 2888Q)', async () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      child({ laChildId: `C${i}`, upn: undefined, upnUnknown: 'UN2', disabilities: ['VIS'] }),
    )
    const noSex = [
      child({ laChildId: 'X1', upn: undefined, upnUnknown: 'UN2', sex: 'U' }),
      child({ laChildId: 'X2', upn: undefined, upnUnknown: 'UN2', sex: 'U' }),
    ]
    assert.deepEqual((await validate(censusXml([...many, noSex[0] as CensusChild]))).found, [
      ' 2887Q',
      ' 2888Q',
    ])
    assert.deepEqual((await validate(censusXml([...many, ...noSex]))).found, [' 2886Q', ' 2887Q', ' 2888Q'])
  })

  it('reports more CP plans starting in the year than initial conferences held in it (2883)', async () => {
    const disabilities = ['MOB', 'HAND', 'PC', 'INC', 'COMM', 'LD', 'HEAR', 'VIS']
    const conferenceOnEpisode = child({
      laChildId: 'C2',
      upn: 'N201000000022',
      episodes: [episode({ section47s: [], dateOfInitialCPC: '2024-06-20' })],
    })
    const withoutConference = child({
      laChildId: 'C2',
      upn: 'N201000000022',
      episodes: [episode({ section47s: [] })],
    })
    assert.deepEqual((await validate(censusXml([child({ disabilities }), conferenceOnEpisode]))).found, [])
    const { found } = await validate(censusXml([child({ disabilities }), withoutConference]))
    assert.ok(found.includes(' 2883'), found.join())
  })

  it('reports every child sharing a UPN (1520) or an LA child id (8510)', async () => {
    const disabilities = ['MOB', 'HAND', 'PC', 'INC', 'COMM', 'LD', 'HEAR', 'VIS']
    const { found, summary } = await validate(
      censusXml([
        child({ disabilities }),
        child({ laChildId: 'C2' }),
        child({ laChildId: 'C1', upn: 'N201000000022' }),
      ]),
    )
    assert.deepEqual(found.sort(), ['C1 1520', 'C1 8510', 'C1 8510', 'C2 1520'])
    assert.deepEqual(
      summary.rules.map((r) => [r.code, r.children]),
      [
        ['1520', 2],
        ['8510', 2],
      ],
    )
  })

  it('lists every rule it checks as implemented in the module README', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8')
    const implemented = new Set([...readme.matchAll(/^\| (\w+) \| [^|]+ \| [^|]+ \| yes/gm)].map((m) => m[1]))
    assert.deepEqual(
      IMPLEMENTED_CODES.filter((code) => !implemented.has(code)),
      [],
    )
    assert.equal(implemented.size, IMPLEMENTED_CODES.length)
  })
})
