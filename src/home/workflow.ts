// A signed-in person's home: one section per kind of work the policy lets them do, each a short list,
// what is due first at the top, with counts and a link to the full list. Which sections appear is
// the policy's answer (`mayEver`); every record listed comes from the owning capability's list,
// which asks the policy about each one (and audits the look).

import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { viewAlerts } from '../alerts/index.ts'
import {
  chairWorkFor,
  DIARY_TYPE_LABELS,
  invitationsAndCirculationFor,
  meetingsToBookFor,
} from '../child-protection/index.ts'
import { childIdsInLa } from '../children/index.ts'
import type { DB } from '../database.ts'
import { nrmDueList } from '../disruption-nrm/index.ts'
import { disagreementsToEscalate } from '../escalation/index.ts'
import { openReferralsFor, sentReferralsFor } from '../front-door/index.ts'
import { getActor } from '../identity/index.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import type { Actor } from '../platform/access/actor.ts'
import { accessFrom, audited, authorize } from '../platform/access/guard.ts'
import { type Action, decide, mayEver } from '../platform/access/policy.ts'
import { EVERY_AGENCY } from '../platform/audit/routes.ts'
import { listBreakGlassEvents } from '../platform/audit/store.ts'
import { type TimeLeft, timeLeft } from '../platform/calendar/time-left.ts'
import type { PlatformDB } from '../platform/db/schema.ts'
import { govukDate, govukDateAndTime, govukDateTime } from '../platform/http/dates.ts'
import { eventsWeShared, inboxToAcknowledge } from '../sharing/index.ts'
import { type Item, type Section, SHORT_LIST, section } from './rules.ts'

export interface HomeDeps {
  db: Kysely<DB>
  partnership: PartnershipConfig
  now: () => Date
}

type Work = (deps: HomeDeps, request: FastifyRequest) => Promise<Section | Section[]>

/** Each kind of work, and the actions whose holders have it. */
const WORK: readonly { leadsTo: readonly Exclude<Action, 'part.view'>[]; sections: Work }[] = [
  { leadsTo: ['referral.screen', 'mat.contribute'], sections: referralsToDecide },
  { leadsTo: ['strategy.schedule', 'conference.schedule'], sections: meetingsToBook },
  { leadsTo: ['strategy.schedule', 'conference.schedule'], sections: invitationsAndCirculation },
  { leadsTo: ['strategy.chair', 'conference.chair'], sections: chairWork },
  { leadsTo: ['event.view'], sections: eventsToAcknowledge },
  { leadsTo: ['event.post'], sections: eventsShared },
  { leadsTo: ['referral.create'], sections: referralsSent },
  { leadsTo: ['escalation.raise'], sections: disagreementsOutOfTime },
  { leadsTo: ['mace.view'], sections: nrmDecisionsAwaited },
  { leadsTo: ['break-glass.report'], sections: breakGlassToReview },
  { leadsTo: ['statistics.view'], sections: performance },
  { leadsTo: ['user.administer', 'api-client.administer'], sections: administration },
]

/** The sections of this person's home page, in the order of WORK. */
export async function homeFor(deps: HomeDeps, request: FastifyRequest): Promise<Section[]> {
  const actor = getActor(request)
  const sections: Section[] = []
  for (const work of WORK)
    if (work.leadsTo.some((action) => mayEver(actor, action)))
      sections.push(...[await work.sections(deps, request)].flat())
  sections.push(await alerts(deps, request))
  return sections
}

/** Everyone's: what others recorded about the children they work with, the new ones. */
async function alerts(deps: HomeDeps, request: FastifyRequest) {
  const page = await viewAlerts(deps.db, { ...accessFrom(request), actor: getActor(request) }, deps.now())
  return section({
    title: 'Alerts about children you work with',
    noun: ['new alert', 'new alerts'],
    items: page.alerts
      .filter((alert) => alert.isNew)
      .map((alert) => ({
        text: `${alert.childName}: ${alert.kind}`,
        href: `/children/${alert.childId}/chronology`,
        hint: `${govukDateTime(alert.occurredAt)}, ${agencyName(deps, alert.agencyId)}`,
      })),
    more: { href: '/alerts', text: 'See all alerts' },
    empty: 'Nothing new about the children you work with.',
  })
}

