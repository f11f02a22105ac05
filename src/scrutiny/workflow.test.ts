// Independent scrutiny's use cases against a real database: the workspace (aggregates, no child
// named, the scrutineer's alone), a lead's grant of a child's record they may open (by NHS number or a
// serious incident's reference), refused the same for a child unknown or out of their reach, the
// scrutineer reading through a current grant and nobody else, the grant ending at its date (refused,
// and the end recorded in the audit once), revocation, the reminder before the end (once, to the
// scrutineer and the lead, naming no child), and the audit of every step.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { enrolledCaller } from '../../test/support/people.ts'
import { insertCpPlan } from '../../test/support/plans.ts'
import { nhsCheckDigit } from '../children/index.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import type { AgencyKind, Role } from '../platform/access/actor.ts'
import type { Caller } from '../platform/access/guard.ts'
import { RequestError } from '../platform/http/errors.ts'
import { InvalidInput } from '../platform/http/schemas.ts'
import {
  grant,
  grantForm,
  listGrants,
  readGranted,
  recordEndedGrants,
  revoke,
  type ScrutinyContext,
  sendGrantReminders,
  workspace,
} from './workflow.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname
const CITY = 'leicester-city-council'
const DAY = 86_400_000
let clock = new Date('2026-12-07T10:00:00Z')

/** A valid NHS number from nine digits. */
const nhs = (nine: string) => `${nine}${nhsCheckDigit(nine)}`

const outcome = async (work: Promise<unknown>) => {
  try {
    await work
    return 200
  } catch (error) {
    if (error instanceof InvalidInput) return 400
    if (error instanceof RequestError) return error.statusCode
    throw error
  }
}
const problemsOf = async (work: Promise<unknown>) => {
  try {
    await work
  } catch (error) {
    if (error instanceof InvalidInput) return error.problems
    throw error
  }
  return []
}

