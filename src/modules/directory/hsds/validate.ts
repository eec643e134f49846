// The checks an import makes once every file is read, before anything is written: ids unique within the import
// and not owned by another record in the database, references resolvable (in the import or the database),
// coverage codes and taxonomy terms known, age and date ranges in order. Also turns the attributes that stand for
// our own columns into those columns: a contact_channel term on a phone or url, the record_status:sample term
// on a service or organisation.
import { describeOrigin, problem, type Bundle, type Entry } from './bundle.js';
import { specialTerms, type SpecialTerms, type TableName, type TermInfo } from './model.js';
import { CHILD_TABLES, readImportReferences } from './validate-repository.js';
import type { Db } from './read-repository.js';
import { LOCAL_TIMEZONE } from './render.js';

export interface ImportContext {
  terms: Map<string, TermInfo>;
  special: SpecialTerms;
  areas: Map<string, Set<string>>;
  /** Organisations in the database: id -> parent id. */
  organizations: Map<string, string | null>;
  locations: Set<string>;
  units: Set<string>;
  /** Existing child rows with ids the import uses: `table:id` -> owner (`service:<id>`, ...). */
  owners: Map<string, string>;
}

/** The owner of a child row: its most specific parent. */
export function ownerOf(table: TableName, row: Record<string, unknown>): string {
  const first = (...pairs: [string, string][]) => {
    for (const [column, entity] of pairs) if (row[column]) return `${entity}:${String(row[column])}`;
    return '';
  };
  switch (table) {
    case 'phone':
      return first(
        ['contact_id', 'contact'],
        ['service_id', 'service'],
        ['location_id', 'location'],
        ['organization_id', 'organization'],
      );
    case 'url':
    case 'contact':
      return first(['service_id', 'service'], ['organization_id', 'organization']);
    case 'schedule':
      return first(
        ['service_at_location_id', 'service_at_location'],
        ['service_id', 'service'],
        ['location_id', 'location'],
      );
    case 'language':
      return first(['phone_id', 'phone'], ['service_id', 'service'], ['location_id', 'location']);
    case 'address':
      return first(['location_id', 'location']);
    case 'service_at_location':
    case 'service_area':
    case 'service_capacity':
      return first(['service_id', 'service']);
    case 'attribute':
      return `${String(row.link_entity)}:${String(row.link_id)}`;
    default:
      return '';
  }
}

/** What the checks need from the database: the terms, the region codes, and the records the import refers to. */
export async function loadContext(db: Db, bundle: Bundle): Promise<ImportContext> {
  const ids = (list: readonly string[]) => [...new Set(list)];
  const childIds = new Map<TableName, string[]>();
  for (const table of CHILD_TABLES) {
    childIds.set(table, ids((bundle[table] as Entry<{ id: string }>[]).map((e) => e.row.id)));
  }
  const stored = await readImportReferences(db, {
    locationIds: ids(bundle.service_at_location.map((e) => e.row.location_id)),
    unitIds: ids(bundle.service_capacity.map((e) => e.row.unit_id)),
    childIds,
  });
  const areas = new Map<string, Set<string>>([
    ['country', new Set(['NL'])],
    ['police_unit', new Set(stored.policeUnits)],
    ['safety_region', new Set(stored.safetyRegions)],
    ['municipality', new Set(stored.municipalities)],
  ]);
  const owners = new Map<string, string>();
  for (const [table, rows] of stored.childRows) {
    for (const row of rows) owners.set(`${table}:${String(row.id)}`, ownerOf(table, row));
  }
  return {
    terms: stored.terms,
    special: specialTerms(stored.terms.values()),
    areas,
    organizations: stored.organizations,
    locations: stored.locations,
    units: stored.units,
    owners,
  };
}

/** Runs every check; problems are added to the bundle. Channel and sample attributes become columns. */
export function validateBundle(bundle: Bundle, ctx: ImportContext): void {
  duplicates(bundle);
  resolveAttributes(bundle, ctx);
  references(bundle, ctx);
  ranges(bundle, ctx);
  takenIds(bundle, ctx);
}

function duplicates(bundle: Bundle) {
  const tables: TableName[] = [
    'organization',
    'service',
    'location',
    'unit',
    'address',
    'service_at_location',
    'service_area',
    'contact',
    'phone',
    'url',
    'schedule',
    'language',
    'service_capacity',
    'attribute',
  ];
  for (const table of tables) {
    const first = new Map<string, Entry<unknown>>();
    for (const e of bundle[table] as Entry<{ id: string }>[]) {
      const before = first.get(e.row.id);
      if (before) {
        problem(
          bundle,
          e.origin,
          'id',
          'hsds.id.duplicate',
          { id: e.row.id, first: describeOrigin(before.origin) },
          e.record,
        );
      } else {
        first.set(e.row.id, e);
      }
    }
  }
}

