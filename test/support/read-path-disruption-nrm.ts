// Disruption tactics' and NRM referrals' part of the read-path scenario (read-path-scenario.ts): the
// children's LA's MACE coordinator records, before the children are marked, a tactic used (its user's
// name is the tactic's text) with its outcome, an NRM referral taken to its conclusive grounds
// decision (its outcome's text), and one awaiting its reasonable grounds decision (on the MACE
// coordinator's list of NRM decisions awaited).

import { DEMO_PASSWORD } from '../../src/identity/index.ts'
import { signIn, type TestBrowser } from '../../src/identity/testing.ts'
import type { TestApp } from './app.ts'
import { dateFields } from './forms.ts'
import { enrolUser } from './people.ts'

export interface SeededDisruptionNrm {
  disruptionId: string
  nrm: { concluded: string; awaiting: string }
}

async function step(browser: TestBrowser, url: string, form: Record<string, string>): Promise<string> {
  const answer = await browser.post(url, form)
  if (answer.statusCode !== 303) throw new Error(`${url} refused: ${answer.statusCode} ${answer.body}`)
  return String(answer.headers.location).split('/').pop() ?? ''
}

/** Each child's tactic and NRM referrals, by child id. */
export async function recordDisruptionAndNrm(
  t: TestApp,
  children: readonly { childId: string; usedBy: string; nrmOutcome: string }[],
): Promise<Map<string, SeededDisruptionNrm>> {
  const email = 'seed-mace-disruption@leicester-city-council.example'
  const grants = [{ role: 'mace-coordinator' as const, laId: 'leicester' }]
  const totpSecret = await enrolUser(t.database.db, {
    agencyId: 'leicester-city-council',
    email,
    displayName: 'Seed MACE coordinator (disruption)',
    grants,
  })
  const mace = await signIn(t.app, { email, password: DEMO_PASSWORD, totpSecret })
  const seeded = new Map<string, SeededDisruptionNrm>()
  for (const { childId, usedBy, nrmOutcome } of children) {
    const disruptionId = await step(mace, `/children/${childId}/disruptions`, {
      tactic: 'closure-order',
      ...dateFields('usedOn', '2026-10-01'),
      usedByAgencyId: 'leicestershire-police',
      usedByName: usedBy,
    })
    await step(mace, `/disruptions/${disruptionId}/outcome`, { outcome: 'Granted for three months' })
    const concluded = await step(mace, `/children/${childId}/nrm-referrals`, {
      firstResponderAgencyId: 'leicester-city-council',
      ...dateFields('referredOn', '2026-10-01'),
    })
    await step(mace, `/nrm-referrals/${concluded}/reasonable-grounds`, {
      decision: 'positive',
      ...dateFields('decidedOn', '2026-10-06'),
    })
    await step(mace, `/nrm-referrals/${concluded}/conclusive-grounds`, {
      decision: 'positive',
      ...dateFields('decidedOn', '2026-11-10'),
      outcome: nrmOutcome,
    })
    const awaiting = await step(mace, `/children/${childId}/nrm-referrals`, {
      firstResponderAgencyId: 'leicestershire-police',
      ...dateFields('referredOn', '2026-11-20'),
    })
    seeded.set(childId, { disruptionId, nrm: { concluded, awaiting } })
  }
  return seeded
}
