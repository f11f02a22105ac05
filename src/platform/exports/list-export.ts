// Any list as a download: its rows and columns as CSV (RFC 4180, UTF-8 with a byte order mark so
// spreadsheets read it as such) or an Excel workbook. The caller decides who may have the list and
// audits the export like a read; this only writes it.

import type { FastifyReply } from 'fastify'

export type ExportFormat = 'csv' | 'xlsx'
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx']

export interface ExportColumn<Row> {
  header: string
  value: (row: Row) => string | number | null
}

export interface ListExport<Row> {
  rows: readonly Row[]
  columns: readonly ExportColumn<Row>[]
  /** The file's name without its extension, e.g. 'referral-decisions-2026-03'. */
  filename: string
  format: ExportFormat
  /** The worksheet's name in a workbook. */
  title?: string
}

/** Sends the list as an attachment in the format asked for. */
export async function sendListExport<Row>(reply: FastifyReply, list: ListExport<Row>): Promise<FastifyReply> {
  const name = `${list.filename.replace(/[^A-Za-z0-9._-]+/g, '-')}.${list.format}`
  reply.header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store')
  if (list.format === 'csv') return reply.type('text/csv; charset=utf-8').send(csvOf(list))
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
