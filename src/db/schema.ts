// Kysely table types, kept in step with src/db/migrations by hand; `schema.db.test.ts` compares them with the
// migrated database so a drift fails the tests. One file per area under schema/ (a new table goes into its
// area's file and its area's `…Tables`); `Database` is composed from them, so every import of this file stays.
import type { Selectable } from 'kysely';
import type { DirectoryTables } from './schema/directory.js';
import type { GuideTables } from './schema/guide.js';
import type { MonitorTables } from './schema/monitor.js';
import type { PlatformTables } from './schema/platform.js';
import type { ReferralTables } from './schema/referrals.js';
import type { StatsTables } from './schema/stats.js';

export type * from './schema/columns.js';
export type * from './schema/directory.js';
export type * from './schema/guide.js';
export type * from './schema/monitor.js';
export type * from './schema/platform.js';
export type * from './schema/referrals.js';
export type * from './schema/stats.js';

export interface Database
  extends PlatformTables, DirectoryTables, GuideTables, ReferralTables, MonitorTables, StatsTables {}

/**
 * A table's row as a query reads it (Kysely's `Selectable`), by table name: what domain types derive from
 * (`Row<'organization'>`, with `Pick`/`Omit`), so a module never declares a table's columns again and never
 * imports kysely for it.
 */
export type Row<T extends keyof Database> = Selectable<Database[T]>;
