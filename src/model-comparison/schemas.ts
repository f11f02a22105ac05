// The performance figures file one partnership downloads and another imports to compare operating
// models: counts per LA, measure and month, as the dashboard counts them; no child, no reference.

import { type Static, Type } from '@sinclair/typebox'
import { OperatingModel } from '../partnership/config-schema.ts'
import { MEASURE_DEFINITIONS } from '../partnership/measure-definitions.ts'
import { compileInput } from '../platform/http/schemas.ts'

/** What a figures file says it is, with the version of its shape. */
export const FIGURES_FILE_KIND = 'masa-performance-figures/1'

export const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'a month, YYYY-MM' })

const Name = (description: string) => Type.String({ minLength: 1, maxLength: 200, description })

export const FigureRow = Type.Object(
  {
    la: Name('the local authority’s name'),
    measure: Type.Union(
      MEASURE_DEFINITIONS.map((definition) => Type.Literal(definition)),
      { description: 'what the standard measures (its definition)' },
    ),
    month: Month,
    counted: Type.Integer({ minimum: 0, description: 'how many met the standard' }),
    total: Type.Integer({ minimum: 1, description: 'how many were measured' }),
  },
  { additionalProperties: false },
)
export type FigureRow = Static<typeof FigureRow>

export const FiguresFile = Type.Object(
  {
    kind: Type.Literal(FIGURES_FILE_KIND),
    partnership: Type.Object(
      { id: Type.String({ minLength: 1, maxLength: 100 }), name: Name('the partnership’s name') },
      { additionalProperties: false },
    ),
    operating_model: OperatingModel,
    from: Month,
    to: Month,
    rows: Type.Array(FigureRow, { maxItems: 200_000 }),
  },
  { additionalProperties: false },
)
export type FiguresFile = Static<typeof FiguresFile>
export const figuresFileCheck = compileInput(FiguresFile)
