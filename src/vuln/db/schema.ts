/**
 * Bump when the tables change: a reader refuses a database of another version. 2 added
 * `known_exploited`.
 */
export const advisoryDbSchemaVersion = 2;

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
CREATE TABLE known_exploited (
  cve_id TEXT PRIMARY KEY,
  date_added TEXT NOT NULL,
  ransomware INTEGER NOT NULL,
  due_date TEXT
) STRICT;
CREATE TABLE import_errors (
  source TEXT NOT NULL,
  origin TEXT NOT NULL,
  message TEXT NOT NULL
) STRICT;
`;

/**
 * Run once the rows are in. The affected rows of each package are folded into one row of
 * `lookup`, a JSON array in advisory order, keyed and stored in key order: matching reads one
 * row and parses one string per installed package instead of one of each per advisory. The
 * brief stays a string inside it, to be parsed only for the entries that match. A rowid table,
 * not WITHOUT ROWID: a package's row runs to kilobytes, and an index B-tree would spill it
 * onto overflow pages; with 16 KiB pages (set before the tables are made) most rows fit one.
 */
export const advisoryDbFinish = `
CREATE TABLE lookup (
  ecosystem TEXT NOT NULL,
  release TEXT NOT NULL,
  package TEXT NOT NULL,
  entries INTEGER NOT NULL,
  hits TEXT NOT NULL
) STRICT;
INSERT INTO lookup
  SELECT ecosystem, release, package, count(*),
         json_group_array(json_array(advisory_id, json(entry), brief))
  FROM (SELECT * FROM affected ORDER BY ecosystem, release, package, advisory_id)
  GROUP BY ecosystem, release, package;
CREATE UNIQUE INDEX lookup_key ON lookup (ecosystem, release, package);
DROP TABLE affected;
`;
