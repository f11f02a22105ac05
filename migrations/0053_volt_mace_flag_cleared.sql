-- A VOLT flag for MACE cleared by hand (src/volt mace-flag.ts clearFlag), by whoever records in VOLT
-- for the flag's LA: who cleared it and why, beside when (cleared_at) and their name (cleared_by_name),
-- which 0045 kept for it, and their agency.

ALTER TABLE volt_mace_flag ADD COLUMN cleared_by text NULL;
ALTER TABLE volt_mace_flag ADD COLUMN cleared_agency_id text NULL;
ALTER TABLE volt_mace_flag ADD COLUMN cleared_reason text NULL;
