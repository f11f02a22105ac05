// The imported figures files (model_comparison_import): kept as imported, the latest of each
// partnership the one compared.

import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../database.ts'
import { FIGURES_FILE_KIND, type FiguresFile } from './schemas.ts'

type Db = Kysely<DB> | Transaction<DB>

export interface ImportedFile {
  file: FiguresFile
  importedByName: string
  importedAt: Date
}

export async function insertImport(
  db: Db,
  file: FiguresFile,
  importedByName: string,
  at: Date,
): Promise<void> {
  await db
    .insertInto('model_comparison_import')
    .values({
      source_partnership_id: file.partnership.id,
      source_partnership_name: file.partnership.name,
      operating_model: file.operating_model,
      from_month: file.from,
      to_month: file.to,
      rows: JSON.stringify(file.rows),
      imported_by_name: importedByName,
      imported_at: at,
    })
    .execute()
}

/** The latest file of each partnership imported. */
export async function latestImports(db: Db): Promise<ImportedFile[]> {
  const rows = await db
    .selectFrom('model_comparison_import')
    .distinctOn('source_partnership_id')
    .selectAll()
    .orderBy('source_partnership_id')
    .orderBy('imported_at', 'desc')
    .execute()
  return rows.map((row) => ({
    file: {
      kind: FIGURES_FILE_KIND,
      partnership: { id: row.source_partnership_id, name: row.source_partnership_name },
      operating_model: row.operating_model as FiguresFile['operating_model'],
      from: row.from_month,
      to: row.to_month,
      rows: row.rows,
    },
    importedByName: row.imported_by_name,
    importedAt: row.imported_at,
  }))
}
