import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DEFAULT_STANDARDS } from '../intelligence/rules.ts'
import { InvalidInput } from '../platform/http/schemas.ts'
import { compareModels, lastTwelveMonths, readFiguresFile } from './rules.ts'
import { FIGURES_FILE_KIND, type FiguresFile } from './schemas.ts'

const referrals = DEFAULT_STANDARDS.find((s) => s.definition === 'referral-decision-within-1-working-day')
const file = (id: string, model: FiguresFile['operating_model'], rows: FiguresFile['rows']): FiguresFile => ({
  kind: FIGURES_FILE_KIND,
  partnership: { id, name: `${id} partnership` },
  operating_model: model,
  from: '2026-01',
  to: '2026-12',
  rows,
})
const row = (la: string, month: string, counted: number, total: number) => ({
  la,
  measure: 'referral-decision-within-1-working-day' as const,
  month,
  counted,
  total,
})

describe('comparing operating models', () => {
  it('counts every LA of a model together, only in the months asked, each LA of each partnership apart', () => {
    assert.ok(referrals)
    const [measure] = compareModels(
      [
        file('north', '1a', [
          row('Town', '2026-05', 3, 4),
          row('Town', '2026-06', 1, 4),
          row('Town', '2026-07', 9, 9),
        ]),
        // The same LA name in another partnership is another LA.
        file('south', '1a', [row('Town', '2026-06', 5, 5)]),
        file('west', '2', [row('Vale', '2026-06', 1, 2)]),
      ],
      [referrals],
      { from: '2026-05', to: '2026-06' },
    )
    assert.deepEqual(
      measure?.byModel.map(({ model, partnerships, areas, value }) => [
        model,
        partnerships,
        areas,
        value.counted,
        value.total,
      ]),
      [
        ['1a', 2, 2, 9, 13],
        ['2', 1, 1, 1, 2],
      ],
    )
    assert.deepEqual(
      measure?.byArea.map(({ partnership, area, value }) => [partnership, area, value.percent]),
      [
        ['north partnership', 'Town', 50],
        ['south partnership', 'Town', 100],
        ['west partnership', 'Vale', 50],
      ],
    )
    assert.equal(measure?.byModel[0]?.value.rag, 'red', 'rated against the standard (95% or more)')
  })

  it('leaves out a model with nothing measured in the months', () => {
    assert.ok(referrals)
    const [measure] = compareModels([file('west', '2', [row('Vale', '2026-01', 1, 2)])], [referrals], {
      from: '2026-05',
      to: '2026-06',
    })
    assert.deepEqual(measure?.byModel, [])
  })

  it('reads a figures file only whole and consistent, saying where it is wrong', () => {
    const good = file('north', '1a', [row('Town', '2026-05', 3, 4)])
    assert.deepEqual(readFiguresFile(JSON.stringify(good)), good)
    const refusal = (text: string) => {
      try {
        readFiguresFile(text)
      } catch (error) {
        assert.ok(error instanceof InvalidInput)
        return error.problems[0]?.text
      }
      assert.fail('accepted')
    }
    assert.match(refusal('') ?? '', /Paste a partnership’s performance figures file/)
    assert.match(refusal('[1,') ?? '', /not JSON/)
    assert.match(
      refusal(JSON.stringify({ ...good, kind: 'something else' })) ?? '',
      /not a performance figures file: kind/,
    )
    assert.match(
      refusal(JSON.stringify({ ...good, rows: [row('Town', '2027-01', 1, 1)] })) ?? '',
      /row 1 is of a month outside/,
    )
    assert.match(
      refusal(JSON.stringify({ ...good, rows: [{ ...row('Town', '2026-05', 1, 1), name: 'A child' }] })) ??
        '',
      /rows\[0\]/,
    )
  })

  it('offers the twelve whole months before this one', () => {
    assert.deepEqual(lastTwelveMonths(new Date('2026-12-03T10:00:00Z')), { from: '2025-12', to: '2026-11' })
    assert.deepEqual(lastTwelveMonths(new Date('2027-01-01T10:00:00Z')), { from: '2026-01', to: '2026-12' })
  })
})
