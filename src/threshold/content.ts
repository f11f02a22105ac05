// Loading the threshold tool's content (config/thresholds/*.yaml, shape in schemas.ts). Validated on
// load; every problem names the file and the field, for the partnership that writes it.

import { readFile } from 'node:fs/promises'
import type { TSchema } from '@sinclair/typebox'
import { type TypeCheck, TypeCompiler } from '@sinclair/typebox/compiler'
import { parseDocument } from 'yaml'
import { plainPath } from '../partnership/config-schema.ts'
import { DOMAINS, ThresholdContent } from './schemas.ts'

export const DEMO_THRESHOLD_CONTENT = new URL('../../config/thresholds/demo.yaml', import.meta.url).pathname

export class ThresholdContentError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(problems.map((problem) => `${source}: ${problem}`).join('\n'))
    this.name = 'ThresholdContentError'
  }
}

const checker = TypeCompiler.Compile(ThresholdContent)

export async function loadThresholdContent(path = DEMO_THRESHOLD_CONTENT): Promise<ThresholdContent> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new ThresholdContentError(path, [`cannot read the file (${(error as NodeJS.ErrnoException).code})`])
  }
  return parseThresholdContent(text, path)
}

export function parseThresholdContent(text: string, source: string): ThresholdContent {
  const document = parseDocument(text)
  if (document.errors.length > 0) {
    throw new ThresholdContentError(
      source,
      document.errors.map((e) => `is not valid YAML: ${e.message.split('\n')[0]}`),
    )
  }
  const value: unknown = document.toJS()
  if (!checker.Check(value)) throw new ThresholdContentError(source, schemaProblems(checker, value))
  const problems = crossFieldProblems(value)
  if (problems.length > 0) throw new ThresholdContentError(source, problems)
  return value
}

/** A content file's schema problems in plain words, one per field (the exploitation screening's too). */
export function schemaProblems(checker: TypeCheck<TSchema>, value: unknown): string[] {
  const seen = new Set<string>()
  const problems: string[] = []
  for (const error of checker.Errors(value)) {
    const path = plainPath(error.path)
    if (seen.has(path)) continue
    seen.add(path)
    const expected = (error.schema.description as string | undefined) ?? error.message
    problems.push(
      error.value === undefined ? `${path} is missing (expected ${expected})` : `${path} must be ${expected}`,
    )
  }
  return problems
}

function crossFieldProblems(content: ThresholdContent): string[] {
  const problems: string[] = []
  const firstIndex = new Map<string, number>()
  content.indicators.forEach((indicator, index) => {
    const first = firstIndex.get(indicator.id)
    if (first === undefined) firstIndex.set(indicator.id, index)
    else problems.push(`indicators[${index}].id "${indicator.id}" is already used by indicators[${first}]`)
  })
  content.indicators.forEach((indicator, index) => {
    indicator.related.forEach((id, j) => {
      const path = `indicators[${index}].related[${j}]`
      if (id === indicator.id) problems.push(`${path} is the indicator itself`)
      else if (!firstIndex.has(id))
        problems.push(`${path} refers to "${id}", which is not an indicator in this file`)
    })
  })
  DOMAINS.forEach((domain) => {
    const declared = content.domains.filter((d) => d.id === domain).length
    if (declared !== 1) problems.push(`domains must list '${domain}' exactly once (found ${declared})`)
    if (!content.indicators.some((indicator) => indicator.domain === domain)) {
      problems.push(`indicators has none in the domain '${domain}'`)
    }
  })
  return problems
}
