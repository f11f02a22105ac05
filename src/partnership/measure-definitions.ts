// The definitions a partnership's performance standard may name (`performance_standards` in its
// YAML): src/intelligence defines each as SQL over masa's tables and judges each item it finds.

/** What each performance standard measures (src/intelligence defines each as SQL over masa's tables). */
export const MEASURE_DEFINITIONS = [
  'referral-decision-within-1-working-day',
  'icpc-within-15-working-days',
  'first-core-group-within-10-working-days',
  'acknowledgement-within-sharing-target',
  're-referral-within-12-months',
  'second-or-subsequent-plan',
  'record-circulated-within-1-working-day',
  'review-conference-on-time',
  'conference-quorate',
  'agency-attended-conference',
  'agency-report-before-conference',
  'plan-lasted-2-years-or-more',
  'meeting-booked-within-timescale',
  'disagreement-resolved-at-stage-1-or-2',
] as const
export type MeasureDefinition = (typeof MEASURE_DEFINITIONS)[number]
