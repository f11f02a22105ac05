// What other capabilities may use of the self-assessment: its plugin, which the composition root
// registers.

export { selfAssessmentPlugin } from './plugin.ts'
export { type SelfAssessmentFigures, selfAssessmentFigures } from './figures.ts'
