// What other capabilities may use of actions: the actions agreed at a meeting about a child (owner
// agency and person, due date in working days, status, overdue, evidence of completion). Child
// protection's strategy discussions use it now; MACE, rapid reviews and learning reviews next.

export {
  actionDueBy,
  actionFormField,
  actionProblems,
  actionStatus,
  completionProblems,
  overdueActions,
} from './rules.ts'
export { type ActionInput, ActionSchema } from './schemas.ts'
export { actionRows } from './store.ts'
