/**
 * A plan file's schema against the one its version should have. A trigger, view, table or index
 * added by hand (or by another program) would run, or be read, with every write: such a file is not
 * opened for writing, and a clean copy (its data in a fresh plan file, the extras left out) is offered.
 */
import Database from 'better-sqlite3';
import { buildSchema } from './migrations';

export interface SchemaObject {
  type: string;
  name: string;
  sql: string;
}

const SCHEMA_SQL = "SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name";

const normal = (sql: string | null) => (sql ?? '').replace(/\s+/g, ' ').trim();

const expectedByVersion = new Map<number, Map<string, SchemaObject>>();

/** The schema a plan file of `version` has: its migrations run on an empty database. */
export function expectedSchema(version: number): Map<string, SchemaObject> {
  let expected = expectedByVersion.get(version);
  if (!expected) {
    const db = new Database(':memory:');
    try {
      buildSchema(db, version);
      expected = schemaOf(db);
    } finally {
      db.close();
    }
    expectedByVersion.set(version, expected);
  }
  return expected;
}

export function schemaOf(db: Database.Database, schema = 'main'): Map<string, SchemaObject> {
  const rows = db.prepare(SCHEMA_SQL.replace('sqlite_schema', `${schema}.sqlite_schema`)).all() as { type: string; name: string; sql: string | null }[];
  return new Map(rows.map((r) => [`${r.type} ${r.name}`, { type: r.type, name: r.name, sql: normal(r.sql) }]));
}

/** What differs from the expected schema, in words ("a trigger \"wipe\" that a plan does not have"); empty when none. */
export function schemaDifferences(db: Database.Database, version: number): string[] {
  const expected = expectedSchema(version);
  const actual = schemaOf(db);
  const found: string[] = [];
  for (const [key, object] of actual) {
    const wanted = expected.get(key);
    if (!wanted) found.push(`a ${object.type} "${object.name}" that a plan does not have`);
    else if (wanted.sql !== object.sql) found.push(`the ${object.type} "${object.name}" changed`);
  }
  for (const [key, object] of expected) if (!actual.has(key)) found.push(`no ${object.type} "${object.name}"`);
  return found;
}
