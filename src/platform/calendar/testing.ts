// Calendar dates for property tests.

/** The calendar date `offset` days after 1 January 2018, as 'YYYY-MM-DD'. */
export const isoFromOffset = (offset: number) =>
  new Date(Date.UTC(2018, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10)
