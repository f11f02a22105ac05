// VOLT's part of the read-path scenario (read-path-scenario.ts): before the children are marked, a
// police public protection officer records, for each child, a person of concern they share with the
// agencies who see VOLT and one left police only, and links the child to both and to a theme with
// handling code C (police only), each with its own text.

import { DEMO_PASSWORD } from '../../src/identity/index.ts'
import { signIn } from '../../src/identity/testing.ts'
import type { TestApp } from './app.ts'
import { enrolUser } from './people.ts'

export interface ScenarioVolt {
  sharedName: string
  restrictedName: string
  restrictedId: string
  conditions: string
}

const idIn = (location: unknown) => /\/volt\/persons\/([0-9a-f-]{36})/.exec(String(location))?.[1]

/** Each child's VOLT texts and the police-only person's id, by child id. */
export async function seedVolt(
  t: TestApp,
  children: readonly { childId: string; tag: string }[],
): Promise<Map<string, ScenarioVolt>> {
  const agencyId = 'leicestershire-police'
  const email = `seed-volt-police@${agencyId}.example`
  const grants = [{ role: 'police-public-protection' as const, laId: null }]
  const totpSecret = await enrolUser(t.database.db, {
    agencyId,
    email,
    displayName: 'Seed VOLT officer',
    grants,
  })
  const police = await signIn(t.app, { email, password: DEMO_PASSWORD, totpSecret })
  const person = async (name: string, share: boolean) => {
    const answer = await police.post('/volt/persons', { name, kind: 'adult' })
    const id = idIn(answer.headers.location)
    if (answer.statusCode !== 303 || !id) throw new Error(`VOLT person refused: ${answer.statusCode}`)
    if (share && (await police.post(`/volt/persons/${id}/share`, {})).statusCode !== 303)
      throw new Error('VOLT person not shared')
    return id
  }
  const link = async (childId: string, to: string, code: 'P' | 'C', conditions = '') => {
    const answer = await police.post('/volt/links', {
      from: `child:${childId}`,
      to,
      linkType: 'seen-with',
      sourceAgencyId: agencyId,
      'seenOn-day': '1',
      'seenOn-month': '12',
      'seenOn-year': '2026',
      sourceEvaluation: '2',
      intelligenceAssessment: 'B',
      handlingCode: code,
      ...(conditions ? { handlingConditions: conditions } : {}),
    })
    if (answer.statusCode !== 303) throw new Error(`VOLT link refused: ${answer.statusCode} ${answer.body}`)
  }
  const seeded = new Map<string, ScenarioVolt>()
  for (const { childId, tag } of children) {
    const texts = {
      sharedName: `VOLT-SHARED-${tag}-a81`,
      restrictedName: `VOLT-RESTRICTED-${tag}-c27`,
      conditions: `VOLT-CONDITIONS-${tag}-e55`,
    }
    const shared = await person(texts.sharedName, true)
    const restrictedId = await person(texts.restrictedName, false)
    await link(childId, `person:${shared}`, 'P')
    await link(childId, `person:${restrictedId}`, 'P')
    await link(childId, 'theme:cse', 'C', texts.conditions)
    seeded.set(childId, { ...texts, restrictedId })
  }
  return seeded
}
