import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { isForeignKeyViolation, uniqueViolationColumns } from './db-errors.js';

function sqliteError(run: (db: BetterSqlite3.Database) => void): unknown {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  db.exec('create table p (id text primary key, a text, b text, unique (a, b))');
  db.exec('create table c (p_id text references p(id))');
  try {
    run(db);
  } catch (error) {
    return error;
  } finally {
    db.close();
  }
  throw new Error('no error');
}

describe('constraint errors', () => {
  it('reads the columns of a unique violation from SQLite and from PostgreSQL', () => {
    const unique = sqliteError((db) =>
      db.exec("insert into p values ('1','x','y'), ('2','x','y')")
    );
    expect(uniqueViolationColumns(unique)).toEqual(['a', 'b']);
    const primary = sqliteError((db) =>
      db.exec("insert into p values ('1','x','y'), ('1','z','y')")
    );
    expect(uniqueViolationColumns(primary)).toEqual(['id']);
    const pgError = Object.assign(new Error('duplicate key'), {
      code: '23505',
      detail: 'Key (registry_id, name)=(r, n) already exists.',
    });
    expect(uniqueViolationColumns(pgError)).toEqual(['registry_id', 'name']);
    expect(uniqueViolationColumns(new Error('other'))).toBeUndefined();
  });

  it('recognises a foreign key violation from either', () => {
    expect(
      isForeignKeyViolation(sqliteError((db) => db.exec("insert into c values ('none')")))
    ).toBe(true);
    expect(isForeignKeyViolation(Object.assign(new Error('fk'), { code: '23503' }))).toBe(true);
    expect(isForeignKeyViolation(Object.assign(new Error('x'), { code: '23505' }))).toBe(false);
  });
});