const laName = (deps: HomeDeps, id: string) =>
  deps.partnership.local_authorities.find((la) => la.id === id)?.name ?? 'another area'

const agencyName = (deps: HomeDeps, id: string) =>
  deps.partnership.agencies.find((agency) => agency.id === id)?.name ?? 'another agency'

const due = (deps: HomeDeps, when: string | Date): TimeLeft => timeLeft(when, deps.now())

/** The partnership's standards: figures only, so the section is the way in, not a list. */
async function performance() {
  return section({
    title: 'Performance against the partnership’s standards',
    noun: ['dashboard', 'dashboards'],
    items: [
      {
        text: 'Performance dashboard',
        href: '/intelligence',
        hint: 'Each standard against its target, by area and month, and the list behind every figure',
      },
    ],
    countShown: false,
    empty: 'There are no figures for you to see.',
  })
}

async function referralsToDecide(deps: HomeDeps, request: FastifyRequest) {
  const rows = await openReferralsFor(deps, request)
  return section({
    title: 'Referrals waiting for a decision',
    noun: ['open referral', 'open referrals'],
    items: rows.map((row) => ({
      text: `${row.child_first_name} ${row.child_last_name}`,
      href: `/referrals/${row.id}`,
      hint: `${row.urgency === 'urgent' ? 'Urgent. ' : ''}Received ${govukDateTime(row.received_at)}, ${laName(deps, row.la_id)}`,
      due: due(deps, row.decision_due_by),
    })),
    more: { href: '/front-door', text: 'See the whole front door queue' },
    empty: 'There are no open referrals in your queues.',
  })
}

async function meetingsToBook(deps: HomeDeps, request: FastifyRequest) {
  const entries = await meetingsToBookFor(deps, request)
  return section({
    title: 'Meetings to book',
    noun: ['meeting to book', 'meetings to book'],
    items: entries.map((entry) => ({
      text: entry.childName,
      href: entry.type === 'decision' || !entry.bookHref ? '/diary/to-book' : entry.bookHref,
      hint: `${entry.type === 'decision' ? 'Strategy discussion' : DIARY_TYPE_LABELS[entry.type]}, ${laName(deps, entry.laId)}`,
      due: due(deps, entry.dueBy),
    })),
    more: { href: '/diary/to-book', text: 'See all meetings to book' },
    empty: 'Nothing waits to be booked.',
  })
}

async function invitationsAndCirculation(deps: HomeDeps, request: FastifyRequest) {
  const { awaitingReplies, toCirculate } = await invitationsAndCirculationFor(deps, request)
  const agencies = (ids: readonly string[]) => ids.map((id) => agencyName(deps, id)).join(', ')
  return [
    section({
      title: 'Invitations without replies',
      noun: ['strategy discussion waiting for replies', 'strategy discussions waiting for replies'],
      items: awaitingReplies.map((meeting) => ({
        text: meeting.childName,
        href: meeting.href,
        hint: `Strategy discussion, ${meetingWhen(meeting.meetingDate, meeting.meetingTime)}. No reply from ${agencies(meeting.agencyIds)}`,
      })),
      empty: 'Every agency invited to a strategy discussion has replied.',
    }),
    section({
      title: 'Records to circulate',
      noun: ['record not acknowledged by everyone', 'records not acknowledged by everyone'],
      items: toCirculate.map((record) => ({
        text: record.childName,
        href: record.href,
        hint: `${record.meeting} held ${govukDate(record.meetingDate)}. Not acknowledged by ${agencies(record.agencyIds)}`,
        due: due(deps, record.dueBy),
      })),
      empty: 'Every agency has acknowledged the records sent to it.',
    }),
  ]
}

