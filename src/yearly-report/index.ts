// What other capabilities may use of the partnership's yearly report: its plugin, which the
// composition root registers.

export { yearlyReportPlugin } from './plugin.ts'
