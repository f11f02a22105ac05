import type { Insertable, Kysely } from 'kysely'
import type { ChildProtectionPlanTable } from '../../src/child-protection/index.ts'
import type { DB } from '../../src/database.ts'

/** A child protection plan as if a conference had started it: for tests about what a live plan changes. */
export async function insertCpPlan(
  db: Kysely<DB>,
  plan: Insertable<ChildProtectionPlanTable>,
): Promise<string> {
  const row = await db
    .insertInto('child_protection_plan')
    .values(plan)
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
