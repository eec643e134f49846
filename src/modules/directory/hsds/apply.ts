// Writes a checked bundle in the caller's transaction. Each record (service, organisation, location, unit) is
// compared with what is stored: unchanged ones are left alone, new and changed ones are upserted and their child
// collections replaced, with bulk statements per table (not a query per row). The change history gets one row
// per changed field (services as the steward pages describe them) and the audit trail one entry per import.
import path from 'node:path';
import type { AuditService } from '../../../platform/audit/service.js';
import { changedFields } from '../history.js';
import { orderedIds } from '../ids.js';
import { readServiceRecords } from '../repository.js';
import { listTaxonomyTerms } from '../reference-repository.js';
import type { Bundle, Entry } from './bundle.js';
import { emptyTables, type TableName, type Tables } from './model.js';
import {
  deleteCollections,
  insertChildRows,
  insertHistoryRows,
  upsertOrganizations,
  upsertRecords,
  upsertServices,
  type HistoryEntry,
  type Row,
  type Trx,
} from './apply-repository.js';
import { columnsOf, readLocations, readOrganizations, readServices, readUnits } from './read-repository.js';
import { ownerOf } from './validate.js';

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ApplySummary {
  organizations: Counts;
  services: Counts;
  locations: Counts;
  units: Counts;
}

export interface ApplyOptions {
  now: Date;
  actorUserId: string | null;
  /** `cli`: the command line, audited without an account. */
  via?: 'cli';
  /** Sample data: every service and organisation is marked as such. */
  markAsSample?: boolean;
  format: string;
  /** Records the import in the audit trail (with the import's transaction) when there is an actor. */
  audit?: Pick<AuditService, 'record'>;
  /** Where the records come from (default: each record's own file). */
  source?: ImportSource;
  /**
   * Services this import must not overwrite, with the reason (verified here, another source): a change to one of
   * them is reported in `conflicts` and not written; unchanged ones are simply unchanged.
   */
  protect?: ReadonlyMap<string, string>;
  /** Filled with the protected services the import would have changed. */
  conflicts?: ImportConflict[];
}

export interface ImportSource {
  type: 'file' | 'feed';
  /** The feed's URL; without it, each record's own file name (never a path on someone's machine). */
  name?: string;
  /** Who verified a record that has an assured_date but no assured_by (a feed's publisher; else the source). */
  verifier?: string;
}

export interface ImportConflict {
  id: string;
  name: string;
  /** Why the stored record is kept (a message key of the follower). */
  reason: string;
}

const COLLECTIONS: Record<'service' | 'organization' | 'location', TableName[]> = {
  service: [
    'phone',
    'url',
    'schedule',
    'service_at_location',
    'service_area',
    'language',
    'service_capacity',
    'contact',
    'attribute',
  ],
  organization: ['phone', 'url', 'contact', 'attribute'],
  location: ['address', 'schedule', 'phone', 'language'],
};

/** A row as a comparable string: its columns in a fixed order (stored and imported rows agree on them). */
function rowKey(table: TableName, row: Row): string {
  return JSON.stringify(columnsOf(table).map((c) => row[c] ?? null));
}

/** Child rows indexed by their owner, to compare whole collections of a record with everything below them. */
class Tree {
  private readonly byOwner = new Map<string, { table: TableName; row: Row }[]>();

  constructor(tables: Partial<Record<TableName, readonly Row[]>>) {
    for (const [table, rows] of Object.entries(tables) as [TableName, Row[]][]) {
      if (table === 'organization' || table === 'service' || table === 'location' || table === 'unit')
        continue;
      for (const row of rows) {
        const owner = ownerOf(table, row);
        const list = this.byOwner.get(owner) ?? [];
        list.push({ table, row });
        this.byOwner.set(owner, list);
      }
    }
  }

  collection(owner: string, table: TableName): string {
    return (this.byOwner.get(owner) ?? [])
      .filter((c) => c.table === table)
      .map((c) => `${rowKey(table, c.row)}${this.below(`${table}:${c.row.id}`)}`)
      .sort()
      .join('\n');
  }

