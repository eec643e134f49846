// SQL for per-field scopes (field-scopes.ts): the configuration, and the person row with only the columns a
// viewer's scope allows (the others are not even read, so nothing downstream can show them).
import type { Db } from '../repository.js';
import type { PersonField } from '../field-scopes.js';

export async function fieldScopeRows(db: Db) {
  return db
    .selectFrom('nrm_field_scope')
    .select(['role', 'purpose', 'field'])
    .orderBy('role')
    .orderBy('purpose')
    .orderBy('field')
    .execute();
}

/** Replaces the fields of one role and purpose (the administrator's page; the tests). */
export async function setFieldScope(
  db: Db,
  role: string,
  purpose: string,
  fields: readonly PersonField[],
): Promise<void> {
  await db.deleteFrom('nrm_field_scope').where('role', '=', role).where('purpose', '=', purpose).execute();
  if (fields.length)
    await db
      .insertInto('nrm_field_scope')
      .values(fields.map((field) => ({ role, purpose, field })))
      .execute();
}

const COLUMNS = {
  name: 'name_enc',
  date_of_birth: 'date_of_birth_enc',
  contact: 'contact_enc',
  special_notes: 'special_notes_enc',
  languages: 'languages_enc',
} as const;

export interface ScopedPersonRow {
  name_enc: string | null;
  date_of_birth_enc: string | null;
  contact_enc: string | null;
  special_notes_enc: string | null;
  languages_enc: string | null;
}

/**
 * The person's sealed columns that `fields` allows, the others null without being read; undefined when the
 * case has no person row (or nothing of it may be read).
 */
export async function scopedPerson(
  db: Db,
  caseId: string,
  fields: ReadonlySet<PersonField>,
): Promise<ScopedPersonRow | undefined> {
  const columns = (Object.keys(COLUMNS) as (keyof typeof COLUMNS)[])
    .filter((f) => fields.has(f))
    .map((f) => COLUMNS[f]);
  if (columns.length === 0) return undefined;
  const row = await db
    .selectFrom('nrm_person')
    .select(columns)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (!row) return undefined;
  const picked = row as Partial<ScopedPersonRow>;
  return {
    name_enc: picked.name_enc ?? null,
    date_of_birth_enc: picked.date_of_birth_enc ?? null,
    contact_enc: picked.contact_enc ?? null,
    special_notes_enc: picked.special_notes_enc ?? null,
    languages_enc: picked.languages_enc ?? null,
  };
}
