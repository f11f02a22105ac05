// What other capabilities may use of the performance dashboard: its plugin, which the composition
// root registers.

export { performanceFigures } from './figures.ts'
export { intelligencePlugin } from './plugin.ts'
