import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readSqlite } from './sqlite.js';
import { useRpmFixture, inputError } from '../../../../test/harness/rpm-fixtures.js';

const fixture = useRpmFixture();

const PATH = 'var/lib/rpm/rpmdb.sqlite';

/** A serialized database made by running SQL, for shapes rpm would never write. */
function databaseFrom(sql: string, rows: [unknown, unknown][] = []): Buffer {
  const db = new Database(':memory:');
  try {
    db.exec(sql);
    for (const row of rows) {
      db.prepare('INSERT INTO Packages VALUES (?, ?)').run(...row);
    }
    return db.serialize();
  } finally {
    db.close();
  }
}

describe('readSqlite', () => {
  it('reads every header blob of a database rpm wrote, in package-number order', () => {
    expect(readSqlite(fixture().sqlite, PATH)).toEqual(fixture().blobs);
  });

  it('reads rpm’s WAL-mode file from memory without changing the caller’s bytes', () => {
    // rpm leaves the file in WAL mode (format bytes 2, 2); this fixture covers that case.
    expect([fixture().sqlite[18], fixture().sqlite[19]]).toEqual([2, 2]);
    const before = Buffer.from(fixture().sqlite);
    readSqlite(fixture().sqlite, PATH);
    expect(fixture().sqlite.equals(before)).toBe(true);

    const rollback = Buffer.from(fixture().sqlite);
    rollback[18] = 1;
    rollback[19] = 1;
    expect(readSqlite(rollback, PATH)).toEqual(fixture().blobs);
  });

  it('refuses a file without the SQLite magic', () => {
    const damaged = Buffer.from(fixture().sqlite);
    damaged.write('MySQL', 0, 'latin1');
    expect(inputError(() => readSqlite(damaged, PATH)).message).toBe(
      `${PATH}: corrupt SQLite database: no 'SQLite format 3' magic at offset 0`
    );
  });

  it('refuses a truncated file', () => {
    const truncated = fixture().sqlite.subarray(0, 8192);
    expect(inputError(() => readSqlite(truncated, PATH)).message).toMatch(
      /^var\/lib\/rpm\/rpmdb\.sqlite: corrupt SQLite database: /
    );
  });

  it('refuses a database without a Packages table, or with a view in its place', () => {
    const noTable = databaseFrom('CREATE TABLE t (hnum INTEGER, blob BLOB)');
    expect(inputError(() => readSqlite(noTable, PATH)).message).toBe(
      `${PATH}: corrupt SQLite database: no Packages table`
    );
    const view = databaseFrom(
      'CREATE TABLE t (hnum INTEGER, blob BLOB); CREATE VIEW Packages AS SELECT * FROM t'
    );
    expect(inputError(() => readSqlite(view, PATH)).message).toMatch(/no Packages table/);
  });

  it('refuses rows that hold no blob or no usable package number', () => {
    const schema = 'CREATE TABLE Packages (hnum, blob)';
    const text = databaseFrom(schema, [[1n, 'not a blob']]);
    expect(inputError(() => readSqlite(text, PATH)).message).toBe(
      `${PATH}: corrupt SQLite database: Packages row 1 has no header blob`
    );
    const huge = databaseFrom(schema, [[2n ** 40n, Buffer.from('x')]]);
    expect(inputError(() => readSqlite(huge, PATH)).message).toMatch(
      /Packages row has hnum 1099511627776, not a package number/
    );
    const real = databaseFrom(schema, [[1.5, Buffer.from('x')]]);
    expect(inputError(() => readSqlite(real, PATH)).message).toMatch(
      /Packages row has hnum 1.5, not a package number/
    );
    const missingColumn = databaseFrom('CREATE TABLE Packages (id INTEGER)');
    expect(inputError(() => readSqlite(missingColumn, PATH)).message).toMatch(
      /corrupt SQLite database: no such column: hnum/
    );
  });
});
