// What other capabilities may use of the partnership's yearly report: its plugin, which the
// composition root registers; the reporting year and where a year's report stands (src/scrutiny).

export { yearlyReportPlugin } from './plugin.ts'
export { LEAD_PARTNERS, reportingYear, reportingYearOf } from './rules.ts'
export { yearlyReportStatus } from './store.ts'
