// What other capabilities may use of the performance dashboard: its plugin, which the composition
// root registers.

export { intelligencePlugin } from './plugin.ts'
export { performanceFigures, type StandardFigure } from './figures.ts'
