// The audit platform's queries beside the chain itself (service.ts).
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** The addresses of the active privacy officers: they receive the checkpoints and the alarms. */
export async function privacyOfficerAddresses(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('app_user')
    .select('email')
    .where('role', '=', 'privacy_officer')
    .where('disabled_at', 'is', null)
    .orderBy('email')
    .execute();
  return rows.map((r) => r.email);
}
