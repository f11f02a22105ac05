// The dashboard as a PDF (pdfkit, loaded on first use as the other modules do): each standard's
// target, latest month, value over the period and rating in words, each area's value drawn as a bar
// against the target with its figure written beside it, the comparison by operating model, and the
// themes as tables. The caller has asked the policy and audited the read.

import { OPERATING_MODEL_WORDS, RAG_WORDS, targetInWords, type Value } from './rules.ts'
import type { Dashboard } from './workflow.ts'

const BAR = { x: 230, width: 220, height: 9 }
const RAG_COLOURS = { green: '#00703c', amber: '#ffdd00', red: '#d4351c' } as const

const inWords = (value: Value) =>
  value.percent === null
    ? 'Nothing to measure'
    : `${value.percent}% (${value.counted} of ${value.total}), ${value.rag ? RAG_WORDS[value.rag] : ''}`

export async function dashboardAsPdf(
  shown: Dashboard,
  about: { partnershipName: string; period: string; areas: string },
): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit')
  const title = `${about.partnershipName}: performance against the partnership’s standards, ${about.period}`
  const pdf = new PDFDocument({ size: 'A4', margin: 50, info: { Title: title } })
  const chunks: Buffer[] = []
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))))
  const text = (value: string, size = 10, bold = false) =>
    pdf
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(size)
      .text(value, 50, undefined, { width: 495 })
  const room = (needed: number) => {
    if (pdf.y + needed > pdf.page.height - 60) pdf.addPage()
  }

  text(`OFFICIAL-SENSITIVE · ${about.partnershipName}`, 9)
  pdf.moveDown()
  text('Performance against the partnership’s standards', 18, true)
  text(`${about.period}. ${about.areas}. ${OPERATING_MODEL_WORDS[shown.model]}.`)

  for (const m of shown.measures) {
    room(90 + 14 * m.byArea.length)
    pdf.moveDown()
    text(m.standard.title, 13, true)
    text(`Target: ${targetInWords(m.standard)}`)
    if (m.latest) text(`Latest month, ${m.latest.words}: ${inWords(m.latest.overall)}`)
    text(`Over the period: ${inWords(m.overall)}`)
    for (const { area, value } of m.byArea) {
      const y = pdf.y + 2
      pdf.font('Helvetica').fontSize(9).text(`${area.name} (model ${shown.model})`, 60, y, { width: 165 })
      pdf.rect(BAR.x, y, BAR.width, BAR.height).lineWidth(0.5).stroke('#505a5f')
      if (value.percent !== null)
        pdf
          .rect(BAR.x, y, (BAR.width * value.percent) / 100, BAR.height)
          .fill(value.rag ? RAG_COLOURS[value.rag] : '#505a5f')
      const targetX = BAR.x + (BAR.width * m.standard.target) / 100
      pdf
        .moveTo(targetX, y - 2)
        .lineTo(targetX, y + BAR.height + 2)
        .lineWidth(1)
        .stroke('#0b0c0c')
      pdf.fillColor('#0b0c0c').text(inWords(value), BAR.x + BAR.width + 8, y, { width: 90 })
      pdf.y = Math.max(pdf.y, y + BAR.height + 6)
    }
    for (const row of m.byModel) text(`${row.words}, all its areas: ${inWords(row.value)}`, 9)
  }

  for (const theme of shown.themes) {
    room(60)
    pdf.moveDown()
    text(theme.title, 13, true)
    if (theme.rows.length === 0) text('None in this period.')
    for (const row of theme.rows) {
      room(14)
      const areas = shown.areas.map((area, i) => `${area.name} ${row.byArea[i] ?? 0}`).join(', ')
      text(`${row.label}: ${row.total} (${areas})`, 9)
    }
  }
  pdf.end()
  return done
}
