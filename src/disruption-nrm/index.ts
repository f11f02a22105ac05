// What the app may use of disruption tactics and NRM referrals: its plugin, and the MACE coordinator's
// list of NRM decisions awaited (for the home page).

export { disruptionNrmPlugin } from './plugin.ts'
export { nrmDueList } from './workflow.ts'
