// Case audits' part of the read-path scenario (read-path-scenario.ts): two more viewers (a police and
// a school safeguarding manager), and a programme whose sample is the standard child (a physical abuse
// plan that started a month ago and has ended), audited by the caseload's health agency and the police:
// both write their part, the police's audit grant then expires, the reviews lead books the round's
// moderation meeting (both agencies' safeguarding managers invited by email) and moderates.

import { bookMeeting } from '../../src/case-audits/meeting.ts'
import {
  caseResource,
  createProgramme,
  drawSample,
  moderate,
  readProgramme,
  submitPart,
} from '../../src/case-audits/workflow.ts'
import { DEMO_PASSWORD } from '../../src/identity/index.ts'
import { actorForColleague } from '../../src/identity/sessions.ts'
import { signIn } from '../../src/identity/testing.ts'
import type { PartnershipConfig } from '../../src/partnership/config.ts'
import type { Actor, Role } from '../../src/platform/access/actor.ts'
import type { CaseAuditResource } from '../../src/platform/access/policy.ts'
import type { TestApp } from './app.ts'
import { enrolUser } from './people.ts'
import { insertCpPlan } from './plans.ts'
import type { Scenario, Viewer } from './read-path-scenario.ts'

export interface ScenarioCaseAudit {
  programmeId: string
  caseId: string
  /** As the guard builds it now (case-audits/workflow.ts caseResource): the police's grant has expired. */
  resource: CaseAuditResource
  text: { healthPart: string; policePart: string; findings: string; meetingPlace: string }
}

const LEAD_AGENCY = 'leicester-city-council'
const HEALTH = 'llr-icb'
const POLICE = 'leicestershire-police'
const SCHOOL = 'leicester-schools'

export async function seedCaseAudits(
  t: TestApp,
  partnership: PartnershipConfig,
  s: Scenario,
): Promise<{ viewers: Viewer[]; audit: ScenarioCaseAudit }> {
  const db = t.database.db
  const person = async (name: string, agencyId: string, role: Role) => {
    const email = `${name.replace(/\s+/g, '-')}@${agencyId}.example`
    const totpSecret = await enrolUser(db, {
      agencyId,
      email,
      displayName: `${name} (${agencyId})`,
      grants: [{ role, laId: null }],
    })
    const actor = (await actorForColleague({ db, partnership }, agencyId, email)) as Actor
    let browser: ReturnType<typeof signIn> | undefined
    const viewer: Viewer = {
      name,
      kind: 'user',
      actor,
      email,
      get: async (url) => {
        browser ??= signIn(t.app, { email, password: DEMO_PASSWORD, totpSecret })
        return (await browser).get(url)
      },
    }
    return viewer
  }
  const viewers = [
    await person('police safeguarding manager', POLICE, 'safeguarding-manager'),
    await person('school safeguarding manager', SCHOOL, 'safeguarding-manager'),
  ]
  const as = async (name: string, agencyId: string, role: Role) => ({
    actor: (await person(name, agencyId, role)).actor,
    origin: { ip: '127.0.0.1', requestId: `read-path-${name}` },
  })
  const lead = await as('seed-audit-lead', LEAD_AGENCY, 'review-lead')
  const health = await as('seed-audit-health', HEALTH, 'safeguarding-manager')
  const police = await as('seed-audit-police', POLICE, 'safeguarding-manager')
  const child = s.children.find((c) => c.sensitivity === 'standard')
  if (!child) throw new Error('no standard child')
  const now = new Date()
  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10)
  await insertCpPlan(db, {
    child_id: child.childId,
    la_id: 'leicester',
    category: 'PHY',
    start_date: day(-30),
    end_date: day(-1),
  })
  const ctx = { db, partnership, now: () => new Date() }
  const text = {
    healthPart: 'Read-path: the health agency audit of its part',
    policePart: 'Read-path: the police audit of its part',
    findings: 'Read-path: the moderation findings',
    meetingPlace: 'Read-path moderation room 7',
  }
  const programme = await createProgramme(ctx, lead, {
    title: 'Read-path audit',
    themes: ['Physical abuse'],
    startsOn: day(-1),
    endsOn: day(60),
    questions: ['Was the child seen?'],
    agencyIds: [HEALTH, POLICE],
  })
  await drawSample(ctx, lead, programme.id, { category: 'PHY', months: 3, size: 10, seed: 'read-path' })
  const sampled = (await readProgramme(ctx, lead, programme.id)).cases.find(
    (c) => c.row.child_id === child.childId,
  )
  if (!sampled) throw new Error('the standard child was not sampled')
  const caseId = sampled.row.id
  const part = (summary: string) => ({
    answers: { q1: { grade: 'good', comment: '' } },
    overallGrade: 'good',
    summary,
  })
  await submitPart(ctx, health, caseId, part(text.healthPart))
  await submitPart(ctx, police, caseId, part(text.policePart))
  await db
    .updateTable('case_audit_grant')
    .set({
      granted_at: new Date(now.getTime() - 40 * 86_400_000),
      expires_at: new Date(now.getTime() - 86_400_000),
    })
    .where('case_id', '=', caseId)
    .where('agency_id', '=', POLICE)
    .execute()
  await moderate(ctx, lead, caseId, {
    metOn: day(0),
    attendees: 'The reviews lead, health and police',
    agreedGrade: 'good',
    findings: text.findings,
    learning: 'Keep seeing the child',
  })
  // Booked once the case is moderated, so the moderation is the typed record and the meeting still shows.
  await bookMeeting(ctx, lead, programme.id, {
    round: '1',
    meetsOn: day(1),
    startsAt: '10:00',
    place: text.meetingPlace,
  })
  const row = await db
    .selectFrom('case_audit_case')
    .selectAll()
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow()
  return {
    viewers,
    audit: { programmeId: programme.id, caseId, resource: await caseResource(db, row, new Date()), text },
  }
}
