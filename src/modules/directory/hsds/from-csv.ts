// The HSDS tabular package (one CSV per table, ids linking the rows) -> bundle. Every file is parsed and every
// row checked; a broken row (a bad quote, a wrong number of cells) is reported with its line and the rest of
// the file is still read where the parser can resynchronise. A child row belongs to its most specific parent
// column (a phone's contact_id before its service_id, location_id and organization_id).
import { parse } from 'csv-parse/sync';
import { OBJECTS, UNSUPPORTED_CSV_FILES, csvFields, objectByPath, type HsdsObjectName } from './fields.js';
import { build, problem, type Bundle, type Entry, type Parent, type ParentTable } from './bundle.js';
import type { Origin, TableName } from './model.js';
import { csvValidator, schemaProblems } from './schema.js';

type Obj = Record<string, unknown>;

/** Child collections of organisations and locations a present file replaces. */
const REPLACED_BY_FILE: Partial<
  Record<HsdsObjectName, { owner: 'organization' | 'location'; table: string }[]>
> = {
  phone: [
    { owner: 'organization', table: 'phone' },
    { owner: 'location', table: 'phone' },
  ],
  url: [{ owner: 'organization', table: 'url' }],
  contact: [{ owner: 'organization', table: 'contact' }],
  attribute: [{ owner: 'organization', table: 'attribute' }],
  address: [{ owner: 'location', table: 'address' }],
  schedule: [{ owner: 'location', table: 'schedule' }],
  language: [{ owner: 'location', table: 'language' }],
};

/** Which parent column wins, most specific first. */
const PARENTS: Partial<Record<HsdsObjectName, [string, ParentTable][]>> = {
  phone: [
    ['contact_id', 'contact'],
    ['service_id', 'service'],
    ['location_id', 'location'],
    ['organization_id', 'organization'],
  ],
  url: [
    ['service_id', 'service'],
    ['organization_id', 'organization'],
  ],
  contact: [
    ['service_id', 'service'],
    ['organization_id', 'organization'],
  ],
  schedule: [
    ['service_at_location_id', 'service_at_location'],
    ['service_id', 'service'],
    ['location_id', 'location'],
  ],
  language: [
    ['phone_id', 'phone'],
    ['service_id', 'service'],
    ['location_id', 'location'],
  ],
};

interface CsvError extends Error {
  code?: string;
  lines?: number;
}

/** Turns the cells of a row into typed values: empty cells are absent, numbers are numbers. */
function typed(object: HsdsObjectName, record: Record<string, string>): Obj {
  const out: Obj = {};
  const kinds = new Map(OBJECTS[object].fields.map((f) => [f.name, f.kind]));
  for (const [name, cell] of Object.entries(record)) {
    if (cell === '') continue;
    const kind = kinds.get(name);
    if (kind === 'integer' || kind === 'number') {
      const n = Number(cell.trim());
      out[name] = cell.trim() !== '' && Number.isFinite(n) ? n : cell;
    } else {
      out[name] = cell;
    }
  }
  return out;
}

export class CsvReader {
  private readonly present = new Set<HsdsObjectName>();

  constructor(private readonly bundle: Bundle) {}

  read(file: string, content: string): void {
    const name = file.split(/[\\/]/).pop() ?? file;
    const at = (row?: number): Origin => ({ file: name, path: '', ...(row !== undefined ? { row } : {}) });
    if (name === 'datapackage.json') return;
    const def = objectByPath(name);
    const unsupported = UNSUPPORTED_CSV_FILES.includes(name);
    if (!def && !unsupported) {
      problem(this.bundle, at(), '', 'hsds.csv.unknownFile');
      return;
    }
    const records: { record: Record<string, string>; line: number }[] = [];
    let header: string[] = [];
    try {
      // Records are taken as they are parsed, so a fatal error late in the file keeps the rows before it.
      parse(content, {
        bom: true,
        columns: (names: string[]) => {
          header = names.map((n) => n.trim());
          return header;
        },
        skip_empty_lines: true,
        info: true,
        skip_records_with_error: true,
        on_record: (entry: { record: Record<string, string>; info: { lines: number } }) => {
          records.push({ record: entry.record, line: entry.info.lines });
          return null;
        },
        on_skip: (err: CsvError | undefined) => {
          problem(this.bundle, at(err?.lines), '', 'hsds.csv.brokenRow', { reason: err?.code ?? 'CSV' });
          return undefined;
        },
      });
    } catch (error) {
      const e = error as CsvError;
      problem(this.bundle, at(e.lines), '', 'hsds.csv.brokenRow', { reason: e.code ?? 'CSV' });
    }
    if (unsupported || !def) {
      if (records.length) problem(this.bundle, at(), '', 'hsds.csv.unsupportedFile');
      return;
    }
    const known = new Set(csvFields(def.name).map((f) => f.name));
    const unknown = header.filter((h) => !known.has(h));
    for (const h of unknown) problem(this.bundle, at(1), h, 'hsds.csv.unknownColumn');
    if (header.length && !header.includes('id')) problem(this.bundle, at(1), 'id', 'hsds.csv.missingColumn');
    if (unknown.length || (header.length && !header.includes('id'))) return;
    this.present.add(def.name);
    for (const { record, line } of records) this.row(def.name, typed(def.name, record), at(line));
  }

