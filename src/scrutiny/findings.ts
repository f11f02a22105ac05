// The case audits' findings in the auditors' own words, for the scrutineer's workspace: each moderated
// round of a reporting year with its programme, grade, findings and learning. The child is named only
// while a lead's current grant opens the child's record to the reader (the policy's `child.view`,
// reach `scrutiny-grant`, as for `review.identify`), and that read is audited; otherwise the child is
// "a child in" their LA and the child's names are taken out of the free text ("[name withheld]"). A child whose record has
// since been marked is left out, as the programme's own list leaves them out.

import type { Transaction } from 'kysely'
import { GRADES, moderatedFindings, withoutNames } from '../case-audits/index.ts'
import { getChildResources } from '../children/index.ts'
import type { DB } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { authorize, type Caller } from '../platform/access/guard.ts'
import { decide } from '../platform/access/policy.ts'
import type { IsoDate } from '../platform/calendar/working-days.ts'

export interface AuditFinding {
  reference: string
  title: string
  reAudit: boolean
  metOn: IsoDate
  grade: string
  /** The child's name through a current grant, else "A child in Leicester". */
  child: string
  named: boolean
  findings: string
  learning: string
}

export async function auditFindings(
  trx: Transaction<DB>,
  caller: Caller,
  partnership: PartnershipConfig,
  from: IsoDate,
  to: IsoDate,
): Promise<AuditFinding[]> {
  const rows = await moderatedFindings(trx, from, to)
  const children = await getChildResources(trx, [...new Set(rows.map((row) => row.child_id))])
  const laName = (laId: string) => partnership.local_authorities.find((la) => la.id === laId)?.name ?? laId
  const items: AuditFinding[] = []
  for (const row of rows) {
    const child = children.get(row.child_id)
    if (!child) continue
    const named = decide(caller.actor, 'child.view', child).allowed
    if (!named && child.sensitivity !== 'standard') continue
    if (named)
      authorize(trx, {
        ...caller,
        action: 'child.view',
        resource: child,
        detail: { caseAuditId: row.case_id, step: 'audit finding' },
      })
    const text = (words: string) => (named ? words : withoutNames(words, [row.given_name, row.family_name]))
    items.push({
      reference: row.reference,
      title: row.title,
      reAudit: row.round > 1,
      metOn: row.met_on,
      grade: GRADES[row.agreed_grade],
      child: named ? `${row.given_name} ${row.family_name}` : `A child in ${laName(row.la_id)}`,
      named,
      findings: text(row.findings),
      learning: text(row.learning),
    })
  }
  return items
}
