// SQL for accounts, identities and sessions (Kysely). Returns domain records; no rules live here.
import type { Kysely, Selectable } from 'kysely';
import type { AppUserTable, Database } from '../../db/schema.js';

export interface UserRecord {
  id: string;
  email: string;
  displayName: string;
  role: string;
  /** From the role table: holders see personal data and must use a second factor. */
  roleRequiresTotp: boolean;
  passwordHash: string | null;
  totpSecretEnc: string | null;
  totpEnabledAt: Date | null;
  totpLastStep: number | null;
  failedLoginCount: number;
  lockedUntil: Date | null;
  disabledAt: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
}

export interface SessionRecord {
  idHash: string;
  userId: string;
  mfaPassed: boolean;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface RoleRecord {
  code: string;
  seesPersonalData: boolean;
}

/** The database handle the accounts' service holds and passes to its repositories. */
export type Db = Kysely<Database>;

type UserRow = Selectable<AppUserTable> & { sees_personal_data: boolean };

function toDate(value: Date | string | null): Date | null {
  if (value === null) return null;
  return value instanceof Date ? value : new Date(value);
}

function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    roleRequiresTotp: row.sees_personal_data,
    passwordHash: row.password_hash,
    totpSecretEnc: row.totp_secret_enc,
    totpEnabledAt: toDate(row.totp_enabled_at),
    // bigint arrives as a string from node-postgres.
    totpLastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
    failedLoginCount: Number(row.failed_login_count),
    lockedUntil: toDate(row.locked_until),
    disabledAt: toDate(row.disabled_at),
    lastLoginAt: toDate(row.last_login_at),
    createdAt: toDate(row.created_at)!,
  };
}

