-- Partner-to-police information requests and referrals in the shape of the Met's form 87a
-- (src/police-requests): a practitioner of any agency asks the police force serving a child's LA
-- what it knows about a child already in masa (the request, the reason and the lawful basis), by a
-- due date in working days; police public protection reply with the information disclosed, or
-- refuse with the reason. The chronology says that it was asked and answered, never the content.
CREATE TABLE police_information_request (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES child (id),
  la_id text NOT NULL,
  -- The police force asked: the police agency serving the child's LA.
  police_agency_id text NOT NULL,
  -- The requesting agency and person: 'user:<id>' or 'system:<id>', and their name.
  agency_id text NOT NULL,
  requested_by text NOT NULL,
  requested_by_name text NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  request text NOT NULL,
  reason text NOT NULL,
  lawful_basis text NOT NULL CHECK (lawful_basis IN
    ('children-act-1989-s47', 'children-act-1989-s17', 'crime-and-disorder-act-1998-s115',
     'uk-gdpr-6-1-e-dpa-2018-sch-8', 'consent')),
  due_by date NOT NULL,
  -- The answer: the information disclosed, or the refusal's reason.
  outcome text NULL CHECK (outcome IN ('disclosed', 'refused')),
  answer text NULL,
  answered_by text NULL,
  answered_by_name text NULL,
  answered_at timestamptz NULL,
  CHECK ((outcome IS NULL) = (answer IS NULL)),
  CHECK ((outcome IS NULL) = (answered_at IS NULL)),
  CHECK ((outcome IS NULL) = (answered_by IS NULL))
);

-- The police queue: requests awaiting an answer, soonest due first.
CREATE INDEX police_information_request_open ON police_information_request (police_agency_id, due_by)
  WHERE outcome IS NULL;
CREATE INDEX police_information_request_requester ON police_information_request (requested_by, requested_at);
CREATE INDEX police_information_request_child ON police_information_request (child_id);
