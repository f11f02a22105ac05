import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { ConferenceRecordDocument } from '../rules/conference-record.ts'
import { conferenceRecordPdf } from './record-pdf.ts'

const document: ConferenceRecordDocument = {
  id: 'c1',
  reference: 'CP-000042',
  kind: 'Initial child protection conference',
  child: { id: 'child-1', name: 'Ava Test' },
  meeting: { date: '2026-06-22', time: '10:00', location: 'Room 4', chair: 'Chris Chair' },
  attendance: [{ agencyId: 'police', agency: 'Leicestershire Police', attended: true, reportSent: true }],
  participants: [
    {
      role: 'The child',
      name: 'Ava Test',
      relationship: 'The child',
      attended: true,
      views: 'I feel safe at nan’s',
    },
  ],
  minutes: { discussion: 'Each agency shared what it knows', riskAnalysis: 'Bruising unexplained' },
  decision: {
    inWords: 'Child protection plan: Physical abuse',
    reasons: 'Continuing risk',
    quorate: true,
    dissent: [],
    planSummary: 'Safety plan',
    coreGroup: ['Leicestershire Police'],
    coreGroupFirstMeetingOn: '2026-07-03',
  },
  signedOff: { at: '2026-06-22T15:00:00.000Z', by: 'Chris Chair', acknowledgeBy: '2026-06-23' },
  circulation: [],
}

describe('the conference record as a PDF', () => {
  it('is a whole PDF', async () => {
    const pdf = await conferenceRecordPdf(document, 'LLR Safeguarding Partnership')
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-')
    assert.match(pdf.subarray(-8).toString('latin1'), /%%EOF/)
    assert.ok(pdf.length > 1500, `${pdf.length} bytes`)
  })
})
