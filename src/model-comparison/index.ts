// What other capabilities may use of the comparison of operating models: its plugin, which the
// composition root registers.

export { modelComparisonPlugin } from './plugin.ts'
