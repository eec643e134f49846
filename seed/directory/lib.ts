// Helpers shared by the sample-directory generator (build.ts) and its test: deterministic ids, and the reference
// data read straight from the migrations (regions from 0002, taxonomy terms from 0004), so the seed can never
// name a region or term the database does not have.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stableId } from '../../src/modules/directory/ids.js';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SEED_DIR = join(REPO_ROOT, 'seed', 'directory');
export const MIGRATIONS_DIR = join(REPO_ROOT, 'src', 'db', 'migrations');

/**
 * The id of a sample record: a UUIDv5 in the project's namespace (src/modules/directory/ids.ts) of `sample:<key>`,
 * so the same key gives the same id on every run and a reload updates instead of duplicating.
 */
export function sampleId(key: string): string {
  return stableId(`sample:${key}`);
}

/**
 * The id of an attribute (a taxonomy term on a record): `attribute:<entity>:<record id>:<term id>`, the formula the
 * directory repository uses for service attributes, so a loaded sample exports with the same attribute ids.
 */
export function attributeId(entity: string, linkId: string, termId: string): string {
  return stableId(`attribute:${entity}:${linkId}:${termId}`);
}

/** Every `insert into <table> (<columns>) values (…), (…);` of a migration, as rows of column → value. */
export function parseInserts(sql: string): Map<string, Record<string, string | null>[]> {
  const tables = new Map<string, Record<string, string | null>[]>();
  const head = /insert\s+into\s+(\w+)\s*\(([^)]*)\)\s*values/gi;
  let match: RegExpExecArray | null;
  while ((match = head.exec(sql)) !== null) {
    const table = match[1]!;
    const columns = match[2]!.split(',').map((c) => c.trim());
    const rows = tables.get(table) ?? [];
    let i = head.lastIndex;
    let row: (string | null)[] | null = null;
    for (; i < sql.length; i++) {
      const ch = sql[i]!;
      if (row === null) {
        if (ch === '(') row = [];
        else if (ch === ';') break;
        continue;
      }
      if (ch === "'") {
        let value = '';
        for (i++; i < sql.length; i++) {
          if (sql[i] === "'" && sql[i + 1] === "'") {
            value += "'";
            i++;
          } else if (sql[i] === "'") break;
          else value += sql[i];
        }
        row.push(value);
      } else if (/[a-z0-9]/i.test(ch)) {
        let word = '';
        while (i < sql.length && /[a-z0-9_.-]/i.test(sql[i]!)) word += sql[i++];
        i--;
        row.push(word.toLowerCase() === 'null' ? null : word);
      } else if (ch === ')') {
        if (row.length !== columns.length)
          throw new Error(`${table}: a row has ${row.length} values, not ${columns.length}`);
        rows.push(Object.fromEntries(columns.map((c, k) => [c, row![k]!])));
        row = null;
      }
    }
    tables.set(table, rows);
    head.lastIndex = i;
  }
  return tables;
}

export interface PoliceUnit {
  code: string;
  name: string;
  riec_name: string;
}
export interface SafetyRegion {
  code: string;
  name: string;
  police_unit_code: string;
}
export interface Municipality {
  code: string;
  name: string;
  province: string;
  safety_region_code: string;
}
export interface RegionData {
  policeUnits: PoliceUnit[];
  safetyRegions: SafetyRegion[];
  municipalities: Municipality[];
}

function str(row: Record<string, string | null>, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw new Error(`missing ${column}`);
  return value;
}

/** The 10 police units, 25 safety regions and 342 municipalities of 0002_regions.sql. */
export function loadRegions(): RegionData {
  const tables = parseInserts(readFileSync(join(MIGRATIONS_DIR, '0002_regions.sql'), 'utf8'));
  return {
    policeUnits: (tables.get('police_unit') ?? []).map((r) => ({
      code: str(r, 'code'),
      name: str(r, 'name'),
      riec_name: str(r, 'riec_name'),
    })),
    safetyRegions: (tables.get('safety_region') ?? []).map((r) => ({
      code: str(r, 'code'),
      name: str(r, 'name'),
      police_unit_code: str(r, 'police_unit_code'),
    })),
    municipalities: (tables.get('municipality') ?? []).map((r) => ({
      code: str(r, 'code'),
      name: str(r, 'name'),
      province: str(r, 'province'),
      safety_region_code: str(r, 'safety_region_code'),
    })),
  };
}

export interface Term {
  id: string;
  code: string;
  taxonomy: string;
}

/** The taxonomy terms of 0004_taxonomies.sql (fixed ids). */
export function loadTerms(): Term[] {
  const tables = parseInserts(readFileSync(join(MIGRATIONS_DIR, '0004_taxonomies.sql'), 'utf8'));
  return (tables.get('taxonomy_term') ?? []).map((r) => ({
    id: str(r, 'id'),
    code: str(r, 'code'),
    taxonomy: str(r, 'taxonomy'),
  }));
}
