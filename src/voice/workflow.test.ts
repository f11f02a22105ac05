// The voice of children and families against a real database: a family's survey is sent only by
// those the policy lets book the conference (a hidden child is 404), the link is kept only as its
// hash, works once and refuses reuse and expiry (410), the family's page knows only the conference's
// day; a practitioner who was at a meeting answers once, others are 404; the results are counted by
// theme with small numbers hidden and read only by the partnership's leads, analysts and scrutineer;
// what was changed is the administrator's; and each step is audited.

import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { enrolledCaller } from '../../test/support/people.ts'
import { seedHeldConference } from '../../test/support/voice.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import type { AgencyKind, Role } from '../platform/access/actor.ts'
import type { Caller } from '../platform/access/guard.ts'
import { InvalidInput } from '../platform/http/schemas.ts'
import {
  answerPractitionerSurvey,
  answerSurvey,
  issueSurvey,
  openSurvey,
  practitionerSurvey,
  recordChange,
  results,
  surveysForConference,
  type VoiceContext,
} from './workflow.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname
let clock = new Date('2026-11-10T10:00:00Z')
const ANSWERS = {
  understood: 'yes',
  heard: 'partly',
  reports: 'no',
  suggestion: 'SUGGESTION: an interpreter',
}

describe('the voice of children and families', () => {
  let database: TestDatabase
  let ctx: VoiceContext
  let conferenceId: string
  let serial = 0
  const people: Record<string, Caller> = {}

  const person = async (
    name: string,
    agencyId: string,
    kind: AgencyKind,
    role: Role,
    laId: string | null,
  ) => {
    const agencyLaId = kind === 'local-authority' ? (laId ?? 'leicester') : undefined
    people[name] = await enrolledCaller(database.db, {
      name,
      agencyId,
      agencyKind: kind,
      role,
      laId,
      agencyLaId,
    })
  }
  const as = (name: string) => people[name] as Caller

  /** Sends a survey and returns the token the email carries. */
  const send = async (id = conferenceId) => {
    await issueSurvey(ctx, as('bs'), id, { email: 'Parent.One@example.com' })
    const email = await database.db
      .selectFrom('notification_outbox')
      .selectAll()
      .where('template_id', '=', 'voice-family-survey')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow()
    const link = String((email.personalisation as Record<string, string>).link)
    return { token: link.replace('/voice/survey/', ''), email }
  }
  const newConference = async (options: Partial<Parameters<typeof seedHeldConference>[1]> = {}) => {
    serial += 1
    return seedHeldConference(database.db, {
      laId: 'leicester',
      laChildId: `VOICE-${serial}`,
      meetingDate: '2026-11-09',
      ...options,
    })
  }

  before(async () => {
    database = await openTestDatabase()
    ctx = { db: database.db, partnership: await loadPartnershipConfig(LLR), now: () => clock }
    await person('bs', 'leicester-city-council', 'local-authority', 'business-support', 'leicester')
    await person('chair', 'leicester-city-council', 'local-authority', 'conference-chair', 'leicester')
    await person(
      'bs-shire',
      'leicestershire-county-council',
      'local-authority',
      'business-support',
      'leicestershire',
    )
    await person('screener', 'leicester-city-council', 'local-authority', 'front-door-screener', 'leicester')
    await person('admin', 'leicester-city-council', 'local-authority', 'partnership-admin', null)
    await person('scrutineer', 'leicester-city-council', 'local-authority', 'independent-scrutineer', null)
    await person('analyst', 'leicester-city-council', 'local-authority', 'analyst', 'leicester')
    await person('nurse', 'llr-community-health', 'health', 'mat-practitioner', 'leicester')
    await person('gp', 'llr-icb', 'health', 'mat-practitioner', 'leicester')
    ;({ conferenceId } = await newConference({
      invitees: [{ agencyId: 'llr-community-health', email: 'NURSE@llr-community-health.example' }],
      chairUserId: as('chair').actor.id,
    }))
  })
  after(() => database.close())

  it('sends the survey: the link is kept only as its hash, the email names no child, and the step is audited', async () => {
    const { token, email } = await send()
    assert.equal(email.recipient, 'parent.one@example.com')
    assert.doesNotMatch(JSON.stringify(email.personalisation), /Zephyrine|Quillfeather|VOICE-/)
    const link = await database.db.selectFrom('voice_link').selectAll().executeTakeFirstOrThrow()
    assert.equal(link.token_hash, createHash('sha256').update(token).digest('hex'))
    assert.doesNotMatch(JSON.stringify(link), new RegExp(token))
    assert.doesNotMatch(JSON.stringify(link), /parent/i)
    const audit = await database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('action', '=', 'voice.issue')
      .where('actor_id', '=', as('bs').actor.id)
      .execute()
    assert.ok(audit.some((row) => row.outcome === 'allowed'))
    const page = await surveysForConference(ctx, as('chair'), conferenceId)
    assert.equal(page.surveysSent.length, 1)
    assert.equal(page.surveysSent[0]?.state, 'Not answered yet')
  })

  it('refuses a bad address naming the field, someone who does not book conferences, another LA (404) and a conference not yet held', async () => {
    await assert.rejects(issueSurvey(ctx, as('bs'), conferenceId, { email: 'not an address' }), (error) => {
      assert.ok(error instanceof InvalidInput)
      assert.deepEqual(
        error.problems.map((p) => p.field),
        ['email'],
      )
      return true
    })
    await assert.rejects(issueSurvey(ctx, as('screener'), conferenceId, { email: 'a@example.com' }), {
      statusCode: 403,
    })
    await assert.rejects(issueSurvey(ctx, as('bs-shire'), conferenceId, { email: 'a@example.com' }), {
      statusCode: 404,
    })
    await assert.rejects(
      issueSurvey(ctx, as('bs'), '00000000-0000-4000-8000-000000000000', { email: 'a@example.com' }),
      { statusCode: 404 },
    )
    const booked = await newConference({ status: 'booked' })
    await assert.rejects(issueSurvey(ctx, as('bs'), booked.conferenceId, { email: 'a@example.com' }), {
      statusCode: 409,
    })
  })

  it('the family’s link shows only the conference’s day, is answered once, and then refuses reuse (410)', async () => {
    const { token } = await send()
    const opened = await openSurvey(ctx, token)
    assert.deepEqual(opened, { meetingDate: '2026-11-09', audience: 'family' })
    await assert.rejects(answerSurvey(ctx, token, { understood: 'yes' }), (error) => {
      assert.ok(error instanceof InvalidInput)
      assert.deepEqual(error.problems.map((p) => p.field).sort(), ['heard', 'reports'])
      return true
    })
    await openSurvey(ctx, token) // a refused answer leaves the link usable
    await answerSurvey(ctx, token, ANSWERS)
    await assert.rejects(openSurvey(ctx, token), { statusCode: 410 })
    await assert.rejects(answerSurvey(ctx, token, ANSWERS), { statusCode: 410 })
    await assert.rejects(openSurvey(ctx, `${token.slice(0, -2)}xx`), { statusCode: 410 })
    const response = await database.db
      .selectFrom('voice_response')
      .selectAll()
      .where('audience', '=', 'family')
      .executeTakeFirstOrThrow()
    assert.doesNotMatch(JSON.stringify(response), new RegExp(`${conferenceId}|Zephyrine|VOICE-`))
  })

  it('two answers through one link at once: one is kept, the other is refused', async () => {
    const { token } = await send()
    const outcomes = await Promise.allSettled([
      answerSurvey(ctx, token, ANSWERS),
      answerSurvey(ctx, token, ANSWERS),
    ])
    assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1)
  })

  it('a link expires after 14 days (410)', async () => {
    const { token } = await send()
    const saved = clock
    clock = new Date(clock.getTime() + 14 * 24 * 60 * 60_000 - 1000)
    await openSurvey(ctx, token)
    clock = new Date(saved.getTime() + 14 * 24 * 60 * 60_000 + 1000)
    await assert.rejects(openSurvey(ctx, token), { statusCode: 410 })
    await assert.rejects(answerSurvey(ctx, token, ANSWERS), { statusCode: 410 })
    clock = saved
    const page = await surveysForConference(ctx, as('bs'), conferenceId)
    assert.ok(page.surveysSent.some((s) => s.state === 'Answered'))
  })

  it('a practitioner at the meeting answers once; the chair too; someone not invited is 404', async () => {
    const survey = await practitionerSurvey(ctx, as('nurse'), 'conference', conferenceId)
    assert.deepEqual(survey, {
      kindText: 'child protection conference',
      meetingDate: '2026-11-09',
      held: true,
      answered: false,
    })
    const answers = { purpose: 'yes', contributed: 'yes', prepared: 'partly' }
    await answerPractitionerSurvey(ctx, as('nurse'), 'conference', conferenceId, answers)
    await assert.rejects(answerPractitionerSurvey(ctx, as('nurse'), 'conference', conferenceId, answers), {
      statusCode: 409,
    })
    assert.equal((await practitionerSurvey(ctx, as('nurse'), 'conference', conferenceId)).answered, true)
    await answerPractitionerSurvey(ctx, as('chair'), 'conference', conferenceId, answers)
    await assert.rejects(practitionerSurvey(ctx, as('gp'), 'conference', conferenceId), { statusCode: 404 })
    await assert.rejects(practitionerSurvey(ctx, as('nurse'), 'strategy-discussion', conferenceId), {
      statusCode: 404,
    })
    await assert.rejects(practitionerSurvey(ctx, as('nurse'), 'nonsense' as 'conference', conferenceId), {
      statusCode: 404,
    })
    const kept = await database.db
      .selectFrom('voice_response')
      .selectAll()
      .where('audience', '=', 'practitioner')
      .execute()
    assert.equal(kept.length, 2)
    assert.doesNotMatch(JSON.stringify(kept), new RegExp(`${as('nurse').actor.id}|${conferenceId}`))
  })

  it('results are counted by theme, 1 to 4 shown as fewer than 5, the words only to the administrator from 5 answers', async () => {
    let found = await results(ctx, as('scrutineer'))
    const families = found.audiences.find((a) => a.audience === 'family')
    assert.equal(families?.answered, 'fewer than 5') // 2 answered
    const understood = families?.themes
      .find((t) => t.key === 'understanding')
      ?.questions.find((q) => q.key === 'understood')
    assert.deepEqual(
      understood?.counts.map((c) => c.shown),
      ['fewer than 5', '0', '0'],
    )
    assert.equal(families?.suggestions, null)
    assert.equal(found.manages, false)
    for (let i = 0; i < 3; i += 1) await answerSurvey(ctx, (await send()).token, ANSWERS)
    found = await results(ctx, as('admin'))
    const more = found.audiences.find((a) => a.audience === 'family')
    assert.equal(more?.answered, '5')
    assert.equal(more?.themes.find((t) => t.key === 'understanding')?.questions[0]?.counts[0]?.shown, '5')
    assert.equal(more?.suggestions?.length, 5)
    assert.equal(found.manages, true)
    assert.doesNotMatch(JSON.stringify(found), /Zephyrine|Quillfeather|VOICE-|nurse|chair/)
    await results(ctx, as('analyst'))
    for (const name of ['bs', 'chair', 'screener', 'nurse'])
      await assert.rejects(results(ctx, as(name)), { statusCode: 403 })
  })

  it('the administrator records what was changed against a theme; no one else may; the field is named', async () => {
    await recordChange(ctx, as('admin'), {
      theme: 'information',
      whatWeChanged: 'Reports now go to parents 5 working days before the conference',
    })
    await assert.rejects(
      recordChange(ctx, as('admin'), { theme: 'nonsense', whatWeChanged: '' }),
      (error) => {
        assert.ok(error instanceof InvalidInput)
        assert.deepEqual(error.problems.map((p) => p.field).sort(), ['theme', 'whatWeChanged'])
        return true
      },
    )
    await assert.rejects(recordChange(ctx, as('scrutineer'), { theme: 'information', whatWeChanged: 'x' }), {
      statusCode: 403,
    })
    const found = await results(ctx, as('scrutineer'))
    assert.deepEqual(found.changes, [
      {
        theme: 'Information before the meeting',
        whatWeChanged: 'Reports now go to parents 5 working days before the conference',
        changedOn: '2026-11-10',
      },
    ])
    const audit = await database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('action', 'in', ['voice.manage', 'voice.results'])
      .execute()
    assert.ok(audit.some((row) => row.action === 'voice.manage' && row.outcome === 'allowed'))
    assert.ok(audit.some((row) => row.action === 'voice.results' && row.outcome === 'denied'))
  })
})
