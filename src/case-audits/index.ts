// What other capabilities may use of multi-agency case audits: the plugin the composition root registers.

export { auditFigures } from './figures.ts'
export { caseAuditsPlugin } from './plugin.ts'
// The demo partnership's programme (src/demo) is set up, drawn and audited as anyone's.
export { createProgramme, drawSample, readProgramme, submitPart } from './workflow.ts'
