// SQL of the one-off sealing of free text written before migration 0019 (see ../seal-existing.ts): which tables
// still wait, their plaintext values in batches (locked for update), the sealed values written back, the
// table's "sealed" check constraints validated, the table struck off the list, and the table rewritten.
import { sql } from 'kysely';
import type { EncryptedColumns } from '../../../platform/crypto/index.js';
import type { Db, Root } from '../repository.js';

/** The tables still listed in nrm_sealing_pending. */
export async function pendingSealTables(db: Db): Promise<Set<string>> {
  return new Set(
    (await db.selectFrom('nrm_sealing_pending').select('table_name').execute()).map((r) => r.table_name),
  );
}

/** Up to `limit` rows of `spec.table` with a plaintext value in a sealed column, after id `after`, for update. */
export async function plaintextRows(
  trx: Db,
  spec: EncryptedColumns,
  after: unknown,
  limit: number,
): Promise<Record<string, unknown>[]> {
  const bound = spec.contextIdColumn ?? spec.idColumn;
  const plaintext = sql.join(
    spec.columns.map((c) => sql`(${sql.ref(c)} is not null and ${sql.ref(c)} not like 'f1:%')`),
    sql` or `,
  );
  const selected = sql.join([...new Set([spec.idColumn, bound, ...spec.columns])].map((c) => sql.ref(c)));
  return (
    await sql<Record<string, unknown>>`
        select ${selected} from ${sql.table(spec.table)}
        where (${plaintext}) ${after === undefined ? sql`` : sql`and ${sql.ref(spec.idColumn)} > ${after}`}
        order by ${sql.ref(spec.idColumn)} limit ${limit} for update`.execute(trx)
  ).rows;
}

/** Writes the sealed values of one row. */
export async function writeSealed(trx: Db, spec: EncryptedColumns, id: unknown, changes: [string, string][]) {
  await sql`update ${sql.table(spec.table)} set ${sql.join(changes.map(([c, v]) => sql`${sql.ref(c)} = ${v}`))}
                where ${sql.ref(spec.idColumn)} = ${id}`.execute(trx);
}

/** Validates the table's "sealed" check constraints (the database proves no plaintext is left) and strikes it off. */
export async function finishSealing(trx: Db, spec: EncryptedColumns) {
  for (const column of spec.columns)
    await sql`alter table ${sql.table(spec.table)} validate constraint ${sql.ref(`${spec.table}_${column}_sealed`)}`.execute(
      trx,
    );
  await trx.deleteFrom('nrm_sealing_pending').where('table_name', '=', spec.table).execute();
}

/** Rewrites the table (VACUUM FULL, outside any transaction), so old row versions with plaintext are gone. */
export async function rewriteTable(db: Root, table: string) {
  await sql`vacuum full ${sql.table(table)}`.execute(db);
}
