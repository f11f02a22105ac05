// What the app, the demo and the command line may use of the CIN census checks.

export type { CensusChild, Episode, ProtectionPlan } from './census.ts'
export { CENSUS_CLOSING, censusOpening, childXml } from './census-xml.ts'
export { runValidateCommand } from './command.ts'
export { addDays } from './dates.ts'
export { cinCensusPlugin } from './plugin.ts'
export type { ReportFormat } from './report.ts'
export { type Finding, validateCensus } from './validate.ts'
