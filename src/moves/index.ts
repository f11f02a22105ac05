// What other capabilities may use of moves across borders: its plugin (the composition root), and
// the moves into an LA with the rule for which MACE agenda each joins (src/mace's meeting agenda).

export { movesPlugin } from './plugin.ts'
export { joinsAgendaOf } from './rules.ts'
// The demo partnership's moves (src/demo) are recorded, told and acknowledged as anyone's.
export { acknowledgeByLink, moveResource, movesInto, notifyHosts, recordMove } from './workflow.ts'
