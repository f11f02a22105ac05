import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ACTIVITY_RULES } from './rules-activity.ts'
import { EPISODE_RULES } from './rules-episodes.ts'
import { IDENTIFIER_RULES } from './rules-identifiers.ts'
import {
  assessment,
  checkEachRule,
  child,
  episode,
  PERIOD,
  protectionPlan,
  type RuleCases,
} from './testing.ts'
import { CHILD_RULES } from './validate.ts'

/** Per rule: a child that passes and one that fails (each a small change to the clean child). */
const CASES: RuleCases = {
  '1510': [child({ upn: 'A2010000000X1' }), child({ upn: 'A201000000011' })],
  '1530': [child({ upn: 'L20100000001' }), child({ upn: 'L999000000011' })],
  '1540': [child({ upn: 'L20100000001Z' }), child({ upn: 'L2010000X0011' })],
  '1550': [child({ upn: 'L20100000001Z' }), child({ upn: 'L20100000001I' })],
  '1560Q': [child({ formerUpn: 'X987654321231' }), child({ formerUpn: 'X0000y0000007' })],
  '1570': [child({ laChildId: 'X'.repeat(20) }), child({ laChildId: 'X'.repeat(21) })],
  '1580': [child({ laChildId: 'Ab12' }), child({ laChildId: 'Ab-12' })],
  '4008': [
    child({ deathDate: '2024-07-01', episodes: [episode({ cinPlans: [{ startDate: '2024-07-01' }] })] }),
    child({ deathDate: '2024-07-01', episodes: [episode({ cinPlans: [{ startDate: '2024-07-02' }] })] }),
  ],
  '4180': [child({ sex: 'U' }), child({ sex: 'Male' })],
  '4220': [child({ ethnicity: 'MWBC' }), child({ ethnicity: undefined })],
  '8500': [child({ laChildId: 'C2' }), child({ laChildId: undefined })],
  '8520': [child({ birthDate: '2025-03-31' }), child({ birthDate: '2025-04-01' })],
  '8525Q': [
    child({ birthDate: undefined, expectedBirthDate: '2025-05-01', sex: 'U' }),
    child({ birthDate: undefined, expectedBirthDate: undefined }),
  ],
  '8530Q': [
    child({ birthDate: undefined, expectedBirthDate: '2025-03-02', sex: 'U' }),
    child({ birthDate: undefined, expectedBirthDate: '2025-03-01', sex: 'U' }),
  ],
  '8535Q': [child({ deathDate: '2015-05-01' }), child({ birthDate: '2015-05-01', deathDate: '2015-04-30' })],
  '8545Q': [child({ deathDate: '2025-03-31' }), child({ deathDate: '2024-03-31' })],
  '8590': [child(), child({ episodes: [] })],
  '8750': [
    child({ birthDate: undefined, expectedBirthDate: '2025-05-01', sex: 'U' }),
    child({ birthDate: undefined, expectedBirthDate: '2025-05-01', sex: 'F' }),
  ],
  '8770Q': [
    child({ birthDate: '2021-09-01', upn: undefined }),
    child({ birthDate: '2021-08-31', upn: undefined, upnUnknown: 'UN1' }),
  ],
  '8772': [
    child({
      upnUnknown: 'UN7',
      episodes: [episode({ referralNFA: 'TRUE', assessments: [], section47s: [], protectionPlans: [] })],
    }),
    child({ upnUnknown: 'UN7' }),
  ],
  '8775Q': [
    child({
      birthDate: '1998-01-01',
      episodes: [episode({ closureDate: '2023-01-01', reasonForClosure: 'RC1' })],
    }),
    child({ birthDate: '1998-01-01' }),
  ],
  '8540': [child({ disabilities: ['MOB', 'HAND'] }), child({ disabilities: [] })],
  '8555Q': [child({ deathDate: '2024-06-01' }), child({ deathDate: '2024-05-31' })],
  '8568': [
    child({ episodes: [episode({ referralNFA: '0' })] }),
    child({ episodes: [episode({ referralNFA: 'no' })] }),
  ],
  '8569Q': [
    child({
      episodes: [
        episode({
          referralDate: '2024-04-02',
          referralNFA: 'true',
          assessments: [],
          section47s: [],
          protectionPlans: [],
        }),
      ],
    }),
    child({
      episodes: [
        episode({
          referralDate: '2024-03-28',
          referralNFA: 'true',
          assessments: [],
          section47s: [],
          protectionPlans: [],
        }),
      ],
    }),
  ],
  '8585Q': [
    child({
      deathDate: '2024-08-01',
      episodes: [episode({ closureDate: '2024-08-02', reasonForClosure: 'RC2' })],
    }),
    child({ episodes: [episode({ closureDate: '2024-08-02', reasonForClosure: 'RC2' })] }),
  ],
  '8600': [child(), child({ episodes: [episode({ referralDate: '2025-04-01' })] })],
  '8606': [
    child({ birthDate: '2025-03-08', episodes: [episode({ referralDate: '2024-06-01' })] }),
    child({ birthDate: '2025-03-09', episodes: [episode({ referralDate: '2024-06-01' })] }),
  ],
  '8610': [
    child({ episodes: [episode({ primaryNeedCode: 'N2' })] }),
    child({ episodes: [episode({ primaryNeedCode: undefined })] }),
  ],
  '8620': [
    child({ episodes: [episode({ closureDate: '2025-03-30', reasonForClosure: 'RC1' })] }),
    child({ episodes: [episode({ closureDate: '2025-03-31', reasonForClosure: 'RC1' })] }),
  ],
  '8630': [
    child({ episodes: [episode({ closureDate: '2024-06-01', reasonForClosure: 'RC1' })] }),
    child({ episodes: [episode({ closureDate: '2024-05-31', reasonForClosure: 'RC1' })] }),
  ],
  '8640': [
    child({ episodes: [episode({ closureDate: '2024-09-01', reasonForClosure: 'RC9' })] }),
    child({ episodes: [episode({ closureDate: '2024-09-01', reasonForClosure: 'RC10' })] }),
  ],
  '8650': [
    child({ episodes: [episode({ primaryNeedCode: 'N9' })] }),
    child({ episodes: [episode({ primaryNeedCode: 'N10' })] }),
  ],
  '8790': [child({ disabilities: ['NONE'] }), child({ disabilities: ['NONE', 'VIS'] })],
  '8794': [child({ disabilities: ['VIS', 'HEAR'] }), child({ disabilities: ['VIS', 'VIS'] })],
  '8805': [
    child({ episodes: [episode({ closureDate: '2024-09-01', reasonForClosure: 'RC1' })] }),
    child({ episodes: [episode({ closureDate: '2024-09-01' })] }),
  ],
  '8810': [child(), child({ episodes: [episode({ reasonForClosure: 'RC1' })] })],
  '8815': [
    child({
      episodes: [
        episode({
          referralDate: '2024-04-01',
          referralNFA: 'true',
          assessments: [],
          section47s: [],
          protectionPlans: [],
        }),
        episode(),
      ],
    }),
    child({ episodes: [episode({ referralDate: '2024-04-01' }), episode()] }),
  ],
  '8816': [
    child({
      episodes: [
        episode({ referralDate: '2024-04-01', closureDate: '2024-05-01', reasonForClosure: 'RC1' }),
        episode(),
      ],
    }),
    child({
      episodes: [
        episode({ referralDate: '2024-07-01', closureDate: '2024-08-01', reasonForClosure: 'RC1' }),
        episode(),
      ],
    }),
  ],
  '8820': [
    child({
      episodes: [
        episode({ referralDate: '2024-04-02', closureDate: '2024-05-31', reasonForClosure: 'RC1' }),
        episode({ referralDate: '2024-06-01' }),
      ],
    }),
    child({
      episodes: [
        episode({ referralDate: '2024-04-02', closureDate: '2024-06-01', reasonForClosure: 'RC1' }),
        episode({ referralDate: '2024-06-01' }),
      ],
    }),
  ],
  '8825Q': [
    child({ episodes: [episode({ closureDate: '2024-09-01', reasonForClosure: 'RC8' })] }),
    child({ episodes: [episode({ closureDate: '2024-09-01', reasonForClosure: 'RC9', assessments: [] })] }),
  ],
  '8831': [
    child({
      episodes: [episode({ referralNFA: 'true', assessments: [], section47s: [], protectionPlans: [] })],
    }),
    child({ episodes: [episode({ referralNFA: 'true', section47s: [], protectionPlans: [] })] }),
  ],
  '8866': [
    child({ episodes: [episode({ referralSource: '10' })] }),
    child({ episodes: [episode({ referralSource: '11' })] }),
  ],
  '1103': [
    child({ episodes: [episode({ assessments: [assessment({ startDate: '2024-06-01' })] })] }),
    child({ episodes: [episode({ assessments: [assessment({ startDate: '2024-05-31' })] })] }),
  ],
  '1105': [
    child({ episodes: [episode({ protectionPlans: [protectionPlan({ startDate: '2024-06-01' })] })] }),
    child({ episodes: [episode({ protectionPlans: [protectionPlan({ startDate: '2024-05-31' })] })] }),
  ],
  '2889': [
    child({
      episodes: [episode({ section47s: [{ startDate: '2024-06-01', dateOfInitialCPC: '2024-06-20' }] })],
    }),
    child({
      episodes: [episode({ section47s: [{ startDate: '2024-05-31', dateOfInitialCPC: '2024-06-20' }] })],
    }),
  ],
  '4000': [
    child({ episodes: [episode({ cinPlans: [{ startDate: '2024-07-01' }], protectionPlans: [] })] }),
    child({ episodes: [episode({ referralNFA: '1', cinPlans: [{ startDate: '2024-07-01' }] })] }),
  ],
  '4009Q': [
    child({
      deathDate: '2024-09-01',
      episodes: [episode({ cinPlans: [{ startDate: '2024-07-01', endDate: '2024-09-01' }] })],
    }),
    child({
      deathDate: '2024-09-01',
      episodes: [episode({ cinPlans: [{ startDate: '2024-07-01', endDate: '2024-09-02' }] })],
    }),
  ],
  '4011': [
    child({ episodes: [episode({ cinPlans: [{ startDate: '2024-07-01', endDate: '2024-07-02' }] })] }),
    child({ episodes: [episode({ cinPlans: [{ startDate: '2024-07-01', endDate: '2024-06-30' }] })] }),
  ],
  '4012Q': [
    child({ episodes: [episode({ cinPlans: [{ startDate: '2024-07-01' }] })] }),
    child({ episodes: [episode({ cinPlans: [{ startDate: '2024-07-01', endDate: '2024-07-01' }] })] }),
  ],
  '4013': [
    child({ episodes: [episode({ cinPlans: [{ startDate: '2024-07-01', endDate: '2025-03-31' }] })] }),
    child({ episodes: [episode({ cinPlans: [{ startDate: '2024-07-01', endDate: '2025-04-01' }] })] }),
  ],
  '4015': [
    child({ episodes: [episode({ cinPlans: [{ startDate: '2024-06-01' }] })] }),
    child({ episodes: [episode({ cinPlans: [{ startDate: '2024-05-31' }] })] }),
  ],
  '8608': [
    child({ episodes: [episode({ assessments: [assessment({ authorisationDate: '2024-06-03' })] })] }),
    child({ episodes: [episode({ assessments: [assessment({ authorisationDate: '2024-06-02' })] })] }),
  ],
  '8614': [
    child({
      episodes: [
        episode({
          assessments: [assessment({ startDate: '2025-03-20', authorisationDate: undefined, factors: [] })],
        }),
      ],
    }),
    child({
      episodes: [
        episode({ assessments: [assessment({ startDate: '2025-03-20', authorisationDate: undefined })] }),
      ],
    }),
  ],
  // 45 working days back from 31 March 2025 (44 business days) is 28 January 2025.
  '8670Q': [
    child({
      episodes: [
        episode({
          assessments: [assessment({ startDate: '2025-01-28', authorisationDate: undefined, factors: [] })],
        }),
      ],
    }),
    child({
      episodes: [
        episode({
          assessments: [assessment({ startDate: '2025-01-27', authorisationDate: undefined, factors: [] })],
        }),
      ],
    }),
  ],
  // 15 working days back (14 business days) is 11 March 2025: a later start with no conference is queried.
  '8675Q': [
    child({
      episodes: [
        episode({ section47s: [{ startDate: '2025-03-11', icpcNotRequired: 'false' }], protectionPlans: [] }),
      ],
    }),
    child({
      episodes: [
        episode({ section47s: [{ startDate: '2025-03-12', icpcNotRequired: 'false' }], protectionPlans: [] }),
      ],
    }),
  ],
  '8696': [
    child({ episodes: [episode({ assessments: [assessment({ authorisationDate: '2025-03-31' })] })] }),
    child({ episodes: [episode({ assessments: [assessment({ authorisationDate: '2025-04-01' })] })] }),
  ],
  '8720': [
    child({ episodes: [episode({ protectionPlans: [protectionPlan({ startDate: '2025-03-31' })] })] }),
    child({ episodes: [episode({ protectionPlans: [protectionPlan({ startDate: undefined })] })] }),
  ],
  '8730': [
    child({ episodes: [episode({ protectionPlans: [protectionPlan({ numberOfPreviousCPP: '2' })] })] }),
    child({ episodes: [episode({ protectionPlans: [protectionPlan({ numberOfPreviousCPP: undefined })] })] }),
  ],
  '8736': [
    child({
      episodes: [
        episode({
          assessments: [assessment({ startDate: '2025-03-20', authorisationDate: undefined, factors: [] })],
        }),
      ],
    }),
    child({
      episodes: [
        episode({
          referralDate: '2024-03-01',
          assessments: [assessment({ startDate: '2024-03-31', authorisationDate: undefined, factors: [] })],
        }),
      ],
    }),
  ],
  '8832': [
    child({ episodes: [episode({ referralNFA: '0' })] }),
    child({ episodes: [episode({ referralNFA: '1', assessments: [], section47s: [] })] }),
  ],
  '8840': [
    child({ episodes: [episode({ protectionPlans: [protectionPlan({ endDate: '2024-06-21' })] })] }),
    child({ episodes: [episode({ protectionPlans: [protectionPlan({ endDate: '2024-06-20' })] })] }),
  ],
  '8841': [
    child({ episodes: [episode({ protectionPlans: [protectionPlan({ reviewDates: ['2024-06-21'] })] })] }),
    child({ episodes: [episode({ protectionPlans: [protectionPlan({ reviewDates: ['2024-06-20'] })] })] }),
  ],
  '8842Q': [
    child({ episodes: [episode({ protectionPlans: [protectionPlan({ reviewDates: [] })] })] }),
    child({ episodes: [episode({ protectionPlans: [protectionPlan({ reviewDates: [undefined] })] })] }),
  ],
  '8869': [
    child({ episodes: [episode({ assessments: [assessment({ factors: ['21'] })] })] }),
    child({ episodes: [episode({ assessments: [assessment({ factors: ['21', '2A'] })] })] }),
  ],
  '8870Q': [
    child({
      episodes: [
        episode({
          section47s: [
            { startDate: '2024-06-03', initialCPCtarget: '2024-06-21', dateOfInitialCPC: '2024-06-20' },
          ],
        }),
      ],
    }),
    child({
      episodes: [
        episode({
          section47s: [
            { startDate: '2024-06-03', initialCPCtarget: '2024-06-22', dateOfInitialCPC: '2024-06-20' },
          ],
        }),
      ],
    }),
  ],
  '8875': [
    child({ episodes: [episode({ dateOfInitialCPC: '2024-06-23' })] }),
    child({
      episodes: [episode({ section47s: [{ startDate: '2024-06-03', dateOfInitialCPC: '2024-06-23' }] })],
    }),
  ],
  '8897Q': [
    child({
      episodes: [episode({ assessments: [assessment({ authorisationDate: '2024-03-31', factors: [] })] })],
    }),
    child({ episodes: [episode({ assessments: [assessment({ factors: ['16A', '99'] })] })] }),
  ],
  '8898': [
    child({ episodes: [episode({ assessments: [assessment({ factors: ['16A', '17A'] })] })] }),
    child({ episodes: [episode({ assessments: [assessment({ factors: ['16A', '16A'] })] })] }),
  ],
  '8905': [
    child({ episodes: [episode({ protectionPlans: [protectionPlan({ initialCategoryOfAbuse: 'MUL' })] })] }),
    child({ episodes: [episode({ protectionPlans: [protectionPlan({ initialCategoryOfAbuse: 'mul' })] })] }),
  ],
  '8910': [
    child({ episodes: [episode({ protectionPlans: [protectionPlan({ latestCategoryOfAbuse: 'SAB' })] })] }),
    child({
      episodes: [episode({ protectionPlans: [protectionPlan({ latestCategoryOfAbuse: undefined })] })],
    }),
  ],
  '8915': [child({ deathDate: '2024-06-20' }), child({ deathDate: '2024-06-19' })],
  '8920': [
    child({
      deathDate: '2024-09-01',
      episodes: [episode({ protectionPlans: [protectionPlan({ endDate: '2024-09-01', reviewDates: [] })] })],
    }),
    child({
      deathDate: '2024-09-01',
      episodes: [episode({ protectionPlans: [protectionPlan({ endDate: '2024-09-02', reviewDates: [] })] })],
    }),
  ],
  '8925': [
    child({ episodes: [episode({ protectionPlans: [protectionPlan({ endDate: '2024-06-21' })] })] }),
    child({ episodes: [episode({ protectionPlans: [protectionPlan({ endDate: '2024-06-19' })] })] }),
  ],
  '8930': [
    child({ episodes: [episode({ protectionPlans: [protectionPlan({ endDate: '2025-03-31' })] })] }),
    child({ episodes: [episode({ protectionPlans: [protectionPlan({ endDate: '2025-04-01' })] })] }),
  ],
  '8935': [
    child({
      episodes: [
        episode({ protectionPlans: [protectionPlan(), protectionPlan({ startDate: '2024-08-02' })] }),
      ],
    }),
    child({
      episodes: [
        episode({ closureDate: '2024-07-01', reasonForClosure: 'RC1' }),
        episode({
          referralDate: '2024-07-02',
          protectionPlans: [protectionPlan({ startDate: '2024-07-10' })],
        }),
      ],
    }),
  ],
  '8945Q': [
    child({ episodes: [episode({ assessments: [assessment({ factors: ['18B'] })] })] }),
    child({ episodes: [episode({ assessments: [assessment({ factors: ['18a'] })] })] }),
  ],
  '8950Q': [
    child({ episodes: [episode({ assessments: [assessment({ factors: ['19C'] })] })] }),
    child({ episodes: [episode({ assessments: [assessment({ factors: ['19A'] })] })] }),
  ],
}

checkEachRule(
  'identifier, episode and activity rules',
  [...IDENTIFIER_RULES, ...EPISODE_RULES, ...ACTIVITY_RULES],
  CASES,
)

describe('the clean child', () => {
  it('breaks no rule at all', () => {
    const breached = CHILD_RULES.filter((rule) => rule.breaches(child(), PERIOD) > 0).map((r) => r.code)
    assert.deepEqual(breached, [])
  })
})
