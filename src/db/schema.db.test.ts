// Schema drift: src/db/schema.ts is kept in step with the migrations by hand. Types do not exist at run time, so
// this reads the file's text (the `Database` interface and each `interface XTable`) and compares it with the
// columns of the migrated database, in both directions.
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeDb, useTestDatabase } from '../../test/db-suite.js';

const SCHEMA_FILE = new URL('./schema.ts', import.meta.url);

/** Table name -> column names, as declared in schema.ts. */
function declaredTables(source: string): Map<string, string[]> {
  const interfaces = new Map<string, string[]>();
  for (const match of source.matchAll(/export interface (\w+) \{([\s\S]*?)\n\}/g)) {
    const body = match[2]!.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
    const props = [...body.matchAll(/^\s*(\w+)\??:/gm)].map((m) => m[1]!);
    interfaces.set(match[1]!, props);
  }
  const database = /export interface Database \{([\s\S]*?)\n\}/.exec(source)?.[1];
  if (!database) throw new Error('schema.ts has no Database interface');
  const tables = new Map<string, string[]>();
  for (const [, table, type] of database.matchAll(/^\s*(\w+): (\w+);$/gm)) {
    const columns = interfaces.get(type!);
    if (!columns) throw new Error(`schema.ts: table ${table} refers to unknown interface ${type}`);
    tables.set(table!, columns);
  }
  return tables;
}

describeDb('src/db/schema.ts matches the migrated database', () => {
  const database = useTestDatabase();
  const declared = declaredTables(readFileSync(SCHEMA_FILE, 'utf8'));

  async function actualTables(): Promise<Map<string, string[]>> {
    const result = await sql<{ table_name: string; column_name: string }>`
      select c.table_name, c.column_name
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      order by c.table_name, c.ordinal_position`.execute(database.handle.db);
    const tables = new Map<string, string[]>();
    for (const row of result.rows)
      tables.set(row.table_name, [...(tables.get(row.table_name) ?? []), row.column_name]);
    return tables;
  }

  it('reads a table list from schema.ts', () => {
    expect(declared.size).toBeGreaterThan(10);
    expect(declared.get('service')).toContain('assured_date');
  });

  it('declares every table of the database, and no table the database lacks', async () => {
    const actual = await actualTables();
    expect([...declared.keys()].sort()).toEqual([...actual.keys()].sort());
  });

  it('declares every column of every table, and no column the database lacks', async () => {
    const actual = await actualTables();
    const drift: string[] = [];
    for (const [table, columns] of actual) {
      const mine = declared.get(table) ?? [];
      for (const column of columns)
        if (!mine.includes(column)) drift.push(`${table}.${column} missing in schema.ts`);
      for (const column of mine)
        if (!columns.includes(column)) drift.push(`${table}.${column} not in the database`);
    }
    expect(drift).toEqual([]);
  });
});
