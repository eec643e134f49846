// The one-off sealing of free text written before migration 0019 (SQL cannot encrypt). Runs when the server
// starts (and by `samen nrm seal`) while a table is listed in nrm_sealing_pending; afterwards it costs one tiny
// query. Per table, in one transaction: every plaintext value (anything that is not an `f1:` value) is sealed
// under the current key, the table's "sealed" check constraint is validated (the database itself proves no
// plaintext is left) and the table leaves the list; any failure rolls the table back and is thrown, so the start
// fails loudly. Then the table is rewritten (VACUUM FULL): an UPDATE leaves the old row version, with the
// plaintext, in the table's file; plain VACUUM frees that space but overwrites it only where the page layout
// happens to move a live row over it, while VACUUM FULL writes the live rows into a new file and drops the old.
import type { EncryptedColumns, FieldCryptoService } from '../../platform/crypto/index.js';
import { fieldContext } from '../../platform/crypto/index.js';
import type { Root } from './repository.js';
import {
  finishSealing,
  pendingSealTables,
  plaintextRows,
  rewriteTable,
  writeSealed,
} from './repository/sealing-pending.js';
import { SEALED_FREE_TEXT } from './sealing.js';

export interface SealReport {
  table: string;
  /** Values sealed (plaintext before). */
  values: number;
}

const BATCH = 1000;
const ENCRYPTED = /^f1:[A-Za-z0-9_-]{1,32}:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/;

async function sealTable(
  trx: Root,
  crypto: Pick<FieldCryptoService, 'encryptField'>,
  spec: EncryptedColumns,
): Promise<number> {
  const bound = spec.contextIdColumn ?? spec.idColumn;
  let values = 0;
  let after: unknown = undefined;
  for (;;) {
    const rows = await plaintextRows(trx, spec, after, BATCH);
    for (const row of rows) {
      const changes: [string, string][] = [];
      for (const column of spec.columns) {
        const value = row[column];
        if (typeof value !== 'string' || ENCRYPTED.test(value)) continue;
        changes.push([
          column,
          crypto.encryptField(value, fieldContext(spec.table, column, String(row[bound]))),
        ]);
      }
      if (changes.length === 0) continue;
      await writeSealed(trx, spec, row[spec.idColumn], changes);
      values += changes.length;
    }
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1]![spec.idColumn];
  }
  await finishSealing(trx, spec);
  return values;
}

/**
 * Seals the plaintext left from before migration 0019, table by table; returns what it sealed (nothing once done).
 * Throws (naming the table) when a table cannot be sealed; that table stays listed and unchanged.
 */
export async function sealExistingFreeText(deps: {
  db: Root;
  fieldCrypto: Pick<FieldCryptoService, 'encryptField'>;
}): Promise<SealReport[]> {
  const pending = await pendingSealTables(deps.db);
  const reports: SealReport[] = [];
  for (const spec of SEALED_FREE_TEXT) {
    if (!pending.has(spec.table)) continue;
    let values: number;
    try {
      values = await deps.db.transaction().execute((trx) => sealTable(trx, deps.fieldCrypto, spec));
    } catch (error) {
      throw new Error(
        `sealing the free text of ${spec.table} failed, nothing in it was changed: ${(error as Error).message}`,
        { cause: error },
      );
    }
    // Rewrite the table so that the old row versions holding the plaintext are gone from its file (VACUUM cannot
    // run inside a transaction; the sealing above is committed either way).
    if (values > 0) await rewriteTable(deps.db, spec.table);
    reports.push({ table: spec.table, values });
  }
  return reports;
}
