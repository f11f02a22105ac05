// What the app may use of disruption tactics and NRM referrals: its plugin, and the MACE coordinator's
// list of NRM decisions awaited (for the home page), and what was recorded from a MACE discussion (for
// its record, read by whom the policy lets read the child's tactics and referrals).

export { disruptionNrmPlugin } from './plugin.ts'
export { recordedFromDiscussion } from './store.ts'
// The demo partnership's tactics and referrals (src/demo) are recorded as anyone's.
export {
  nrmDueList,
  recordDisruption,
  recordDisruptionOutcome,
  recordReasonableGrounds,
  referToNrm,
} from './workflow.ts'
