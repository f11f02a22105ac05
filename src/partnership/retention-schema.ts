// The partnership's retention schedule (`retention` in the partnership file): how many years each kind
// of record is kept before `masa retention --apply` deletes it (src/retention). A kind left out keeps
// its default, which README.md ("Retention") explains.

import { type Static, Type } from '@sinclair/typebox'

const Years = (after: string) =>
  Type.Integer({ minimum: 1, maximum: 120, description: `a whole number of years from 1 to 120 ${after}` })

export const RetentionSchedule = Type.Object(
  {
    referral_no_further_action: Type.Optional(Years('after the threshold decision')),
    child_record: Type.Optional(Years("after the child's date of birth")),
    lado_allegation: Type.Optional(Years("after the allegation's outcome")),
  },
  {
    additionalProperties: false,
    description:
      'the years each kind of record is kept (optional referral_no_further_action, child_record, lado_allegation)',
  },
)
export type RetentionSchedule = Static<typeof RetentionSchedule>
export type RetainedRecordType = keyof RetentionSchedule

/** The schedule's defaults, from the records-management guidance README.md names. */
export const DEFAULT_RETENTION_YEARS: Required<RetentionSchedule> = {
  referral_no_further_action: 6,
  child_record: 25,
  lado_allegation: 50,
}

/** The years each kind of record is kept: the partnership's own, else the defaults. */
export function retentionYears(schedule: RetentionSchedule | undefined): Required<RetentionSchedule> {
  return { ...DEFAULT_RETENTION_YEARS, ...schedule }
}
