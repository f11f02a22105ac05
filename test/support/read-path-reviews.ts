// Serious incidents' part of the read-path scenario (read-path-scenario.ts): three more viewers (the
// children's LA's safeguarding manager, the partnership's reviews lead and its independent
// scrutineer), and a serious incident about the standard child, recorded and taken to its rapid
// review by a seed safeguarding manager of the LA, with the caseload's health agency and the police
// invited to give their parts (and given them), and the referrer's school invited and late with its own.

import { completeAction } from '../../src/actions/workflow.ts'
import { DEMO_PASSWORD } from '../../src/identity/index.ts'
import { actorForColleague } from '../../src/identity/sessions.ts'
import { signIn } from '../../src/identity/testing.ts'
import type { PartnershipConfig } from '../../src/partnership/config.ts'
import type { Actor, Role } from '../../src/platform/access/actor.ts'
import type { ReviewResource } from '../../src/platform/access/policy.ts'
import { recordImpact } from '../../src/reviews/impact.ts'
import { signOff, uploadDraft, writeDraft } from '../../src/reviews/practice-review.ts'
import {
  addRecommendation,
  commissionReview,
  inviteAgencies,
  recordDecision,
  recordIncident,
  recordNotified,
  reviewResource,
  submitPart,
  writeRecord,
} from '../../src/reviews/workflow.ts'
import type { TestApp } from './app.ts'
import { enrolUser } from './people.ts'
import { SCHOOL, type Scenario, type Viewer } from './read-path-scenario.ts'

export interface ScenarioIncident {
  id: string
  reference: string
  /** As the guard builds it (reviews/workflow.ts reviewResource). */
  resource: ReviewResource
  text: {
    whatHappened: string
    healthPart: string
    policePart: string
    facts: string
    /** Migration 0047: the practice review's draft, and the evidence of a recommendation's impact. */
    draft: string
    /** Migration 0054: in the draft uploaded as a file (version 1), read through its download. */
    draftFile: string
    impact: string
    /** Migration 0063: the school asked for its part and late with it, as the incident's readers are shown. */
    lateOnPage: string
    lateOnQueue: string
  }
}

const LA = 'leicester-city-council'
const HEALTH = 'llr-icb'
const POLICE = 'leicestershire-police'

export async function seedReviews(
  t: TestApp,
  partnership: PartnershipConfig,
  s: Scenario,
): Promise<{ viewers: Viewer[]; incident: ScenarioIncident }> {
  const db = t.database.db
  const person = async (name: string, agencyId: string, role: Role, laId: string | null) => {
    const email = `${name}@${agencyId}.example`
    const totpSecret = await enrolUser(db, {
      agencyId,
      email,
      displayName: `${name} (${agencyId})`,
      grants: [{ role, laId }],
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
    await person('own LA safeguarding manager', LA, 'safeguarding-manager', 'leicester'),
    await person('reviews lead', LA, 'review-lead', null),
    await person('independent scrutineer', 'llr-probation', 'independent-scrutineer', null),
  ]
  const as = async (name: string, agencyId: string, role: Role) => ({
    actor: (await person(name, agencyId, role, null)).actor,
    origin: { ip: '127.0.0.1', requestId: `read-path-${name}` },
  })
  const manager = await as('seed-review-manager', LA, 'review-lead')
  const health = await as('seed-health-manager', HEALTH, 'safeguarding-manager')
  const police = await as('seed-police-manager', POLICE, 'safeguarding-manager')
  const ctx = { db, partnership, now: () => new Date() }
  const child = s.children.find((c) => c.sensitivity === 'standard')
  if (!child) throw new Error('no standard child')
  const text = {
    whatHappened: 'Read-path: what happened to the child at the serious incident',
    healthPart: 'Read-path: the health agency chronology for the rapid review',
    policePart: 'Read-path: the police chronology for the rapid review',
    facts: 'Read-path: the facts of the rapid review record',
    draft: 'Read-path: the draft of the local child safeguarding practice review',
    draftFile: 'Read-path: the draft uploaded as a file',
    impact: 'Read-path: the evidence of the impact of a recommendation',
    lateOnPage: 'Late to contribute: Leicester schools',
    lateOnQueue: 'Late to contribute</strong> <span class="govuk-body-s">Leicester schools</span>',
  }
  const today = new Date().toISOString().slice(0, 10)
  const row = await recordIncident(ctx, manager, child.childId, {
    learnedOn: today,
    abuseOrNeglect: 'suspected',
    harm: 'seriously-harmed',
    whatHappened: text.whatHappened,
  })
  await recordDecision(ctx, manager, row.id, { decision: 'notify', decisionReason: 'Criteria met' })
  await recordNotified(ctx, manager, row.id, { notifiedOn: today })
  await inviteAgencies(ctx, manager, row.id, { agencyIds: [HEALTH, POLICE] })
  await submitPart(ctx, health, row.id, { chronology: text.healthPart, immediateLearning: 'Health learning' })
  await submitPart(ctx, police, row.id, { chronology: text.policePart, immediateLearning: 'Police learning' })
  // The school is asked too and has not given its part by its day (yesterday).
  await inviteAgencies(ctx, manager, row.id, { agencyIds: [SCHOOL] })
  await db
    .updateTable('rapid_review_part')
    .set({ due_on: new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString().slice(0, 10) })
    .where('incident_id', '=', row.id)
    .where('agency_id', '=', SCHOOL)
    .execute()
  await writeRecord(ctx, manager, row.id, {
    facts: text.facts,
    immediateActions: 'Safety plan',
    learning: 'Learning',
    lcspr: 'recommended',
    lcsprReason: 'Learning for the partnership',
  })
  // The practice review, its first draft uploaded as a file, its second signed by the police; a recommendation the police closed, its impact.
  await commissionReview(ctx, manager, row.id, {
    decidedOn: today,
    reviewer: 'Read-path reviewer',
    termsOfReference: 'Terms',
    methodology: 'Systems',
    familyInvolvement: 'Family met',
  })
  await uploadDraft(ctx, manager, row.id, {
    fileName: 'draft.pdf',
    content: Buffer.from(`%PDF-1.4\n(${text.draftFile})\n%%EOF\n`),
  })
  await writeDraft(ctx, manager, row.id, { body: text.draft })
  await signOff(ctx, police, row.id)
  await addRecommendation(ctx, manager, row.id, {
    description: 'Read-path recommendation',
    ownerAgencyId: POLICE,
    dueBy: today,
  })
  const action = await db
    .selectFrom('action')
    .select('id')
    .where('source_kind', '=', 'rapid-review')
    .where('source_id', '=', row.id)
    .executeTakeFirstOrThrow()
  await completeAction(ctx, police, action.id, { evidence: 'Done' })
  await recordImpact(ctx, manager, row.id, { actionId: action.id, evidence: text.impact, evidencedOn: today })
  return {
    viewers,
    incident: { id: row.id, reference: row.reference, resource: await reviewResource(db, row), text },
  }
}
