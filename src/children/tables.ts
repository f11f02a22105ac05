/** Kysely table types for this capability; the SQL lives in migrations/. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in as the capability grows
export interface ChildrenTables {}
