// What other capabilities may use of multi-agency case audits: the plugin the composition root registers.

export { auditFigures } from './figures.ts'
// The scrutineer's workspace reads the moderations' findings, each child unnamed unless a grant opens it.
export { moderatedFindings } from './findings.ts'
export { caseAuditsPlugin } from './plugin.ts'
// The programmes a learning lead may link a training course to, by reference (src/training, through the root).
export { programmeReferences } from './references.ts'
export { GRADES, withoutNames } from './rules.ts'
// The demo partnership's programme (src/demo) is set up, drawn and audited as anyone's.
export { createProgramme, drawSample, readProgramme, submitPart } from './workflow.ts'
