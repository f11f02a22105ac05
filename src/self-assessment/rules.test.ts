import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loadPartnershipConfig } from '../partnership/config.ts'
import {
  changeFrom,
  dueWords,
  frameworkOf,
  historyOf,
  type Rated,
  ragOf,
  reminderDue,
  SECTION_11_STANDARDS,
  SECTION_175_STANDARDS,
  standardSummary,
  standardsFor,
  unrated,
} from './rules.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname

describe('the standards', () => {
  it('schools and colleges answer Section 175/157, every other agency Section 11', () => {
    assert.equal(frameworkOf('education'), 'section-175')
    for (const kind of ['local-authority', 'police', 'health', 'other'] as const)
      assert.equal(frameworkOf(kind), 'section-11')
  })

  it('eight of each by default, with unique ids; a partnership’s own list replaces the default', async () => {
    assert.equal(SECTION_11_STANDARDS.length, 8)
    assert.equal(SECTION_175_STANDARDS.length, 8)
    for (const list of [SECTION_11_STANDARDS, SECTION_175_STANDARDS])
      assert.equal(new Set(list.map((s) => s.id)).size, list.length)
    const llr = await loadPartnershipConfig(LLR)
    assert.equal(standardsFor(llr, 'section-11'), SECTION_11_STANDARDS)
    const own = [{ id: 'dsl', title: 'Designated lead', description: 'A lead with time' }]
    const configured = { ...llr, self_assessment_standards: { section_175: own } }
    assert.deepEqual(standardsFor(configured, 'section-175'), own)
    assert.equal(standardsFor(configured, 'section-11'), SECTION_11_STANDARDS)
  })

  it('a return may be submitted only when every standard is rated', () => {
    const ids = SECTION_175_STANDARDS.map((s) => s.id)
    assert.deepEqual(unrated(SECTION_175_STANDARDS, ids), [])
    assert.deepEqual(
      unrated(SECTION_175_STANDARDS, ids.slice(1)).map((s) => s.id),
      [ids[0]],
    )
  })
})

describe('comparing ratings', () => {
  it('this year against last: improved, the same, declined, or new without one', () => {
    assert.equal(changeFrom(2, 3), 'improved')
    assert.equal(changeFrom(3, 3), 'same')
    assert.equal(changeFrom(4, 1), 'declined')
    assert.equal(changeFrom(undefined, 2), 'new')
    assert.equal(changeFrom(null, 2), 'new')
  })

  it('red, amber, green', () => {
    assert.deepEqual([1, 2, 3, 4].map(ragOf), ['red', 'amber', 'green', 'green'])
  })

  const rated: Rated[] = [
    { year: 2025, agencyId: 'school', standardId: 'governance', rating: 2 },
    { year: 2026, agencyId: 'school', standardId: 'governance', rating: 3 },
    { year: 2025, agencyId: 'school', standardId: 'training', rating: 4 },
    { year: 2026, agencyId: 'school', standardId: 'training', rating: 2 },
    { year: 2026, agencyId: 'college', standardId: 'governance', rating: 4 },
    { year: 2024, agencyId: 'college', standardId: 'governance', rating: 1 },
  ]

  it('an agency year on year: each standard’s rating and its change from the year before', () => {
    const history = historyOf(rated, 'school', SECTION_175_STANDARDS)
    assert.deepEqual(history.years, [2025, 2026])
    const governance = history.rows.find((row) => row.standard.id === 'governance')
    assert.deepEqual(governance?.cells, [
      { year: 2025, rating: 2, change: 'new' },
      { year: 2026, rating: 3, change: 'improved' },
    ])
    const training = history.rows.find((row) => row.standard.id === 'training')
    assert.deepEqual(training?.cells[1], { year: 2026, rating: 2, change: 'declined' })
    const policy = history.rows.find((row) => row.standard.id === 'policy')
    assert.deepEqual(policy?.cells, [{ year: 2025 }, { year: 2026 }], 'a standard never rated stays empty')
  })

  it('a standard across agencies: the averages of this year and last, how many improved and declined', () => {
    assert.deepEqual(standardSummary(rated, 'governance', 2026), {
      average: 3.5,
      previousAverage: 2,
      improved: 1,
      declined: 0,
    })
    // The college rated governance in 2024, not 2025: its 2026 rating has no year before to compare.
    assert.deepEqual(standardSummary(rated, 'training', 2026), {
      average: 2,
      previousAverage: 4,
      improved: 0,
      declined: 1,
    })
    assert.deepEqual(standardSummary(rated, 'policy', 2026), {
      average: null,
      previousAverage: null,
      improved: 0,
      declined: 0,
    })
  })
})

describe('the due date and its reminders', () => {
  // Due Friday 19 March 2027: 10 working days before is Friday 5 March, 2 before is Wednesday 17 March.
  const due = '2027-03-19'

  it('none before the first point, nor after the due date', () => {
    assert.equal(reminderDue(due, '2027-03-04', []), undefined)
    assert.equal(reminderDue(due, '2027-03-20', []), undefined)
  })

  it('the first from 10 working days before, once', () => {
    assert.equal(reminderDue(due, '2027-03-05', []), 10)
    assert.equal(reminderDue(due, '2027-03-08', []), 10, 'a day missed is caught up')
    assert.equal(reminderDue(due, '2027-03-08', [10]), undefined)
  })

  it('the second from 2 working days before, once; a round opened late sends only the latest', () => {
    assert.equal(reminderDue(due, '2027-03-16', [10]), undefined)
    assert.equal(reminderDue(due, '2027-03-17', [10]), 2)
    assert.equal(reminderDue(due, '2027-03-19', [10]), 2, 'on the due date itself')
    assert.equal(reminderDue(due, '2027-03-18', [10, 2]), undefined)
    assert.equal(reminderDue(due, '2027-03-17', []), 2)
    assert.equal(reminderDue(due, '2027-03-18', [2]), undefined)
  })

  it('counts working days, not calendar days: Easter’s bank holidays push the point earlier', () => {
    // Due Tuesday 30 March 2027, after Good Friday (26 March) and Easter Monday (29 March): 2 working
    // days before is Wednesday 24 March.
    assert.equal(reminderDue('2027-03-30', '2027-03-23', [10]), undefined)
    assert.equal(reminderDue('2027-03-30', '2027-03-24', [10]), 2)
  })

  it('a return not submitted after its due date is overdue in words', () => {
    assert.equal(dueWords('draft', due, '2027-03-19'), 'In progress')
    assert.equal(dueWords('draft', due, '2027-03-20'), 'In progress: overdue')
    assert.equal(dueWords('not-started', due, '2027-03-22'), 'Not started: overdue')
    assert.equal(dueWords('submitted', due, '2027-04-01'), 'Submitted')
  })
})
