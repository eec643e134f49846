// Rule-set versions in and out of `guide_rule_set`. Versions are append-only; activation moves the one `active`
// flag inside a transaction so there is never a moment without (or with two) active versions.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

export interface RuleSetVersion {
  version: number;
  source: string;
  note: string;
  publishedAt: Date;
  publishedBy: string | null;
  publishedByName: string | null;
  basedOn: number | null;
  active: boolean;
  activatedAt: Date | null;
}

export type Db = Kysely<Database> | Transaction<Database>;
/** The database itself (it can open a transaction), for the service that holds it. */
export type Root = Kysely<Database>;

// Installing the bundled rule set happens once per database, under a lock, whichever server is first.
const INSTALL_LOCK_KEY = 7_316_302;

/**
 * Whether no rule set is installed yet, asked under the install lock (held until `trx` ends), so of two servers
 * starting at once only the first installs the bundled version.
 */
export async function lockedNoRuleSetYet(trx: Transaction<Database>): Promise<boolean> {
  await sql`select pg_advisory_xact_lock(${INSTALL_LOCK_KEY})`.execute(trx);
  const any = await trx.selectFrom('guide_rule_set').select('version').limit(1).executeTakeFirst();
  return any === undefined;
}

// Serialises publishing across app servers (version numbers are max + 1).
const PUBLISH_LOCK_KEY = 7_316_301;

function baseQuery(db: Db) {
  return db
    .selectFrom('guide_rule_set as r')
    .leftJoin('app_user as u', 'u.id', 'r.published_by')
    .select([
      'r.version',
      'r.source',
      'r.note',
      'r.published_at',
      'r.published_by',
      'u.display_name',
      'r.based_on',
      'r.active',
      'r.activated_at',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toVersion(row: Row): RuleSetVersion {
  return {
    version: row.version,
    source: row.source,
    note: row.note,
    publishedAt: new Date(row.published_at),
    publishedBy: row.published_by,
    publishedByName: row.display_name,
    basedOn: row.based_on,
    active: row.active,
    activatedAt: row.activated_at ? new Date(row.activated_at) : null,
  };
}

export async function activeVersion(db: Db): Promise<RuleSetVersion | undefined> {
  const row = await baseQuery(db).where('r.active', '=', true).executeTakeFirst();
  return row ? toVersion(row) : undefined;
}

/** The active version number only: the cheap check other app servers poll. */
export async function activeVersionNumber(db: Db): Promise<number | undefined> {
  const row = await db
    .selectFrom('guide_rule_set')
    .select('version')
    .where('active', '=', true)
    .executeTakeFirst();
  return row?.version;
}

export async function findVersion(db: Db, version: number): Promise<RuleSetVersion | undefined> {
  const row = await baseQuery(db).where('r.version', '=', version).executeTakeFirst();
  return row ? toVersion(row) : undefined;
}

export async function listVersions(db: Db): Promise<RuleSetVersion[]> {
  const rows = await baseQuery(db).orderBy('r.version', 'desc').execute();
  return rows.map(toVersion);
}

/** Inserts a new version and makes it the active one; returns its number. */
export async function insertActiveVersion(
  trx: Transaction<Database>,
  input: { source: string; note: string; at: Date; by: string | null; basedOn: number | null },
): Promise<number> {
  await sql`select pg_advisory_xact_lock(${PUBLISH_LOCK_KEY})`.execute(trx);
  const max = await trx
    .selectFrom('guide_rule_set')
    .select((eb) => eb.fn.max('version').as('max'))
    .executeTakeFirst();
  const version = Number(max?.max ?? 0) + 1;
  await trx.updateTable('guide_rule_set').set({ active: false }).where('active', '=', true).execute();
  await trx
    .insertInto('guide_rule_set')
    .values({
      version,
      source: input.source,
      note: input.note,
      published_at: input.at,
      published_by: input.by,
      based_on: input.basedOn,
      active: true,
      activated_at: input.at,
    })
    .execute();
  return version;
}

export async function activate(trx: Transaction<Database>, version: number, at: Date): Promise<boolean> {
  await sql`select pg_advisory_xact_lock(${PUBLISH_LOCK_KEY})`.execute(trx);
  const exists = await trx
    .selectFrom('guide_rule_set')
    .select('version')
    .where('version', '=', version)
    .executeTakeFirst();
  if (!exists) return false;
  await trx.updateTable('guide_rule_set').set({ active: false }).where('active', '=', true).execute();
  await trx
    .updateTable('guide_rule_set')
    .set({ active: true, activated_at: at })
    .where('version', '=', version)
    .execute();
  return true;
}
