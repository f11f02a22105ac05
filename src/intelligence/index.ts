// What other capabilities may use of the performance dashboard: its plugin, which the composition
// root registers, and its bar chart (SVG drawn on the server), which the regional exploitation
// dataset draws its comparison with.

export { barChart } from './chart.ts'
export { performanceFigures } from './figures.ts'
export { intelligencePlugin } from './plugin.ts'
