// The network as a picture: cytoscape lays the network out on the server (headless, no browser),
// and the page draws it as SVG (views/profile.njk), beside the table that says the same in words,
// so it needs no JavaScript. The same network always gives the same picture: the ends and links
// are sorted first, and the force-directed layout starts from cytoscape's concentric one (the
// child in the middle, then each step out) instead of random positions.

import cytoscape from 'cytoscape'
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
/** Room inside the picture's edge for a name written under its mark (28 letters at 13 px). */
const MARGIN = { x: 100, top: 24, bottom: 44 }
/** More than this many ends would be a picture no one can read: the table has them all. */
export const PICTURE_LIMIT = 40

/** A mark's room in the layout, as wide as its name, so names fall apart from one another. */
const NODE = 120

const keyOf = (end: { kind: NodeKind; ref: string }) => `${end.kind}:${end.ref}`

export function networkPicture(
  child: { ref: string; name: string },
  ends: readonly PictureEnd[],
  links: readonly PictureLink[],
): Picture | undefined {
  if (ends.length === 0 || ends.length > PICTURE_LIMIT) return undefined
  const centreKey = keyOf({ kind: 'child', ref: child.ref })
  const named = [
    { key: centreKey, name: child.name, kind: 'child' as NodeKind, hop: 0 },
    ...ends.map((end) => ({ key: keyOf(end), name: end.name, kind: end.kind, hop: end.hop })),
  ].sort((a, b) => a.hop - b.hop || (a.key < b.key ? -1 : 1))
  const known = new Set(named.map((node) => node.key))
  const edges = new Map<string, { source: string; target: string }>()
  for (const link of links) {
    const [source, target] = [keyOf(link.from), keyOf(link.to)].sort()
    if (source !== target && known.has(source) && known.has(target))
      edges.set(`${source}|${target}`, { source, target })
  }
  const edgeIds = [...edges.keys()].sort()
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    style: [{ selector: 'node', style: { width: NODE, height: NODE } }],
    elements: [
      ...named.map((node) => ({ data: { id: node.key, hop: node.hop } })),
      ...edgeIds.map((id) => ({ data: { id, ...edges.get(id) } })),
    ],
  })
  cy.layout({
    name: 'concentric',
    concentric: (node) => 2 - node.data('hop'),
    levelWidth: () => 1,
    animate: false,
  }).run()
  cy.layout({
    name: 'cose',
    animate: false,
    randomize: false,
    fit: false,
    idealEdgeLength: () => 100,
    nodeRepulsion: () => 400_000,
    nodeOverlap: 20,
    gravity: 1,
  }).run()

  const placed = named.map((node) => ({ ...node, ...cy.getElementById(node.key).position() }))
  cy.destroy()
  const xs = placed.map((node) => node.x)
  const ys = placed.map((node) => node.y)
  const [minX, minY] = [Math.min(...xs), Math.min(...ys)]
  const [spanX, spanY] = [Math.max(...xs) - minX, Math.max(...ys) - minY]
  const room = { x: SIZE - 2 * MARGIN.x, y: SIZE - MARGIN.top - MARGIN.bottom }
  // One scale for both directions, so the picture is not stretched; centred in what it leaves.
  const scale = Math.min(room.x / (spanX || 1), room.y / (spanY || 1))
  const offsetX = MARGIN.x + (room.x - spanX * scale) / 2
  const offsetY = MARGIN.top + (room.y - spanY * scale) / 2
  const at = new Map(
    placed.map((node) => [
      node.key,
      { x: Math.round(offsetX + (node.x - minX) * scale), y: Math.round(offsetY + (node.y - minY) * scale) },
    ]),
  )
  const nodes = placed.map((node) => ({
    ...(at.get(node.key) as { x: number; y: number }),
    name: node.name,
    kind: node.kind,
    centre: node.key === centreKey,
  }))
  const lines = edgeIds.map((id) => {
    const { source, target } = edges.get(id) as { source: string; target: string }
    const [a, b] = [at.get(source), at.get(target)] as { x: number; y: number }[]
    return { x1: a.x, y1: a.y, x2: b.x, y2: b.y }
  })
  return { size: SIZE, nodes, lines }
}
