// What other capabilities may use of the self-assessment: its plugin, which the composition root
// registers.

export { selfAssessmentFigures } from './figures.ts'
export { selfAssessmentPlugin } from './plugin.ts'
