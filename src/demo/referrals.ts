// A few open referrals for the demo partnership, sent the way a school's system would send them
// (through the API with its own key), so the front-door queue has work in it on first start.

import type { FastifyInstance } from 'fastify'
import type { Database } from '../database.ts'
import { apiKeyPrefix, hashToken, newApiKey } from '../identity/secrets.ts'
import { createApiClient } from '../identity/store.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'

const CONCERNS = [
  {
    whatHappened: 'Arrived at school with a bruise on the cheek and said a parent hit them last night.',
    worries: 'Second injury noticed this term; frightened to go home.',
    urgency: 'urgent',
  },
  {
    whatHappened: 'Has come to school hungry and in the same clothes all week.',
    worries: 'Younger siblings may be left at home alone in the evenings.',
    urgency: 'standard',
  },
  {
    whatHappened: 'Told a teaching assistant about arguments and shouting at home most nights.',
    worries: 'Attendance has fallen to 70% and they seem withdrawn.',
    urgency: 'standard',
  },
  {
    whatHappened: 'Seen getting into a car with older young people after school on several days.',
    worries: 'New phone and trainers they cannot explain; missing afternoon lessons.',
    urgency: 'urgent',
  },
] as const

interface DemoChild {
  given_name: string
  family_name: string
  date_of_birth: string | null
  nhs_number: string | null
  postcode: string | null
}

/** Sends `count` referrals about demo children; returns how many the front door accepted. */
export async function sendDemoReferrals(
  app: Pick<FastifyInstance, 'inject'>,
  database: Database,
  partnership: PartnershipConfig,
  count = 8,
): Promise<number> {
  const school = partnership.agencies.find((agency) => agency.kind === 'education')
  if (!school) return 0
  const key = await schoolSystemKey(database, school.id)
  const children = await demoChildren(database, count)
  let accepted = 0
  for (const [index, child] of children.entries()) {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/referrals',
      headers: { authorization: `Bearer ${key}`, 'idempotency-key': `demo-referral-${index}` },
      payload: referralAbout(child, index),
    })
    if (response.statusCode < 300) accepted += 1
  }
  return accepted
}

async function schoolSystemKey(database: Database, agencyId: string): Promise<string> {
  const key = newApiKey()
  await createApiClient(database.db, {
    agencyId,
    name: 'Demo school information system',
    keyPrefix: apiKeyPrefix(key),
    keyHash: hashToken(key),
    scopes: ['contacts:write'],
  })
  return key
}

function demoChildren(database: Database, count: number): Promise<DemoChild[]> {
  return database.db
    .selectFrom('child')
    .innerJoin('household', 'household.id', 'child.household_id')
    .select([
      'child.given_name',
      'child.family_name',
      'child.date_of_birth',
      'child.nhs_number',
      'household.postcode',
    ])
    .where('child.date_of_birth', 'is not', null)
    .where('child.date_of_birth', '>', '2010-01-01')
    .orderBy('child.la_child_id')
    .limit(count)
    .execute() as Promise<DemoChild[]>
}

function referralAbout(child: DemoChild, index: number) {
  const concern = CONCERNS[index % CONCERNS.length] as (typeof CONCERNS)[number]
  return {
    child: {
      firstName: child.given_name,
      lastName: child.family_name,
      ...(child.date_of_birth ? { dateOfBirth: child.date_of_birth } : {}),
      ...(child.postcode ? { postcode: child.postcode } : {}),
      ...(child.nhs_number ? { nhsNumber: child.nhs_number } : {}),
    },
    whatHappened: concern.whatHappened,
    worries: concern.worries,
    familyKnows: 'The family has been told the school is sharing this concern.',
    consent: 'given',
    urgency: concern.urgency,
    referralSource: '2A',
    referrer: {
      name: 'Demo Designated Lead',
      role: 'Designated safeguarding lead',
      email: 'dsl@school.example',
    },
  }
}
