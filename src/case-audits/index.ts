// What other capabilities may use of multi-agency case audits: the plugin the composition root registers.

export { auditFigures } from './figures.ts'
export { caseAuditsPlugin } from './plugin.ts'
