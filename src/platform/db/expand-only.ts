/**
 * The rules a migration keeps so that the previous release's servers still run against the schema it
 * makes while a rolling deploy replaces them (README, Operations, "Upgrades"): a migration since the
 * previous release only adds (expand); taking away what the previous release uses (contract) waits
 * for a later release. These rules read the SQL; the previous release's own tests, run against the new
 * schema by scripts/upgrade-check.sh, catch what reading cannot.
 */

export const RULES = {
  drop: 'drops what the previous release may use (a dropped index or constraint must be re-made by the same name in the same migration)',
  rename: 'renames what the previous release may use',
  column: 'changes a column the previous release reads or writes (its type, SET NOT NULL, DROP DEFAULT)',
  refuse:
    'may refuse what the previous release writes (a column added to an existing table must allow NULL or have a default; on an existing table, no new unique index and no new constraint but a check or foreign key on a new column)',
  hidden:
    'alters, drops or renames inside a DO block, where these rules cannot read it (write the statements out)',
} as const

/** A statement of a migration that the previous release may not survive, and the rule it breaks. */
export interface Refusal {
  statement: string
  rule: string
}

/**
 * A line `-- contract after <commit>: <what>` marks a contract step: it may take away what no release
 * since <commit> uses, and is allowed once <commit> is the previous release or older. The commit, or
 * undefined for an ordinary migration, which must be expand-only.
 */
export function contractAfter(migration: string): string | undefined {
  return /^--\s*contract after ([0-9a-f]{7,40})\b/im.exec(migration)?.[1]
}