/** Roles, accounts and their external identities. */
function accountQueries(db: Kysely<Database>) {
  const users = () =>
    db
      .selectFrom('app_user')
      .innerJoin('role', 'role.code', 'app_user.role')
      .selectAll('app_user')
      .select('role.sees_personal_data');

  return {
    async listRoles(): Promise<RoleRecord[]> {
      const rows = await db.selectFrom('role').selectAll().orderBy('code').execute();
      return rows.map((r) => ({ code: r.code, seesPersonalData: r.sees_personal_data }));
    },

    async findRole(code: string): Promise<RoleRecord | undefined> {
      const row = await db.selectFrom('role').selectAll().where('code', '=', code).executeTakeFirst();
      return row && { code: row.code, seesPersonalData: row.sees_personal_data };
    },

    async findUserById(id: string): Promise<UserRecord | undefined> {
      const row = await users().where('app_user.id', '=', id).executeTakeFirst();
      return row && toUser(row);
    },

    async findUserByEmail(email: string): Promise<UserRecord | undefined> {
      const row = await users().where('app_user.email', '=', email).executeTakeFirst();
      return row && toUser(row);
    },

    async findUserByIdentity(provider: string, subject: string): Promise<UserRecord | undefined> {
      const row = await users()
        .innerJoin('user_identity', 'user_identity.user_id', 'app_user.id')
        .where('user_identity.provider', '=', provider)
        .where('user_identity.subject', '=', subject)
        .executeTakeFirst();
      return row && toUser(row);
    },

    async listUsers(): Promise<UserRecord[]> {
      const rows = await users().orderBy('app_user.email').execute();
      return rows.map(toUser);
    },

    async insertUser(user: {
      id: string;
      email: string;
      displayName: string;
      role: string;
      passwordHash: string | null;
      totpSecretEnc: string | null;
      totpEnabledAt: Date | null;
      now: Date;
    }): Promise<boolean> {
      const result = await db
        .insertInto('app_user')
        .values({
          id: user.id,
          email: user.email,
          display_name: user.displayName,
          role: user.role,
          password_hash: user.passwordHash,
          totp_secret_enc: user.totpSecretEnc,
          totp_enabled_at: user.totpEnabledAt,
          created_at: user.now,
          updated_at: user.now,
        })
        .onConflict((oc) => oc.column('email').doNothing())
        .returning('id')
        .executeTakeFirst();
      return result !== undefined;
    },

    async updateUser(
      id: string,
      values: Partial<{
        password_hash: string | null;
        totp_secret_enc: string | null;
        totp_enabled_at: Date | null;
        totp_last_step: number | null;
        failed_login_count: number;
        locked_until: Date | null;
        disabled_at: Date | null;
        last_login_at: Date | null;
      }>,
      now: Date,
    ): Promise<boolean> {
      const result = await db
        .updateTable('app_user')
        .set({ ...values, updated_at: now })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /**
     * Counts a failed sign-in and locks the account for `lockMs` once `max` failures are reached. One statement,
     * so concurrent attempts cannot slip past the limit. Returns whether the account is now locked.
     */
    async recordFailure(id: string, now: Date, max: number, lockMs: number): Promise<boolean> {
      const row = await db
        .updateTable('app_user')
        .set((eb) => ({
          failed_login_count: eb('failed_login_count', '+', 1),
          locked_until: eb
            .case()
            .when('failed_login_count', '>=', max - 1)
            .then(new Date(now.getTime() + lockMs))
            .else(eb.ref('locked_until'))
            .end(),
        }))
        .where('id', '=', id)
        .returning(['locked_until'])
        .executeTakeFirst();
      const lockedUntil = toDate(row?.locked_until ?? null);
      return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
    },

    /** Accepts a TOTP step only if it is later than every step accepted before (no replay, also under races). */
    async claimTotpStep(id: string, step: number): Promise<boolean> {
      const result = await db
        .updateTable('app_user')
        .set({ totp_last_step: step })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Stores a second factor unless one is already enrolled. */
    async enableTotp(id: string, secretEnc: string, step: number, now: Date): Promise<boolean> {
      const result = await db
        .updateTable('app_user')
        .set({ totp_secret_enc: secretEnc, totp_enabled_at: now, totp_last_step: step, updated_at: now })
        .where('id', '=', id)
        .where('totp_enabled_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async linkIdentity(provider: string, subject: string, userId: string, now: Date): Promise<void> {
      await db
        .insertInto('user_identity')
        .values({ provider, subject, user_id: userId, created_at: now })
        .onConflict((oc) => oc.columns(['provider', 'subject']).doUpdateSet({ user_id: userId }))
        .execute();
    },
  };
}

/** Sign-in sessions: looked up on every signed-in request, ended on sign-out, expiry or an account change. */
function sessionQueries(db: Kysely<Database>) {
  return {
    async insertSession(session: SessionRecord): Promise<void> {
      await db
        .insertInto('user_session')
        .values({
          id_hash: session.idHash,
          user_id: session.userId,
          mfa_passed: session.mfaPassed,
          created_at: session.createdAt,
          last_seen_at: session.lastSeenAt,
          expires_at: session.expiresAt,
        })
        .execute();
    },

    /** A session with its user, in one round trip: this runs on every signed-in request. */
    async findSessionWithUser(
      idHash: string,
    ): Promise<{ session: SessionRecord; user: UserRecord | undefined } | undefined> {
      const row = await db
        .selectFrom('user_session')
        .leftJoin('app_user', 'app_user.id', 'user_session.user_id')
        .leftJoin('role', 'role.code', 'app_user.role')
        .selectAll('app_user')
        .select([
          'role.sees_personal_data',
          'user_session.id_hash as session_id_hash',
          'user_session.user_id as session_user_id',
          'user_session.mfa_passed as session_mfa_passed',
          'user_session.created_at as session_created_at',
          'user_session.last_seen_at as session_last_seen_at',
          'user_session.expires_at as session_expires_at',
        ])
        .where('user_session.id_hash', '=', idHash)
        .executeTakeFirst();
      if (!row) return undefined;
      const session: SessionRecord = {
        idHash: row.session_id_hash,
        userId: row.session_user_id,
        mfaPassed: row.session_mfa_passed,
        createdAt: toDate(row.session_created_at)!,
        lastSeenAt: toDate(row.session_last_seen_at)!,
        expiresAt: toDate(row.session_expires_at)!,
      };
      // The left joins keep a session whose user or role is gone, so that it is ended rather than ignored.
      const user = row.id !== null && row.sees_personal_data !== null ? toUser(row as UserRow) : undefined;
      return { session, user };
    },

    async touchSession(idHash: string, now: Date): Promise<void> {
      await db.updateTable('user_session').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
    },

    async deleteSession(idHash: string): Promise<void> {
      await db.deleteFrom('user_session').where('id_hash', '=', idHash).execute();
    },

    async deleteSessionsOfUser(userId: string, exceptIdHash?: string): Promise<number> {
      let query = db.deleteFrom('user_session').where('user_id', '=', userId);
      if (exceptIdHash) query = query.where('id_hash', '<>', exceptIdHash);
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async deleteExpiredSessions(now: Date, idleCutoff: Date): Promise<number> {
      const result = await db
        .deleteFrom('user_session')
        .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleCutoff)]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async countSessionsOfUser(userId: string): Promise<number> {
      const row = await db
        .selectFrom('user_session')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}

export function createAuthRepository(db: Kysely<Database>) {
  return { ...accountQueries(db), ...sessionQueries(db) };
}

export type AuthRepository = ReturnType<typeof createAuthRepository>;
