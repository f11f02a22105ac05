// What other capabilities may use of actions: the actions agreed at a meeting about a child (owner
// agency and person, due date in working days, status, overdue alerts, evidence of completion), kept
// in the `action` table. Child protection's strategy discussions and MACE discussions use it now;
// rapid reviews, audit moderation and learning reviews next.

export { actionFigures } from './figures.ts'
export { actionGauges } from './metrics.ts'
export {
  actionFormField,
  actionProblems,
  statusInWords,
} from './rules.ts'
export { type ActionInput, ActionSchema } from './schemas.ts'
export { type ActionRow, actionsOf, replaceActions } from './store.ts'
