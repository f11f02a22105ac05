// The Annex A workbook: one sheet per list, Ofsted's headers in the first row, a row per record,
// dates as Excel dates (dd/mm/yyyy).

import type ExcelJS from 'exceljs'
import { type AnnexList, type AnnexRows, type Cell, LIST_1, LIST_3, LIST_5, LIST_7 } from './lists.ts'

const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`)

function addList<Row>(book: ExcelJS.Workbook, list: AnnexList<Row>, rows: readonly Row[]): void {
  const sheet = book.addWorksheet(list.sheet)
  sheet.addRow(list.columns.map((c) => c.header)).font = { bold: true }
  for (const row of rows) {
    sheet.addRow(
      list.columns.map((c): Cell | Date => {
        const value = c.value(row)
        return c.date && typeof value === 'string' ? asDate(value) : value
      }),
    )
  }
  list.columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1)
    column.width = Math.min(40, Math.max(12, c.header.length + 2))
    if (c.date) column.numFmt = 'dd/mm/yyyy'
  })
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
}

/** The workbook as the bytes of an .xlsx file. */
export async function annexWorkbook(rows: AnnexRows): Promise<Buffer> {
  // Loaded on first use: importing it adds about half a second to every start of the service.
  const { default: Excel } = await import('exceljs')
  const book = new Excel.Workbook()
  book.creator = 'masa'
  addList(book, LIST_1, rows.contacts)
  addList(book, LIST_3, rows.referrals)
  addList(book, LIST_5, rows.enquiries)
  addList(book, LIST_7, rows.plans)
  return Buffer.from(await book.xlsx.writeBuffer())
}
