import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loadPartnershipConfig } from '../partnership/config.ts'
import {
  childLaId,
  decisionProblems,
  matContributionProblems,
  normaliseReferral,
  referralProblems,
} from './rules.ts'
import type { ReferralInput } from './schemas.ts'

const llr = await loadPartnershipConfig(
  new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname,
)
const TODAY = '2024-06-05'

const referral = (changes: Partial<ReferralInput> = {}, child: Partial<ReferralInput['child']> = {}) =>
  normaliseReferral({
    child: {
      firstName: 'Ava',
      lastName: 'Testchild',
      dateOfBirth: '2015-03-02',
      postcode: 'le2 1aa',
      nhsNumber: '943 476 5919',
      upn: 'a123 4567 89012',
      ...child,
    },
    whatHappened: 'Arrived with a bruise',
    worries: 'Second time this term',
    familyKnows: 'Mother was told',
    consent: 'given',
    urgency: 'standard',
    referralSource: '2A',
    referrer: { name: 'Tess Teacher', role: 'DSL', email: 'Tess@School.example' },
    ...changes,
  })

const fields = (input: ReferralInput) => referralProblems(input, llr, TODAY).map((p) => p.field)

describe('referral validation', () => {
  it('accepts a complete referral once identifiers are normalised', () => {
    const input = referral()
    assert.deepEqual(fields(input), [])
    assert.equal(input.child.upn, 'A123456789012')
    assert.equal(input.child.nhsNumber, '9434765919')
    assert.equal(input.child.postcode, 'LE2 1AA')
    assert.equal(input.referrer.email, 'tess@school.example')
    assert.equal(childLaId(input, llr), 'leicester')
  })

  it('names an NHS number with a wrong check digit', () => {
    assert.deepEqual(fields(referral({}, { nhsNumber: '9434765918', upn: undefined })), ['child.nhsNumber'])
  })

  it('names a UPN with a wrong check letter', () => {
    assert.deepEqual(fields(referral({}, { upn: 'B123456789012' })), ['child.upn'])
  })

  it('refuses a date of birth in the future, an impossible date, and an adult', () => {
    for (const dateOfBirth of ['2024-06-06', '2023-02-30', '2006-06-05'])
      assert.deepEqual(
        fields(referral({}, { dateOfBirth, upn: undefined })),
        ['child.dateOfBirth'],
        dateOfBirth,
      )
    assert.deepEqual(fields(referral({}, { dateOfBirth: TODAY, upn: undefined })), [])
  })

  it('names each missing required field', () => {
    const input = referral(
      { whatHappened: ' ', worries: '', familyKnows: '', referrer: { name: '', role: '', email: 'nope' } },
      { firstName: '', lastName: ' ', upn: undefined },
    )
    assert.deepEqual(fields(input), [
      'child.firstName',
      'child.lastName',
      'whatHappened',
      'worries',
      'familyKnows',
      'referrer.name',
      'referrer.role',
      'referrer.email',
    ])
  })

  it('needs a lawful basis when the family has not consented', () => {
    assert.deepEqual(fields(referral({ consent: 'refused' }, { upn: undefined })), [
      'lawfulBasisWithoutConsent',
    ])
    const withBasis = referral(
      { consent: 'not-sought', lawfulBasisWithoutConsent: 'Sch 1 para 18' },
      { upn: undefined },
    )
    assert.deepEqual(fields(withBasis), [])
  })

  it('routes by postcode, or by the stated area, which wins', () => {
    assert.equal(childLaId(referral({}, { postcode: 'LE15 6AA' }), llr), 'rutland')
    assert.equal(
      childLaId(referral({ localAuthority: 'leicestershire' }, { postcode: 'LE2 1AA' }), llr),
      'leicestershire',
    )
  })

  it('asks for the area when the postcode is missing, outside the partnership or not a postcode', () => {
    assert.deepEqual(fields(referral({}, { postcode: undefined, upn: undefined })), ['child.postcode'])
    assert.deepEqual(fields(referral({}, { postcode: 'PL1 1AA', upn: undefined })), ['localAuthority'])
    assert.deepEqual(fields(referral({}, { postcode: 'NOT A CODE', upn: undefined })), ['child.postcode'])
    assert.deepEqual(fields(referral({ localAuthority: 'narnia' }, { upn: undefined })), ['localAuthority'])
  })
})

describe('MAT contribution and decision validation', () => {
  it('needs what the records hold, the household and the lawful basis', () => {
    assert.deepEqual(
      matContributionProblems({ recordsHold: '', household: ' ', lawfulBasis: '' }).map((p) => p.field),
      ['recordsHold', 'household', 'lawfulBasis'],
    )
  })

  it('needs an outcome, a fitting level, reasons and feedback', () => {
    assert.deepEqual(
      decisionProblems({}).map((p) => p.field),
      ['outcome', 'levelOfNeed', 'reasons', 'feedbackToReferrer'],
    )
    const unfit = decisionProblems({
      outcome: 'strategy-discussion-s47',
      levelOfNeed: 2,
      reasons: 'r',
      feedbackToReferrer: 'f',
    })
    assert.deepEqual(
      unfit.map((p) => p.field),
      ['levelOfNeed'],
    )
    assert.match(unfit[0]?.text ?? '', /choose level 4/)
    assert.deepEqual(
      decisionProblems({ outcome: 'early-help', levelOfNeed: 2, reasons: 'r', feedbackToReferrer: 'f' }),
      [],
    )
  })
})
