// The partnership's assurance and learning for the demo, taken through the same use cases people use:
// - self-assessment: last year's round, which the first LA and the police submitted; this year's,
//   due in three weeks: the first LA and the police have submitted (the partnership administrator
//   has challenged one of the police's ratings, not yet answered), health has rated some standards
//   and not submitted, the school has not started;
// - a learning briefing: the reviews lead writes one on exploitation and sends it three days ago to
//   the safeguarding managers, front doors and MAT practitioners of the demo's agencies; two of them
//   have read and acknowledged it.
// Every date is counted from `now`, the demo's clock.

import type { Database } from '../database.ts'
import { acknowledgeBriefing, publish, writeBriefing } from '../learning/index.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import type { Actor } from '../platform/access/actor.ts'
import {
  challengeStandard,
  openRound,
  rateStandard,
  readReturn,
  startReturn,
  submitReturn,
} from '../self-assessment/index.ts'
import { asCaller, daysFrom, demoCast, isoDaysFrom } from './cast.ts'

/** Each agency's ratings, standard by standard (1 not met to 4 met and embedded), last year and this. */
const RATINGS = {
  la: { last: [3, 2, 3, 2, 3, 3, 2, 3], now: [3, 3, 4, 2, 3, 3, 3, 3] },
  police: { last: [2, 2, 3, 3, 2, 3, 3, 2], now: [3, 2, 2, 3, 3, 3, 3, 3] },
  health: { now: [4, 3, 3] },
} as const

const EVIDENCE = [
  'Board minutes and the safeguarding annual report; the lead attends each partnership meeting.',
  'Job descriptions name safeguarding duties; checked in every appraisal this year.',
  'Children’s views are recorded in each assessment sampled by our own audit (18 of 20).',
  'Training records: 87% of staff in date for level 2; level 3 for all designated staff.',
  'Single central record checked quarterly; two gaps found and closed in the spring.',
  'Supervision policy; 9 of 10 case files sampled show supervision within 6 weeks.',
  'A named lead and deputy, on the intranet and on every team’s noticeboard.',
  'Escalation policy refreshed in the year; three escalations recorded and resolved.',
]

export interface DemoAssurance {
  returnsSubmitted: number
  challenges: number
  briefingSentTo: number
  acknowledged: number
}

