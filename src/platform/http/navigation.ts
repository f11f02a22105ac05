import type { Actor, Role } from '../access/actor.ts'
import { decide } from '../access/policy.ts'

export interface NavigationItem {
  href: string
  text: string
  active?: boolean
}

interface Destination {
  href: string
  text: string
  /** Who sees the link; everyone signed in when absent. The pages themselves still ask the access policy. */
  roles?: readonly Role[]
  /** The pages the link is marked on, when more than those under its own first path segment. */
  covers?: RegExp
  /** Beyond the roles, whether the policy lets this actor use the page at all (the agency's kind). */
  when?: (actor: Actor) => boolean
}

const CASEWORK: readonly Role[] = [
  'front-door-screener',
  'mat-practitioner',
  'business-support',
  'strategy-discussion-chair',
  'conference-chair',
  'police-public-protection',
  'mace-coordinator',
  'lado',
]

const DESTINATIONS: readonly Destination[] = [
  // A referral is front-door work for those who work the queue, and the referrer's own otherwise.
  {
    href: '/front-door',
    text: 'Front door',
    roles: ['front-door-screener', 'mat-practitioner'],
    covers: /^\/(front-door|referrals\/(?!new))/,
  },
  { href: '/referrals/new', text: 'Refer a child' },
  { href: '/children/search', text: 'Find a child', roles: [...CASEWORK, 'referrer'] },
  {
    href: '/sharing/inbox',
    text: 'Shared events',
    roles: [...CASEWORK, 'referrer', 'safeguarding-manager', 'agency-admin'],
  },
  {
    href: '/diary',
    text: 'Diary',
    roles: ['business-support', 'strategy-discussion-chair', 'conference-chair'],
  },
  { href: '/threshold-tool', text: 'Threshold tool' },
  { href: '/admin/users', text: 'Administration', roles: ['agency-admin', 'partnership-admin'] },
  {
    href: '/admin/audit',
    text: 'Audit',
    roles: ['agency-admin', 'partnership-admin', 'independent-scrutineer'],
  },
  { href: '/admin/break-glass', text: 'Break-glass reviews', roles: ['safeguarding-manager'] },
  {
    href: '/declarations',
    text: 'Roll and caseload',
    roles: ['safeguarding-manager'],
    when: (actor) => decide(actor, 'roll.declare', { kind: 'agency', agencyId: actor.agencyId }).allowed,
  },
]

/** The service navigation for whoever is signed in, with the current section marked. */
export function navigationFor(actor: Actor | null, path: string): NavigationItem[] {
  if (actor?.kind !== 'user') {
    return [
      { href: '/worried-about-a-child', text: 'Worried about a child?' },
      { href: '/sign-in', text: 'Sign in' },
    ].map((item) => mark(item, path))
  }
  const held = new Set(actor.grants.map((grant) => grant.role))
  const shown = DESTINATIONS.filter(
    (d) => (!d.roles || d.roles.some((role) => held.has(role))) && (!d.when || d.when(actor)),
  )
  const page = path.split('?')[0] ?? ''
  const current = shown.find((d) => (d.covers ?? sectionOf(d.href)).test(page))
  return [
    ...shown.map(({ href, text }) => ({ href, text, active: href === current?.href })),
    { ...signOut, active: false },
  ]
}

const signOut = { href: '/sign-out', text: 'Sign out' }

const sectionOf = (href: string) => new RegExp(`^/${href.split('/')[1]}(/|$)`)

function mark(item: NavigationItem, path: string): NavigationItem {
  return { ...item, active: sectionOf(item.href).test(path.split('?')[0] ?? '') }
}
