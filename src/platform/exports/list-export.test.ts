// The list download on its own Fastify: CSV quoted by RFC 4180 with formulas kept as text, and the
// same rows as a workbook read back with exceljs, and as a PDF.

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import Fastify from 'fastify'
import { type ExportColumn, type ListFormat, sendListExport } from './list-export.ts'

interface Row {
  name: string
  count: number
  note: string | null
}
const ROWS: Row[] = [
  { name: 'Plain', count: 3, note: null },
  { name: 'Comma, "quoted"\nand a new line', count: 0, note: '=HYPERLINK("http://example.invalid")' },
]
const COLUMNS: ExportColumn<Row>[] = [
  { header: 'Name', value: (row) => row.name },
  { header: 'Count', value: (row) => row.count },
  { header: 'Note', value: (row) => row.note },
]

async function download(format: ListFormat) {
  const app = Fastify()
  app.get('/', (_request, reply) =>
    sendListExport(reply, { rows: ROWS, columns: COLUMNS, filename: 'my list', format }),
  )
  const response = await app.inject({ method: 'GET', url: '/' })
  await app.close()
  return response
}

describe('a list as a download', () => {
  it('writes CSV a spreadsheet reads as UTF-8, quoted where it must be, formulas as text', async () => {
    const response = await download('csv')
    assert.equal(response.headers['content-disposition'], 'attachment; filename="my-list.csv"')
    assert.equal(
      response.body,
      '\uFEFFName,Count,Note\r\nPlain,3,\r\n"Comma, ""quoted""\nand a new line",0,"\'=HYPERLINK(""http://example.invalid"")"\r\n',
    )
  })

  it('writes the same rows as a workbook, numbers as numbers', async () => {
    const response = await download('xlsx')
    assert.match(String(response.headers['content-type']), /spreadsheetml/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]
    assert.ok(sheet)
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), ['Name', 'Count', 'Note'])
    assert.equal(sheet.getRow(2).getCell(2).value, 3)
    assert.equal(sheet.getRow(3).getCell(3).value, '\'=HYPERLINK("http://example.invalid")')
  })

  it('prints the same rows as a PDF', async () => {
    const response = await download('pdf')
    assert.equal(response.headers['content-type'], 'application/pdf')
    assert.equal(response.headers['content-disposition'], 'attachment; filename="my-list.pdf"')
    assert.equal(response.rawPayload.subarray(0, 5).toString(), '%PDF-')
  })
})