  private below(owner: string): string {
    const children = this.byOwner.get(owner);
    if (!children) return '';
    const tables = [...new Set(children.map((c) => c.table))].sort();
    return `{${tables.map((t) => `${t}:[${this.collection(owner, t)}]`).join(',')}}`;
  }
}

function rowsOf(bundle: Bundle): Partial<Record<TableName, Row[]>> {
  const out: Partial<Record<TableName, Row[]>> = {};
  for (const table of Object.keys(emptyTables()) as TableName[]) {
    out[table] = (bundle[table] as Entry<Row>[]).map((e) => e.row);
  }
  return out;
}

/** Parents before children, so parent_organization_id always points at a stored row. */
function parentsFirst<T extends { id: string; parent_organization_id: string | null }>(rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const done = new Set<string>();
  const out: T[] = [];
  const visit = (row: T, depth: number) => {
    if (done.has(row.id) || depth > rows.length) return;
    const parent = row.parent_organization_id ? byId.get(row.parent_organization_id) : undefined;
    if (parent) visit(parent, depth + 1);
    done.add(row.id);
    out.push(row);
  };
  for (const row of rows) visit(row, 0);
  return out;
}

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

export async function applyBundle(trx: Trx, bundle: Bundle, options: ApplyOptions): Promise<ApplySummary> {
  const { now } = options;
  const ids = <K extends TableName>(table: K) => (bundle[table] as Entry<Row>[]).map((e) => e.row.id);

  // What is stored now for every record the import names.
  const existing: Tables = emptyTables();
  await readServices(trx, ids('service'), existing);
  await readOrganizations(trx, ids('organization'), existing);
  await readLocations(trx, ids('location'), existing);
  await readUnits(trx, ids('unit'), existing);
  const before = new Tree(existing as unknown as Record<TableName, Row[]>);
  const after = new Tree(rowsOf(bundle));
  const stored = {
    service: new Map(existing.service.map((r) => [r.id, r as unknown as Row])),
    organization: new Map(existing.organization.map((r) => [r.id, r as unknown as Row])),
    location: new Map(existing.location.map((r) => [r.id, r as unknown as Row])),
    unit: new Map(existing.unit.map((r) => [r.id, r as unknown as Row])),
  };

  // Sample flags: forced for sample data; an organisation given without attributes keeps its flag.
  for (const e of bundle.organization) {
    const keepsAttributes = !bundle.replaces.has(`organization:${e.row.id}:attribute`);
    if (options.markAsSample) e.row.is_sample = true;
    else if (keepsAttributes) e.row.is_sample = Boolean(stored.organization.get(e.row.id)?.is_sample);
  }
  if (options.markAsSample) for (const e of bundle.service) e.row.is_sample = true;
  // Provenance: the record's own source, and who verified it when the record names a date but not who (the
  // HSDS CSV package has no column for it): the same verification as stored keeps its verifier, a new one is
  // the source's.
  const sourceOf = new Map<string, string>();
  for (const e of bundle.service) {
    const name = options.source?.name ?? (path.basename(e.origin.file) || 'import');
    sourceOf.set(e.row.id, name);
    if (!e.row.assured_date || e.row.assured_by) continue;
    const old = stored.service.get(e.row.id);
    e.row.assured_by =
      old && old.assured_date === e.row.assured_date && old.assured_by
        ? (old.assured_by as string)
        : (options.source?.verifier ?? name);
  }

  const summary: ApplySummary = {
    organizations: { created: 0, updated: 0, unchanged: 0 },
    services: { created: 0, updated: 0, unchanged: 0 },
    locations: { created: 0, updated: 0, unchanged: 0 },
    units: { created: 0, updated: 0, unchanged: 0 },
  };
  /** Changed records and, per record, the collections this import rewrites. */
  const rewrite = new Map<string, TableName[]>();
  const changed = <T extends Row>(
    kind: 'service' | 'organization' | 'location' | 'unit',
    rows: T[],
    counts: Counts,
  ): T[] => {
    const out: T[] = [];
    for (const row of rows) {
      const old = stored[kind].get(row.id);
      const collections =
        kind === 'unit'
          ? []
          : COLLECTIONS[kind].filter(
              (t) => kind === 'service' || bundle.replaces.has(`${kind}:${row.id}:${t}`),
            );
      const differs =
        !old ||
        rowKey(kind, old) !== rowKey(kind, row) ||
        collections.some(
          (t) => before.collection(`${kind}:${row.id}`, t) !== after.collection(`${kind}:${row.id}`, t),
        );
      const protectedBecause = kind === 'service' ? options.protect?.get(row.id) : undefined;
      if (old && differs && protectedBecause !== undefined) {
        options.conflicts?.push({ id: row.id, name: String(row.name), reason: protectedBecause });
        continue;
      }
      if (!old) counts.created++;
      else if (differs) counts.updated++;
      else counts.unchanged++;
      if (differs) {
        out.push(row);
        rewrite.set(`${kind}:${row.id}`, collections);
      }
    }
    return out;
  };
  const orgs = changed(
    'organization',
    bundle.organization.map((e) => e.row as unknown as Row),
    summary.organizations,
  );
  const units = changed(
    'unit',
    bundle.unit.map((e) => e.row as unknown as Row),
    summary.units,
  );
  const locations = changed(
    'location',
    bundle.location.map((e) => e.row as unknown as Row),
    summary.locations,
  );
  const services = changed(
    'service',
    bundle.service.map((e) => e.row as unknown as Row),
    summary.services,
  );

  const changedServiceIds = services.map((s) => s.id);
  const servicesBefore = await readServiceRecords(
    trx,
    changedServiceIds.filter((id) => stored.service.has(id)),
  );

  // Records first (parents before children), then the collections they replace.
  await upsertOrganizations(
    trx,
    parentsFirst(
      orgs as unknown as { id: string; parent_organization_id: string | null }[],
    ) as unknown as Row[],
    now,
  );
  await upsertRecords(trx, 'unit', units);
  await upsertRecords(trx, 'location', locations);
  await upsertServices(
    trx,
    // Provenance changes with the record: what this import changed now comes from this import's source.
    services.map((s) => ({
      ...s,
      source_type: options.source?.type ?? 'file',
      source_name: sourceOf.get(s.id),
    })),
    now,
  );
  // A new record has nothing to delete.
  await deleteCollections(
    trx,
    new Map(
      [...rewrite].filter(([key]) => {
        const [kind, id] = key.split(':') as ['service' | 'organization' | 'location' | 'unit', string];
        return stored[kind].has(id);
      }),
    ),
  );
  await insertCollections(trx, bundle, rewrite);

  await writeHistory(trx, { bundle, stored, orgs, locations, changedServiceIds, servicesBefore, options });
  if (options.actorUserId || options.via === 'cli') {
    // An import by an account or from the command line is always audited: without the audit trail it does not run.
    if (!options.audit) throw new Error('an import needs the audit trail');
    await options.audit.record(
      {
        actorUserId: options.actorUserId,
        action: 'directory.import',
        entityType: 'directory',
        detail: {
          via: options.via ?? 'web',
          format: options.format,
          services_created: summary.services.created,
          services_updated: summary.services.updated,
          services_unchanged: summary.services.unchanged,
          organizations_created: summary.organizations.created,
          organizations_updated: summary.organizations.updated,
          organizations_unchanged: summary.organizations.unchanged,
        },
      },
      trx,
    );
  }
  return summary;
}

