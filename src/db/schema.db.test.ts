// Schema drift: src/db/schema.ts and its area files (schema/*.ts) are kept in step with the migrations by hand.
// Types do not exist at run time, so this reads the files' text (each area's `interface …Tables`, each
// `interface XTable`, and the areas `Database` extends) and compares it with the columns of the migrated database,
// in both directions.
import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeDb, useTestDatabase } from '../../test/db-suite.js';

const SCHEMA_FILE = new URL('./schema.ts', import.meta.url);
const AREA_DIR = new URL('./schema/', import.meta.url);

/** The text of schema.ts and of every area file. */
function schemaSources(): { main: string; areas: string[] } {
  const areas = readdirSync(AREA_DIR)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => readFileSync(new URL(name, AREA_DIR), 'utf8'));
  return { main: readFileSync(SCHEMA_FILE, 'utf8'), areas };
}

/**
 * Table name -> column names, as declared: the tables of every area's `…Tables` interface that `Database`
 * extends. An area interface `Database` does not extend is an error (its tables would be invisible to queries).
 */
function declaredTables({ main, areas }: { main: string; areas: string[] }): Map<string, string[]> {
  const interfaces = new Map<string, string[]>();
  const tableLists = new Map<string, string>();
  for (const source of areas)
    for (const match of source.matchAll(/export interface (\w+) \{([\s\S]*?)\n\}/g)) {
      const body = match[2]!.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
      const props = [...body.matchAll(/^\s*(\w+)\??:/gm)].map((m) => m[1]!);
      interfaces.set(match[1]!, props);
      if (match[1]!.endsWith('Tables')) tableLists.set(match[1]!, body);
    }
  const composed = /export interface Database\s+extends([^{]*)\{\s*\}/.exec(main)?.[1];
  if (!composed) throw new Error('schema.ts has no Database interface composed from the areas');
  const extended = composed.split(',').map((name) => name.trim());
  for (const list of tableLists.keys())
    if (!extended.includes(list)) throw new Error(`schema.ts: Database does not extend ${list}`);
  const tables = new Map<string, string[]>();
  for (const list of extended) {
    const body = tableLists.get(list);
    if (body === undefined) throw new Error(`schema.ts: Database extends unknown ${list}`);
    for (const [, table, type] of body.matchAll(/^\s*(\w+): (\w+);$/gm)) {
      const columns = interfaces.get(type!);
      if (!columns) throw new Error(`schema: table ${table} refers to unknown interface ${type}`);
      if (tables.has(table!)) throw new Error(`schema: table ${table} is declared in two areas`);
      tables.set(table!, columns);
    }
  }
  return tables;
}

describeDb('src/db/schema.ts matches the migrated database', () => {
  const database = useTestDatabase();
  const declared = declaredTables(schemaSources());

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

  it('reads a table list from schema.ts and its area files', () => {
    expect(declared.size).toBeGreaterThan(10);
    expect(declared.get('service')).toContain('assured_date');
    expect(declared.get('audit_event')).toContain('prev_hash');
    expect(declared.get('stats_release')).toContain('exact_utility');
  });

  it('refuses an area whose tables Database does not include, and a table declared twice', () => {
    const { main, areas } = schemaSources();
    const stray =
      'export interface StrayTables {\n  stray: StrayTable;\n}\nexport interface StrayTable {\n  id: string;\n}';
    expect(() => declaredTables({ main, areas: [...areas, stray] })).toThrow(/does not extend StrayTables/);
    const twice = main.replace('StatsTables {}', 'StatsTables, TwiceTables {}');
    const again = 'export interface TwiceTables {\n  service: ServiceTable;\n}';
    expect(() => declaredTables({ main: twice, areas: [...areas, again] })).toThrow(
      /service is declared in two areas/,
    );
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
