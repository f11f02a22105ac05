// A meeting's record as a PDF (pdfkit): the protective marking and partnership, the title, then the
// sections the kind of meeting writes with `heading`, `field` and `paragraph`; a record given a `mark`
// (a draft's "Draft, not published") carries it at the top of every page.

export interface RecordPage {
  heading(text: string): void
  field(label: string, value: string | null | undefined): void
  paragraph(value: string): void
}

export async function meetingRecordPdf(
  record: { title: string; heading: string; partnershipName: string; mark?: string },
  write: (page: RecordPage) => void,
): Promise<Buffer> {
  // Loaded on first use: importing it adds about half a second to every start of the service.
  const { default: PDFDocument } = await import('pdfkit')
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: record.title },
    bufferPages: record.mark !== undefined,
  })
  const chunks: Buffer[] = []
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))))
  pdf.font('Helvetica').fontSize(9).text(`OFFICIAL-SENSITIVE · ${record.partnershipName}`)
  pdf.moveDown().font('Helvetica-Bold').fontSize(18).text(record.heading)
  write({
    heading: (text) => pdf.moveDown(0.6).font('Helvetica-Bold').fontSize(13).text(text).moveDown(0.2),
    field: (label, value) =>
      pdf
        .font('Helvetica-Bold')
        .fontSize(10)
        .text(`${label}: `, { continued: true })
        .font('Helvetica')
        .text(value || '—'),
    paragraph: (value) => pdf.font('Helvetica').fontSize(10).text(value),
  })
  if (record.mark) {
    const pages = pdf.bufferedPageRange()
    for (let i = pages.start; i < pages.start + pages.count; i++) {
      // Above the top margin, so writing it never starts a page of its own.
      pdf.switchToPage(i)
      pdf.font('Helvetica-Bold').fontSize(12).text(record.mark, 50, 25, { lineBreak: false })
    }
  }
  pdf.end()
  return done
}