/** Opens the demo's self-assessment rounds and sends its learning briefing; returns what it did. */
export async function sendDemoAssurance(
  database: Database,
  partnership: PartnershipConfig,
  now = new Date(),
): Promise<DemoAssurance> {
  const cast = await demoCast(database, partnership)
  const kind = (agencyKind: Actor['agencyKind']) => (actor: Actor) => actor.agencyKind === agencyKind
  const admin = cast.holder('partnership-admin')
  const lead = cast.holder('review-lead')
  const managers = {
    la: cast.holder('safeguarding-manager', kind('local-authority')),
    police: cast.holder('safeguarding-manager', kind('police')),
    health: cast.holder('safeguarding-manager', kind('health')),
  }
  if (!admin || !lead || !managers.la || !managers.police || !managers.health)
    return { returnsSubmitted: 0, challenges: 0, briefingSentTo: 0, acknowledged: 0 }
  const ctx = { db: database.db, partnership, now: () => now }
  const year = now.getUTCFullYear()

  // Last year's round: opened a year ago, the first LA's and the police's returns submitted.
  const yearAgo = { ...ctx, now: () => daysFrom(now, -365) }
  const lastRound = await openRound(yearAgo, asCaller(admin, 'demo-self-assessment'), {
    year: year - 1,
    dueOn: isoDaysFrom(now, -330),
  })
  await completeReturn(yearAgo, managers.la, lastRound.id, RATINGS.la.last, true)
  await completeReturn(yearAgo, managers.police, lastRound.id, RATINGS.police.last, true)

  // This year's round, due in three weeks.
  const round = await openRound(ctx, asCaller(admin, 'demo-self-assessment'), {
    year,
    dueOn: isoDaysFrom(now, 21),
  })
  const thisYear = { ...ctx, now: () => daysFrom(now, -4) }
  await completeReturn(thisYear, managers.la, round.id, RATINGS.la.now, true)
  const policeReturn = await completeReturn(thisYear, managers.police, round.id, RATINGS.police.now, true)
  await completeReturn(thisYear, managers.health, round.id, RATINGS.health.now, false)
  const challenged = policeReturn.standards[2]?.standard.id
  if (challenged)
    await challengeStandard(ctx, asCaller(admin, 'demo-self-assessment'), policeReturn.ret.id, challenged, {
      challenge:
        'Rated 2 this year after 3 last year: what changed in how children’s views are recorded, and ' +
        'what will the force do before the next round?',
    })

  // The learning briefing, sent three days ago; two recipients have read it.
  const sentAt = { ...ctx, now: () => daysFrom(now, -3) }
  const briefing = await writeBriefing(sentAt, asCaller(lead, 'demo-learning'), BRIEFING)
  const agencyIds = [...new Set(Object.values(managers).map((manager) => (manager as Actor).agencyId))]
  const { sent } = await publish(sentAt, asCaller(lead, 'demo-learning'), briefing.id, {
    agencyIds,
    roles: ['safeguarding-manager', 'front-door-screener', 'mat-practitioner'],
  })
  const readAt = { ...ctx, now: () => daysFrom(now, -2) }
  for (const reader of [managers.police, managers.health])
    await acknowledgeBriefing(readAt, asCaller(reader, 'demo-learning'), briefing.id)
  return { returnsSubmitted: 4, challenges: challenged ? 1 : 0, briefingSentTo: sent, acknowledged: 2 }
}

/** The agency's manager starts its return, rates the first standards (all of them) and, if asked, submits. */
async function completeReturn(
  ctx: { db: Database['db']; partnership: PartnershipConfig; now: () => Date },
  manager: Actor,
  roundId: string,
  ratings: readonly number[],
  submit: boolean,
) {
  const caller = asCaller(manager, 'demo-self-assessment')
  const started = await startReturn(ctx, caller, roundId)
  const file = await readReturn(ctx, caller, started.id)
  for (const [index, { standard }] of file.standards.entries()) {
    const rating = ratings[index]
    if (rating === undefined) break
    await rateStandard(ctx, caller, started.id, standard.id, {
      rating: String(rating),
      evidence: EVIDENCE[index % EVIDENCE.length],
      ...(rating < 3
        ? {
            actions: 'Audit a sample of case files again\nReport back to the partnership board',
            actionsDueOn: isoDaysFrom(ctx.now(), 120),
          }
        : {}),
    })
  }
  if (submit) await submitReturn(ctx, caller, started.id)
  return file
}

const BRIEFING = {
  title: 'Seven-minute briefing: children missing from home and exploitation',
  background:
    'Drawn from the partnership’s MACE meetings this autumn: three teenagers went missing again and ' +
    'again before anyone asked where they had been and who with.',
  keyFindings:
    'Each return home interview was offered but not taken up. Schools saw new phones, cash and older ' +
    'friends at the gate; the signs were seen by several agencies and not put together.',
  learning:
    'A child who goes missing repeatedly is telling us something. Missing episodes, school absence and ' +
    'new possessions together are a picture of exploitation, not three separate worries.',
  doDifferently:
    'Refer to MACE after the second missing episode in 90 days. Share what you saw the same day. ' +
    'Ask the police what they know (form 87a) rather than waiting for the meeting.',
  reflectionQuestions:
    'What would this child say happened to them? Who in your team would know if they went missing ' +
    'again tonight?',
  furtherReading: 'Child exploitation: practice guidance (the partnership’s procedures, section 4).',
  themes: ['exploitation', 'information-sharing'],
}
