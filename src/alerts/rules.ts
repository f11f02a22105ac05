// Pure: which events on a child's chronology are worth telling the people working with the child,
// in their words. No I/O.

const ALERT_KINDS: Readonly<Record<string, string>> = {
  'referral.received': 'New referral',
  'referral.matched': 'Referral matched to the record',
  'threshold.decided': 'Threshold decision made',
  'strategy.scheduled': 'Strategy discussion booked',
  'strategy.signed-off': 'Strategy discussion record signed off',
  'section47.started': 'Section 47 enquiry started',
  'section47.concluded': 'Section 47 enquiry concluded',
  'conference.booked': 'Child protection conference booked',
  'conference.decided': 'Conference decision recorded',
  'conference.record-signed-off': 'Conference record signed off',
  'cp-plan.started': 'Child protection plan started',
  'cp-plan.ended': 'Child protection plan ended',
}

/** Each shared event is written to the chronology as `sharing.<its type>`; acknowledging one is not news. */
export const SHARED_PREFIX = 'sharing.'
export const NOT_NEWS = ['sharing.event-acknowledged']

export const ALERTING_TYPES: readonly string[] = Object.keys(ALERT_KINDS)

/** What happened, in words, or undefined when this kind of event raises no alert. */
export function alertKind(type: string): string | undefined {
  if (type.startsWith(SHARED_PREFIX))
    return NOT_NEWS.includes(type) ? undefined : 'Information shared by a partner'
  return ALERT_KINDS[type]
}

/** How far back a person's own entries make a child one they work with. */
export const WORKED_WITH_DAYS = 180

export const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000)
