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
  return kept_(
    key,
    svg,
    `${title}: each area’s value month by month against the target of ${target}% (the dashed line)`,
  )
}

/** One bar of a comparison: a category (a measure, a theme's entry), an area and its value. */
export interface BarPoint {
  category: string
  area: string
  value: number
}

const barSpec = (percent: boolean): vl.TopLevelSpec => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  width: 420,
  height: { step: 14 },
  background: 'white',
  data: { name: 'points' },
  mark: { type: 'bar' },
  encoding: {
    // No limit to a label (a measure's, an LA's): the chart widens to the longest, so none is cut short.
    y: { field: 'category', type: 'nominal', title: null, sort: null, axis: { labelLimit: 0 } },
    yOffset: { field: 'area', type: 'nominal' },
    x: {
      field: 'value',
      type: 'quantitative',
      title: percent ? 'Per cent' : 'Number',
      ...(percent ? { scale: { domain: [0, 100] } } : {}),
    },
    color: { field: 'area', type: 'nominal', title: 'Area', legend: { labelLimit: 0 } },
  },
  config: { aria: false, font: 'Arial, sans-serif', axis: { labelFontSize: 11, titleFontSize: 12 } },
})

const barRuntimes = new Map<boolean, vega.Runtime>()

/** A horizontal bar chart, each category's bars side by side by area, as an SVG image titled `label`. */
export async function barChart(
  label: string,
  points: readonly BarPoint[],
  percent: boolean,
): Promise<string> {
  const key = JSON.stringify(['bar', label, percent, points])
  const kept = drawn.get(key)
  if (kept) return kept
  const { parse, View } = await import('vega')
  let parsed = barRuntimes.get(percent)
  if (!parsed) {
    parsed = parse((await import('vega-lite')).compile(barSpec(percent)).spec)
    barRuntimes.set(percent, parsed)
  }
  const view = new View(parsed, { renderer: 'none' })
  view.data('points', [...points])
  const svg = await view.toSVG()
  view.finalize()
  return kept_(key, svg, label)
}

/** The SVG as one image with its title, kept by its figures. */
function kept_(key: string, svg: string, title: string): string {
  const label = escapeXml(title)
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
