// HSDS JSON -> bundle. A file holds one service (compiled/service_with_definitions.json), an array of services,
// an HSDS page ({ contents: [...] }) or a Samen export ({ organizations, taxonomies, taxonomy_terms, services }).
// Every object is checked against the import schema first; nested objects take their links from where they
// sit, and an explicit link that contradicts the nesting is a problem. Organisations, locations and units can
// recur (the same organisation nested in many services): each occurrence must agree with the first.
import { OBJECTS, type HsdsObjectName } from './fields.js';
import {
  build,
  canonical,
  collectIds,
  describeOrigin,
  hasData,
  problem,
  type Bundle,
  type Parent,
  type ParentTable,
} from './bundle.js';
import type { Origin } from './model.js';
import { jsonValidator, schemaProblems } from './schema.js';

type Obj = Record<string, unknown>;

const BUNDLE_KEYS = new Set([
  'organizations',
  'taxonomies',
  'taxonomy_terms',
  'services',
  // descriptive keys of a Samen export
  'format',
  'hsds_version',
  'exported_at',
  'generator',
]);

const PAGE_KEYS = new Set([
  'total_items',
  'total_pages',
  'page_number',
  'size',
  'first_page',
  'last_page',
  'empty',
  'contents',
]);

interface Seen {
  rowKey: string;
  origin: Origin;
  collections: Map<string, string>;
}

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, part: string): string {
  if (!path) return part;
  return part.startsWith('[') ? `${path}${part}` : `${path}.${part}`;
}

export class JsonReader {
  private readonly seen = new Map<string, Seen>();

  constructor(private readonly bundle: Bundle) {}

  /** Reads one parsed file. */
  read(file: string, doc: unknown): void {
    const at = (path: string): Origin => ({ file, path });
    if (Array.isArray(doc)) {
      doc.forEach((item, i) => this.top('service', item, at(`[${i}]`)));
      return;
    }
    if (!isObject(doc)) {
      problem(this.bundle, at(''), '', 'hsds.json.shape');
      return;
    }
    if (Array.isArray(doc.contents) && !('id' in doc)) {
      for (const key of Object.keys(doc)) {
        if (!PAGE_KEYS.has(key)) problem(this.bundle, at(''), key, 'errors.validation.additionalProperties');
      }
      doc.contents.forEach((item, i) => this.top('service', item, at(`contents[${i}]`)));
      return;
    }
    if (!('id' in doc) && Object.keys(doc).some((k) => BUNDLE_KEYS.has(k))) {
      for (const key of Object.keys(doc)) {
        if (!BUNDLE_KEYS.has(key))
          problem(this.bundle, at(''), key, 'errors.validation.additionalProperties');
      }
      const lists: [string, HsdsObjectName][] = [
        ['taxonomies', 'taxonomy'],
        ['taxonomy_terms', 'taxonomy_term'],
        ['organizations', 'organization'],
        ['services', 'service'],
      ];
      for (const [key, object] of lists) {
        const list = doc[key];
        if (list === undefined || list === null) continue;
        if (!Array.isArray(list)) {
          problem(this.bundle, at(''), key, 'errors.validation.type', { type: 'array' });
          continue;
        }
        list.forEach((item, i) => this.top(object, item, at(`${key}[${i}]`)));
      }
      return;
    }
    this.top('service', doc, at(''));
  }

  private top(object: HsdsObjectName, item: unknown, origin: Origin): void {
    const record = isObject(item) && typeof item.id === 'string' ? item.id : undefined;
    const validate = jsonValidator(object);
    if (!validate(item)) {
      for (const p of schemaProblems(validate.errors))
        problem(this.bundle, origin, p.field, p.key, p.params, record);
      collectIds(item, this.bundle.rejected);
      return;
    }
    const obj = item as Obj;
    if (object === 'service') this.service(obj, origin);
    else if (object === 'organization') this.organization(obj, origin, obj.id as string);
    else if (object === 'taxonomy_term') this.termRef(obj, origin, obj.id as string);
    else if (object === 'taxonomy') return; // informational: taxonomies are defined by Samen's migrations
  }

