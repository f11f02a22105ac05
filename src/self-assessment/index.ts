// What other capabilities may use of the self-assessment: its plugin, which the composition root
// registers.

export { selfAssessmentFigures } from './figures.ts'
export { selfAssessmentPlugin } from './plugin.ts'
// The demo partnership's rounds and returns (src/demo) are opened, rated and challenged as anyone's.
export {
  challengeStandard,
  openRound,
  rateStandard,
  readReturn,
  startReturn,
  submitReturn,
} from './workflow.ts'