async function insertCollections(trx: Trx, bundle: Bundle, rewrite: Map<string, TableName[]>) {
  // The record and collection a row belongs to, following contact, phone and place up to their owner.
  const parents = {
    contact: new Map(bundle.contact.map((e) => [e.row.id, e.row as unknown as Row])),
    phone: new Map(bundle.phone.map((e) => [e.row.id, e.row as unknown as Row])),
    service_at_location: new Map(bundle.service_at_location.map((e) => [e.row.id, e.row as unknown as Row])),
  };
  const rootOf = (table: TableName, row: Row, depth = 0): [string, TableName] | undefined => {
    const owner = ownerOf(table, row);
    const [entity, id] = owner.split(':') as [string, string];
    if (entity === 'contact' || entity === 'phone' || entity === 'service_at_location') {
      const parent = parents[entity].get(id);
      return parent && depth < 4 ? rootOf(entity, parent, depth + 1) : undefined;
    }
    return [owner, table];
  };
  const written = (table: TableName, row: Row) => {
    const root = rootOf(table, row);
    return root !== undefined && (rewrite.get(root[0]) ?? []).includes(root[1]);
  };
  const order: TableName[] = [
    'contact',
    'phone',
    'url',
    'service_at_location',
    'schedule',
    'service_area',
    'language',
    'service_capacity',
    'address',
    'attribute',
  ];
  for (const table of order) {
    const rows = (bundle[table] as Entry<Row>[]).map((e) => e.row).filter((row) => written(table, row));
    await insertChildRows(trx, table, rows);
  }
}

