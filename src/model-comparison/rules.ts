// Pure: reading a figures file, and the comparison itself: each standard's value for each operating
// model (every LA of every partnership of that model, counted together) and for each LA, rated
// against this partnership's own standard so that every row is judged by one yardstick.

import {
  monthsBefore,
  monthsBetween,
  OPERATING_MODEL_WORDS,
  rated,
  type Standard,
  type Value,
} from '../intelligence/index.ts'
import type { OperatingModel } from '../partnership/config-schema.ts'
import { InvalidInput } from '../platform/http/schemas.ts'
import { type FiguresFile, figuresFileCheck } from './schemas.ts'

const refuse = (text: string): never => {
  throw new InvalidInput([{ field: 'file', text }])
}

/** A pasted figures file, checked whole; a problem is named with where in the file it is. */
export function readFiguresFile(text: string): FiguresFile {
  if (!text.trim()) refuse('Paste a partnership’s performance figures file (the JSON it downloaded)')
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return refuse('The file is not JSON: paste the whole figures file a partnership downloaded')
  }
  const [problem] = figuresFileCheck.problems(parsed)
  if (problem || !figuresFileCheck.fits(parsed))
    return refuse(
      `The file is not a performance figures file: ${problem ? `${problem.field}: ${problem.text}` : 'check its shape'}`,
    )
  if (parsed.from > parsed.to) refuse('The file’s months run backwards: its “from” is after its “to”')
  const outside = parsed.rows.findIndex((row) => row.month < parsed.from || row.month > parsed.to)
  if (outside >= 0) refuse(`The file’s row ${outside + 1} is of a month outside the file’s months`)
  const overCounted = parsed.rows.findIndex((row) => row.counted > row.total)
  if (overCounted >= 0) refuse(`The file’s row ${overCounted + 1} counts more than it measured`)
  return parsed
}

export interface Period {
  from: string
  to: string
}

/** The twelve whole months before `now`'s month. */
export function lastTwelveMonths(now: Date): Period {
  const to = monthsBefore(now.toISOString().slice(0, 7), 1)
  return { from: monthsBefore(to, 11), to }
}

export interface ModelValue {
  model: OperatingModel
  words: string
  partnerships: number
  areas: number
  value: Value
}

export interface AreaValue {
  partnership: string
  area: string
  model: OperatingModel
  value: Value
}

export interface MeasureComparison {
  standard: Standard
  byModel: ModelValue[]
  byArea: AreaValue[]
}

/** In the seed's order (Object.keys would put '2', a number-like key, first). */
const MODELS: readonly OperatingModel[] = ['1a', '1b', '2']

/** Each standard over the period's months: every model with any LA measured, then every LA. */
export function compareModels(
  files: readonly FiguresFile[],
  standards: readonly Standard[],
  period: Period,
): MeasureComparison[] {
  const months = new Set(monthsBetween(period.from, period.to))
  return standards.map((standard) => {
    const areas = new Map<string, Omit<AreaValue, 'value'> & { counted: number; total: number }>()
    for (const file of files)
      for (const row of file.rows) {
        if (row.measure !== standard.definition || !months.has(row.month)) continue
        const key = JSON.stringify([file.partnership.id, row.la])
        const area = areas.get(key) ?? {
          partnership: file.partnership.name,
          area: row.la,
          model: file.operating_model,
          counted: 0,
          total: 0,
        }
        area.counted += row.counted
        area.total += row.total
        areas.set(key, area)
      }
    const byArea = [...areas.values()].map(({ counted, total, ...area }) => ({
      ...area,
      value: rated(counted, total, standard),
    }))
    const byModel = MODELS.flatMap((model) => {
      const ofModel = byArea.filter((area) => area.model === model)
      if (ofModel.length === 0) return []
      const counted = ofModel.reduce((n, area) => n + area.value.counted, 0)
      const total = ofModel.reduce((n, area) => n + area.value.total, 0)
      return [
        {
          model,
          words: OPERATING_MODEL_WORDS[model],
          partnerships: new Set(ofModel.map((area) => area.partnership)).size,
          areas: ofModel.length,
          value: rated(counted, total, standard),
        },
      ]
    })
    return { standard, byModel, byArea }
  })
}
