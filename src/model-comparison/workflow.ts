// The comparison of operating models: this partnership's figures, live, beside the files other
// partnerships sent (row-level security keeps each partnership's records to itself, so figures
// travel as files, as the regional exploitation dataset's do). Each use case one audited
// transaction, asked of the policy (statistics.compare) on the partnership.

import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../database.ts'
import { monthlyFigures, standardsOf } from '../intelligence/index.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { audited, authorize, type Caller } from '../platform/access/guard.ts'
import { InvalidInput } from '../platform/http/schemas.ts'
import { compareModels, type MeasureComparison, type Period, readFiguresFile } from './rules.ts'
import { FIGURES_FILE_KIND, type FiguresFile } from './schemas.ts'
import * as store from './store.ts'

export interface ComparisonContext {
  db: Kysely<DB>
  partnership: PartnershipConfig
  now: () => Date
}

type Step = 'view' | 'download' | 'export' | 'import'

const allow = (trx: Transaction<DB>, caller: Caller, step: Step, detail: object = {}) =>
  authorize(trx, {
    ...caller,
    action: 'statistics.compare',
    resource: { kind: 'partnership' },
    detail: { step, ...detail },
  })

async function ownFile(ctx: ComparisonContext, db: Kysely<DB>, period: Period): Promise<FiguresFile> {
  const names = new Map(ctx.partnership.local_authorities.map((la) => [la.id, la.name]))
  const figures = await monthlyFigures(db, ctx.partnership, period.from, period.to, ctx.now())
  return {
    kind: FIGURES_FILE_KIND,
    partnership: { id: ctx.partnership.partnership.id, name: ctx.partnership.partnership.name },
    operating_model: ctx.partnership.operating_model,
    ...period,
    rows: figures.map(({ laId, definition, month, counted, total }) => ({
      la: names.get(laId) ?? laId,
      measure: definition,
      month,
      counted,
      total,
    })),
  }
}

/** This partnership's figures as the file another partnership imports. */
export const figuresFile = (ctx: ComparisonContext, caller: Caller, period: Period) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'download', period)
    return ownFile(ctx, trx, period)
  })

/** Keeps another partnership's pasted figures file, checked whole; resolves to the partnership's name. */
export const importFiguresFile = (ctx: ComparisonContext, caller: Caller, text: string) =>
  audited(ctx.db, async (trx) => {
    allow(trx, caller, 'import')
    const file = readFiguresFile(text)
    if (file.partnership.id === ctx.partnership.partnership.id)
      throw new InvalidInput([
        {
          field: 'file',
          text: 'This is your own partnership’s file: its figures are compared already, live',
        },
      ])
    await store.insertImport(trx, file, caller.actor.displayName, ctx.now())
    return file.partnership.name
  })

export interface Comparison {
  period: Period
  /** This partnership first (live), then the latest file of each other. */
  files: {
    partnership: string
    model: FiguresFile['operating_model']
    from: string
    to: string
    imported?: { byName: string; at: Date }
  }[]
  measures: MeasureComparison[]
}

/** Every standard of this partnership over the period, for each operating model and each LA. */
export const comparison = (
  ctx: ComparisonContext,
  caller: Caller,
  period: Period,
  step: 'view' | 'export' = 'view',
) =>
  audited(ctx.db, async (trx): Promise<Comparison> => {
    allow(trx, caller, step, period)
    const own = await ownFile(ctx, trx, period)
    const imported = await store.latestImports(trx)
    const files = [own, ...imported.map((entry) => entry.file)]
    return {
      period,
      files: [
        { partnership: own.partnership.name, model: own.operating_model, from: own.from, to: own.to },
        ...imported.map(({ file, importedByName, importedAt }) => ({
          partnership: file.partnership.name,
          model: file.operating_model,
          from: file.from,
          to: file.to,
          imported: { byName: importedByName, at: importedAt },
        })),
      ],
      measures: compareModels(files, standardsOf(ctx.partnership), period),
    }
  })
