import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { eventInWords } from './words.ts'

describe('event types in words', () => {
  it('writes the subject and what happened to it, with no dots or hyphens', () => {
    assert.equal(eventInWords('conference.booked'), 'Conference booked')
    assert.equal(eventInWords('cp-plan.started'), 'Child protection plan started')
    assert.equal(eventInWords('strategy.record-circulated'), 'Strategy discussion record circulated')
    assert.equal(eventInWords('threshold.recheck-requested'), 'Threshold decision recheck requested')
    assert.equal(eventInWords('referral.received'), 'Referral received')
  })

  it('says the few whose verb alone would mislead in full', () => {
    assert.equal(eventInWords('threshold.decided'), 'Threshold decision made')
    assert.equal(eventInWords('sharing.event-shared'), 'Key event shared')
  })

  it('never shows a code, whatever type comes', () => {
    for (const type of ['something-new.happened-today', 'plain', ''])
      assert.doesNotMatch(eventInWords(type), /[.-]/)
  })
})
