/** Bump when the tables change: a reader refuses a database of another version. */
export const advisoryDbSchemaVersion = 1;

export const advisoryDbDdl = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE sources (
  id TEXT NOT NULL,
  location TEXT NOT NULL,
  records INTEGER NOT NULL,
  errors INTEGER NOT NULL,
  read_at TEXT NOT NULL
) STRICT;
CREATE TABLE advisories (
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  modified TEXT NOT NULL,
  withdrawn TEXT,
  record TEXT NOT NULL
) STRICT;
CREATE TABLE affected (
  ecosystem TEXT NOT NULL,
  release TEXT NOT NULL,
  package TEXT NOT NULL,
  advisory_id TEXT NOT NULL,
  entry TEXT NOT NULL,
  brief TEXT NOT NULL
) STRICT;
CREATE TABLE import_errors (
  source TEXT NOT NULL,
  origin TEXT NOT NULL,
  message TEXT NOT NULL
) STRICT;
`;

/**
 * Run once the rows are in. The affected rows are rewritten in lookup order, so one
 * package's entries sit on one or two pages and a lookup reads those, not one page per row;
 * then the index is built once instead of being maintained row by row.
 */
export const advisoryDbFinish = `
CREATE TABLE affected_sorted (
  ecosystem TEXT NOT NULL,
  release TEXT NOT NULL,
  package TEXT NOT NULL,
  advisory_id TEXT NOT NULL,
  entry TEXT NOT NULL,
  brief TEXT NOT NULL
) STRICT;
INSERT INTO affected_sorted SELECT * FROM affected ORDER BY ecosystem, release, package, advisory_id;
DROP TABLE affected;
ALTER TABLE affected_sorted RENAME TO affected;
CREATE INDEX affected_lookup ON affected (ecosystem, release, package);
`;
