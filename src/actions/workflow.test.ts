// Actions on a real database (PGlite): a strategy discussion's actions are stored in the generic
// table, the owner closes one with evidence (and only the owner, only with evidence), the overdue
// alert goes once, and status counts working days across a bank holiday.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import {
  caller,
  decidedDiscussion,
  insertChild,
  leicester,
  openChildProtection,
} from '../../test/support/child-protection.ts'
import type { TestDatabase } from '../../test/support/database.ts'
import { RequestError } from '../platform/http/errors.ts'
import { InvalidInput } from '../platform/http/schemas.ts'
import { actionDueBy } from './rules.ts'
import { type ActionsContext, alertOverdue, completeAction, listOwnActions, readAction } from './workflow.ts'

// Tuesday 31 March 2026; Good Friday is 3 April and Easter Monday 6 April.
let now = new Date('2026-03-30T09:00:00Z')
const at = (iso: string) => {
  now = new Date(iso)
}

const POLICE = 'leicestershire-police'
const HEALTH = 'llr-community-health'
const policeOfficer = leicester.police
const healthVisitor = leicester.health
const anotherOfficer = caller('pc-2', POLICE, 'police', 'police-public-protection')

describe('actions', () => {
  let database: TestDatabase
  let ctx: ActionsContext
  let discussionId: string
  const ids: Record<'police' | 'health', string> = { police: '', health: '' }

  before(async () => {
    const opened = await openChildProtection(() => now)
    database = opened.database
    ctx = { db: database.db, now: () => now }
    const childId = await insertChild(database, 'ACT-1')
    discussionId = await decidedDiscussion(opened.ctx, childId, {
      date: '2026-03-31',
      decision: 's47-joint',
      actions: [
        {
          description: 'Check police records of the household',
          ownerAgencyId: POLICE,
          ownerName: 'PC Jones',
          dueBy: actionDueBy('2026-04-02', 1),
        },
        {
          description: 'Visit at home',
          ownerAgencyId: HEALTH,
          ownerName: 'Hana Visitor',
          dueBy: '2026-04-02',
        },
      ],
    })
    const rows = await database.db
      .selectFrom('action')
      .select(['id', 'owner_agency_id'])
      .where('source_id', '=', discussionId)
      .execute()
    for (const row of rows) ids[row.owner_agency_id === POLICE ? 'police' : 'health'] = row.id
    for (const [email, agencyId, role] of [
      ['duty@police.example', POLICE, 'police-public-protection'],
      ['admin@police.example', POLICE, 'agency-admin'],
      ['hv@health.example', HEALTH, 'mat-practitioner'],
    ] as const) {
      const user = await database.db
        .insertInto('app_user')
        .values({
          agency_id: agencyId,
          email,
          display_name: email,
          password_hash: null,
          totp_secret: null,
          totp_enrolled_at: null,
          totp_last_step: null,
          locked_until: null,
          oidc_issuer: null,
          oidc_subject: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await database.db
        .insertInto('user_role')
        .values({ user_id: user.id, role, la_id: 'leicester' })
        .execute()
    }
  })
  after(() => database.dispose())

  it('keeps a strategy discussion’s actions in the generic table, about the child', async () => {
    const rows = await database.db
      .selectFrom('action')
      .select(['source_kind', 'position', 'owner_agency_id', 'due_by', 'completed_at'])
      .where('source_id', '=', discussionId)
      .orderBy('position')
      .execute()
    assert.deepEqual(rows, [
      {
        source_kind: 'strategy-discussion',
        position: 1,
        owner_agency_id: POLICE,
        due_by: '2026-04-07',
        completed_at: null,
      },
      {
        source_kind: 'strategy-discussion',
        position: 2,
        owner_agency_id: HEALTH,
        due_by: '2026-04-02',
        completed_at: null,
      },
    ])
  })

  it('counts working days to the due date across the Easter bank holidays', async () => {
    at('2026-04-02T09:00:00Z')
    const [police] = await listOwnActions(ctx, policeOfficer)
    assert.equal(police?.status, 'open')
    assert.equal(police?.workingDaysRemaining, 1)
    at('2026-04-06T09:00:00Z')
    assert.equal((await listOwnActions(ctx, policeOfficer))[0]?.status, 'open')
    at('2026-04-07T09:00:00Z')
    assert.equal((await listOwnActions(ctx, policeOfficer))[0]?.status, 'due-today')
    at('2026-04-08T09:00:00Z')
    assert.equal((await listOwnActions(ctx, policeOfficer))[0]?.status, 'overdue')
  })

  it('lists only the caller’s own agency’s actions', async () => {
    at('2026-04-02T09:00:00Z')
    const health = await listOwnActions(ctx, healthVisitor)
    assert.deepEqual(
      health.map((a) => [a.description, a.status]),
      [['Visit at home', 'due-today']],
    )
  })

  it('tells each owner agency of its overdue actions once, by email with a link and no child details', async () => {
    at('2026-04-03T08:00:00Z')
    assert.equal(await alertOverdue(database.db, now), 1)
    assert.equal(await alertOverdue(database.db, now), 0)
    at('2026-04-08T08:00:00Z')
    assert.equal(await alertOverdue(database.db, now), 1)
    assert.equal(await alertOverdue(database.db, now), 0)
    const emails = await database.db
      .selectFrom('notification_outbox')
      .select(['recipient', 'personalisation'])
      .where('template_id', '=', 'actions-overdue')
      .orderBy('recipient')
      .execute()
    assert.deepEqual(
      emails.map((e) => e.recipient),
      ['duty@police.example', 'hv@health.example'],
    )
    for (const email of emails) {
      assert.deepEqual(email.personalisation, { count: '1', actions_link: '/actions' })
    }
  })

  it('refuses to close an action without evidence, and changes nothing', async () => {
    const refused = await completeAction(ctx, policeOfficer, ids.police, { evidence: '   ' }).then(
      () => assert.fail('closed without evidence'),
      (error: unknown) => error,
    )
    assert.ok(refused instanceof InvalidInput)
    assert.deepEqual(
      refused.problems.map((p) => p.field),
      ['evidence'],
    )
    assert.equal((await readAction(ctx, policeOfficer, ids.police)).completed_at, null)
  })

  it('refuses another agency, who may not read or close it', async () => {
    for (const attempt of [
      () => completeAction(ctx, healthVisitor, ids.police, { evidence: 'Done' }),
      () => readAction(ctx, healthVisitor, ids.police),
    ]) {
      const refused = await attempt().then(
        () => assert.fail('another agency reached the action'),
        (error: unknown) => error,
      )
      assert.ok(refused instanceof RequestError)
      assert.equal(refused.statusCode, 403)
      assert.match(refused.message, /Only the agency that owns this action/)
    }
  })

  it('closes an action with evidence once, on the child’s chronology, by anyone at the owner agency', async () => {
    at('2026-04-08T10:00:00Z')
    await completeAction(ctx, anotherOfficer, ids.police, {
      evidence: ' PNC and local checks done on 8 April ',
    })
    const action = await readAction(ctx, policeOfficer, ids.police)
    assert.equal(action.status, 'done')
    assert.equal(action.evidence, 'PNC and local checks done on 8 April')
    assert.equal(action.completed_by, 'user:pc-2')
    const again = await completeAction(ctx, policeOfficer, ids.police, { evidence: 'Again' }).then(
      () => assert.fail('closed twice'),
      (error: unknown) => error,
    )
    assert.ok(again instanceof RequestError && again.statusCode === 409)
    const events = await database.db
      .selectFrom('domain_event')
      .select(['summary', 'agency_id'])
      .where('type', '=', 'action.completed')
      .execute()
    assert.deepEqual(events, [
      { summary: 'Strategy discussion action 1 done after its due date, by pc-2', agency_id: POLICE },
    ])
    const audited = await database.db
      .selectFrom('audit_event')
      .select('action')
      .where('actor_id', '=', 'pc-2')
      .execute()
    assert.ok(audited.some((row) => row.action === 'part.write'))
  })
})
