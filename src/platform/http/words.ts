// Internal codes in people's words, registered as the Nunjucks filter `eventInWords`.

/** The subjects of event types ('cp-plan.started') as people say them. */
const SUBJECTS: Readonly<Record<string, string>> = {
  'cp-plan': 'Child protection plan',
  mat: 'Multi-agency triage',
  strategy: 'Strategy discussion',
  sharing: 'Key event',
  threshold: 'Threshold decision',
}

/** What happened, for the few whose verb alone would mislead. */
const WHOLE: Readonly<Record<string, string>> = {
  'threshold.decided': 'Threshold decision made',
  'mat.contributed': 'Added to multi-agency triage',
  'sharing.event-shared': 'Key event shared',
  'sharing.event-acknowledged': 'Key event acknowledged',
  'child.noted': 'Note added',
}

/** An event type in words: 'conference.booked' -> 'Conference booked', 'cp-plan.started' -> 'Child protection plan started'. */
export function eventInWords(type: unknown): string {
  const text = String(type)
  const whole = WHOLE[text]
  if (whole) return whole
  const [subject = '', what = ''] = text.split('.', 2)
  const said = SUBJECTS[subject] ?? capitalise(subject.replaceAll('-', ' '))
  return what ? `${said} ${what.replaceAll('-', ' ')}` : said
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
