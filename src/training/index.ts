// What other capabilities may use of multi-agency training: its plugin, which the composition root
// registers.

export { trainingFigures } from './figures.ts'
export { trainingPlugin } from './plugin.ts'
