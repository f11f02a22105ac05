// What other capabilities may use of the performance dashboard: its plugin, which the composition
// root registers; its bar chart (SVG drawn on the server), which the regional exploitation dataset
// draws its comparison with; the figures, and the standards' words and ratings, which the yearly
// report and the comparison of operating models show.

export { barChart } from './chart.ts'
export { monthlyFigures, performanceFigures } from './figures.ts'
export { intelligencePlugin } from './plugin.ts'
export {
  monthInWords,
  monthsBefore,
  monthsBetween,
  OPERATING_MODEL_WORDS,
  RAG_WORDS,
  rated,
  type Standard,
  standardsOf,
  targetInWords,
  type Value,
} from './rules.ts'
