// GOV.UK's macros, made cheaper without changing a byte they write. Every page imports a dozen of
// their files (the layout's, and GOV.UK's own page template's), and Nunjucks runs each file afresh on
// every page just to define its macros; the layout's header, service navigation and phase banner are
// then built again from the same few arguments for every page.

import type nunjucks from 'nunjucks'

/**
 * Macro files whose macros are kept from one page to the next: their files only define macros, and
 * a macro imported without the page's context reads nothing but its arguments.
 */
const KEPT_FILES = /\/govuk-frontend\/dist\/govuk\/(components\/[a-z-]+\/macro|macros\/attributes)\.njk$/

/**
 * The macros whose answers are remembered by their arguments: the page's frame, which depends on the
 * partnership and the reader's roles only (never on a child or a person), so a few dozen answers
 * serve every page. Any other macro is called each time.
 */
const REMEMBERED_MACROS = new Set([
  'govukGenericHeader',
  'govukPhaseBanner',
  'govukServiceNavigation',
  'govukSkipLink',
])

/** Answers kept per macro; past it they are forgotten and built again (bounds memory whatever is passed). */
const MOST_ANSWERS = 200

type Macro = (...args: unknown[]) => unknown
type Exports = Record<string, unknown>
type ExportedCallback = (error: unknown, exported?: Exports) => void
type GetExported = (ctx?: unknown, parentFrame?: unknown, cb?: ExportedCallback) => void
interface LoadedTemplate {
  path: string
  getExported: GetExported
}

/** Makes the environment keep GOV.UK's macro files' macros, and remember the frame's macros' answers. */
export function keepGovukMacros(env: nunjucks.Environment): nunjucks.Environment {
  const loading = env as unknown as { getTemplate: (...args: unknown[]) => unknown }
  const getTemplate = loading.getTemplate.bind(env)
  const kept = new WeakSet<object>()
  const keep = (template: unknown) => {
    const loaded = template as LoadedTemplate | null | undefined
    if (loaded && !kept.has(loaded) && KEPT_FILES.test(loaded.path ?? '')) {
      kept.add(loaded)
      keepExports(loaded)
    }
    return template
  }
  // Nunjucks takes its callback wherever the arguments end.
  loading.getTemplate = (...args: unknown[]) => {
    const last = args.length - 1
    const callback = args[last]
    if (typeof callback !== 'function') return keep(getTemplate(...args))
    args[last] = (error: unknown, template: unknown) => callback(error, keep(template))
    return getTemplate(...args)
  }
  return env
}

/** The file's macros are made on its first import without context, then handed to every later one. */
function keepExports(template: LoadedTemplate): void {
  const getExported = template.getExported.bind(template)
  let exported: Exports | undefined
  template.getExported = (ctx, parentFrame, cb) => {
    // Only `{% from ... import %}` without context passes its callback first; anything else as it was.
    if (typeof ctx !== 'function') return getExported(ctx, parentFrame, cb)
    const done = ctx as ExportedCallback
    if (exported) return done(null, exported)
    getExported((error: unknown, made?: Exports) => {
      if (error || !made) return done(error, made)
      exported = Object.fromEntries(
        Object.entries(made).map(([name, value]) => [
          name,
          REMEMBERED_MACROS.has(name) && typeof value === 'function'
            ? rememberAnswers(value as Macro)
            : value,
        ]),
      )
      done(null, exported)
    })
  }
}

/** The macro, answering again what it answered before for the same arguments (plain data only). */
function rememberAnswers(macro: Macro): Macro {
  const answers = new Map<string, unknown>()
  return function remembered(this: unknown, ...args: unknown[]) {
    // One argument, the params: with a `caller` block (or keyword arguments) there is a second.
    const key = args.length === 1 ? plainKey(args[0]) : undefined
    if (key === undefined) return macro.apply(this, args)
    let answer = answers.get(key)
    if (answer === undefined) {
      answer = macro.apply(this, args)
      if (answers.size >= MOST_ANSWERS) answers.clear()
      answers.set(key, answer)
    }
    return answer
  }
}

/** Arguments nested deeper than this are not remembered (nor walked further). */
const MOST_DEPTH = 8

/**
 * A text that two arguments share only if the macro cannot tell them apart: their JSON, for
 * arguments made of strings, finite numbers, booleans, null, arrays and plain objects alone, which
 * JSON keeps exactly. Anything else (a value left undefined, marked-safe HTML, a function, a Date)
 * gives none, and the call is not remembered. No arguments at all is a key of its own.
 */
export function plainKey(value: unknown): string | undefined {
  if (value === undefined) return 'none'
  return isPlain(value, 0) ? JSON.stringify(value) : undefined
}

function isPlain(value: unknown, depth: number): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true
  if (typeof value === 'number') return Number.isFinite(value)
  if (typeof value !== 'object' || depth >= MOST_DEPTH) return false
  if (Array.isArray(value)) {
    for (const item of value) if (!isPlain(item, depth + 1)) return false
    return true
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false
  for (const item of Object.values(value)) if (!isPlain(item, depth + 1)) return false
  return true
}
