-- Rolls and caseloads declared by an agency (src/children/declarations.ts): an education agency
-- declares the children on its roll, a health agency those on its caseload, each with the lawful
-- basis for processing. Every entry is kept as declared, matched or not, so the agency's own list
-- shows what it sent and never whether masa knows the child. An entry matched to a child's record
-- on an identifier corroborated by the name or date of birth (never a sealed record) gives the
-- agency a 'roll' or 'caseload' involvement; ending the entry (the child left) ends it.
CREATE TABLE agency_declaration (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('roll', 'caseload')),
  given_name text NOT NULL,
  family_name text NOT NULL,
  date_of_birth date NOT NULL,
  nhs_number char(10) NULL CHECK (nhs_number ~ '^[0-9]{10}$'),
  upn char(13) NULL CHECK (upn ~ '^[A-Z][0-9]{12}$'),
  lawful_basis text NOT NULL,
  -- 'user:<id>' or 'system:<id>', as a referral's referrer.
  declared_by text NOT NULL,
  declared_at timestamptz NOT NULL DEFAULT now(),
  -- Declaring the same child again (a roll sent each night) counts as activity.
  last_declared_at timestamptz NOT NULL DEFAULT now(),
  -- The child it was matched to, if any: never shown to the declaring agency.
  child_id uuid NULL REFERENCES child (id),
  ended_at timestamptz NULL,
  end_reason text NULL,
  ended_by text NULL,
  CHECK (nhs_number IS NOT NULL OR upn IS NOT NULL),
  CHECK ((ended_at IS NULL) = (end_reason IS NULL))
);

-- One current entry per agency and identifiers: declaring again renews it.
CREATE UNIQUE INDEX agency_declaration_current ON agency_declaration
  (agency_id, coalesce(nhs_number, ''), coalesce(upn, '')) WHERE ended_at IS NULL;
CREATE INDEX agency_declaration_child ON agency_declaration (child_id) WHERE child_id IS NOT NULL;
