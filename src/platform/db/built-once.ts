// Queries every page sends, built and compiled once. Kysely builds and compiles a query each time it
// runs (cloning its tree at each step, then walking it), and for the few statements a page sends that
// costs more of the service's time than the embedded engine takes to run them. Here the query is built
// once with stand-ins for its values, and each run only binds the values in their places.

import type { Compilable, CompiledQuery, Kysely } from 'kysely'

/** Where a value goes: given to the query's builder in place of the value itself. */
class Slot {
  constructor(readonly index: number) {}
}

// biome-ignore lint/suspicious/noExplicitAny: built once for any schema; the builder types its own rows
type AnyKysely = Kysely<any>

/**
 * The query `build` makes, compiled once; each call binds its values. `build` must use each value
 * only as a value of the query (never to decide what to build): a value used otherwise is refused.
 */
export function builtOnce<Values extends unknown[], Row>(
  build: (db: AnyKysely, ...values: Values) => Compilable<Row>,
): (db: AnyKysely, ...values: Values) => Promise<Row[]> {
  let compiled: CompiledQuery<Row> | undefined
  return async (db, ...values) => {
    compiled ??= compileWithSlots(build, db, values.length)
    const parameters = compiled.parameters.map((p) => (p instanceof Slot ? values[p.index] : p))
    const { rows } = await db.executeQuery<Row>({ ...compiled, parameters })
    return rows
  }
}

function compileWithSlots<Values extends unknown[], Row>(
  build: (db: AnyKysely, ...values: Values) => Compilable<Row>,
  db: AnyKysely,
  count: number,
): CompiledQuery<Row> {
  const slots = Array.from({ length: count }, (_, index) => new Slot(index))
  const compiled = build(db, ...(slots as Values)).compile()
  for (const slot of slots)
    if (!compiled.parameters.includes(slot))
      throw new Error(`builtOnce: value ${slot.index} is not a value of the query it builds`)
  return compiled
}