  private unsupported(object: HsdsObjectName, obj: Obj, origin: Origin, record: string) {
    const def = OBJECTS[object];
    for (const f of def.fields) {
      if (f.kind === 'unsupported' && hasData(obj[f.name])) {
        problem(this.bundle, origin, f.name, 'hsds.field.unsupported', undefined, record);
      }
    }
    for (const name of def.unsupportedChildren) {
      if (hasData(obj[name])) problem(this.bundle, origin, name, 'hsds.field.unsupported', undefined, record);
    }
  }

  /** An explicit link on a nested object must name the object it is nested in. */
  private link(obj: Obj, field: string, expected: string, origin: Origin, record: string) {
    const value = obj[field];
    if (typeof value === 'string' && value !== '' && value !== expected) {
      problem(this.bundle, origin, field, 'hsds.link.mismatch', { expected }, record);
    }
  }

  private links(obj: Obj, parent: Parent, origin: Origin, record: string) {
    const column: Partial<Record<ParentTable, string>> = {
      service: 'service_id',
      organization: 'organization_id',
      location: 'location_id',
      contact: 'contact_id',
      phone: 'phone_id',
      service_at_location: 'service_at_location_id',
    };
    const field = column[parent.table];
    if (field) this.link(obj, field, parent.id, origin, record);
  }

  private children(obj: Obj, name: string, origin: Origin): { item: Obj; origin: Origin }[] {
    const list = obj[name];
    if (!Array.isArray(list)) return [];
    return list.map((item, i) => ({
      item: item as Obj,
      origin: { ...origin, path: join(origin.path, `${name}[${i}]`) },
    }));
  }

  /**
   * Registers a shared record (organisation, location, unit). Returns false when it was seen before; then
   * `collection` tells whether a child collection still has to be read (first time it is given).
   */
  private shared(
    table: string,
    id: string,
    rowKey: string,
    origin: Origin,
    record: string,
  ): Seen | undefined {
    const key = `${table}:${id}`;
    const seen = this.seen.get(key);
    if (!seen) {
      this.seen.set(key, { rowKey, origin, collections: new Map() });
      return undefined;
    }
    if (seen.rowKey !== rowKey) {
      problem(
        this.bundle,
        origin,
        'id',
        'hsds.id.conflict',
        { id, first: describeOrigin(seen.origin) },
        record,
      );
    }
    return seen;
  }

  /** Whether a child collection of a shared record is read here (the first time it is given). */
  private takeCollection(
    state: Seen | undefined,
    table: string,
    id: string,
    obj: Obj,
    name: string,
    origin: Origin,
    record: string,
  ) {
    if (obj[name] === undefined || obj[name] === null) return false;
    const current = state ?? this.seen.get(`${table}:${id}`)!;
    const key = canonical(obj[name]);
    const before = current.collections.get(name);
    if (before === undefined) {
      current.collections.set(name, key);
      return true;
    }
    if (before !== key) {
      problem(
        this.bundle,
        origin,
        name,
        'hsds.id.conflict',
        { id, first: describeOrigin(current.origin) },
        record,
      );
    }
    return false;
  }

