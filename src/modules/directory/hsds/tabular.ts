// Directory rows -> the HSDS tabular package: one CSV per table, named and ordered as the HSDS schemas say
// (organizations.csv, services.csv, ...; columns in the standard's order, unsupported ones left empty), ids
// linking the rows, and a datapackage.json (Frictionless Tabular Data Package) describing the files.
import { stringify } from 'csv-stringify/sync';
import { CSV_OBJECTS, OBJECTS, csvFields, type FieldDef, type HsdsObjectName } from './fields.js';
import type { AttributeRow, Snapshot } from './model.js';
import { HsdsRenderer, LOCAL_TIMEZONE, type Json } from './render.js';

type Row = Record<string, unknown>;

function cell(field: FieldDef, value: unknown): string {
  if (value === null || value === undefined || field.kind === 'unsupported') return '';
  if (field.name === 'timezone' && value === LOCAL_TIMEZONE) return '';
  if (field.name === 'extension' && typeof value === 'string' && !/^\d+$/.test(value)) return '';
  return String(value);
}

function csv(object: HsdsObjectName, rows: Row[]): string {
  const fields = csvFields(object);
  const sorted = [...rows].sort((a, b) => String(a.id).localeCompare(String(b.id)));
  return stringify(
    sorted.map((row) => fields.map((f) => cell(f, row[f.name]))),
    { header: true, columns: fields.map((f) => f.name), record_delimiter: '\n' },
  );
}

/** Rows per HSDS object, including the attributes that stand for our own columns. */
function tableRows(snapshot: Snapshot): Record<HsdsObjectName, Row[]> {
  const renderer = new HsdsRenderer(snapshot);
  const attributes: AttributeRow[] = [
    ...snapshot.organization.flatMap((o) => renderer.attributeRows('organization', o.id, o.is_sample)),
    ...snapshot.service.flatMap((s) => renderer.attributeRows('service', s.id, s.is_sample)),
    ...snapshot.phone.flatMap((p) => renderer.channelAttribute('phone', p) ?? []),
    ...snapshot.url.flatMap((u) => renderer.channelAttribute('url', u) ?? []),
  ];
  const termIds = new Set(attributes.map((a) => a.taxonomy_term_id));
  for (const id of [...termIds]) {
    let parent = snapshot.terms.get(id)?.parent_id ?? null;
    while (parent && !termIds.has(parent)) {
      termIds.add(parent);
      parent = snapshot.terms.get(parent)?.parent_id ?? null;
    }
  }
  const terms = [...termIds].flatMap((id) => snapshot.terms.get(id) ?? []);
  const taxonomyIds = new Set(terms.map((t) => t.taxonomy_id));
  return {
    organization: snapshot.organization as unknown as Row[],
    service: snapshot.service.map((s) => ({ ...s, last_modified: snapshot.lastModified.get(s.id) ?? null })),
    attribute: attributes as unknown as Row[],
    service_at_location: snapshot.service_at_location as unknown as Row[],
    location: snapshot.location as unknown as Row[],
    phone: snapshot.phone as unknown as Row[],
    contact: snapshot.contact as unknown as Row[],
    address: snapshot.address as unknown as Row[],
    schedule: snapshot.schedule as unknown as Row[],
    service_area: snapshot.service_area as unknown as Row[],
    language: snapshot.language as unknown as Row[],
    taxonomy_term: terms as unknown as Row[],
    taxonomy: [...snapshot.taxonomies.values()].filter((t) => taxonomyIds.has(t.id)) as unknown as Row[],
    url: snapshot.url as unknown as Row[],
    unit: snapshot.unit as unknown as Row[],
    service_capacity: snapshot.service_capacity as unknown as Row[],
    metadata: [...snapshot.history.values()].flat() as unknown as Row[],
  };
}

const REFERENCES: Record<string, HsdsObjectName> = {
  organization_id: 'organization',
  parent_organization_id: 'organization',
  service_id: 'service',
  location_id: 'location',
  contact_id: 'contact',
  phone_id: 'phone',
  service_at_location_id: 'service_at_location',
  unit_id: 'unit',
  taxonomy_term_id: 'taxonomy_term',
  taxonomy_id: 'taxonomy',
};

function tableSchemaField(field: FieldDef): Json {
  const type = ((): Json => {
    switch (field.kind) {
      case 'uuid':
        return { type: 'string', format: 'uuid' };
      case 'integer':
        return { type: 'integer' };
      case 'number':
        return { type: 'number' };
      case 'date':
        return { type: 'date' };
      case 'datetime':
        return { type: 'datetime' };
      case 'email':
        return { type: 'string', format: 'email' };
      case 'http':
      case 'uri':
        return { type: 'string', format: 'uri' };
      case 'enum':
        return { type: 'string', constraints: { enum: [...(field.values ?? [])] } };
      case 'unsupported':
        return { type: field.hsdsType ?? 'string' };
      default:
        return { type: 'string' };
    }
  })();
  const constraints = {
    ...((type.constraints as Json | undefined) ?? {}),
    ...(field.required || field.csvRequired ? { required: true } : {}),
  };
  return { name: field.name, ...type, ...(Object.keys(constraints).length ? { constraints } : {}) };
}

function datapackage(now: Date): Json {
  return {
    profile: 'tabular-data-package',
    name: 'samen-directory',
    title: 'Samen service directory (Open Referral HSDS 3.1)',
    version: '3.1',
    created: now.toISOString(),
    resources: CSV_OBJECTS.map((object) => {
      const def = OBJECTS[object];
      const foreignKeys = csvFields(object)
        .filter(
          (f) =>
            f.kind !== 'unsupported' &&
            REFERENCES[f.name] &&
            !(object === 'attribute' && f.name === 'link_id'),
        )
        .map((f) => ({ fields: f.name, reference: { resource: REFERENCES[f.name], fields: 'id' } }));
      if (object === 'taxonomy_term')
        foreignKeys.push({ fields: 'parent_id', reference: { resource: 'taxonomy_term', fields: 'id' } });
      return {
        name: object,
        path: def.path,
        profile: 'tabular-data-resource',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        schema: {
          fields: csvFields(object).map(tableSchemaField),
          primaryKey: 'id',
          ...(foreignKeys.length ? { foreignKeys } : {}),
        },
      };
    }),
  };
}

export function renderTabular(snapshot: Snapshot, now: Date): Record<string, string> {
  const rows = tableRows(snapshot);
  const files: Record<string, string> = {};
  for (const object of CSV_OBJECTS) files[OBJECTS[object].path] = csv(object, rows[object]);
  files['datapackage.json'] = `${JSON.stringify(datapackage(now), null, 2)}\n`;
  return files;
}
