// The VOLT benchmarks' bulk load (bench/volt-network.ts, bench/volt-hotspots.ts): children, persons of
// concern, places and links in SQL. Links: 60% child to person, 15% person to place, 15% child to place,
// 10% child to theme; a tenth graded C (police only); a quarter of persons police-restricted.

import { type Kysely, sql } from 'kysely'
import type { DB } from '../../src/database.ts'

export interface VoltSizes {
  children: number
  persons: number
  places: number
  links: number
}

export async function loadVolt(db: Kysely<DB>, sizes: VoltSizes): Promise<void> {
  await sql`INSERT INTO child (la_id, la_child_id, given_name, family_name, date_of_birth, sex)
    SELECT 'leicester', 'VB-' || g, 'Bench', 'Child ' || g, DATE '2011-01-01' + (g % 2000), 'U'
    FROM generate_series(1, ${sizes.children}) g`.execute(db)
  await sql`INSERT INTO volt_person (name, kind, police_restricted, agency_id, recorded_by, recorded_by_name)
    SELECT 'Person ' || g, CASE WHEN g % 3 = 0 THEN 'peer' ELSE 'adult' END, g % 4 = 0,
      'leicestershire-police', 'user:bench', 'Bench'
    FROM generate_series(1, ${sizes.persons}) g`.execute(db)
  await sql`INSERT INTO volt_location (name, location_type, postcode, postcode_sector, agency_id, recorded_by, recorded_by_name)
    SELECT 'Place ' || g, (ARRAY['address','park','shop','hotel','transport-hub','school','online-platform'])[1 + g % 7],
      'LE' || (1 + g % 9) || ' ' || (g % 10) || 'AB', 'LE' || (1 + g % 9) || ' ' || (g % 10),
      'leicester-city-council', 'user:bench', 'Bench'
    FROM generate_series(1, ${sizes.places}) g`.execute(db)
  // Numbered copies of the ids, to pick ends at random by number.
  await sql`CREATE TEMP TABLE bc AS SELECT row_number() OVER () AS n, id::text AS id FROM child`.execute(db)
  await sql`CREATE TEMP TABLE bp AS SELECT row_number() OVER () AS n, id::text AS id FROM volt_person`.execute(
    db,
  )
  await sql`CREATE TEMP TABLE bl AS SELECT row_number() OVER () AS n, id::text AS id FROM volt_location`.execute(
    db,
  )
  for (const table of ['bc', 'bp', 'bl']) await sql.raw(`CREATE INDEX ON ${table} (n)`).execute(db)
  await sql`INSERT INTO volt_link (a_kind, a_ref, b_kind, b_ref, link_type, source_agency_id, seen_on,
      source_evaluation, intelligence_assessment, handling_code, handling_conditions, recorded_by, recorded_by_name)
    SELECT a_kind, a_ref, b_kind, b_ref, 'seen-with', 'leicestershire-police', DATE '2026-11-01',
      2, 'B', CASE WHEN g % 10 = 0 THEN 'C' ELSE 'P' END, CASE WHEN g % 10 = 0 THEN 'Police only' END,
      'user:bench', 'Bench'
    FROM (
      SELECT g, r,
        CASE WHEN r < 0.85 AND r >= 0.60 THEN 'person' ELSE 'child' END AS a_kind,
        CASE WHEN r < 0.85 AND r >= 0.60 THEN (SELECT id FROM bp WHERE n = 1 + (g * 7919) % ${sizes.persons})
             ELSE (SELECT id FROM bc WHERE n = 1 + (g * 104729) % ${sizes.children}) END AS a_ref,
        CASE WHEN r < 0.60 THEN 'person' WHEN r < 0.90 THEN 'location' ELSE 'theme' END AS b_kind,
        CASE WHEN r < 0.60 THEN (SELECT id FROM bp WHERE n = 1 + (g * 31) % ${sizes.persons})
             WHEN r < 0.90 THEN (SELECT id FROM bl WHERE n = 1 + (g * 17) % ${sizes.places})
             ELSE (ARRAY['cse','cce','county-lines','online-exploitation'])[1 + g % 4] END AS b_ref
      FROM (SELECT g::bigint AS g, random() AS r FROM generate_series(1, ${sizes.links}) g) s
    ) ends`.execute(db)
}
