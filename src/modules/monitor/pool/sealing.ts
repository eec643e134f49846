// The one-off sealing step for the expert pool (migration 0020): rows written before it hold the real name and
// contact in plaintext, which SQL cannot encrypt. This moves them into the sealed columns, in one transaction with
// the rows locked, empties the plain ones, and rewrites the table so the old row versions leave its data files.
// Safe to run again (then it finds nothing); `samen serve` and `samen migrate` run it right after migrating, and a
// failure stops them (no start with identities half sealed).
import { fieldContext, type FieldCryptoService } from '../../../platform/crypto/index.js';
import type { Core } from '../rules.js';
import * as pool from './repository.js';

export class IdentitySealingFailed extends Error {
  constructor(reason: string) {
    super(`monitor: sealing the expert pool's identities failed: ${reason}`);
    this.name = 'IdentitySealingFailed';
  }
}

export function createIdentitySealing(deps: Core & { crypto: Pick<FieldCryptoService, 'encryptField'> }) {
  const { db } = deps;
  return {
    /** Seals every plaintext identity of the pool; returns how many rows it sealed (0 when all were sealed). */
    async sealExpertIdentities(): Promise<{ sealed: number }> {
      const sealed = await db.transaction().execute(async (trx) => {
        const rows = await pool.lockUnsealedIdentities(trx);
        for (const row of rows) {
          if (row.realNameSealed !== null || row.contactSealed !== null)
            throw new IdentitySealingFailed(`expert ${row.id} holds both plaintext and sealed values`);
          if (row.legacyRealName === null)
            throw new IdentitySealingFailed(`expert ${row.id} has a contact but no real name`);
          const seal = (value: string, column: 'real_name_enc' | 'contact_enc') =>
            deps.crypto.encryptField(value, fieldContext('monitor_expert', column, row.id));
          await pool.storeSealedIdentity(trx, row.id, {
            realName: seal(row.legacyRealName, 'real_name_enc'),
            contact: row.legacyContact ? seal(row.legacyContact, 'contact_enc') : null,
          });
        }
        if ((await pool.lockUnsealedIdentities(trx)).length > 0)
          throw new IdentitySealingFailed('plaintext remained after sealing');
        return rows.length;
      });
      if (sealed > 0) {
        await pool.compactExperts(db);
        await deps.audit.record({
          actorUserId: null,
          action: 'monitor.expert.sealed',
          entityType: 'monitor_expert',
          detail: { rows: sealed },
        });
      }
      return { sealed };
    },
  };
}
