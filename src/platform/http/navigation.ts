import type { Actor, Role } from '../access/actor.ts'

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
  { href: '/front-door', text: 'Front door', roles: ['front-door-screener', 'mat-practitioner'] },
  { href: '/referrals/new', text: 'Refer a child' },
  { href: '/children/search', text: 'Find a child', roles: [...CASEWORK, 'referrer'] },
  { href: '/sharing/inbox', text: 'Shared events', roles: [...CASEWORK, 'referrer', 'agency-admin'] },
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
  return [...DESTINATIONS.filter((d) => !d.roles || d.roles.some((role) => held.has(role))), signOut].map(
    ({ href, text }) => mark({ href, text }, path),
  )
}

const signOut = { href: '/sign-out', text: 'Sign out' }

function mark(item: NavigationItem, path: string): NavigationItem {
  const section = item.href.split('/')[1]
  return { ...item, active: path.split('?')[0]?.split('/')[1] === section }
}
