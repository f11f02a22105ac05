-- A MACE meeting of the whole partnership as well as of one LA (src/mace meetings.ts): no LA means
-- every LA of the partnership, whose agendas it gathers.

ALTER TABLE mace_meeting ALTER COLUMN la_id DROP NOT NULL;
