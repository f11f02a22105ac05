// Pure decisions for the chronology: which markings of a child's entries a viewer reads. No I/O.
import type { Actor } from '../platform/access/actor.ts'
import { type ChildResource, decide, type Sensitivity } from '../platform/access/policy.ts'

const MARKINGS: readonly Sensitivity[] = ['standard', 'police-restricted', 'health-restricted', 'sealed']

/** The markings on this child's entries the viewer may read, asked of the policy one by one. */
export function readableOn(actor: Actor, child: ChildResource): Sensitivity[] {
  return MARKINGS.filter((sensitivity) => decide(actor, 'chronology.view', { ...child, sensitivity }).allowed)
}

/** Entries on one page of a chronology: a child known for years has hundreds. */
export const CHRONOLOGY_PAGE_SIZE = 100

export interface ChronologyPage {
  /** 1 to `pages`. */
  page: number
  pages: number
  offset: number
  limit: number
}

/** The page asked for (`?page=`), within the pages `shown` entries fill: the first if it is not a page number. */
export function chronologyPage(asked: unknown, shown: number, size = CHRONOLOGY_PAGE_SIZE): ChronologyPage {
  const pages = Math.max(1, Math.ceil(shown / size))
  const wanted = typeof asked === 'string' && /^[1-9]\d{0,5}$/.test(asked) ? Number(asked) : 1
  const page = Math.min(wanted, pages)
  return { page, pages, offset: (page - 1) * size, limit: size }
}
