// The trend chart: a Vega-Lite line chart of each area's value month by month against the target,
// compiled with Vega and rendered to SVG on the server (no script in the browser). The page puts
// the same figures in a table beside it. The spec is compiled and parsed once; each SVG is kept by
// its figures, so a dashboard opened again draws nothing again.

import type * as vega from 'vega'
import type * as vl from 'vega-lite'

export interface TrendPoint {
  month: string
  area: string
  percent: number
}

const SPEC: vl.TopLevelSpec = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  width: 520,
  height: 220,
  background: 'white',
  layer: [
    {
      data: { name: 'points' },
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'month', type: 'temporal', timeUnit: 'yearmonth', title: 'Month' },
        y: { field: 'percent', type: 'quantitative', title: 'Per cent', scale: { domain: [0, 100] } },
        color: { field: 'area', type: 'nominal', title: 'Area' },
        shape: { field: 'area', type: 'nominal', title: 'Area' },
      },
    },
    {
      data: { name: 'target' },
      mark: { type: 'rule', strokeDash: [6, 4], color: '#0b0c0c' },
      encoding: { y: { field: 'target', type: 'quantitative' } },
    },
  ],
  // The whole SVG is one image with its title, its figures in the table beside it: no ARIA inside.
  config: { aria: false, font: 'Arial, sans-serif', axis: { labelFontSize: 12, titleFontSize: 12 } },
}

let runtime: vega.Runtime | undefined
const drawn = new Map<string, string>()
const KEPT = 200

/** The SVG of one measure's trend, with role="img" and a title that says what it shows. */
export async function trendChart(
  title: string,
  points: readonly TrendPoint[],
  target: number,
): Promise<string> {
  const key = JSON.stringify([title, target, points])
  const kept = drawn.get(key)
  if (kept) return kept
  // Loaded on first use: importing Vega adds about half a second to every start of the service.
  const { parse, View } = await import('vega')
  runtime ??= parse((await import('vega-lite')).compile(SPEC).spec)
  const view = new View(runtime, { renderer: 'none' })
  view.data(
    'points',
    points.map((point) => ({ ...point, month: `${point.month}-01` })),
  )
  view.data('target', [{ target }])
  const svg = await view.toSVG()
  view.finalize()
  const label = escapeXml(
    `${title}: each area’s value month by month against the target of ${target}% (the dashed line)`,
  )
  // Vega marks its parts for assistive technology; inside one image they are noise, and axe refuses them.
  const accessible = svg
    .replace(/ (role|aria-[a-z]+)="[^"]*"/g, '')
    .replace(
      /<svg ([^>]*)>/,
      `<svg role="img" aria-label="${label}" focusable="false" $1><title>${label}</title>`,
    )
  if (drawn.size >= KEPT) drawn.delete(drawn.keys().next().value as string)
  drawn.set(key, accessible)
  return accessible
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
