// Learning briefings' pure rules: reminders by working days (bank holidays skipped), who a briefing
// reaches (once each), the reach figures, the themes by year, and the child identifier check.

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  childIdentifierIn,
  DEFAULT_THEMES,
  percent,
  reachBy,
  recipientsOf,
  reminderDue,
  remindOn,
  themesByYear,
  themesOf,
} from './rules.ts'

const at = (iso: string) => new Date(`${iso}T10:00:00Z`)

describe('learning briefing rules', () => {
  it('reminds after the working days, skipping weekends and bank holidays', () => {
    // Wed 23 December 2026: Christmas (Fri 25), the substitute Boxing Day (Mon 28) and New Year's Day
    // (Fri 1 January) are not working days, so five working days on is Monday 4 January.
    assert.equal(remindOn('2026-12-23', 5), '2027-01-04')
    const recipient = { last_sent_at: at('2026-12-23'), acknowledged_at: null, reminded_at: null }
    assert.equal(reminderDue(recipient, 5, '2026-12-31'), false)
    assert.equal(reminderDue(recipient, 5, '2027-01-03'), false)
    assert.equal(reminderDue(recipient, 5, '2027-01-04'), true)
    assert.equal(reminderDue({ ...recipient, acknowledged_at: at('2026-12-24') }, 5, '2027-01-04'), false)
    assert.equal(reminderDue({ ...recipient, reminded_at: at('2027-01-04') }, 5, '2027-01-05'), false)
    assert.equal(remindOn('2027-03-01', 5), '2027-03-08')
  })

  it('reaches each holder of a chosen role in a chosen agency once, under the first chosen role', () => {
    const holders = [
      { userId: 'a', agencyId: 'police', role: 'safeguarding-manager' },
      { userId: 'a', agencyId: 'police', role: 'police-public-protection' },
      { userId: 'b', agencyId: 'police', role: 'lado' },
      { userId: 'c', agencyId: 'icb', role: 'safeguarding-manager' },
      { userId: 'd', agencyId: 'school', role: 'safeguarding-manager' },
    ]
    const reached = recipientsOf(
      holders,
      ['police', 'icb'],
      ['police-public-protection', 'safeguarding-manager'],
    )
    assert.deepEqual(
      reached.map((r) => `${r.userId} ${r.role}`),
      ['a police-public-protection', 'c safeguarding-manager'],
    )
  })

  it('counts sent, acknowledged and reminded by a key', () => {
    const rows = [
      { agency: 'icb', acknowledged_at: at('2027-01-05'), reminded_at: null },
      { agency: 'icb', acknowledged_at: null, reminded_at: at('2027-01-06') },
      { agency: 'police', acknowledged_at: at('2027-01-05'), reminded_at: at('2027-01-04') },
    ]
    assert.deepEqual(
      reachBy(rows, (r) => r.agency),
      [
        { key: 'icb', sent: 2, acknowledged: 1, reminded: 1 },
        { key: 'police', sent: 1, acknowledged: 1, reminded: 1 },
      ],
    )
    assert.equal(percent({ sent: 3, acknowledged: 2 }), 67)
    assert.equal(percent({ sent: 0, acknowledged: 0 }), 0)
  })

  it('counts incidents by their own themes, reviews and briefings by theme and year, each once per theme and year', () => {
    const counts = themesByYear(
      [
        {
          themes: ['neglect', 'neglect'],
          publishedOn: '2026-03-01',
          incidentId: 'i1',
          incidentLearnedOn: '2025-11-02',
        },
        { themes: ['neglect'], publishedOn: '2026-05-01', incidentId: 'i1', incidentLearnedOn: '2025-11-02' },
        {
          themes: ['neglect', 'voice-of-the-child'],
          publishedOn: '2027-01-10',
          incidentId: null,
          incidentLearnedOn: null,
        },
      ],
      [
        { learnedOn: '2025-11-02', themes: ['neglect', 'neglect'] },
        { learnedOn: '2025-12-01', themes: ['neglect'] },
        { learnedOn: '2026-01-05', themes: [] },
      ],
    )
    assert.deepEqual(counts, [
      { theme: 'neglect', year: 2025, incidents: 2, reviews: 1, briefings: 0 },
      { theme: 'neglect', year: 2026, incidents: 0, reviews: 0, briefings: 2 },
      { theme: 'neglect', year: 2027, incidents: 0, reviews: 0, briefings: 1 },
      { theme: 'voice-of-the-child', year: 2027, incidents: 0, reviews: 0, briefings: 1 },
    ])
  })

  it('finds what could identify a child: an NHS number, a date of birth, the child’s names', () => {
    assert.equal(childIdentifierIn('Neglect was not seen for what it was.'), undefined)
    assert.equal(childIdentifierIn('NHS number 943 476 5919 was shared.'), 'an NHS number')
    assert.equal(childIdentifierIn('Born 03/04/2019.'), 'a date written like a date of birth')
    const child = { givenName: 'Amara', familyName: 'Okafor' }
    assert.equal(
      childIdentifierIn('The school saw amara daily.', child),
      'the name of the child of the review',
    )
    assert.equal(childIdentifierIn('The Okafor family moved.', child), 'the name of the child of the review')
    assert.equal(childIdentifierIn('Amaranth was planted.', child), undefined)
  })

  it('uses the partnership’s themes, else the defaults', () => {
    assert.equal(themesOf({}), DEFAULT_THEMES)
    const own = [{ id: 'bullying', label: 'Bullying' }]
    assert.equal(themesOf({ learning_themes: own }), own)
  })
})
