// Form 87a's part of the read-path scenario (read-path-scenario.ts): the children's LA asks the
// police about each child twice, before the children are marked; police public protection answer
// the first (its answer's text) and leave the second awaiting (its request's text, on their queue).

import { DEMO_PASSWORD } from '../../src/identity/index.ts'
import { signIn } from '../../src/identity/testing.ts'
import type { TestApp } from './app.ts'
import { enrolUser } from './people.ts'

const idIn = (location: unknown) => /\/police-requests\/([0-9a-f-]{36})/.exec(String(location))?.[1]

async function seedUser(t: TestApp, agencyId: string, role: string, laId: string | null) {
  const email = `seed-${role}@${agencyId}.example`
  const grants = [{ role, laId }] as Parameters<typeof enrolUser>[1]['grants']
  const totpSecret = await enrolUser(t.database.db, { agencyId, email, displayName: `Seed ${role}`, grants })
  return signIn(t.app, { email, password: DEMO_PASSWORD, totpSecret })
}

/** Each child's answered and awaiting request's ids, by child id. */
export async function askThePolice(
  t: TestApp,
  children: readonly { childId: string; request: string; answer: string }[],
): Promise<Map<string, { answered: string; awaiting: string }>> {
  const asker = await seedUser(t, 'leicester-city-council', 'mat-practitioner', 'leicester')
  const police = await seedUser(t, 'leicestershire-police', 'police-public-protection', null)
  const ids = new Map<string, { answered: string; awaiting: string }>()
  for (const { childId, request, answer } of children) {
    const made = []
    for (const text of ['Any police contact with the household this year', request]) {
      const answer = await asker.post(`/children/${childId}/police-requests`, {
        request: text,
        reason: 'Worried about who visits the home',
        lawfulBasis: 'children-act-1989-s47',
      })
      const id = idIn(answer.headers.location)
      if (answer.statusCode !== 303 || !id) throw new Error(`Police request refused: ${answer.statusCode}`)
      made.push(id)
    }
    const [answered, awaiting] = made as [string, string]
    const reply = await police.post(`/police-requests/${answered}/answer`, { outcome: 'disclosed', answer })
    if (reply.statusCode !== 303) throw new Error(`Police answer refused: ${reply.statusCode}`)
    ids.set(childId, { answered, awaiting })
  }
  return ids
}
