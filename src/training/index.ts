// What other capabilities may use of multi-agency training: its plugin, which the composition root
// registers.

export { trainingFigures } from './figures.ts'
export { trainingPlugin } from './plugin.ts'
// The courses a review or case audit asked for, listed on its own page (src/reviews, src/case-audits).
export { coursesAskedFor } from './workflow.ts'
