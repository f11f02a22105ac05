import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { reconcile, returnPlans } from './reconcile.ts'
import { child, episode, PERIOD, protectionPlan } from './testing.ts'

describe('reconciling a census return with masa’s CP plans', () => {
  it('lists plans missing from either side and starts that differ, by child', () => {
    const masa = [
      { child: 'A', start: '2024-06-20' },
      { child: 'B', start: '2024-07-01' },
      { child: 'C', start: '2024-08-01' },
    ]
    const census = [
      { child: 'A', start: '2024-06-20' },
      { child: 'B', start: '2024-07-03' },
      { child: 'D', start: '2024-09-01' },
    ]
    assert.deepEqual(reconcile(masa, census), [
      { child: 'B', kind: 'start-differs', masaStart: '2024-07-01', returnStart: '2024-07-03' },
      { child: 'C', kind: 'missing-from-return', masaStart: '2024-08-01', returnStart: null },
      { child: 'D', kind: 'missing-from-masa', masaStart: null, returnStart: '2024-09-01' },
    ])
    assert.deepEqual(reconcile(masa, masa), [])
  })

  it('takes from the return the plans open at some time in the census year', () => {
    const ended = protectionPlan({ startDate: '2023-01-01', endDate: '2024-03-31' })
    const endedInYear = protectionPlan({ startDate: '2023-01-01', endDate: '2024-04-01' })
    const open = protectionPlan()
    const plans = returnPlans(
      child({ laChildId: 'A', episodes: [episode({ protectionPlans: [ended, endedInYear, open] })] }),
      PERIOD,
    )
    assert.deepEqual(plans, [
      { child: 'A', start: '2023-01-01' },
      { child: 'A', start: '2024-06-20' },
    ])
  })
})
