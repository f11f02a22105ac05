-- VOLT's hotspots (src/volt store.ts hotspotQuery) look up each child linked to a place for its LA and
-- marking, the viewer's reach: tens of thousands of primary-key lookups at a million links, each one a
-- read of the child's wide row. Carrying the two columns in an index of the id makes each lookup an
-- index-only scan (measured at 1M children and links: from about 1.5-1.9 s to 0.8-0.9 s under load).
CREATE INDEX child_reach ON child (id) INCLUDE (la_id, sensitivity);
