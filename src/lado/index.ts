// What other capabilities may use of the LADO's allegations against people who work with children:
// its plugin, which the composition root registers, what a child's record shows of the allegations
// linked to it, and the steps the demo partnership takes.

export { allegationFlags } from './children.ts'
export { bookMeeting, invitableAgencies, recordMeetingHeld } from './meeting.ts'
export { ladoPlugin } from './plugin.ts'
export {
  type LadoContext,
  ladoYearlyFigures,
  recordConsideration,
  recordOutcome,
  recordRegulators,
  refer,
} from './workflow.ts'
