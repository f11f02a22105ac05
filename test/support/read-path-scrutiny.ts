// Independent scrutiny's part of the read-path scenario (read-path-scenario.ts): two more viewers (an
// independent scrutineer given a grant to the standard child's record, and one without any), and the
// grant itself, given by the child's LA's safeguarding manager (one of the partnership's leads). The
// granted scrutineer's actor holds the grant as their session does (identity/store.ts), so every
// path the matrix asks about the child (its page, its chronology and their entries) expects the
// record open to them, and closed to the other.

import { getChildResource } from '../../src/children/index.ts'
import { DEMO_PASSWORD } from '../../src/identity/index.ts'
import { actorForColleague } from '../../src/identity/sessions.ts'
import { signIn } from '../../src/identity/testing.ts'
import type { PartnershipConfig } from '../../src/partnership/config.ts'
import type { Actor, Role } from '../../src/platform/access/actor.ts'
import type { ScrutinyResource } from '../../src/platform/access/policy.ts'
import { grant } from '../../src/scrutiny/workflow.ts'
import type { TestApp } from './app.ts'
import { enrolUser } from './people.ts'
import type { Scenario, Viewer } from './read-path-scenario.ts'

export interface ScenarioScrutiny {
  grantId: string
  /** As the guard builds it now (scrutiny/workflow.ts): the grant is current, to the granted scrutineer. */
  resource: ScrutinyResource
  familyName: string
  childId: string
}

const LA = 'leicester-city-council'
const SCRUTINY_AGENCY = 'llr-probation'

export async function seedScrutiny(
  t: TestApp,
  partnership: PartnershipConfig,
  s: Scenario,
): Promise<{ viewers: Viewer[]; scrutiny: ScenarioScrutiny }> {
  const db = t.database.db
  const person = async (name: string, agencyId: string, role: Role, laId: string | null) => {
    const email = `${name.replace(/\s+/g, '-')}@${agencyId}.example`
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
  const granted = await person('scrutineer with a grant', SCRUTINY_AGENCY, 'independent-scrutineer', null)
  const without = await person('scrutineer without a grant', SCRUTINY_AGENCY, 'independent-scrutineer', null)
  const lead = {
    actor: (await person('seed-scrutiny-lead', LA, 'safeguarding-manager', 'leicester')).actor,
    origin: { ip: '127.0.0.1', requestId: 'read-path-scrutiny-lead' },
  }
  const child = s.children.find((c) => c.sensitivity === 'standard')
  if (!child) throw new Error('no standard child')
  const ctx = { db, partnership, now: () => new Date() }
  const row = await grant(ctx, lead, {
    granteeId: granted.actor.id,
    nhsNumber: child.nhsNumber,
    purpose: 'Read-path: scrutiny of the standard child’s case',
    endsOn: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
  })
  const about = await getChildResource(db, child.childId)
  granted.actor = {
    ...granted.actor,
    scrutinyGrants: new Map([[child.childId, { grantId: row.id, purpose: row.purpose }]]),
  }
  return {
    viewers: [granted, without],
    scrutiny: {
      grantId: row.id,
      resource: { kind: 'scrutiny', child: about, laId: about.laId, grantedUserIds: [granted.actor.id] },
      familyName: child.familyName,
      childId: child.childId,
    },
  }
}
