import { GROUP_RULES } from './rules-groups.ts'
import { assessment, checkEachRule, child, episode, protectionPlan, type RuleCases } from './testing.ts'

const s47 = (startDate: string, dateOfInitialCPC?: string, icpcNotRequired = 'false') => ({
  startDate,
  dateOfInitialCPC,
  icpcNotRequired,
})
const closed = { closureDate: '2024-12-01', reasonForClosure: 'RC1' }
const withPlans = (plans: { startDate?: string; endDate?: string }[]) =>
  child({ episodes: [episode({ cinPlans: plans, section47s: [], protectionPlans: [] })] })

const CASES: RuleCases = {
  '1104': [
    child({ episodes: [episode({ section47s: [s47('2024-06-01', '2024-06-01')] })] }),
    child({ episodes: [episode({ section47s: [s47('2024-05-20', '2024-05-31')] })] }),
  ],
  '2884': [
    child({ episodes: [episode({ dateOfInitialCPC: '2024-06-21' })] }),
    child({ episodes: [episode({ dateOfInitialCPC: '2024-06-20' })] }),
  ],
  '2885': [
    child({ episodes: [episode({ section47s: [], dateOfInitialCPC: '2024-06-20' })] }),
    child({ episodes: [episode({ section47s: [s47('2024-06-03', '2024-06-19')] })] }),
  ],
  '2990': [
    child({
      episodes: [episode({ ...closed, reasonForClosure: 'RC8', section47s: [], protectionPlans: [] })],
    }),
    child({
      episodes: [
        episode({
          ...closed,
          reasonForClosure: 'RC9',
          section47s: [],
          protectionPlans: [],
          cinPlans: [{ startDate: '2024-06-10' }],
        }),
      ],
    }),
  ],
  '8565': [
    child({
      episodes: [
        episode({
          closureDate: '2024-06-28',
          reasonForClosure: 'RC1',
          protectionPlans: [protectionPlan({ endDate: '2024-06-28' })],
        }),
      ],
    }),
    child({
      episodes: [episode({ ...closed, protectionPlans: [protectionPlan({ endDate: '2024-12-02' })] })],
    }),
  ],
  '2991Q': [child(), child({ episodes: [episode({ assessments: [] })] })],
  '4001': [
    child({ episodes: [episode({ cinPlans: [{ startDate: '2024-06-05', endDate: '2024-06-19' }] })] }),
    child({ episodes: [episode({ cinPlans: [{ startDate: '2024-06-05' }] })] }),
  ],
  '4016': [
    child({
      episodes: [
        episode({
          cinPlans: [{ startDate: '2024-06-19' }],
          protectionPlans: [protectionPlan({ endDate: '2024-08-01' })],
        }),
        episode({
          referralDate: '2024-08-01',
          cinPlans: [{ startDate: '2024-08-01' }],
          section47s: [],
          protectionPlans: [],
        }),
      ],
    }),
    child({ episodes: [episode({ cinPlans: [{ startDate: '2024-06-20', endDate: '2024-06-20' }] })] }),
  ],
  '4017': [
    child({ episodes: [episode({ cinPlans: [{ startDate: '2024-06-05', endDate: '2024-06-20' }] })] }),
    child({ episodes: [episode({ cinPlans: [{ startDate: '2024-06-05', endDate: '2024-06-21' }] })] }),
  ],
  '4003': [
    child({
      episodes: [
        episode({
          cinPlans: [{ startDate: '2024-09-01', endDate: '2024-10-01' }],
          protectionPlans: [protectionPlan({ endDate: '2024-09-19' })],
        }),
      ],
    }),
    child({
      episodes: [
        episode({
          cinPlans: [{ startDate: '2024-09-01', endDate: '2024-10-01' }],
          protectionPlans: [protectionPlan({ endDate: '2024-09-30' })],
        }),
      ],
    }),
  ],
  '4004': [
    withPlans([{ startDate: '2024-07-01', endDate: '2024-08-01' }, { startDate: '2024-08-02' }]),
    withPlans([{ startDate: '2024-07-01' }, { startDate: '2024-08-02' }]),
  ],
  '4010': [withPlans([{ startDate: '2025-03-31' }]), withPlans([{ endDate: '2024-08-01' }])],
  '4014': [
    withPlans([{ startDate: '2024-07-01', endDate: '2024-08-01' }, { startDate: '2024-08-02' }]),
    withPlans([{ startDate: '2024-07-01', endDate: '2024-08-01' }, { startDate: '2024-08-01' }]),
  ],
  '8615': [
    child({ episodes: [episode({ section47s: [s47('2024-06-20', '2024-06-20')] })] }),
    child({ episodes: [episode({ section47s: [s47('2024-06-21', '2024-06-20')] })] }),
  ],
  '8715': [
    child({ episodes: [episode({ section47s: [s47('2024-03-20', '2024-04-01')] })] }),
    child({ episodes: [episode({ section47s: [s47('2024-03-20', '2024-03-31')] })] }),
  ],
  '8740': [
    child({
      episodes: [episode({ section47s: [s47('2024-03-31', undefined, 'false')], protectionPlans: [] })],
    }),
    child({ episodes: [episode({ section47s: [s47('2024-03-31', undefined, '0')], protectionPlans: [] })] }),
  ],
  '8839': [
    child({ episodes: [episode({ section47s: [s47('2024-06-03', '2024-06-20'), s47('2024-07-03')] })] }),
    child({ episodes: [episode({ section47s: [s47('2024-06-03'), s47('2024-07-03')] })] }),
  ],
  '8863Q': [
    child({
      episodes: [
        episode({
          assessments: [
            assessment(),
            assessment({ startDate: '2024-06-29', authorisationDate: '2024-07-20' }),
          ],
        }),
      ],
    }),
    child({
      episodes: [
        episode({
          assessments: [
            assessment(),
            assessment({ startDate: '2024-06-28', authorisationDate: '2024-07-20' }),
          ],
        }),
      ],
    }),
  ],
  '8867': [
    child({ episodes: [episode(closed)] }),
    child({
      episodes: [
        episode({ ...closed, assessments: [assessment({ authorisationDate: undefined, factors: [] })] }),
      ],
    }),
  ],
  '8868': [
    child({ episodes: [episode({ ...closed, section47s: [s47('2024-06-03', undefined, 'true')] })] }),
    child({ episodes: [episode({ ...closed, section47s: [s47('2024-06-03', '2024-06-20', 'true')] })] }),
  ],
  '8873Q': [
    child({
      episodes: [
        episode({ ...closed, reasonForClosure: 'RC8', assessments: [assessment({ factors: ['21'] })] }),
      ],
    }),
    child({ episodes: [episode({ assessments: [assessment({ factors: ['21'] })] })] }),
  ],
  '8890': [
    child({
      episodes: [
        episode(closed),
        episode({
          referralDate: '2024-12-02',
          section47s: [s47('2024-12-02', '2024-12-10')],
          protectionPlans: [],
        }),
      ],
    }),
    child({
      episodes: [
        episode(closed),
        episode({
          referralDate: '2024-12-02',
          section47s: [s47('2024-06-20', '2024-12-10')],
          protectionPlans: [],
        }),
      ],
    }),
  ],
  '8896': [
    child({
      episodes: [
        episode({
          assessments: [
            assessment(),
            assessment({ startDate: '2025-03-20', authorisationDate: undefined, factors: [] }),
          ],
        }),
      ],
    }),
    child({
      episodes: [
        episode({
          assessments: [
            assessment({ startDate: '2025-03-20', authorisationDate: undefined, factors: [] }),
            assessment({ startDate: '2025-03-21', authorisationDate: undefined, factors: [] }),
          ],
        }),
      ],
    }),
  ],
  '8940': [
    child({
      episodes: [
        episode({
          protectionPlans: [
            protectionPlan({ endDate: '2024-08-01' }),
            protectionPlan({ startDate: '2024-08-02' }),
          ],
        }),
      ],
    }),
    child({
      episodes: [
        episode({
          protectionPlans: [
            protectionPlan({ endDate: '2024-08-01' }),
            protectionPlan({ startDate: '2024-08-01' }),
          ],
        }),
      ],
    }),
  ],
}

checkEachRule('rules across records', GROUP_RULES, CASES)