function resolveAttributes(bundle: Bundle, ctx: ImportContext) {
  const services = new Map(bundle.service.map((e) => [e.row.id, e.row]));
  const orgs = new Map(bundle.organization.map((e) => [e.row.id, e.row]));
  const phones = new Map(bundle.phone.map((e) => [e.row.id, e.row]));
  const urls = new Map(bundle.url.map((e) => [e.row.id, e.row]));
  const channelSet = new Set<string>();
  const kept: typeof bundle.attribute = [];
  for (const e of bundle.attribute) {
    const a = e.row;
    const term = ctx.terms.get(a.taxonomy_term_id);
    if (!term) {
      problem(
        bundle,
        e.origin,
        'taxonomy_term_id',
        'hsds.taxonomyTerm.unknown',
        { id: a.taxonomy_term_id },
        e.record,
      );
      continue;
    }
    const target = { service: services, organization: orgs, phone: phones, url: urls }[a.link_entity];
    if (!target) {
      problem(bundle, e.origin, 'link_entity', 'hsds.attribute.entity', { entity: a.link_entity }, e.record);
      continue;
    }
    const row = target.get(a.link_id);
    if (!row) {
      if (bundle.rejected.has(a.link_id)) continue;
      problem(
        bundle,
        e.origin,
        'link_id',
        'hsds.reference.notInImport',
        { entity: a.link_entity, id: a.link_id },
        e.record,
      );
      continue;
    }
    if (a.link_entity === 'phone' || a.link_entity === 'url') {
      const channel =
        a.link_entity === 'phone'
          ? ctx.special.phoneChannels.get(term.id)
          : ctx.special.urlChannels.get(term.id);
      if (!channel) {
        problem(
          bundle,
          e.origin,
          'taxonomy_term_id',
          `hsds.attribute.${a.link_entity}Channel`,
          { term: term.code },
          e.record,
        );
        continue;
      }
      const key = `${a.link_entity}:${a.link_id}`;
      if (channelSet.has(key)) {
        problem(bundle, e.origin, 'taxonomy_term_id', 'hsds.attribute.channelTwice', undefined, e.record);
        continue;
      }
      channelSet.add(key);
      (row as { channel: string }).channel = channel;
      continue;
    }
    if (term.id === ctx.special.sample) {
      (row as { is_sample: boolean }).is_sample = true;
      continue;
    }
    kept.push(e);
  }
  bundle.attribute = kept;
}

function references(bundle: Bundle, ctx: ImportContext) {
  const ids = <K extends TableName>(table: K) =>
    new Set((bundle[table] as Entry<{ id: string }>[]).map((e) => e.row.id));
  const orgs = ids('organization');
  const inImport: Record<string, Set<string>> = {
    service: ids('service'),
    organization: orgs,
    location: ids('location'),
    contact: ids('contact'),
    phone: ids('phone'),
    service_at_location: ids('service_at_location'),
  };
  const unknown = (e: Entry<unknown>, field: string, entity: string, id: string) => {
    if (!bundle.rejected.has(id))
      problem(bundle, e.origin, field, 'hsds.reference.unknown', { entity, id }, e.record);
  };

  for (const e of bundle.service) {
    if (!orgs.has(e.row.organization_id) && !ctx.organizations.has(e.row.organization_id)) {
      unknown(e, 'organization_id', 'organization', e.row.organization_id);
    }
  }
  for (const e of bundle.organization) {
    const parent = e.row.parent_organization_id;
    if (parent && !orgs.has(parent) && !ctx.organizations.has(parent))
      unknown(e, 'parent_organization_id', 'organization', parent);
  }
  for (const e of bundle.location) {
    const org = e.row.organization_id;
    if (org && !orgs.has(org) && !ctx.organizations.has(org))
      unknown(e, 'organization_id', 'organization', org);
  }
  for (const e of bundle.service_at_location) {
    if (!inImport.location!.has(e.row.location_id) && !ctx.locations.has(e.row.location_id)) {
      unknown(e, 'location_id', 'location', e.row.location_id);
    }
  }
  const units = ids('unit');
  for (const e of bundle.service_capacity) {
    if (!units.has(e.row.unit_id) && !ctx.units.has(e.row.unit_id))
      unknown(e, 'unit_id', 'unit', e.row.unit_id);
  }
  for (const e of bundle.termRefs) {
    if (!ctx.terms.has(e.row.id))
      problem(bundle, e.origin, 'id', 'hsds.taxonomyTerm.unknown', { id: e.row.id }, e.record);
  }
  // Child rows must hang off a record in the import: a CSV row pointing elsewhere is a mistake, not an edit.
  for (const table of CHILD_TABLES) {
    if (table === 'attribute') continue;
    for (const e of bundle[table] as Entry<Record<string, unknown>>[]) {
      const owner = ownerOf(table, e.row);
      const [entity, id] = owner.split(':') as [string, string];
      if (!inImport[entity]?.has(id) && !bundle.rejected.has(id)) {
        problem(bundle, e.origin, `${entity}_id`, 'hsds.reference.notInImport', { entity, id }, e.record);
      }
    }
  }
  cycles(bundle, ctx);
}