  private service(obj: Obj, origin: Origin): void {
    const id = obj.id as string;
    this.unsupported('service', obj, origin, id);
    const nestedOrg = isObject(obj.organization) ? obj.organization : undefined;
    const orgId =
      (typeof obj.organization_id === 'string' && obj.organization_id) ||
      (nestedOrg?.id as string | undefined);
    if (!orgId) {
      problem(this.bundle, origin, 'organization_id', 'errors.validation.required', undefined, id);
    } else if (nestedOrg && nestedOrg.id !== orgId) {
      problem(this.bundle, origin, 'organization.id', 'hsds.link.mismatch', { expected: orgId }, id);
    }
    if (nestedOrg) this.organization(nestedOrg, { ...origin, path: join(origin.path, 'organization') }, id);
    if (orgId) this.bundle.service.push({ row: build.service(obj, orgId), origin, record: id });
    const parent: Parent = { table: 'service', id };
    for (const c of this.children(obj, 'additional_urls', origin)) this.url(c.item, parent, c.origin, id);
    for (const c of this.children(obj, 'phones', origin)) this.phone(c.item, parent, c.origin, id);
    for (const c of this.children(obj, 'schedules', origin)) this.schedule(c.item, parent, c.origin, id);
    for (const c of this.children(obj, 'languages', origin)) this.language(c.item, parent, c.origin, id);
    for (const c of this.children(obj, 'contacts', origin)) this.contact(c.item, parent, c.origin, id);
    for (const c of this.children(obj, 'attributes', origin))
      this.attribute(c.item, 'service', id, c.origin, id);
    for (const c of this.children(obj, 'service_areas', origin)) {
      this.unsupported('service_area', c.item, c.origin, id);
      this.links(c.item, parent, c.origin, id);
      const row = build.serviceArea(c.item, id);
      if (row) this.bundle.service_area.push({ row, origin: c.origin, record: id });
      else problem(this.bundle, c.origin, 'uri', 'hsds.serviceArea.uri', undefined, id);
    }
    for (const c of this.children(obj, 'service_at_locations', origin))
      this.serviceAtLocation(c.item, id, c.origin);
    for (const c of this.children(obj, 'capacities', origin)) {
      this.unsupported('service_capacity', c.item, c.origin, id);
      this.links(c.item, parent, c.origin, id);
      const unit = isObject(c.item.unit) ? c.item.unit : undefined;
      const unitId =
        (typeof c.item.unit_id === 'string' && c.item.unit_id) || (unit?.id as string | undefined);
      if (!unitId) {
        problem(this.bundle, c.origin, 'unit_id', 'errors.validation.required', undefined, id);
        continue;
      }
      if (unit && unit.id !== unitId)
        problem(this.bundle, c.origin, 'unit.id', 'hsds.link.mismatch', { expected: unitId }, id);
      if (unit) this.unit(unit, { ...c.origin, path: join(c.origin.path, 'unit') }, id);
      this.bundle.service_capacity.push({
        row: build.capacity(c.item, id, unitId),
        origin: c.origin,
        record: id,
      });
    }
  }

  private organization(obj: Obj, origin: Origin, record: string): void {
    const id = obj.id as string;
    this.unsupported('organization', obj, origin, record);
    const row = build.organization(obj);
    const seen = this.shared('organization', id, canonical(row), origin, record);
    if (!seen) this.bundle.organization.push({ row, origin, record });
    const parent: Parent = { table: 'organization', id };
    const collections: [string, string, (item: Obj, o: Origin) => void][] = [
      ['additional_websites', 'url', (item, o) => this.url(item, parent, o, record)],
      ['contacts', 'contact', (item, o) => this.contact(item, parent, o, record)],
      ['phones', 'phone', (item, o) => this.phone(item, parent, o, record)],
      ['attributes', 'attribute', (item, o) => this.attribute(item, 'organization', id, o, record)],
    ];
    for (const [name, table, read] of collections) {
      if (!this.takeCollection(seen, 'organization', id, obj, name, origin, record)) continue;
      this.bundle.replaces.add(`organization:${id}:${table}`);
      for (const c of this.children(obj, name, origin)) read(c.item, c.origin);
    }
  }

  private location(obj: Obj, origin: Origin, record: string): void {
    const id = obj.id as string;
    this.unsupported('location', obj, origin, record);
    const row = build.location(obj);
    const seen = this.shared('location', id, canonical(row), origin, record);
    if (!seen) this.bundle.location.push({ row, origin, record });
    const parent: Parent = { table: 'location', id };
    const collections: [string, string, (item: Obj, o: Origin) => void][] = [
      ['languages', 'language', (item, o) => this.language(item, parent, o, record)],
      ['addresses', 'address', (item, o) => this.address(item, id, o, record)],
      ['phones', 'phone', (item, o) => this.phone(item, parent, o, record)],
      ['schedules', 'schedule', (item, o) => this.schedule(item, parent, o, record)],
    ];
    for (const [name, table, read] of collections) {
      if (!this.takeCollection(seen, 'location', id, obj, name, origin, record)) continue;
      this.bundle.replaces.add(`location:${id}:${table}`);
      for (const c of this.children(obj, name, origin)) read(c.item, c.origin);
    }
  }

  private unit(obj: Obj, origin: Origin, record: string): void {
    this.unsupported('unit', obj, origin, record);
    const row = build.unit(obj);
    if (!this.shared('unit', row.id, canonical(row), origin, record))
      this.bundle.unit.push({ row, origin, record });
  }

