import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { contractAfter, createdNames, RULES, refusals, statementsOf } from './expand-only.ts'
import { MIGRATIONS_DIR } from './migrate.ts'

const rulesBroken = (migration: string, madeSince: string[] = []) =>
  refusals(migration, new Set(madeSince)).map((refusal) => refusal.rule)

describe('a migration the previous release can run against', () => {
  test('adding tables, nullable or defaulted columns, indexes and wider checks is expand-only', () => {
    const expand = `
      CREATE TABLE child_note (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        child_id uuid NOT NULL REFERENCES child (id),
        body text NOT NULL,
        UNIQUE (child_id, body)
      );
      CREATE UNIQUE INDEX child_note_one ON child_note (child_id);
      ALTER TABLE child_note ENABLE ROW LEVEL SECURITY;
      ALTER TABLE child ADD COLUMN nickname text NULL, ADD COLUMN tidy boolean NOT NULL DEFAULT false;
      ALTER TABLE lado_meeting ALTER COLUMN minutes DROP NOT NULL;
      ALTER TABLE action DROP CONSTRAINT action_source_kind_check;
      ALTER TABLE action ADD CONSTRAINT action_source_kind_check CHECK (source_kind IN ('a', 'b', 'c'));
      DROP INDEX referral_child;
      CREATE INDEX referral_child ON referral (child_id, received_at);
      UPDATE child SET tidy = true WHERE nickname IS NULL;`
    assert.deepEqual(rulesBroken(expand), [])
  })

  test('a contract migration is refused, each statement naming the rule it breaks', () => {
    const contract = `
      ALTER TABLE child RENAME COLUMN first_name TO given_name;
      ALTER TABLE referral RENAME TO front_door_referral;
      ALTER TABLE child DROP COLUMN upn;
      DROP TABLE strategy_action;
      ALTER TABLE conference ALTER COLUMN chair_name TYPE varchar(80);
      ALTER TABLE rapid_review_part ALTER COLUMN due_on SET NOT NULL;
      ALTER TABLE child ADD COLUMN region text NOT NULL;
      ALTER TABLE action DROP CONSTRAINT action_source_kind_check;
      ALTER TABLE child ADD CONSTRAINT child_named CHECK (first_name <> '');
      CREATE UNIQUE INDEX child_upn_once ON child (upn);`
    const refused = refusals(contract, new Set())
    assert.deepEqual(
      refused.map((refusal) => [refusal.statement.split(' ').slice(0, 4).join(' '), refusal.rule]),
      [
        ['ALTER TABLE child RENAME', RULES.rename],
        ['ALTER TABLE referral RENAME', RULES.rename],
        ['ALTER TABLE child DROP', RULES.drop],
        ['DROP TABLE strategy_action', RULES.drop],
        ['ALTER TABLE conference ALTER', RULES.column],
        ['ALTER TABLE rapid_review_part ALTER', RULES.column],
        ['ALTER TABLE child ADD', RULES.refuse],
        ['ALTER TABLE action DROP', RULES.drop],
        ['ALTER TABLE child ADD', RULES.refuse],
        ['CREATE UNIQUE INDEX child_upn_once', RULES.refuse],
      ],
    )
  })

  test('what the migrations since the release made may still be changed, since the release knows none of it', () => {
    const reshaped = `
      ALTER TABLE child_note RENAME COLUMN body TO text;
      ALTER TABLE child_note ALTER COLUMN text SET NOT NULL;
      DROP TABLE child_note_draft;`
    assert.deepEqual(rulesBroken(reshaped, ['child_note', 'child_note_draft']), [])
    assert.deepEqual(
      createdNames('CREATE TABLE IF NOT EXISTS child_note (id uuid); CREATE VIEW x AS SELECT 1'),
      ['child_note', 'x'],
    )
  })

  test('words in comments, quoted text and function bodies are not read as SQL', () => {
    const quiet = `
      -- ALTER TABLE child DROP COLUMN upn;
      /* DROP TABLE child; */
      COMMENT ON TABLE child IS 'DROP TABLE child; it; ALTER TABLE child RENAME TO x';
      CREATE FUNCTION tidy() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN DROP TABLE child; RETURN NEW; END $body$;`
    assert.deepEqual(rulesBroken(quiet), [])
    assert.equal(statementsOf(quiet).length, 2)
    assert.deepEqual(
      rulesBroken("DO $$ BEGIN EXECUTE format('ALTER TABLE %I DROP COLUMN upn', 'child'); END $$"),
      [RULES.hidden],
    )
  })

  test('a contract step names the release since which nothing uses what it takes away', () => {
    assert.equal(
      contractAfter('-- contract after 1321979: child.upn is read by no release since\nALTER ...'),
      '1321979',
    )
    assert.equal(contractAfter('-- a contract after all\nALTER ...'), undefined)
  })

  test('past migrations that could not have been rolled are refused: a new NOT NULL column, the partnership key', async () => {
    const migration = (name: string) => readFile(join(MIGRATIONS_DIR, name), 'utf8')
    // The previous release's rapid reviews add parts without a due date, which 0063 made required.
    assert.deepEqual(
      rulesBroken(await migration('0063_rapid_review_contributions_recommendation_alerts.sql')),
      [RULES.column],
    )
    assert.deepEqual(rulesBroken(await migration('0075_partnership_key.sql')), [RULES.rename, RULES.hidden])
    assert.deepEqual(rulesBroken(await migration('0068_case_audit_moderation_meeting.sql')), [])
  })
})