function cycles(bundle: Bundle, ctx: ImportContext) {
  const parents = new Map(ctx.organizations);
  for (const e of bundle.organization) parents.set(e.row.id, e.row.parent_organization_id);
  for (const e of bundle.organization) {
    const visited = new Set<string>([e.row.id]);
    let next = parents.get(e.row.id) ?? null;
    while (next) {
      if (visited.has(next)) {
        problem(
          bundle,
          e.origin,
          'parent_organization_id',
          'hsds.organization.parentCycle',
          undefined,
          e.record,
        );
        break;
      }
      visited.add(next);
      next = parents.get(next) ?? null;
    }
  }
}

function ranges(bundle: Bundle, ctx: ImportContext) {
  for (const e of bundle.service) {
    const { minimum_age: min, maximum_age: max } = e.row;
    if (min !== null && max !== null && min > max) {
      problem(bundle, e.origin, 'maximum_age', 'hsds.service.ageRange', { min, max }, e.record);
    }
  }
  for (const e of bundle.service_area) {
    if (!ctx.areas.get(e.row.area_type)?.has(e.row.area_code)) {
      problem(
        bundle,
        e.origin,
        'uri',
        'hsds.serviceArea.unknownCode',
        { type: e.row.area_type, code: e.row.area_code },
        e.record,
      );
    }
  }
  for (const e of bundle.schedule) {
    const s = e.row;
    if (s.valid_from && s.valid_to && s.valid_from > s.valid_to) {
      problem(bundle, e.origin, 'valid_to', 'hsds.schedule.validRange', undefined, e.record);
    }
    if (s.timezone !== null && s.timezone !== LOCAL_TIMEZONE && !/^-?\d+(\.\d+)?$/.test(s.timezone)) {
      problem(bundle, e.origin, 'timezone', 'hsds.schedule.timezone', undefined, e.record);
    }
  }
  for (const e of bundle.service_capacity) {
    if (e.row.maximum !== null && e.row.available > e.row.maximum) {
      problem(bundle, e.origin, 'available', 'hsds.capacity.range', undefined, e.record);
    }
  }
}

/** An id a child row in the import uses may already belong to a record the import does not replace. */
function takenIds(bundle: Bundle, ctx: ImportContext) {
  const services = new Set(bundle.service.map((e) => e.row.id));
  const imported = (table: TableName) =>
    new Set((bundle[table] as Entry<{ id: string }>[]).map((e) => e.row.id));
  const contacts = imported('contact');
  const phones = imported('phone');
  const sals = imported('service_at_location');
  const replaced = (owner: string, table: TableName) => {
    const [entity, id] = owner.split(':') as [string, string];
    if (entity === 'service') return services.has(id);
    if (entity === 'organization' || entity === 'location') return bundle.replaces.has(`${owner}:${table}`);
    if (entity === 'contact') return contacts.has(id);
    if (entity === 'phone') return phones.has(id);
    if (entity === 'service_at_location') return sals.has(id);
    return false;
  };
  for (const table of CHILD_TABLES) {
    for (const e of bundle[table] as Entry<Record<string, unknown> & { id: string }>[]) {
      const existing = ctx.owners.get(`${table}:${e.row.id}`);
      if (existing === undefined || existing === ownerOf(table, e.row) || replaced(existing, table)) continue;
      problem(bundle, e.origin, 'id', 'hsds.id.taken', { id: e.row.id, owner: existing }, e.record);
    }
  }
}
