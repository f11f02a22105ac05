/** A day as a GOV.UK date input posts it: `name-day`, `name-month` and `name-year`, as people type them. */
export function dateFields(name: string, isoDate: string): Record<string, string> {
  const [year = '', month = '', day = ''] = isoDate.split('-')
  return {
    [`${name}-day`]: String(Number(day)),
    [`${name}-month`]: String(Number(month)),
    [`${name}-year`]: year,
  }
}
