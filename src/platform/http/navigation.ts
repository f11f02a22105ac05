import type { Actor } from '../access/actor.ts'
import { GATES } from '../access/gates.ts'
import { type Action, mayEver } from '../access/policy.ts'

export interface NavigationItem {
  href: string
  text: string
  active?: boolean
}

interface Destination {
  href: string
  text: string
  /**
   * What the page leads to: the link is shown to whoever the policy would ever let take one of these
   * actions, and the page itself decides each record. Absent for pages open to everyone signed in.
   */
  leadsTo?: readonly Exclude<Action, 'part.view'>[]
  /** The pages the link is marked on, when more than those under its own first path segment. */
  covers?: RegExp
  /** Beyond the roles, whether the policy lets this actor use the page at all (the agency's kind). */
  when?: (actor: Actor) => boolean
}

export const DESTINATIONS: readonly Destination[] = [
  // Each person's own work, whatever they may do.
  { href: '/', text: 'Home' },
  // A referral is front-door work for those who work the queue, and the referrer's own otherwise.
  {
    href: '/front-door',
    text: 'Front door',
    leadsTo: GATES['referral-queue'].anyOf,
    covers: /^\/(front-door|referrals\/(?!new))/,
  },
  { href: '/referrals/new', text: 'Refer a child', leadsTo: ['referral.create'] },
  { href: '/children/search', text: 'Find a child', leadsTo: ['child.search'] },
  { href: '/sharing/inbox', text: 'Shared events', leadsTo: GATES['events-read'].anyOf },
  { href: '/actions', text: 'Actions', leadsTo: ['action.view'] },
  // Before the LADO's queue, so the queue's link is not the one marked on these pages.
  {
    href: '/lado/refer',
    text: 'Refer an allegation',
    leadsTo: ['allegation.refer'],
    covers: /^\/lado\/(refer|referrals)/,
  },
  { href: '/intelligence', text: 'Performance', leadsTo: GATES.intelligence.anyOf },
  { href: '/model-comparison', text: 'Operating models', leadsTo: ['statistics.compare'] },
  { href: '/lado/report', text: 'LADO figures', leadsTo: ['allegation.report'] },
  { href: '/lado', text: 'LADO', leadsTo: ['allegation.manage'] },
  // The report is the partnership's leads' own page under the same section.
  { href: '/disagreements/report', text: 'Disagreements report', leadsTo: ['escalation.report'] },
  { href: '/disagreements', text: 'Disagreements', leadsTo: ['escalation.raise', 'escalation.view'] },
  { href: '/mace', text: 'MACE', leadsTo: ['mace.view'] },
  { href: '/moves', text: 'Moves across borders', leadsTo: ['move.view'] },
  { href: '/volt', text: 'Exploitation network', leadsTo: ['volt.view', 'volt.record', 'volt.person'] },
  { href: '/police-requests', text: 'Police requests', leadsTo: ['police-request.answer'] },
  { href: '/reviews', text: 'Serious incidents', leadsTo: ['review.view'] },
  { href: '/learning', text: 'Learning briefings', leadsTo: ['learning.read'] },
  { href: '/case-audits', text: 'Case audits', leadsTo: GATES['case-audits'].anyOf },
  { href: '/returns', text: 'Statutory returns', leadsTo: ['returns.prepare'] },
  {
    href: '/exploitation-dataset',
    text: 'Exploitation dataset',
    leadsTo: ['dataset.build', 'dataset.compare'],
  },
  { href: '/missing/return-interviews', text: 'Return interviews', leadsTo: ['missing.interview'] },
  // Before the diary, so the diary's link is not the one marked on its to-book page.
  { href: '/diary/to-book', text: 'To book', leadsTo: GATES['meetings-to-book'].anyOf },
  { href: '/diary', text: 'Diary', leadsTo: ['strategy.schedule', 'conference.schedule'] },
  { href: '/training', text: 'Training', leadsTo: ['training.book', 'training.manage'] },
  {
    href: '/self-assessment',
    text: 'Self-assessment',
    leadsTo: ['self-assessment.view', 'self-assessment.complete', 'self-assessment.manage'],
  },
  { href: '/yearly-report', text: 'Yearly report', leadsTo: ['yearly-report.read'] },
  { href: '/voice', text: 'What you told us', leadsTo: ['voice.results'] },
  { href: '/masa-plan', text: 'MASA plan', leadsTo: ['masa-plan.read'] },
  { href: '/alerts', text: 'Alerts' },
  { href: '/threshold-tool', text: 'Threshold tool' },
  { href: '/admin/users', text: 'Administration', leadsTo: GATES.users.anyOf },
  { href: '/admin/audit', text: 'Audit', leadsTo: ['audit.search'] },
  { href: '/admin/break-glass', text: 'Break-glass reviews', leadsTo: ['break-glass.report'] },
  { href: '/admin/database', text: 'Database upkeep', leadsTo: ['maintenance.view'] },
  { href: '/admin/retention', text: 'Retention', leadsTo: ['retention.view'] },
  { href: '/declarations', text: 'Roll and caseload', leadsTo: ['roll.declare'] },
  { href: '/scrutiny', text: 'Independent scrutiny', leadsTo: GATES.scrutiny.anyOf },
  {
    href: '/scrutiny/grants',
    text: 'Scrutiny grants',
    leadsTo: ['scrutiny.grant'],
    covers: /^\/scrutiny\/grants/,
  },
]

/** Each destination's tests of a page's path, made once: navigation is worked out for every page. */
const MATCHERS = new Map(
  DESTINATIONS.map((d) => [d, { covers: d.covers ?? pathOf(d.href), section: sectionOf(d.href) }]),
)

/** The service navigation for whoever is signed in, with the current section marked. */
export function navigationFor(actor: Actor | null, path: string): NavigationItem[] {
  if (actor?.kind !== 'user') {
    return [
      { href: '/worried-about-a-child', text: 'Worried about a child?' },
      { href: '/sign-in', text: 'Sign in' },
    ].map((item) => mark(item, path))
  }
  const shown = DESTINATIONS.filter((d) => !d.leadsTo || d.leadsTo.some((action) => mayEver(actor, action)))
  const page = path.split('?')[0] ?? ''
  const matcher = (d: Destination) => MATCHERS.get(d) as { covers: RegExp; section: RegExp }
  // The link to the page itself (or one it covers) first; else the link to the page's section.
  const current =
    shown.find((d) => matcher(d).covers.test(page)) ??
    shown.find((d) => !d.covers && matcher(d).section.test(page))
  // Sign out sits beside the signed-in person's name, above the navigation (the layout).
  return shown.map(({ href, text }) => ({ href, text, active: href === current?.href }))
}

function sectionOf(href: string) {
  return new RegExp(`^/${href.split('/')[1]}(/|$)`)
}

function pathOf(href: string) {
  return new RegExp(`^${href}(/|$)`)
}

function mark(item: NavigationItem, path: string): NavigationItem {
  return { ...item, active: sectionOf(item.href).test(path.split('?')[0] ?? '') }
}
