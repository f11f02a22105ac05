import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { DEMO_PARTNERSHIPS } from '../../test/support/app.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import { type PartnershipConfig, validatePartnershipConfig } from '../partnership/config-schema.ts'
import {
  checkDisagreement,
  checkStage,
  DEFAULT_WORKING_DAYS,
  disagreementState,
  escalationSettings,
  type ReportedDisagreement,
  reportOf,
  stageDueBy,
} from './rules.ts'

let llr: PartnershipConfig
let plymouthTorbay: PartnershipConfig
before(async () => {
  llr = await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr)
  plymouthTorbay = await loadPartnershipConfig(DEMO_PARTNERSHIPS.plymouthTorbay)
})

describe('the partnership’s escalation settings', () => {
  it('takes the partnership’s own reasons and timescales', () => {
    const settings = escalationSettings(plymouthTorbay)
    assert.deepEqual(settings.workingDays, { 1: 3, 2: 5, 3: 5, 4: 10 })
    assert.ok(settings.reasons.some((reason) => reason.id === 'plan-ending'))
  })

  it('gives a file without an escalation section the defaults, so existing files keep working', () => {
    assert.equal(llr.escalation, undefined)
    const settings = escalationSettings(llr)
    assert.deepEqual(settings.workingDays, DEFAULT_WORKING_DAYS)
    assert.ok(settings.reasons.length >= 6)
  })

  it('refuses a timescale that is not a whole number of working days, naming the field', () => {
    const result = validatePartnershipConfig({
      ...llr,
      escalation: { stage_working_days: { stage_1: 0, stage_2: 5, stage_3: 5, stage_4: 10 } },
    })
    assert.equal(result.ok, false)
    assert.match(JSON.stringify(result), /escalation\.stage_working_days\.stage_1/)
  })
})

describe('each stage’s clock, in working days', () => {
  const defaults = () => escalationSettings(llr)

  it('counts across a weekend: raised on a Friday or a Saturday, stage 1 is due the Friday after', () => {
    assert.equal(stageDueBy(defaults(), 1, '2026-03-06'), '2026-03-13')
    assert.equal(stageDueBy(defaults(), 1, '2026-03-07'), '2026-03-13')
    assert.equal(stageDueBy(defaults(), 1, '2026-03-08'), '2026-03-13')
  })

  it('skips bank holidays: Good Friday and Easter Monday, Christmas and New Year', () => {
    // Plymouth and Torbay's stage 1 is 3 working days: Thursday 2 April 2026 is before Easter.
    assert.equal(stageDueBy(escalationSettings(plymouthTorbay), 1, '2026-04-02'), '2026-04-09')
    assert.equal(stageDueBy(defaults(), 1, '2025-12-19'), '2025-12-30')
    assert.equal(stageDueBy(defaults(), 2, '2025-12-31'), '2026-01-08')
    assert.equal(stageDueBy(defaults(), 4, '2025-12-24'), '2026-01-12')
  })

  it('is open until the end of its due day, out of time the day after, and resolved once resolved', () => {
    const d = { resolvedOn: null, stageDueBy: '2026-03-13' }
    assert.equal(disagreementState(d, '2026-03-13'), 'open')
    assert.equal(disagreementState(d, '2026-03-14'), 'out-of-time')
    assert.equal(disagreementState({ ...d, resolvedOn: '2026-03-20' }, '2026-04-01'), 'resolved')
  })
})

