// What other capabilities may use of multi-agency case audits: the plugin the composition root registers.

export { caseAuditsPlugin } from './plugin.ts'
export { type AuditFigures, auditFigures } from './figures.ts'
