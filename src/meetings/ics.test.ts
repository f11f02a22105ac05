import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { calendarInvitation, escapeText, foldLine, londonInstant } from './ics.ts'

const unfold = (text: string) => text.replace(/\r\n /g, '')

describe('escapeText', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    assert.equal(escapeText('a\\b;c,d\ne\r\nf'), 'a\\\\b\\;c\\,d\\ne\\nf')
  })
})

describe('foldLine', () => {
  it('leaves a short line alone', () => {
    assert.equal(foldLine('SUMMARY:short'), 'SUMMARY:short')
  })

  it('folds at 75 octets with a leading space on each continuation', () => {
    const folded = foldLine(`DESCRIPTION:${'x'.repeat(200)}`)
    const lines = folded.split('\r\n')
    assert.equal(lines[0]?.length, 75)
    assert.ok(lines.slice(1).every((line) => line.startsWith(' ') && Buffer.byteLength(line) <= 75))
  })

  it('never splits a multi-byte character and unfolds to the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const line = `DESCRIPTION:${text}`
        const folded = foldLine(line)
        return unfold(folded) === line && folded.split('\r\n').every((part) => Buffer.byteLength(part) <= 75)
      }),
    )
  })
})

describe('londonInstant', () => {
  it('reads London wall-clock time in GMT and in BST', () => {
    assert.equal(londonInstant('2024-01-15', '10:00').toISOString(), '2024-01-15T10:00:00.000Z')
    assert.equal(londonInstant('2024-06-05', '10:00').toISOString(), '2024-06-05T09:00:00.000Z')
    assert.equal(londonInstant('2024-06-05', '00:30').toISOString(), '2024-06-04T23:30:00.000Z')
  })
})

describe('calendarInvitation', () => {
  const text = calendarInvitation({
    uid: 'sd-1@masa',
    date: '2024-06-05',
    time: '14:30',
    durationMinutes: 60,
    summary: 'Strategy discussion SD-000001',
    location: 'Room 2, City Hall; or Teams',
    description: `Please bring your agency's records.\nThe link is below.`,
    url: 'https://masa.example/strategy-discussions/1',
    organizer: { name: 'LLR Business Support', email: 'business-support@llr.example' },
    attendees: [{ name: 'PC Jones', email: 'jones@police.example' }],
    sequence: 0,
    stamp: new Date('2024-06-04T12:00:00Z'),
  })

  it('is one request event with CRLF line endings', () => {
    assert.ok(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'))
    assert.ok(text.endsWith('END:VCALENDAR\r\n'))
    assert.ok(!/[^\r]\n/.test(text), 'every line ends CRLF')
    assert.match(text, /\r\nMETHOD:REQUEST\r\n/)
  })

  it('gives the times in UTC and escapes text', () => {
    const lines = unfold(text).split('\r\n')
    assert.ok(lines.includes('DTSTART:20240605T133000Z'))
    assert.ok(lines.includes('DTEND:20240605T143000Z'))
    assert.ok(lines.includes('LOCATION:Room 2\\, City Hall\\; or Teams'))
    assert.ok(lines.includes(`DESCRIPTION:Please bring your agency's records.\\nThe link is below.`))
    assert.ok(lines.some((l) => l.startsWith('ATTENDEE;') && l.endsWith(':mailto:jones@police.example')))
  })
})
