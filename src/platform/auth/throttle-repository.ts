// SQL for sign-in throttling and the client addresses of sign-ins (migration 0016). No rules live here.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export interface ThrottleState {
  key: string;
  failures: number;
  lastFailureAt: Date;
  blockedUntil: Date | null;
}

const toDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

export function createThrottleRepository(db: Kysely<Database>) {
  return {
    async find(keys: string[]): Promise<ThrottleState[]> {
      if (keys.length === 0) return [];
      const rows = await db.selectFrom('auth_throttle').selectAll().where('key', 'in', keys).execute();
      return rows.map((r) => ({
        key: r.key,
        failures: Number(r.failures),
        lastFailureAt: toDate(r.last_failure_at),
        blockedUntil: r.blocked_until === null ? null : toDate(r.blocked_until),
      }));
    },

    async save(state: ThrottleState): Promise<void> {
      await db
        .insertInto('auth_throttle')
        .values({
          key: state.key,
          failures: state.failures,
          last_failure_at: state.lastFailureAt,
          blocked_until: state.blockedUntil,
        })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            failures: state.failures,
            last_failure_at: state.lastFailureAt,
            blocked_until: state.blockedUntil,
          }),
        )
        .execute();
    },

    async clear(keys: string[]): Promise<void> {
      if (keys.length === 0) return;
      await db.deleteFrom('auth_throttle').where('key', 'in', keys).execute();
    },

    /** Deletes contexts whose last failure is older than `before`; returns how many. */
    async purgeBefore(before: Date): Promise<number> {
      const result = await db
        .deleteFrom('auth_throttle')
        .where('last_failure_at', '<', before)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async recordAddress(ref: string, at: Date, address: string): Promise<void> {
      await db.insertInto('auth_client_address').values({ ref, at, address }).execute();
    },

    async findAddress(ref: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('auth_client_address')
        .select('address')
        .where('ref', '=', ref)
        .executeTakeFirst();
      return row?.address;
    },

    /** Deletes the addresses of sign-ins before `before`; returns how many. */
    async purgeAddressesBefore(before: Date): Promise<number> {
      const result = await db.deleteFrom('auth_client_address').where('at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