  /** After all files: the collections of organisations and locations the package replaces. */
  finish(): void {
    for (const object of this.present) {
      for (const { owner, table } of REPLACED_BY_FILE[object] ?? []) {
        for (const e of this.bundle[owner]) this.bundle.replaces.add(`${owner}:${e.row.id}:${table}`);
      }
    }
  }

  private row(object: HsdsObjectName, v: Obj, origin: Origin): void {
    // The change history is written by the import itself; a package's metadata.csv is not read.
    if (object === 'metadata') return;
    const record = typeof v.id === 'string' ? v.id : '';
    const validate = csvValidator(object);
    if (!validate(v)) {
      for (const p of schemaProblems(validate.errors))
        problem(this.bundle, origin, p.field, p.key, p.params, record);
      if (record) this.bundle.rejected.add(record);
      return;
    }
    for (const f of OBJECTS[object].fields) {
      if (f.kind === 'unsupported' && v[f.name] !== undefined) {
        problem(this.bundle, origin, f.name, 'hsds.field.unsupported', undefined, record);
      }
    }
    const b = this.bundle;
    const push = (table: TableName, row: unknown) => {
      (b[table] as Entry<unknown>[]).push({ row, origin, record });
    };
    switch (object) {
      case 'organization':
        return push('organization', build.organization(v));
      case 'service':
        return push('service', build.service(v, v.organization_id as string));
      case 'location':
        return push('location', build.location(v));
      case 'address':
        return push('address', build.address(v, v.location_id as string));
      case 'service_at_location':
        return push(
          'service_at_location',
          build.serviceAtLocation(v, v.service_id as string, v.location_id as string),
        );
      case 'service_area': {
        const row = build.serviceArea(v, v.service_id as string);
        if (row) push('service_area', row);
        else problem(b, origin, 'uri', 'hsds.serviceArea.uri', undefined, record);
        return;
      }
      case 'unit':
        return push('unit', build.unit(v));
      case 'service_capacity':
        return push('service_capacity', build.capacity(v, v.service_id as string, v.unit_id as string));
      case 'attribute':
        return push('attribute', build.attribute(v, v.link_entity as string, v.link_id as string));
      case 'taxonomy_term':
        b.termRefs.push({ row: { id: v.id as string }, origin, record });
        return;
      case 'taxonomy':
        // Taxonomies are Samen's own (migrations); the file only describes them.
        return;
      default: {
        const parent = this.parent(object, v);
        if (!parent) {
          const columns = (PARENTS[object] ?? []).map(([c]) => c).join(', ');
          problem(b, origin, columns, 'hsds.csv.noParent', { columns }, record);
          return;
        }
        if (object === 'phone') return push('phone', build.phone(v, parent));
        if (object === 'url') return push('url', build.url(v, parent));
        if (object === 'contact') return push('contact', build.contact(v, parent));
        if (object === 'schedule') return push('schedule', build.schedule(v, parent));
        if (object === 'language') return push('language', build.language(v, parent));
      }
    }
  }

  private parent(object: HsdsObjectName, v: Obj): Parent | undefined {
    for (const [column, table] of PARENTS[object] ?? []) {
      const id = v[column];
      if (typeof id === 'string' && id) return { table, id };
    }
    return undefined;
  }
}
