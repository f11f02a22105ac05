// `masa doctor`: the planner's statistics table by table (rows, last analysed, dead rows, whether
// its estimates are stale) and what to do; `--fix` analyses and vacuums what needs it.

import type { AppConfig } from '../../config.ts'
import { openConfiguredDatabase } from '../db/configured.ts'
import type { Engine } from '../db/database.ts'
import { migrate } from '../db/migrate.ts'
import { needsVacuum, staleStatistics, type TableStatistics } from './rules.ts'
import { readTableStatistics } from './store.ts'
import { maintainStatistics } from './workflow.ts'

/** Prints the report; resolves to the exit code: 0 when every table's statistics are fresh. */
export async function runDoctor(config: AppConfig, options: { fix?: boolean } = {}): Promise<number> {
  const database = await openConfiguredDatabase(config)
  try {
    await migrate(database)
    if (options.fix) {
      const run = await maintainStatistics(database.db, 'command')
      console.log(
        run
          ? `Analysed ${run.analysed.length + run.vacuumed.length} table(s), vacuumed ${run.vacuumed.length}` +
              `${run.problem ? `; could not do ${run.problem}` : ''}.\n`
          : 'Nothing needed analysing or vacuuming.\n',
      )
    }
    const tables = await readTableStatistics(database.db)
    console.log(describeStatistics(tables, database.engine))
    return tables.some((t) => staleStatistics(t) || needsVacuum(t)) ? 1 : 0
  } finally {
    await database.close()
  }
}

const count = (n: number) => n.toLocaleString('en-GB')
const when = (date: Date | null, never: string) =>
  date ? date.toISOString().slice(0, 16).replace('T', ' ') : never

export function describeStatistics(tables: readonly TableStatistics[], engine: Engine): string {
  const neverAnalysed = engine === 'pglite' ? 'before this start' : 'never'
  const rows = tables.map((t) => [
    t.table,
    count(t.rows),
    when(t.lastAnalysed, t.plannerRows === null ? 'never' : neverAnalysed),
    count(t.deadRows),
    [staleStatistics(t) ? `STALE: ${staleStatistics(t)}` : 'fresh', needsVacuum(t) ? 'needs VACUUM' : '']
      .filter(Boolean)
      .join('; '),
  ])
  const header = ['table', 'rows', 'last analysed (UTC)', 'dead rows', 'planner estimates']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 1 || i === 3 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd()
  const stale = tables.filter((t) => staleStatistics(t) || needsVacuum(t))
  return [line(header), ...rows.map(line), '', advice(stale.length, engine)].join('\n')
}

function advice(stale: number, engine: Engine): string {
  if (stale === 0) return 'Every table’s statistics are fresh: nothing to do.'
  const tables = `${stale} table${stale === 1 ? '' : 's'}`
  return engine === 'pglite'
    ? `${tables} need ANALYZE or VACUUM. A running server does this itself within a minute; ` +
        'with the server stopped, `masa doctor --fix` does it now. Rows counted on the embedded engine ' +
        'start again each time it opens the database.'
    : `${tables} need ANALYZE or VACUUM. Run \`masa doctor --fix\` now (autovacuum catches up later); ` +
        'if this comes back without a bulk load, check that autovacuum is on (SHOW autovacuum).'
}
