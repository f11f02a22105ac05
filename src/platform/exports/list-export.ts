// Any list as a download: its rows and columns as CSV (RFC 4180, UTF-8 with a byte order mark so
// spreadsheets read it as such), an Excel workbook or, for a list printed for a meeting, a PDF table.
// The caller decides who may have the list and audits the export like a read; this only writes it.

import type { FastifyReply } from 'fastify'

/** The spreadsheet formats every list offers. */
export type ExportFormat = 'csv' | 'xlsx'
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx']
/** A list meant for reading on paper (a report to the partnership's leads) is offered as a PDF too. */
export type ListFormat = ExportFormat | 'pdf'

export interface ExportColumn<Row> {
  header: string
  value: (row: Row) => string | number | null
}

export interface ListExport<Row> {
  rows: readonly Row[]
  columns: readonly ExportColumn<Row>[]
  /** The file's name without its extension, e.g. 'referral-decisions-2026-03'. */
  filename: string
  format: ListFormat
  /** The worksheet's name in a workbook; the heading of a PDF. */
  title?: string
  /** A PDF's first line: its protective marking and whose it is. */
  marking?: string
}

/** Sends the list as an attachment in the format asked for. */
export async function sendListExport<Row>(reply: FastifyReply, list: ListExport<Row>): Promise<FastifyReply> {
  const name = `${list.filename.replace(/[^A-Za-z0-9._-]+/g, '-')}.${list.format}`
  reply.header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store')
  if (list.format === 'csv') return reply.type('text/csv; charset=utf-8').send(csvOf(list))
  if (list.format === 'pdf') return reply.type('application/pdf').send(await pdfOf(list))
  return reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .send(Buffer.from(await workbookOf(list)))
}

function csvOf<Row>({ rows, columns }: ListExport<Row>): string {
  const lines = [
    columns.map((column) => csvCell(column.header)),
    ...rows.map((row) => columns.map((column) => csvCell(column.value(row)))),
  ]
  return `\uFEFF${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`
}

function csvCell(value: string | number | null): string {
  if (value === null) return ''
  if (typeof value === 'number') return String(value)
  const safe = defused(value)
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** A spreadsheet runs a cell that starts like a formula; a leading apostrophe keeps it text. */
const defused = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text)

async function workbookOf<Row>({ rows, columns, title }: ListExport<Row>): Promise<ArrayBuffer> {
  // Loaded on first use: importing it adds about half a second to every start of the service.
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet((title ?? 'List').slice(0, 31).replace(/[\\/?*[\]:]/g, ' '))
  sheet.columns = columns.map((column) => ({
    header: column.header,
    width: Math.max(12, column.header.length + 2),
  }))
  sheet.getRow(1).font = { bold: true }
  for (const row of rows)
    sheet.addRow(
      columns.map((column) => {
        const value = column.value(row)
        return typeof value === 'string' ? defused(value) : value
      }),
    )
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  return workbook.xlsx.writeBuffer() as Promise<ArrayBuffer>
}

async function pdfOf<Row>({ rows, columns, title, marking }: ListExport<Row>): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit')
  const pdf = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 40,
    info: { Title: title ?? 'List' },
  })
  const chunks: Buffer[] = []
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))))
  if (marking) pdf.font('Helvetica').fontSize(9).text(marking).moveDown()
  pdf
    .font('Helvetica-Bold')
    .fontSize(16)
    .text(title ?? 'List')
    .moveDown(0.5)
  const left = pdf.page.margins.left
  const width = (pdf.page.width - left - pdf.page.margins.right) / columns.length
  const line = (cells: string[], font: string) => {
    const heights = cells.map((cell) =>
      pdf
        .font(font)
        .fontSize(9)
        .heightOfString(cell, { width: width - 6 }),
    )
    if (pdf.y + Math.max(...heights) > pdf.page.height - pdf.page.margins.bottom) pdf.addPage()
    const top = pdf.y
    cells.forEach((cell, i) => {
      pdf
        .font(font)
        .fontSize(9)
        .text(cell, left + i * width, top, { width: width - 6 })
    })
    pdf.x = left
    pdf.y = top + Math.max(...heights) + 4
  }
  line(
    columns.map((column) => column.header),
    'Helvetica-Bold',
  )
  for (const row of rows)
    line(
      columns.map((column) => String(column.value(row) ?? '')),
      'Helvetica',
    )
  pdf.end()
  return done
}
