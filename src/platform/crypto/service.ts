// `services.fieldCrypto`: field encryption with the configured key ring (fields.ts) and key rotation. Modules
// that keep encrypted columns register them (`fieldCrypto.register({ table, idColumn, columns })` in
// src/services.ts) and encrypt each value with the context `fieldContext(table, column, id)` (or give their own
// `context`), so that `rotate()` (`samen keys rotate`) can re-encrypt every value still under an older key.
import type { AuditService } from '../audit/service.js';
import type { Log } from '../log.js';
import { createFieldCipher, type FieldKey } from './fields.js';
import { lockStaleRows, rewriteValues, type Root } from './repository.js';

export interface EncryptedColumns {
  table: string;
  /** The primary key (one column). */
  idColumn: string;
  /** Text columns holding encrypted values (or null). */
  columns: string[];
  /**
   * The column whose value the default context binds (default: idColumn). For a table whose key the database
   * assigns on insert (bigserial), values are bound to a column known before the insert, e.g. the case id.
   */
  contextIdColumn?: string;
  /** The context each value was encrypted with (default: fieldContext(table, column, id)). */
  context?(column: string, id: string): string;
}

export interface RotationReport {
  table: string;
  /** Rows changed. */
  rows: number;
  /** Values re-encrypted with the current key. */
  values: number;
  /** Values that did not decrypt with any key of the ring (left as they are). */
  unreadable: number;
}

/** The default context of an encrypted column value: binds it to its table, column and row. */
export function fieldContext(table: string, column: string, id: string): string {
  return `${table}.${column}:${id}`;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export function createFieldCryptoService(deps: {
  db: Root;
  keys: FieldKey[];
  log: Log;
  /** Rotation reads and rewrites personal data: it is audited (counts only) when given. */
  audit?: Pick<AuditService, 'record'>;
}) {
  const cipher = createFieldCipher(deps.keys);
  const registered: EncryptedColumns[] = [];
  const currentPrefix = `f1:${cipher.currentKeyId}:`;

  async function rotateTable(spec: EncryptedColumns, batchSize: number): Promise<RotationReport> {
    const report: RotationReport = { table: spec.table, rows: 0, values: 0, unreadable: 0 };
    const contextOf = spec.context ?? ((column: string, id: string) => fieldContext(spec.table, column, id));
    const bound = spec.contextIdColumn ?? spec.idColumn;
    const selected = [...new Set([spec.idColumn, bound, ...spec.columns])];
    let after: unknown = undefined;
    for (;;) {
      const count = await deps.db.transaction().execute(async (trx) => {
        const rows = await lockStaleRows(trx, { ...spec, selected }, currentPrefix, after, batchSize);
        for (const row of rows) {
          const id = row[spec.idColumn];
          const changes: [string, string][] = [];
          for (const column of spec.columns) {
            const value = row[column];
            if (typeof value !== 'string' || cipher.isCurrent(value)) continue;
            try {
              const context = contextOf(column, String(row[bound]));
              changes.push([column, cipher.encryptField(cipher.decryptField(value, context), context)]);
            } catch {
              report.unreadable++;
            }
          }
          if (changes.length > 0) {
            await rewriteValues(trx, spec.table, spec.idColumn, id, changes);
            report.rows++;
            report.values += changes.length;
          }
        }
        if (rows.length > 0) after = rows[rows.length - 1]![spec.idColumn];
        return rows.length;
      });
      if (count < batchSize) break;
    }
    if (report.unreadable > 0)
      deps.log.warn(
        { table: spec.table, unreadable: report.unreadable },
        'field values that no key of the ring decrypts were left as they are',
      );
    return report;
  }

  return {
    currentKeyId: cipher.currentKeyId,
    /** Encrypts with the current key; `context` (e.g. fieldContext(table, column, id)) must be given again to decrypt. */
    encryptField: cipher.encryptField,
    /** Decrypts with whichever key of the ring the value names; throws FieldDecryptionError otherwise. */
    decryptField: cipher.decryptField,
    isCurrent: cipher.isCurrent,

    /** Declares encrypted columns so that `rotate` re-encrypts them. */
    register(spec: EncryptedColumns) {
      for (const name of [
        spec.table,
        spec.idColumn,
        ...(spec.contextIdColumn ? [spec.contextIdColumn] : []),
        ...spec.columns,
      ])
        if (!IDENTIFIER.test(name))
          throw new TypeError(`fieldCrypto.register: "${name}" is not a plain identifier`);
      if (spec.columns.length === 0) throw new TypeError('fieldCrypto.register: no columns');
      if (registered.some((r) => r.table === spec.table))
        throw new TypeError(`fieldCrypto.register: ${spec.table} is registered twice`);
      registered.push(spec);
    },

    registered(): readonly EncryptedColumns[] {
      return registered;
    },

    /**
     * Re-encrypts every registered value that is not under the current key, in batches (one transaction each, rows
     * locked while they are rewritten). Safe to run again, and beside the running application.
     */
    async rotate(options: { batchSize?: number } = {}): Promise<RotationReport[]> {
      const reports: RotationReport[] = [];
      for (const spec of registered) reports.push(await rotateTable(spec, options.batchSize ?? 500));
      const sum = (key: 'rows' | 'values' | 'unreadable') => reports.reduce((n, r) => n + r[key], 0);
      if (deps.audit && (sum('values') > 0 || sum('unreadable') > 0)) {
        await deps.audit.record({
          actorUserId: null,
          action: 'keys.rotated',
          entityType: 'field_key',
          entityId: cipher.currentKeyId,
          detail: {
            tables: reports.filter((r) => r.values > 0 || r.unreadable > 0).map((r) => r.table),
            rows: sum('rows'),
            values: sum('values'),
            unreadable: sum('unreadable'),
          },
        });
      }
      return reports;
    },
  };
}

export type FieldCryptoService = ReturnType<typeof createFieldCryptoService>;