describe('independent scrutiny', () => {
  let database: TestDatabase
  let ctx: ScrutinyContext
  const callers: Record<string, Caller> = {}
  const numbers: Record<string, string> = {}
  const ids: Record<string, string> = {}

  const person = (name: string, agencyId: string, kind: AgencyKind, role: Role, agencyLaId?: string) =>
    enrolledCaller(database.db, {
      name,
      agencyId,
      agencyKind: kind,
      role,
      ...(agencyLaId ? { agencyLaId } : {}),
    })
  const child = async (key: string, laId: string, nine: string, sensitivity = 'standard') => {
    numbers[key] = nhs(nine)
    const row = await database.db
      .insertInto('child')
      .values({
        la_id: laId,
        la_child_id: key,
        given_name: `Scrutiny${key}`,
        family_name: 'Child',
        sex: 'F',
        nhs_number: numbers[key],
        sensitivity: sensitivity as 'standard',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    ids[key] = row.id
  }
  const audit = (action: string, childId?: string) =>
    database.db
      .selectFrom('audit_event')
      .select(['actor_kind', 'outcome', 'detail', 'child_id'])
      .where('action', '=', action)
      .$if(childId !== undefined, (q) => q.where('child_id', '=', childId as string))
      .orderBy('seq')
      .execute()
  const today = () => clock.toISOString().slice(0, 10)
  const inDays = (n: number) => new Date(clock.getTime() + n * DAY).toISOString().slice(0, 10)
  const asked = (key: string, more: Record<string, unknown> = {}) => ({
    granteeId: callers.scrutineer?.actor.id,
    nhsNumber: numbers[key],
    purpose: 'Scrutiny of the neglect audit’s findings',
    endsOn: inDays(14),
    ...more,
  })

  before(async () => {
    database = await openTestDatabase()
    ctx = { db: database.db, partnership: await loadPartnershipConfig(LLR), now: () => clock }
    callers.scrutineer = await person('Sian Scrutineer', 'llr-probation', 'other', 'independent-scrutineer')
    callers.other = await person('Otto Scrutineer', 'llr-probation', 'other', 'independent-scrutineer')
    callers.la = await person('Lena Lead', CITY, 'local-authority', 'safeguarding-manager', 'leicester')
    callers.police = await person('Pat Police', 'leicestershire-police', 'police', 'safeguarding-manager')
    callers.school = await person('Sol School', 'leicester-schools', 'education', 'safeguarding-manager')
    await child('city', 'leicester', '943476591')
    await child('rutland', 'rutland', '401023213')
    await child('sealed', 'leicester', '401023214', 'sealed')
    await insertCpPlan(database.db, {
      child_id: ids.city as string,
      la_id: 'leicester',
      category: 'NEG',
      start_date: '2026-09-01',
    })
  })
  after(async () => database?.dispose())

  it('the workspace is the scrutineer’s: the partnership’s figures, no child named', async () => {
    const view = await workspace(ctx, callers.scrutineer as Caller)
    assert.equal(view.yearName, 'April 2026 to March 2027')
    assert.deepEqual(
      view.panels.map((panel) => panel.key),
      [
        'performance',
        'audits',
        'reviews',
        'self-assessment',
        'escalations',
        'voice',
        'lado',
        'yearly-report',
      ],
    )
    assert.doesNotMatch(JSON.stringify(view), /Scrutiny(city|rutland|sealed)/)
    assert.equal(
      (await workspace(ctx, callers.scrutineer as Caller, '2025')).yearName,
      'April 2025 to March 2026',
    )
    assert.equal(
      (await workspace(ctx, callers.scrutineer as Caller, '2031')).startYear,
      2026,
      'no future year',
    )
    assert.equal(await outcome(workspace(ctx, callers.la as Caller)), 403)
    assert.equal((await audit('scrutiny.view')).length, 3)
  })

  it('a school’s safeguarding manager is not one of the leads', async () => {
    assert.equal(await outcome(grant(ctx, callers.school as Caller, asked('city'))), 403)
  })

  it('refuses a bad grant naming each field, and a child out of reach as an unknown one', async () => {
    const la = callers.la as Caller
    const fields = async (input: unknown) => (await problemsOf(grant(ctx, la, input))).map((p) => p.field)
    assert.deepEqual(await fields({ ...asked('city'), endsOn: inDays(29) }), ['endsOn'])
    assert.deepEqual(await fields({ ...asked('city'), endsOn: inDays(-1) }), ['endsOn'])
    assert.deepEqual(await fields({ ...asked('city'), purpose: '' }), ['purpose'])
    assert.deepEqual(await fields({ ...asked('city'), nhsNumber: '1234567890' }), ['nhsNumber'])
    assert.deepEqual(await fields({ ...asked('city'), nhsNumber: undefined }), ['nhsNumber'])
    assert.deepEqual(await fields({ ...asked('city'), granteeId: callers.la?.actor.id }), ['granteeId'])
    const unknown = await problemsOf(grant(ctx, la, asked('city', { nhsNumber: nhs('401023299') })))
    const outOfReach = await problemsOf(grant(ctx, la, asked('rutland')))
    const sealed = await problemsOf(grant(ctx, la, asked('sealed')))
    assert.deepEqual(outOfReach, unknown, 'the same answer: no oracle')
    assert.deepEqual(sealed, unknown)
    assert.equal(unknown[0]?.text, 'No child whose record you may open has this NHS number')
    const refused = (await audit('scrutiny.grant', ids.rutland)).map((e) => e.outcome)
    assert.deepEqual(refused, ['denied'], 'the refusal is in the child’s trail')
    assert.equal((await database.db.selectFrom('scrutiny_grant').select('id').execute()).length, 0)
  })

  it('started from a child’s record: the form names a child the lead may grant, and 404s any other', async () => {
    const la = callers.la as Caller
    const form = await grantForm(ctx, la, ids.city)
    assert.equal(form.child?.given_name, 'Scrutinycity')
    for (const key of ['rutland', 'sealed'])
      assert.equal(await outcome(grantForm(ctx, la, ids[key])), 404, key)
    assert.equal(await outcome(grantForm(ctx, la, 'not-an-id')), 404)
    assert.equal(await outcome(grantForm(ctx, callers.school as Caller, ids.city)), 403)
    const byId = { ...asked('city'), nhsNumber: undefined }
    assert.equal(await outcome(grant(ctx, la, { ...byId, childId: ids.rutland })), 404)
    assert.deepEqual(
      (await problemsOf(grant(ctx, la, { ...byId, childId: 'nonsense' }))).map((p) => p.field),
      ['childId'],
    )
    const row = await grant(ctx, la, { ...byId, childId: ids.city })
    assert.equal(row.child_id, ids.city)
    await database.db.deleteFrom('notification_outbox').execute()
    await database.db.deleteFrom('scrutiny_grant').where('id', '=', row.id).execute()
  })

  let grantId = ''
  it('a lead grants a child they may open; the scrutineer reads it, nobody else does', async () => {
    const row = await grant(ctx, callers.la as Caller, asked('city'))
    grantId = row.id
    assert.equal(row.ends_on, inDays(14))
    assert.equal(row.expires_at.toISOString(), `${inDays(15)}T00:00:00.000Z`)
    const granted = await audit('scrutiny.grant', ids.city)
    assert.equal(granted.at(-1)?.outcome, 'allowed')
    assert.equal((granted.at(-1)?.detail as { grantId?: string } | undefined)?.grantId, row.id)

    const record = await readGranted(ctx, callers.scrutineer as Caller, row.id)
    assert.equal(record.child.given_name, 'Scrutinycity')
    assert.equal(record.plans.length, 1)
    const reads = await audit('scrutiny.record', ids.city)
    assert.equal(reads.length, 1)
    assert.equal(
      (reads[0]?.detail as { purpose?: string } | undefined)?.purpose,
      'Scrutiny of the neglect audit’s findings',
    )
    await readGranted(ctx, callers.scrutineer as Caller, row.id)
    assert.equal((await audit('scrutiny.record', ids.city)).length, 2, 'every read is audited')

    assert.equal(await outcome(readGranted(ctx, callers.other as Caller, row.id)), 404)
    assert.equal(await outcome(readGranted(ctx, callers.la as Caller, row.id)), 404)
    assert.equal(await outcome(readGranted(ctx, callers.scrutineer as Caller, 'not-an-id')), 404)

    const mine = await listGrants(ctx, callers.scrutineer as Caller)
    assert.equal(mine.leads, false)
    assert.deepEqual(
      mine.items.map((i) => [i.state, i.childName]),
      [['current', 'Scrutinycity Child']],
    )
    assert.equal((await listGrants(ctx, callers.other as Caller)).items.length, 0)
    const police = await listGrants(ctx, callers.police as Caller)
    assert.equal(police.items[0]?.childName, undefined, 'a lead who may not open the child sees it unnamed')
    assert.equal(police.items[0]?.mayRevoke, false)
    assert.equal((await listGrants(ctx, callers.la as Caller)).items[0]?.mayRevoke, true)
    assert.equal(await outcome(listGrants(ctx, callers.school as Caller)), 403, 'not one of the leads')
  })

  it('ends at its date: refused after, its end recorded in the audit once, listed as past', async () => {
    clock = new Date(`${inDays(15)}T00:30:00Z`)
    assert.equal(await outcome(readGranted(ctx, callers.scrutineer as Caller, grantId)), 404)
    assert.equal(await recordEndedGrants(ctx, clock), 1)
    assert.equal(await recordEndedGrants(ctx, clock), 0)
    const ended = (await audit('scrutiny.grant', ids.city)).filter(
      (e) => (e.detail as { step?: string }).step === 'ended',
    )
    assert.equal(ended.length, 1)
    assert.equal(ended[0]?.actor_kind, 'system')
    const [past] = (await listGrants(ctx, callers.scrutineer as Caller)).items
    assert.deepEqual([past?.state, past?.childName], ['ended', undefined])
    const denied = (await audit('scrutiny.record', ids.city)).filter((e) => e.outcome === 'denied')
    assert.equal(
      denied.length,
      3,
      'each refused read is audited: the other scrutineer, the lead, then the ended grant',
    )
  })

  it('a lead revokes a grant early; it opens nothing more; another lead out of reach cannot', async () => {
    const row = await grant(ctx, callers.la as Caller, asked('city', { endsOn: inDays(3) }))
    assert.equal(await outcome(readGranted(ctx, callers.scrutineer as Caller, row.id)), 200)
    assert.equal(
      await outcome(revoke(ctx, callers.police as Caller, row.id, { reason: 'No longer needed' })),
      404,
    )
    assert.equal(await outcome(revoke(ctx, callers.la as Caller, row.id, {})), 400)
    await revoke(ctx, callers.la as Caller, row.id, { reason: 'The scrutiny is finished' })
    assert.equal(await outcome(readGranted(ctx, callers.scrutineer as Caller, row.id)), 404)
    assert.equal(await outcome(revoke(ctx, callers.la as Caller, row.id, { reason: 'Again' })), 409)
    const emails = await database.db
      .selectFrom('notification_outbox')
      .select(['template_id', 'personalisation', 'reference'])
      .where('reference', '=', row.reference)
      .execute()
    assert.deepEqual(
      emails.map((e) => e.template_id).sort(),
      ['scrutiny-grant-given', 'scrutiny-grant-revoked'],
      'the scrutineer is told of the grant and of its early end',
    )
    for (const e of emails) {
      const text = JSON.stringify(e.personalisation)
      assert.match(text, /"link":"\/scrutiny\/grants"/)
      assert.doesNotMatch(text, /Scrutinycity|neglect|finished/, 'no child, purpose or reason in the email')
    }
    const given = emails.find((e) => e.template_id === 'scrutiny-grant-given')
    assert.match(JSON.stringify(given?.personalisation), /"ends_on":"\d{1,2} [A-Z][a-z]+ \d{4}"/)
    const revoked = (await audit('scrutiny.grant', ids.city)).filter(
      (e) => (e.detail as { step?: string }).step === 'revoked' && e.outcome === 'allowed',
    )
    assert.equal(revoked.length, 1)
    clock = new Date(clock.getTime() + 10 * DAY)
    assert.equal(await recordEndedGrants(ctx, clock), 0, 'a revoked grant does not end again')
  })

  it('a grant for a serious incident’s review names the review and opens the child', async () => {
    const incident = await database.db
      .insertInto('serious_incident')
      .values({
        child_id: ids.city as string,
        la_id: 'leicester',
        learned_on: today(),
        abuse_or_neglect: 'suspected',
        harm: 'seriously-harmed',
        what_happened: 'Synthetic',
        notify_by: inDays(7),
        recorded_at: clock,
        recorded_by: 'user:test',
        recorded_by_name: 'Test',
      })
      .returning('reference')
      .executeTakeFirstOrThrow()
    const input = {
      ...asked('city'),
      nhsNumber: undefined,
      incidentReference: incident.reference.toLowerCase(),
    }
    const row = await grant(ctx, callers.la as Caller, input)
    assert.equal(row.incident_reference, incident.reference)
    assert.equal(
      (await readGranted(ctx, callers.scrutineer as Caller, row.id)).child.given_name,
      'Scrutinycity',
    )
    const unknown = await problemsOf(
      grant(ctx, callers.la as Caller, { ...input, incidentReference: 'SI-9' }),
    )
    assert.deepEqual(
      unknown.map((p) => p.field),
      ['incidentReference'],
    )
  })

  it('reminds the scrutineer and the lead once, the configured days before a grant ends', async () => {
    const la = callers.la as Caller
    const ending = await grant(ctx, la, asked('city', { endsOn: inDays(5) }))
    await grant(ctx, la, asked('city', { endsOn: inDays(1) }))
    const dueFrom = new Date(`${inDays(4)}T00:00:00Z`)
    clock = new Date(dueFrom.getTime() - 60_000)
    assert.equal(await sendGrantReminders(ctx, clock), 0, 'not before the day')
    clock = dueFrom
    const [a, b] = await Promise.all([sendGrantReminders(ctx, clock), sendGrantReminders(ctx, clock)])
    assert.equal(a + b, 1, 'one grant reminded, once, however many servers run the job')
    assert.equal(await sendGrantReminders(ctx, clock), 0)
    const emails = await database.db
      .selectFrom('notification_outbox')
      .select(['recipient', 'template_id', 'personalisation'])
      .where('template_id', 'like', 'scrutiny-grant-ending%')
      .execute()
    const emailOf = async (caller: Caller) =>
      (
        await database.db
          .selectFrom('app_user')
          .select('email')
          .where('id', '=', caller.actor.id)
          .executeTakeFirstOrThrow()
      ).email
    assert.deepEqual(
      emails.map((e) => [e.template_id, e.recipient]).sort(),
      [
        ['scrutiny-grant-ending', await emailOf(callers.scrutineer as Caller)],
        ['scrutiny-grant-ending-lead', await emailOf(la)],
      ],
      'the grant given inside the window is not reminded',
    )
    for (const e of emails) {
      const text = JSON.stringify(e.personalisation)
      assert.match(text, new RegExp(`"reference":"${ending.reference}"`))
      assert.match(text, /"link":"\/scrutiny\/grants"/)
      assert.doesNotMatch(text, /Scrutinycity|neglect/, 'no child or purpose in the email')
    }
    const stored = await database.db
      .selectFrom('scrutiny_grant')
      .select('reminded_at')
      .where('id', '=', ending.id)
      .executeTakeFirstOrThrow()
    assert.equal(stored.reminded_at?.toISOString(), dueFrom.toISOString())
  })
})