describe('a disagreement as sent', () => {
  const valid = {
    about: 'threshold-decision',
    aboutId: '7d1f6b8e-2f0a-4b53-9d7e-3f2c1a0b9e11',
    otherAgencyId: 'leicester-city-council',
    reasonId: 'threshold-not-met',
    detail: '  Bruising seen twice.  ',
  }

  it('is kept trimmed, with the record it is about', () => {
    const checked = checkDisagreement(valid, llr, 'leicester-schools')
    assert.ok(checked.ok)
    assert.equal(checked.value.detail, 'Bruising seen twice.')
    assert.equal(checked.value.aboutId, valid.aboutId)
  })

  it('names no record in this service for something outside it', () => {
    const checked = checkDisagreement({ ...valid, about: 'outside-masa' }, llr, 'leicester-schools')
    assert.ok(checked.ok)
    assert.equal(checked.value.aboutId, undefined)
  })

  it('names each missing field in the form’s order', () => {
    const checked = checkDisagreement({ detail: ' ' }, llr, 'leicester-schools')
    assert.ok(!checked.ok)
    assert.deepEqual(
      checked.problems.map((problem) => [problem.field, problem.text]),
      [
        ['about', 'Select what you disagree with'],
        ['otherAgencyId', 'Select the agency you disagree with'],
        ['reasonId', 'Select the reason'],
        ['detail', 'Enter what you disagree with and why'],
      ],
    )
  })

  it('refuses one’s own agency, an agency or reason the partnership does not have', () => {
    const problems = (sent: object) => {
      const checked = checkDisagreement({ ...valid, ...sent }, llr, 'leicester-schools')
      return checked.ok ? [] : checked.problems.map((problem) => problem.text)
    }
    assert.deepEqual(problems({ otherAgencyId: 'leicester-schools' }), [
      'Select another agency than your own',
    ])
    assert.deepEqual(problems({ otherAgencyId: 'nowhere-council' }), ['Select the agency you disagree with'])
    assert.deepEqual(
      problems({ reasonId: 'plan-ending' }),
      ['Select the reason'],
      'Plymouth’s reason, not LLR’s',
    )
  })

  it('cannot be escalated past stage 4', () => {
    const sent = { who: 'Leads', discussed: 'Met', outcome: 'escalated' }
    assert.ok(checkStage(sent, 3).ok)
    const last = checkStage(sent, 4)
    assert.ok(!last.ok)
    assert.equal(last.problems[0]?.field, 'outcome')
  })
})

describe('the report', () => {
  const row = (over: Partial<ReportedDisagreement>): ReportedDisagreement => ({
    stage: 1,
    raiserAgencyId: 'school',
    otherAgencyId: 'council',
    reasonLabel: 'Threshold',
    raisedOn: '2026-03-02',
    resolvedOn: null,
    ...over,
  })
  const names = (id: string) =>
    ({ school: 'A school', council: 'The council', police: 'The police' })[id] ?? id

  it('counts by stage reached, agency and reason, with the working days to resolve', () => {
    const report = reportOf(
      [
        row({ resolvedOn: '2026-03-03' }),
        row({ stage: 2, resolvedOn: '2026-03-09', reasonLabel: 'Information' }),
        row({ stage: 3, raiserAgencyId: 'police', resolvedOn: '2026-03-16' }),
        row({ stage: 2, resolvedOn: '2026-03-06' }),
        row({ stage: 4 }),
      ],
      names,
    )
    assert.deepEqual([report.raised, report.resolved, report.open], [5, 4, 1])
    assert.deepEqual(
      report.byStage.map((count) => [count.stage, count.raised, count.resolved]),
      [
        [1, 1, 1],
        [2, 2, 2],
        [3, 1, 1],
        [4, 1, 0],
      ],
    )
    assert.deepEqual(
      report.byAgency.map((count) => [count.label, count.raisedBy, count.raisedWith]),
      [
        ['A school', 4, 0],
        ['The council', 0, 5],
        ['The police', 1, 0],
      ],
    )
    assert.deepEqual(
      report.byReason.map((count) => [count.label, count.raised, count.resolved]),
      [
        ['Information', 1, 1],
        ['Threshold', 4, 3],
      ],
    )
    // 1, 4, 5 and 10 working days: the median of an even count is the mean of the middle two.
    assert.deepEqual(report.workingDaysToResolve, { median: 4.5, longest: 10 })
  })

  it('has no time to resolve when nothing is resolved', () => {
    assert.deepEqual(reportOf([row({})], names).workingDaysToResolve, { median: null, longest: null })
  })
})
