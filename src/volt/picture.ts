// The network as a picture: the child in the middle, what is linked directly on an inner ring and
// the second step on an outer ring, each link a line. Pure: positions only; the page draws them as
// SVG on the server (views/profile.njk), beside the table that says the same in words.

import type { NodeKind } from './rules.ts'

interface PictureEnd {
  kind: NodeKind
  ref: string
  name: string
  hop: 1 | 2
}
interface PictureLink {
  from: { kind: NodeKind; ref: string }
  to: { kind: NodeKind; ref: string }
}

export interface Picture {
  size: number
  nodes: { x: number; y: number; name: string; kind: NodeKind; centre: boolean }[]
  lines: { x1: number; y1: number; x2: number; y2: number }[]
}

const SIZE = 640
const RINGS = { 1: 150, 2: 270 } as const
/** More than this many ends would be a picture no one can read: the table has them all. */
export const PICTURE_LIMIT = 40

export function networkPicture(
  child: { ref: string; name: string },
  ends: readonly PictureEnd[],
  links: readonly PictureLink[],
): Picture | undefined {
  if (ends.length === 0 || ends.length > PICTURE_LIMIT) return undefined
  const centre = SIZE / 2
  const at = new Map<string, { x: number; y: number }>([[`child:${child.ref}`, { x: centre, y: centre }]])
  const nodes: Picture['nodes'] = [{ x: centre, y: centre, name: child.name, kind: 'child', centre: true }]
  for (const hop of [1, 2] as const) {
    const ring = ends.filter((end) => end.hop === hop)
    ring.forEach((end, i) => {
      const angle = (2 * Math.PI * i) / ring.length - Math.PI / 2 + (hop === 2 ? Math.PI / ring.length : 0)
      const x = Math.round(centre + RINGS[hop] * Math.cos(angle))
      const y = Math.round(centre + RINGS[hop] * Math.sin(angle))
      at.set(`${end.kind}:${end.ref}`, { x, y })
      nodes.push({ x, y, name: end.name, kind: end.kind, centre: false })
    })
  }
  const lines = links.flatMap((link) => {
    const a = at.get(`${link.from.kind}:${link.from.ref}`)
    const b = at.get(`${link.to.kind}:${link.to.ref}`)
    return a && b ? [{ x1: a.x, y1: a.y, x2: b.x, y2: b.y }] : []
  })
  return { size: SIZE, nodes, lines }
}