const NAME = '([\\w."]+)'
const CREATED = new RegExp(
  `^CREATE (?:UNLOGGED )?(?:TABLE|VIEW|MATERIALIZED VIEW|FUNCTION|TYPE|SEQUENCE) (?:IF NOT EXISTS )?${NAME}`,
  'i',
)
const INDEX = new RegExp(
  `^CREATE (UNIQUE )?INDEX (?:CONCURRENTLY )?(?:IF NOT EXISTS )?(?:${NAME} )?ON (?:ONLY )?${NAME}`,
  'i',
)
const DROPPED =
  /^DROP (TABLE|VIEW|MATERIALIZED VIEW|FUNCTION|TYPE|SEQUENCE|INDEX) (?:CONCURRENTLY )?(?:IF EXISTS )?([\w.", ]+)/i
const ALTERED = new RegExp(
  `^ALTER (?:TABLE|VIEW|MATERIALIZED VIEW) (?:IF EXISTS )?(?:ONLY )?${NAME} (.*)$`,
  'i',
)

/** Names of the tables, views, functions, types and sequences a migration creates (not replaces). */
export function createdNames(migration: string): string[] {
  return statementsOf(migration).flatMap((statement) => {
    const made = CREATED.exec(statement)
    return made ? [bare(made[1])] : []
  })
}

/**
 * What in `migration` breaks the rules. `madeSince` names what the migrations since the previous
 * release create: the previous release knows none of it, so changing it is free.
 */
export function refusals(migration: string, madeSince: ReadonlySet<string>): Refusal[] {
  const parsed = parse(migration)
  const statements = parsed.map((statement) => statement.text)
  const alterations = statements.flatMap((statement) => {
    const alter = ALTERED.exec(statement)
    return alter ? topLevelParts(alter[2]) : []
  })
  const namesIn = (pattern: RegExp, texts: string[]) =>
    new Set(texts.flatMap((text) => pattern.exec(text)?.slice(1).filter(Boolean).map(bare) ?? []))
  const remade = new Set([
    ...namesIn(/^ADD CONSTRAINT ([\w."]+)/i, alterations),
    ...statements.flatMap((statement) => {
      const name = INDEX.exec(statement)?.[2]
      return name ? [bare(name)] : []
    }),
  ])
  const dropped = new Set([
    ...namesIn(/^DROP CONSTRAINT (?:IF EXISTS )?([\w."]+)/i, alterations),
    ...namesIn(/^DROP INDEX (?:CONCURRENTLY )?(?:IF EXISTS )?([\w."]+)/i, statements),
  ])
  const added = new Set(
    alterations.flatMap((action) => {
      const column = /^ADD (?:COLUMN )?(?:IF NOT EXISTS )?([\w"]+)/i.exec(action)?.[1]
      return column && !/^(?:CONSTRAINT|CHECK|UNIQUE|PRIMARY|FOREIGN|EXCLUDE)$/i.test(column)
        ? [bare(column)]
        : []
    }),
  )
  const made = new Set([...madeSince, ...createdNames(migration)])
  const isNew = (name: string) => made.has(bare(name))

  const found: Refusal[] = []
  for (const { text: statement, bodies } of parsed) {
    const rules = new Set<keyof typeof RULES>()
    if (/^DO\b/i.test(statement) && bodies.some((body) => /\b(?:ALTER TABLE|DROP|RENAME)\b/i.test(body))) {
      rules.add('hidden')
    }
    const drop = DROPPED.exec(statement)
    const index = INDEX.exec(statement)
    const alter = ALTERED.exec(statement)
    if (drop) {
      const names = drop[2].split(',').map((name) => name.trim().split(' ')[0])
      const gone =
        drop[1].toUpperCase() === 'INDEX'
          ? (name: string) => !remade.has(bare(name))
          : (name: string) => !isNew(name)
      if (names.some(gone)) rules.add('drop')
    } else if (index?.[1] && !isNew(index[3]) && !(index[2] && dropped.has(bare(index[2])))) {
      rules.add('refuse')
    } else if (alter && !isNew(alter[1])) {
      for (const action of topLevelParts(alter[2])) {
        const rule = actionRule(action, { remade, dropped, added })
        if (rule) rules.add(rule)
      }
    }
    for (const rule of rules) found.push({ statement, rule: RULES[rule] })
  }
  return found
}

/** The rule one action of an ALTER TABLE on a table the previous release has breaks, if any. */
function actionRule(
  action: string,
  { remade, dropped, added }: Record<'remade' | 'dropped' | 'added', Set<string>>,
): keyof typeof RULES | undefined {
  if (/^RENAME (?!CONSTRAINT\b)/i.test(action)) return 'rename'
  const dropConstraint = /^DROP CONSTRAINT (?:IF EXISTS )?([\w."]+)/i.exec(action)
  if (dropConstraint) return remade.has(bare(dropConstraint[1])) ? undefined : 'drop'
  if (/^DROP\b/i.test(action)) return 'drop' // a column: DROP [COLUMN] [IF EXISTS] name
  if (/^ALTER (?:COLUMN )?[\w"]+ (?:(?:SET DATA )?TYPE|SET NOT NULL|DROP DEFAULT)\b/i.test(action))
    return 'column'
  const constraint =
    /^ADD (?:CONSTRAINT ([\w."]+) )?(?:CHECK|UNIQUE|PRIMARY KEY|FOREIGN KEY|EXCLUDE)\b/i.exec(action)
  if (constraint) {
    const replacing = constraint[1] && dropped.has(bare(constraint[1]))
    // The previous release leaves a column it does not know NULL (or at its default), which a check or
    // a foreign key on that column lets through.
    const onNewColumn =
      /\b(?:CHECK|FOREIGN KEY)\b/i.test(action) &&
      (action.match(/[\w"]+/g) ?? []).some((word) => added.has(bare(word)))
    return replacing || onNewColumn ? undefined : 'refuse'
  }
  if (/^ADD\b/i.test(action) && /\bNOT NULL\b/i.test(action) && !/\b(?:DEFAULT|GENERATED)\b/i.test(action)) {
    return 'refuse'
  }
  return undefined
}

const bare = (name: string) => name.replaceAll('"', '').toLowerCase().replace(/^.*\./, '')

/**
 * The statements of a migration with comments left out, quoted text and function bodies emptied (so
 * nothing in them is read as SQL) and white space made single.
 */
export function statementsOf(migration: string): string[] {
  return parse(migration).map((statement) => statement.text)
}

/** Each statement's text as statementsOf gives it, with the bodies emptied from it. */
function parse(migration: string): { text: string; bodies: string[] }[] {
  const statements = [{ text: '', bodies: [] as string[] }]
  for (let i = 0; i < migration.length; ) {
    const skip = skippedAt(migration.slice(i))
    const statement = statements[statements.length - 1]
    if (skip?.standIn === '$$ $$') statement.bodies.push(migration.slice(i, i + skip.length))
    if (!skip && migration[i] === ';') statements.push({ text: '', bodies: [] })
    else statement.text += skip ? skip.standIn : migration[i]
    i += skip ? skip.length : 1
  }
  return statements
    .map((statement) => ({ ...statement, text: statement.text.replace(/\s+/g, ' ').trim() }))
    .filter((statement) => statement.text)
}

function skippedAt(rest: string): { length: number; standIn: string } | undefined {
  const comment = /^--[^\n]*|^\/\*[\s\S]*?\*\//.exec(rest)
  if (comment) return { length: comment[0].length, standIn: ' ' }
  const quoted = /^'(?:[^']|'')*'/.exec(rest)
  if (quoted) return { length: quoted[0].length, standIn: "''" }
  const tag = /^\$\w*\$/.exec(rest)?.[0]
  if (!tag) return undefined
  const end = rest.indexOf(tag, tag.length)
  return { length: end < 0 ? rest.length : end + tag.length, standIn: '$$ $$' }
}

/** The comma-separated actions of an ALTER TABLE, commas inside brackets kept. */
function topLevelParts(actions: string): string[] {
  const parts = ['']
  let depth = 0
  for (const char of actions) {
    if (char === ',' && depth === 0) parts.push('')
    else parts[parts.length - 1] += char
    if (char === '(') depth += 1
    if (char === ')') depth -= 1
  }
  return parts.map((part) => part.trim()).filter(Boolean)
}
