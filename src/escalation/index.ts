// What the app, the home page and the demo may use of professional disagreements.

export { disagreementFigures } from './figures.ts'
export { escalationPlugin } from './plugin.ts'
export { escalationSettings, STAGE_NUMBERS, STAGES, stageDueBy } from './rules.ts'
export { disagreementsToEscalate } from './workflow.ts'
