// The self-assessment's part of the read-path scenario (read-path-scenario.ts): one more viewer (the
// referrer's school's safeguarding manager), a round opened by the partnership's administrator, the
// school's Section 175 return (in progress, its manager's own) and the caseload health agency's
// Section 11 return (submitted by a seed safeguarding manager there). No child's data: what is read
// is each agency's own evidence.

import { DEMO_PASSWORD } from '../../src/identity/index.ts'
import { actorForColleague } from '../../src/identity/sessions.ts'
import { signIn } from '../../src/identity/testing.ts'
import type { PartnershipConfig } from '../../src/partnership/config.ts'
import type { Actor, Role } from '../../src/platform/access/actor.ts'
import { SECTION_11_STANDARDS, SECTION_175_STANDARDS } from '../../src/self-assessment/rules.ts'
import { openRound, rateStandard, startReturn, submitReturn } from '../../src/self-assessment/workflow.ts'
import type { TestApp } from './app.ts'
import { enrolUser } from './people.ts'
import { CASELOAD_HEALTH, SCHOOL, type Viewer } from './read-path-scenario.ts'

export interface ScenarioReturn {
  id: string
  agencyId: string
  /** Text only the return's own page (and, once submitted, the round's download) shows: its evidence. */
  evidence: string
  submitted: boolean
}

export interface ScenarioSelfAssessment {
  roundId: string
  school: ScenarioReturn
  health: ScenarioReturn
}

export async function seedSelfAssessment(
  t: TestApp,
  partnership: PartnershipConfig,
): Promise<{ viewers: Viewer[]; selfAssessment: ScenarioSelfAssessment }> {
  const db = t.database.db
  const person = async (name: string, agencyId: string, role: Role): Promise<Viewer> => {
    const email = `${name.replace(/\s+/g, '-')}@${agencyId}.example`
    const totpSecret = await enrolUser(db, {
      agencyId,
      email,
      displayName: `${name} (${agencyId})`,
      grants: [{ role, laId: null }],
    })
    const actor = (await actorForColleague({ db, partnership }, agencyId, email)) as Actor
    let browser: ReturnType<typeof signIn> | undefined
    return {
      name,
      kind: 'user',
      actor,
      email,
      get: async (url) => {
        browser ??= signIn(t.app, { email, password: DEMO_PASSWORD, totpSecret })
        return (await browser).get(url)
      },
    }
  }
  const caller = (viewer: Viewer) => ({
    actor: viewer.actor,
    origin: { ip: '127.0.0.1', requestId: `read-path-${viewer.name}` },
  })
  const schoolManager = await person('school safeguarding manager', SCHOOL, 'safeguarding-manager')
  const admin = caller(await person('seed-partnership-admin', 'leicester-city-council', 'partnership-admin'))
  const health = caller(await person('seed-health-sg', CASELOAD_HEALTH, 'safeguarding-manager'))
  const ctx = { db, partnership, now: () => new Date() }
  const year = new Date().getUTCFullYear()
  const dueOn = `${year + 1}-03-31`
  const round = await openRound(ctx, admin, { year, dueOn })

  const school = await startReturn(ctx, caller(schoolManager), round.id)
  const schoolEvidence = 'Read-path: the school evidence of its designated safeguarding lead'
  await rateStandard(ctx, caller(schoolManager), school.id, SECTION_175_STANDARDS[1]?.id as string, {
    rating: '3',
    evidence: schoolEvidence,
  })

  const healthReturn = await startReturn(ctx, health, round.id)
  const healthEvidence = 'Read-path: the health agency evidence of its senior leadership'
  for (const [index, standard] of SECTION_11_STANDARDS.entries())
    await rateStandard(ctx, health, healthReturn.id, standard.id, {
      rating: '3',
      evidence: index === 0 ? healthEvidence : 'Read-path: other evidence',
    })
  await submitReturn(ctx, health, healthReturn.id)

  return {
    viewers: [schoolManager],
    selfAssessment: {
      roundId: round.id,
      school: { id: school.id, agencyId: SCHOOL, evidence: schoolEvidence, submitted: false },
      health: { id: healthReturn.id, agencyId: CASELOAD_HEALTH, evidence: healthEvidence, submitted: true },
    },
  }
}
