// A partnership's child for tests that look at it from inside and outside the partnership: the first
// LA's first child with an NHS number, known to the partnership's police force (invited to a
// meeting), so the force's system may read the child's record through the API.

import { recordInvolvements } from '../../src/children/index.ts'
import type { Database } from '../../src/database.ts'
import type { DemoUser } from '../../src/identity/demo-users.ts'
import { holderOf } from '../../src/identity/testing.ts'
import type { PartnershipConfig } from '../../src/partnership/config.ts'

export async function childKnownToPolice(
  database: Database,
  partnership: PartnershipConfig,
  users: readonly DemoUser[],
): Promise<{ child: { id: string; nhs: string }; police: string }> {
  const child = await database.db
    .selectFrom('child')
    .select(['id', 'nhs_number'])
    .where('la_id', '=', partnership.local_authorities[0]?.id as string)
    .where('nhs_number', 'is not', null)
    .orderBy('la_child_id')
    .executeTakeFirstOrThrow()
  const police = holderOf(users, 'police-public-protection').agencyId
  await database.db
    .transaction()
    .execute((trx) =>
      recordInvolvements(trx, [
        { childId: child.id, agencyId: police, kind: 'meeting', reason: 'invited to meeting' },
      ]),
    )
  return { child: { id: child.id, nhs: child.nhs_number as string }, police }
}
