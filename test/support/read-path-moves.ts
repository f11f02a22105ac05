// Moves' part of the read-path scenario (read-path-scenario.ts): the children's LA records each
// child's move to Leicestershire (an LA of the partnership none of the viewers works for), with its
// risk assessment's text, before the children are marked.

import { DEMO_PASSWORD } from '../../src/identity/index.ts'
import { signIn } from '../../src/identity/testing.ts'
import type { TestApp } from './app.ts'
import { enrolUser } from './people.ts'

/** Each child's move's id, by child id. */
export async function recordMoves(
  t: TestApp,
  children: readonly { childId: string; risk: string }[],
): Promise<Map<string, string>> {
  const email = 'seed-move-recorder@leicester-city-council.example'
  const grants = [{ role: 'front-door-screener' as const, laId: 'leicester' }]
  const totpSecret = await enrolUser(t.database.db, {
    agencyId: 'leicester-city-council',
    email,
    displayName: 'Seed move recorder',
    grants,
  })
  const placer = await signIn(t.app, { email, password: DEMO_PASSWORD, totpSecret })
  const ids = new Map<string, string>()
  for (const { childId, risk } of children) {
    const answer = await placer.post(`/children/${childId}/moves`, {
      whoMoved: 'child',
      hostDfeCode: '855',
      'movedOn-day': '1',
      'movedOn-month': '12',
      'movedOn-year': '2026',
      reason: 'Placed with foster carers out of the city',
      riskLevel: 'high',
      riskSummary: risk,
    })
    const id = /\/moves\/([0-9a-f-]{36})/.exec(String(answer.headers.location))?.[1]
    if (answer.statusCode !== 303 || !id) throw new Error(`move refused: ${answer.statusCode} ${answer.body}`)
    ids.set(childId, id)
  }
  return ids
}
