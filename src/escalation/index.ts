// What the app, the home page and the demo may use of professional disagreements.

export { escalationPlugin } from './plugin.ts'
export { disagreementsToEscalate } from './workflow.ts'
export { disagreementFigures } from './figures.ts'
export type { Report as DisagreementReport } from './rules.ts'