async function chairWork(deps: HomeDeps, request: FastifyRequest) {
  const { toChair, toSignOff } = await chairWorkFor(deps, request)
  const actor = getActor(request)
  return [
    section({
      title: 'Meetings to chair',
      noun: ['meeting booked', 'meetings booked'],
      items: toChair.map((entry) => ({
        text: entry.childName,
        href: entry.href,
        hint: `${DIARY_TYPE_LABELS[entry.type]}, ${meetingWhen(entry.meetingDate, entry.meetingTime)}`,
      })),
      more: mayEver(actor, 'conference.schedule') ? { href: '/diary', text: 'See the diary' } : undefined,
      empty: 'No meetings are booked for you to chair.',
    }),
    ...(mayEver(actor, 'strategy.chair') || mayEver(actor, 'conference.chair')
      ? [
          section({
            title: 'Records to sign off',
            noun: ['record waiting', 'records waiting'],
            items: toSignOff.map((record) => ({
              text: record.childName,
              href: record.href,
              hint: `${record.meeting} held ${govukDate(record.meetingDate)}`,
              due: due(deps, record.dueBy),
            })),
            empty: 'No records wait for your sign-off.',
          }),
        ]
      : []),
  ]
}

function meetingWhen(date: string | null, time: string | null): string {
  if (!date) return 'not booked yet'
  return time ? govukDateAndTime(date, time) : govukDate(date)
}

async function eventsToAcknowledge(deps: HomeDeps, request: FastifyRequest) {
  const items = await inboxToAcknowledge(deps.db, request, deps.now())
  return section({
    title: 'Shared events to acknowledge',
    noun: ['event to acknowledge', 'events to acknowledge'],
    items: items.map((item) => ({
      text: `${item.typeLabel}: ${item.summary}`,
      href: `/sharing/inbox/${item.id}`,
      hint: `From ${agencyName(deps, item.senderAgencyId)}, ${govukDateTime(item.receivedAt)}${item.escalatedAt ? '. Escalated to your safeguarding manager' : ''}`,
      due: due(deps, item.dueAt),
    })),
    more: { href: '/sharing/inbox', text: 'See your agency’s inbox' },
    empty: 'Your agency has acknowledged everything shared with it.',
  })
}

async function eventsShared(deps: HomeDeps, request: FastifyRequest) {
  const events = await eventsWeShared(deps.db, request, deps.now(), { limit: SHORT_LIST })
  return section({
    title: 'Events your agency shared',
    noun: ['recent event', 'recent events'],
    items: events.map((event) => ({
      text: `${event.typeLabel}: ${event.summary}`,
      href: `/sharing/events/${event.id}`,
      hint: `Shared ${govukDateTime(event.sentAt)}`,
      recipients: event.recipients?.map((recipient) => ({
        agency: agencyName(deps, recipient.agencyId),
        acknowledged: recipient.state === 'acknowledged',
        due: recipient.acknowledgedAt ? undefined : due(deps, recipient.dueAt),
      })),
      ...(event.recipients === null && {
        everyoneTold: {
          acknowledged: event.acknowledgement.state === 'acknowledged',
          due: event.acknowledgement.dueAt ? due(deps, event.acknowledgement.dueAt) : undefined,
        },
      }),
    })),
    more: { href: '/sharing/events/new', text: 'Share an event' },
    empty: 'Your agency has not shared any events yet.',
  })
}

async function referralsSent(deps: HomeDeps, request: FastifyRequest) {
  const referrals = await sentReferralsFor(deps, request)
  return section({
    title: 'Your referrals',
    noun: ['referral sent', 'referrals sent'],
    items: referrals.map(
      (referral): Item => ({
        text: `${referral.child_first_name} ${referral.child_last_name}`,
        href: `/referrals/${referral.id}`,
        hint: `Sent ${govukDateTime(referral.received_at)}`,
        outcome: referral.outcomeLabel,
        due: referral.outcome ? undefined : due(deps, referral.decision_due_by),
      }),
    ),
    more: { href: '/referrals/new', text: 'Refer a child' },
    empty: 'You have not sent any referrals.',
  })
}