  private serviceAtLocation(obj: Obj, serviceId: string, origin: Origin): void {
    this.unsupported('service_at_location', obj, origin, serviceId);
    this.link(obj, 'service_id', serviceId, origin, serviceId);
    const location = isObject(obj.location) ? obj.location : undefined;
    const locationId =
      (typeof obj.location_id === 'string' && obj.location_id) || (location?.id as string | undefined);
    if (!locationId) {
      problem(this.bundle, origin, 'location_id', 'errors.validation.required', undefined, serviceId);
      return;
    }
    if (location && location.id !== locationId) {
      problem(this.bundle, origin, 'location.id', 'hsds.link.mismatch', { expected: locationId }, serviceId);
    }
    if (location) this.location(location, { ...origin, path: join(origin.path, 'location') }, serviceId);
    const row = build.serviceAtLocation(obj, serviceId, locationId);
    this.bundle.service_at_location.push({ row, origin, record: serviceId });
    const parent: Parent = { table: 'service_at_location', id: row.id };
    for (const c of this.children(obj, 'schedules', origin))
      this.schedule(c.item, parent, c.origin, serviceId);
  }

  private address(obj: Obj, locationId: string, origin: Origin, record: string) {
    this.unsupported('address', obj, origin, record);
    this.link(obj, 'location_id', locationId, origin, record);
    this.bundle.address.push({ row: build.address(obj, locationId), origin, record });
  }

  private contact(obj: Obj, parent: Parent, origin: Origin, record: string) {
    this.unsupported('contact', obj, origin, record);
    this.links(obj, parent, origin, record);
    const row = build.contact(obj, parent);
    this.bundle.contact.push({ row, origin, record });
    const self: Parent = { table: 'contact', id: row.id };
    for (const c of this.children(obj, 'phones', origin)) this.phone(c.item, self, c.origin, record);
  }

  private phone(obj: Obj, parent: Parent, origin: Origin, record: string) {
    this.unsupported('phone', obj, origin, record);
    this.links(obj, parent, origin, record);
    const row = build.phone(obj, parent);
    this.bundle.phone.push({ row, origin, record });
    const self: Parent = { table: 'phone', id: row.id };
    for (const c of this.children(obj, 'languages', origin)) this.language(c.item, self, c.origin, record);
    for (const c of this.children(obj, 'attributes', origin))
      this.attribute(c.item, 'phone', row.id, c.origin, record);
  }

  private url(obj: Obj, parent: Parent, origin: Origin, record: string) {
    this.unsupported('url', obj, origin, record);
    this.links(obj, parent, origin, record);
    const row = build.url(obj, parent);
    this.bundle.url.push({ row, origin, record });
    for (const c of this.children(obj, 'attributes', origin))
      this.attribute(c.item, 'url', row.id, c.origin, record);
  }

  private schedule(obj: Obj, parent: Parent, origin: Origin, record: string) {
    this.unsupported('schedule', obj, origin, record);
    this.links(obj, parent, origin, record);
    this.bundle.schedule.push({ row: build.schedule(obj, parent), origin, record });
  }

  private language(obj: Obj, parent: Parent, origin: Origin, record: string) {
    this.unsupported('language', obj, origin, record);
    this.links(obj, parent, origin, record);
    this.bundle.language.push({ row: build.language(obj, parent), origin, record });
  }

  private attribute(obj: Obj, entity: string, linkId: string, origin: Origin, record: string) {
    this.link(obj, 'link_id', linkId, origin, record);
    this.link(obj, 'link_entity', entity, origin, record);
    const row = build.attribute(obj, entity, linkId);
    this.bundle.attribute.push({ row, origin, record });
    if (isObject(obj.taxonomy_term)) {
      if (obj.taxonomy_term.id !== row.taxonomy_term_id) {
        problem(
          this.bundle,
          origin,
          'taxonomy_term.id',
          'hsds.link.mismatch',
          { expected: row.taxonomy_term_id },
          record,
        );
      }
      this.termRef(obj.taxonomy_term, { ...origin, path: join(origin.path, 'taxonomy_term') }, record);
    }
  }

  private termRef(obj: Obj, origin: Origin, record: string) {
    this.bundle.termRefs.push({ row: { id: obj.id as string }, origin, record });
  }
}
