// The voice of children and families for the partnership's yearly report (src/yearly-report): the
// answers of a period counted by theme and question, small numbers hidden, and what was changed.
// Aggregates only: the caller has asked the policy for the report.

import type { Kysely } from 'kysely'
import type { DB } from '../database.ts'
import { AUDIENCES, type Audience, resultsByTheme, shownCount, type ThemeResult, themeText } from './rules.ts'

export interface VoiceFigures {
  answered: Record<Audience, string>
  themes: Record<Audience, ThemeResult[]>
  changes: { theme: string; whatWeChanged: string }[]
}

const byAudience = <T>(value: (audience: Audience) => T) =>
  Object.fromEntries(AUDIENCES.map((audience) => [audience, value(audience)])) as Record<Audience, T>

/** Answers given and changes made between two London dates, both ends included. */
export async function voiceFigures(db: Kysely<DB>, from: string, to: string): Promise<VoiceFigures> {
  const responses = await db
    .selectFrom('voice_response')
    .select(['audience', 'answers', 'suggestion'])
    .where('answered_on', '>=', from)
    .where('answered_on', '<=', to)
    .execute()
  const of = (audience: Audience) => responses.filter((r) => r.audience === audience)
  const changes = await db
    .selectFrom('voice_change')
    .select(['theme', 'what_we_changed'])
    .where('changed_on', '>=', from)
    .where('changed_on', '<=', to)
    .orderBy('changed_on')
    .execute()
  return {
    answered: byAudience((audience) => shownCount(of(audience).length)),
    themes: byAudience((audience) => resultsByTheme(audience, of(audience))),
    changes: changes.map((c) => ({ theme: themeText(c.theme), whatWeChanged: c.what_we_changed })),
  }
}
