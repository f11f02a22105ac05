// What other capabilities may use of the LADO's allegations against people who work with children:
// its plugin, which the composition root registers, and the steps the demo partnership takes.

export { ladoPlugin } from './plugin.ts'
export {
  type LadoContext,
  ladoYearlyFigures,
  recordConsideration,
  recordMeeting,
  recordOutcome,
  recordRegulators,
  refer,
} from './workflow.ts'
