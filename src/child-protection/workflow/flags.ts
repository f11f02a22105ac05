// What the child's record flags of child protection: a live plan, an open section 47 enquiry, and the
// strategy discussions and conferences to come, each only where the reader may open it.

import type { Transaction } from 'kysely'
import type { ChildFlag, ChildFlagSource } from '../../children/index.ts'
import type { DB } from '../../database.ts'
import { meetingResource } from '../../meetings/index.ts'
import type { Actor } from '../../platform/access/actor.ts'
import { type ChildResource, decide } from '../../platform/access/policy.ts'
import type { IsoDate } from '../../platform/calendar/working-days.ts'
import { govukDate, govukDateAndTime } from '../../platform/http/dates.ts'
import { CONFERENCE_KIND_LABELS, CP_CATEGORY_LABELS } from '../rules/conference.ts'
import { type FlaggedStep, findFlaggedSteps, mayHaveFlaggedSteps } from '../store/flags.ts'

export const childProtectionFlags: ChildFlagSource = { mayHave: mayHaveFlaggedSteps, read: readFlags }

async function readFlags(
  trx: Transaction<DB>,
  actor: Actor,
  child: ChildResource,
  today: string,
): Promise<ChildFlag[]> {
  const steps = await findFlaggedSteps(trx, child.childId, today as IsoDate)
  return steps.filter((step) => mayOpen(actor, child, step)).map(flagOf)
}

/** A plan is read with the child's record, which the reader holds; the rest with their meeting. */
function mayOpen(actor: Actor, child: ChildResource, step: FlaggedStep): boolean {
  if (step.kind === 'plan') return true
  const meeting = meetingResource(child, { ...step, id: step.kind === 's47' ? step.meetingId : step.id })
  return decide(actor, 'meeting.view', meeting).allowed
}

function flagOf(step: FlaggedStep): ChildFlag {
  switch (step.kind) {
    case 'plan':
      return {
        title: 'On a child protection plan',
        detail: `${CP_CATEGORY_LABELS[step.category]}, since ${govukDate(step.date)}`,
        href: `/plans/${step.id}`,
      }
    case 's47':
      return {
        title: 'Section 47 enquiry open',
        detail: `Since ${govukDate(step.date)}${step.joint ? ', jointly with police' : ''}; initial conference due by ${govukDate(step.dueBy)}`,
        href: `/section-47/${step.id}`,
      }
    case 'discussion':
      return {
        title: 'Strategy discussion',
        detail: govukDateAndTime(step.date, step.time),
        href: `/strategy-discussions/${step.id}`,
      }
    case 'conference':
      return {
        title: CONFERENCE_KIND_LABELS[step.conferenceKind],
        detail: govukDateAndTime(step.date, step.time),
        href: `/conferences/${step.id}`,
      }
  }
}
