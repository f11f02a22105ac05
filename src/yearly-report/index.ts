// What other capabilities may use of the partnership's yearly report: its plugin, which the
// composition root registers; the reporting year, its sections' figures and where a year's report
// stands (src/scrutiny), and its lead partners' sign-off rules (src/masa-plan signs its versions the same way).

export { yearlyReportPlugin } from './plugin.ts'
export {
  LEAD_PARTNERS,
  partnerOf,
  partnersSigning,
  reportingYear,
  reportingYearOf,
  type SectionKey,
} from './rules.ts'
export { yearFigures } from './sections.ts'
export { yearlyReportStatus } from './store.ts'
