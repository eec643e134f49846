// The queries of key rotation (service.ts): registered encrypted columns are read and rewritten by name, so the
// SQL is built from identifiers that `fieldCrypto.register` checked to be plain (`^[a-z_][a-z0-9_]*$`).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

/** The database (rotation opens one transaction per batch on it). */
export type Root = Kysely<Database>;
type Tx = Transaction<Database>;

/**
 * One batch of rows with a value in `columns` not under the current key (its text does not start with
 * `currentPrefix`), after `after` in `idColumn` order, locked for update until `trx` ends. Each row carries
 * `selected` (the id, the column the context binds, and the encrypted columns).
 */
export async function lockStaleRows(
  trx: Tx,
  spec: { table: string; idColumn: string; columns: string[]; selected: string[] },
  currentPrefix: string,
  after: unknown,
  batchSize: number,
): Promise<Record<string, unknown>[]> {
  const stale = sql.join(
    spec.columns.map(
      (c) =>
        sql`(${sql.ref(c)} is not null and left(${sql.ref(c)}, ${currentPrefix.length}) <> ${currentPrefix})`,
    ),
    sql` or `,
  );
  const selected = sql.join(spec.selected.map((c) => sql.ref(c)));
  const result = await sql<Record<string, unknown>>`
    select ${selected} from ${sql.table(spec.table)}
    where (${stale}) ${after === undefined ? sql`` : sql`and ${sql.ref(spec.idColumn)} > ${after}`}
    order by ${sql.ref(spec.idColumn)} limit ${batchSize} for update`.execute(trx);
  return result.rows;
}

/** Writes re-encrypted values into one row. */
export async function rewriteValues(
  trx: Tx,
  table: string,
  idColumn: string,
  id: unknown,
  changes: [column: string, value: string][],
): Promise<void> {
  await sql`update ${sql.table(table)} set ${sql.join(changes.map(([c, v]) => sql`${sql.ref(c)} = ${v}`))}
            where ${sql.ref(idColumn)} = ${id}`.execute(trx);
}