/** The professional disagreements the person raised whose stage has run out of time: escalate or resolve. */
async function disagreementsOutOfTime(deps: HomeDeps, request: FastifyRequest) {
  const caller = { actor: getActor(request), origin: accessFrom(request).origin }
  const disagreements = await disagreementsToEscalate(deps, caller)
  return section({
    title: 'Disagreements to escalate',
    noun: ['disagreement out of time', 'disagreements out of time'],
    items: disagreements.map((d) => ({
      text: d.childName,
      href: `/disagreements/${d.id}`,
      hint: `Stage ${d.stage} ran out of time: escalate it to the next stage, or record that it was resolved`,
      due: due(deps, d.stageDueBy),
    })),
    more: { href: '/disagreements', text: 'See your disagreements' },
    empty: 'None of the disagreements you raised has run out of time.',
  })
}

/** MACE's members: the NRM decisions awaited for the children of their LAs, what is due first at the top. */
async function nrmDecisionsAwaited(deps: HomeDeps, request: FastifyRequest) {
  const caller = { actor: getActor(request), origin: accessFrom(request).origin }
  const referrals = await nrmDueList(deps, caller)
  return section({
    title: 'NRM decisions awaited',
    noun: ['NRM decision awaited', 'NRM decisions awaited'],
    items: referrals.map((r) => ({
      text: r.childName,
      href: `/nrm-referrals/${r.id}`,
      ...(r.due.state === 'overdue' || r.due.state === 'due-today' || r.due.state === 'due'
        ? { hint: 'Reasonable grounds decision', due: { state: r.due.state, words: r.due.words } }
        : { hint: `Conclusive grounds decision: ${r.due.words.toLowerCase()}` }),
    })),
    more: { href: '/nrm-referrals', text: 'See the NRM decisions awaited' },
    empty: 'No NRM decision is awaited for the children of your MACE.',
  })
}

/**
 * Break-glass openings by the actor's agency's people (and, for an LA's own staff, on its children);
 * every agency's for whom the policy lets review the whole partnership's (the partnership administrator).
 */
async function breakGlassToReview(deps: HomeDeps, request: FastifyRequest) {
  const actor = getActor(request)
  const since = new Date(deps.now().getTime() - 7 * 86_400_000)
  const platformDb: Kysely<PlatformDB> = deps.db
  const everyAgency = decide(actor, 'break-glass.report', { kind: 'partnership' }).allowed
  const page = await audited(platformDb, async (trx) => {
    authorize(trx, {
      ...accessFrom(request),
      action: 'break-glass.report',
      resource: everyAgency ? { kind: 'partnership' } : { kind: 'agency', agencyId: actor.agencyId },
      detail: { list: 'home' },
    })
    if (everyAgency) return listBreakGlassEvents(trx, null, { limit: 100 })
    const children = actor.agencyLaId ? childIdsInLa(actor.agencyLaId) : undefined
    return listBreakGlassEvents(trx, actor.agencyId, { limit: 100, ...(children ? { children } : {}) })
  })
  const recent = page.entries.filter((entry) => new Date(entry.at) >= since).length
  return section({
    title: 'Break-glass to review',
    noun: ['opening in the last 7 days', 'openings in the last 7 days'],
    items: [],
    count: recent,
    more: {
      href: everyAgency ? `/admin/break-glass?agency=${EVERY_AGENCY}` : '/admin/break-glass',
      text: everyAgency ? 'Review every agency’s break-glass openings' : 'Review break-glass openings',
    },
    empty: everyAgency
      ? 'Nobody in any agency has broken glass in the last 7 days.'
      : 'Nobody has broken glass in the last 7 days.',
  })
}

async function administration(_deps: HomeDeps, request: FastifyRequest) {
  const actor: Actor = getActor(request)
  const links: Item[] = [
    ...(mayEver(actor, 'user.administer') ? [{ text: 'Users and their roles', href: '/admin/users' }] : []),
    ...(mayEver(actor, 'api-client.administer')
      ? [{ text: 'API keys for agencies’ systems', href: '/admin/api-clients' }]
      : []),
  ]
  return section({
    title: 'Administration',
    noun: ['place', 'places'],
    countShown: false,
    items: links,
    empty: '',
  })
}
