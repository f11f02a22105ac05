import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  countsInWords,
  episodeProblems,
  interviewClock,
  interviewDueBy,
  interviewProblems,
  missingCounts,
  momentOf,
} from './rules.ts'

const at = (iso: string) => new Date(iso)

describe('the return home interview clock: 72 hours from the return, not working days', () => {
  it('is due 72 hours after the return, across a weekend and a bank holiday alike', () => {
    // Back on Thursday 24 December 2026 at 10:00pm: due on Sunday 27 December at 10:00pm, over
    // Christmas Day and a weekend that working days would skip.
    assert.equal(interviewDueBy(at('2026-12-24T22:00:00Z')).toISOString(), '2026-12-27T22:00:00.000Z')
  })

  it('counts down in hours, then counts how long it is overdue', () => {
    const back = at('2026-12-01T09:00:00Z')
    assert.equal(interviewClock(back, at('2026-12-01T10:00:00Z')).words, 'Due in 71 hours')
    assert.equal(interviewClock(back, at('2026-12-04T08:30:00Z')).words, 'Due in less than an hour')
    assert.equal(interviewClock(back, at('2026-12-04T08:30:00Z')).state, 'due')
    assert.equal(interviewClock(back, at('2026-12-04T09:00:00Z')).words, 'Overdue')
    assert.equal(interviewClock(back, at('2026-12-04T10:00:00Z')).words, 'Overdue by 1 hour')
    assert.equal(interviewClock(back, at('2026-12-05T09:00:00Z')).state, 'overdue')
  })

  it('says whether an offer was in time: at 72 hours exactly it is, a minute later it is not', () => {
    const back = at('2026-12-01T09:00:00Z')
    const now = at('2026-12-10T00:00:00Z')
    assert.equal(interviewClock(back, now, at('2026-12-04T09:00:00Z')).state, 'offered-in-time')
    assert.equal(interviewClock(back, now, at('2026-12-04T09:01:00Z')).state, 'offered-late')
    assert.equal(interviewClock(back, now, at('2026-12-04T09:01:00Z')).words, 'Offered after 72 hours')
  })
})

describe('a child’s counts of missing episodes', () => {
  const today = '2026-12-05'
  it('counts the last 90 days after the day 90 days ago, and 12 months after the same date last year', () => {
    const episodes = [
      at('2026-12-05T08:00:00Z'), // today
      at('2026-09-07T12:00:00Z'), // 89 days ago: in both
      at('2026-09-06T12:00:00Z'), // 90 days ago: 12 months only
      at('2025-12-06T12:00:00Z'), // 12 months ago less a day: 12 months only
      at('2025-12-05T12:00:00Z'), // 12 months ago to the day: neither
    ]
    assert.deepEqual(missingCounts(episodes, today), { last90Days: 2, last12Months: 4 })
  })

  it('takes the London date: late on a summer evening is the next day in London', () => {
    // 11:30pm UTC on 6 September is 12:30am on 7 September in London (BST): within 90 days.
    assert.deepEqual(missingCounts([at('2026-09-06T23:30:00Z')], today), { last90Days: 1, last12Months: 1 })
  })

  it('says the counts in words', () => {
    assert.equal(
      countsInWords({ last90Days: 1, last12Months: 3 }),
      'Missing once in the last 90 days, 3 times in the last 12 months',
    )
    assert.equal(
      countsInWords({ last90Days: 0, last12Months: 2 }),
      'Missing 0 times in the last 90 days, twice in the last 12 months',
    )
  })
})

describe('what is wrong with an episode, a return or an interview', () => {
  const now = at('2026-12-05T12:00:00Z')
  const episode = {
    wentMissingOn: '2026-12-03',
    wentMissingTime: '21:00',
    reportedOn: '2026-12-03',
    reportedTime: '23:15',
    risk: 'medium' as const,
  }

  it('reads a form’s date and time in London time', () => {
    assert.equal(momentOf('2026-07-01', '21:00').toISOString(), '2026-07-01T20:00:00.000Z')
    assert.equal(momentOf('2026-12-01', '21:00').toISOString(), '2026-12-01T21:00:00.000Z')
  })

  it('accepts an episode still open, and one with its whole return', () => {
    assert.deepEqual(episodeProblems(episode, now), [])
    const back = { returnedOn: '2026-12-04', returnedTime: '07:30', whereFound: 'A friend’s flat' }
    assert.deepEqual(episodeProblems({ ...episode, ...back }, now), [])
  })

  it('refuses a report before the child went missing, a return before it, and one in the future', () => {
    assert.deepEqual(
      episodeProblems({ ...episode, reportedTime: '20:00' }, now).map((p) => p.field),
      ['reportedOn'],
    )
    const before = { returnedOn: '2026-12-03', returnedTime: '20:59', whereFound: 'Home' }
    assert.deepEqual(
      episodeProblems({ ...episode, ...before }, now).map((p) => p.text),
      ['The return must be after the child went missing'],
    )
    const future = { returnedOn: '2026-12-06', returnedTime: '09:00', whereFound: 'Home' }
    assert.deepEqual(
      episodeProblems({ ...episode, ...future }, now).map((p) => p.field),
      ['returnedOn'],
    )
  })

  it('asks for the rest of a return given in part', () => {
    assert.deepEqual(
      episodeProblems({ ...episode, whereFound: 'Bus station' }, now).map((p) => p.field),
      ['returnedOn', 'returnedTime'],
    )
  })

  it('refuses an interview offered before the return, and a done one without what the child said', () => {
    const back = at('2026-12-04T07:30:00Z')
    const offer = { offeredOn: '2026-12-04', offeredTime: '07:00', outcome: 'done' as const }
    assert.deepEqual(
      interviewProblems(offer, back, now).map((p) => p.field),
      ['offeredOn', 'childSaid'],
    )
    assert.deepEqual(
      interviewProblems({ ...offer, offeredTime: '10:00', outcome: 'declined' }, back, now),
      [],
    )
  })
})