async function writeHistory(
  trx: Trx,
  input: {
    bundle: Bundle;
    stored: Record<'organization' | 'location', Map<string, Row>>;
    orgs: Row[];
    locations: Row[];
    changedServiceIds: string[];
    servicesBefore: Awaited<ReturnType<typeof readServiceRecords>>;
    options: ApplyOptions;
  },
) {
  const { options } = input;
  const rows: HistoryEntry[] = [];
  const created = (id: string, type: string) =>
    rows.push({
      resource_id: id,
      resource_type: type,
      field_name: 'record',
      previous_value: '',
      replacement_value: 'created',
    });
  const fields = (type: 'organization' | 'location', list: Row[]) => {
    for (const row of list) {
      const old = input.stored[type].get(row.id);
      // A new record gets one line; its fields are all in the record itself.
      if (!old) {
        created(row.id, type);
        continue;
      }
      const before = rows.length;
      for (const [field, value] of Object.entries(row)) {
        if (field === 'id') continue;
        const previous = text(old[field]);
        const replacement = text(value);
        if (previous !== replacement) {
          rows.push({
            resource_id: row.id,
            resource_type: type,
            field_name: field,
            previous_value: previous,
            replacement_value: replacement,
          });
        }
      }
      if (rows.length === before) {
        // Only a collection changed (phones, addresses, ...): still one line that says so.
        rows.push({
          resource_id: row.id,
          resource_type: type,
          field_name: 'children',
          previous_value: '',
          replacement_value: 'replaced',
        });
      }
    }
  };
  fields('organization', input.orgs);
  fields('location', input.locations);

  const before = new Map(input.servicesBefore.map((r) => [r.id, r]));
  const updated = input.changedServiceIds.filter((id) => before.has(id));
  for (const id of input.changedServiceIds) if (!before.has(id)) created(id, 'service');
  if (updated.length) {
    const terms = new Map((await listTaxonomyTerms(trx)).map((t) => [t.id, t]));
    for (const after of await readServiceRecords(trx, updated)) {
      const changes = changedFields(before.get(after.id), after, terms).filter(
        (c) => c.field !== 'assured_by_user_id' || c.previous !== '',
      );
      if (changes.length === 0) changes.push({ field: 'details', previous: '', replacement: 'updated' });
      for (const c of changes) {
        rows.push({
          resource_id: after.id,
          resource_type: 'service',
          field_name: c.field,
          previous_value: c.previous,
          replacement_value: c.replacement,
        });
      }
    }
  }
  if (rows.length === 0) return;
  await insertHistoryRows(
    trx,
    rows,
    orderedIds(rows.length, options.now),
    options.now,
    options.actorUserId ?? 'system',
  );
}
