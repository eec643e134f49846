// Who works in the pool and what its services are built from (shared by the pool's service files).
import type { FieldCryptoService } from '../../../platform/crypto/index.js';
import type { Core, Ownership } from '../rules.js';

export const COORDINATOR = ['pool_coordinator'] as const;

export interface PoolDeps extends Core {
  ownership: Ownership;
  /** Field encryption (the platform's key ring): the real name and contact are sealed, bound to their row. */
  crypto: Pick<FieldCryptoService, 'encryptField' | 'decryptField'>;
}
