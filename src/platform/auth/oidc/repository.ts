// SQL for OpenID Connect sign-in (migration 0022): the provider registry, sign-ins in progress, the provider
// session behind a Samen session, logout tokens seen, identities and the local sign-in setting.
import type { Kysely, Selectable } from 'kysely';
import type { Database, OidcProviderTable } from '../../../db/schema.js';

export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';

export interface ProviderRecord {
  id: string;
  displayName: string;
  issuer: string;
  clientId: string;
  clientAuth: ClientAuthMethod;
  /** 'file:/path' or 'env:NAME': where the secret (or private key) is read; never the secret itself. */
  secretSource: string;
  nameClaims: string[];
  emailClaim: string | null;
  groupsClaim: string | null;
  allowedRoles: string[];
  /** Approved mapping: a group the provider asserts -> the role it grants in Samen. */
  groupRoles: Record<string, string>;
  mfaAcr: string[];
  mfaAmr: string[];
  acrValues: string | null;
  createdAt: Date;
}

export interface LoginStateRecord {
  stateHash: string;
  presessionHash: string;
  providerId: string;
  nonce: string;
  codeVerifier: string;
  nextPath: string | null;
  createdAt: Date;
}

export interface IdentityRecord {
  provider: string;
  subject: string;
  userId: string;
  grantedVia: 'admin' | 'group';
  grantedGroup: string | null;
}

/** jsonb arrives parsed from PostgreSQL and PGlite alike; a string is parsed (a driver that leaves it as text). */
function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

function toProvider(row: Selectable<OidcProviderTable>): ProviderRecord {
  return {
    id: row.id,
    displayName: row.display_name,
    issuer: row.issuer,
    clientId: row.client_id,
    clientAuth: row.client_auth as ClientAuthMethod,
    secretSource: row.secret_source,
    nameClaims: json<string[]>(row.name_claims),
    emailClaim: row.email_claim,
    groupsClaim: row.groups_claim,
    allowedRoles: json<string[]>(row.allowed_roles),
    groupRoles: json<Record<string, string>>(row.group_roles),
    mfaAcr: json<string[]>(row.mfa_acr),
    mfaAmr: json<string[]>(row.mfa_amr),
    acrValues: row.acr_values,
    createdAt: toDate(row.created_at),
  };
}

class IdentityTaken extends Error {}

export function createOidcRepository(db: Kysely<Database>) {
  return {
    ...providerQueries(db),
    ...loginStateQueries(db),
    ...sessionBindingQueries(db),
    ...identityQueries(db),
    ...settingQueries(db),
  };
}

/** The identity providers an administrator configured. */
function providerQueries(db: Kysely<Database>) {
  return {
    async listProviders(): Promise<ProviderRecord[]> {
      const rows = await db.selectFrom('oidc_provider').selectAll().orderBy('id').execute();
      return rows.map(toProvider);
    },

    async findProvider(id: string): Promise<ProviderRecord | undefined> {
      const row = await db.selectFrom('oidc_provider').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toProvider(row);
    },

    async findProviderByIssuer(issuer: string): Promise<ProviderRecord | undefined> {
      const row = await db
        .selectFrom('oidc_provider')
        .selectAll()
        .where('issuer', '=', issuer)
        .executeTakeFirst();
      return row && toProvider(row);
    },

    /** False when the id or the issuer is taken. */
    async insertProvider(p: ProviderRecord): Promise<boolean> {
      const result = await db
        .insertInto('oidc_provider')
        .values({
          id: p.id,
          display_name: p.displayName,
          issuer: p.issuer,
          client_id: p.clientId,
          client_auth: p.clientAuth,
          secret_source: p.secretSource,
          name_claims: JSON.stringify(p.nameClaims),
          email_claim: p.emailClaim,
          groups_claim: p.groupsClaim,
          allowed_roles: JSON.stringify(p.allowedRoles),
          group_roles: JSON.stringify(p.groupRoles),
          mfa_acr: JSON.stringify(p.mfaAcr),
          mfa_amr: JSON.stringify(p.mfaAmr),
          acr_values: p.acrValues,
          created_at: p.createdAt,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      return result !== undefined;
    },

    /** Removes a provider, its identities and the sessions it started; returns the sessions ended. */
    async deleteProvider(id: string): Promise<{ deleted: boolean; sessionsEnded: number }> {
      return db.transaction().execute(async (trx) => {
        const provider = await trx
          .selectFrom('oidc_provider')
          .select('issuer')
          .where('id', '=', id)
          .executeTakeFirst();
        if (!provider) return { deleted: false, sessionsEnded: 0 };
        const ended = await trx
          .deleteFrom('user_session')
          .where(
            'id_hash',
            'in',
            trx.selectFrom('oidc_session').select('session_id_hash').where('provider_id', '=', id),
          )
          .executeTakeFirst();
        await trx.deleteFrom('user_identity').where('provider', '=', provider.issuer).execute();
        await trx.deleteFrom('oidc_provider').where('id', '=', id).execute();
        return { deleted: true, sessionsEnded: Number(ended.numDeletedRows) };
      });
    },
  };
}

/** Sign-ins in progress: the state, nonce and verifier kept between the redirect out and the callback. */
function loginStateQueries(db: Kysely<Database>) {
  return {
    async insertLoginState(s: LoginStateRecord): Promise<void> {
      await db
        .insertInto('oidc_login_state')
        .values({
          state_hash: s.stateHash,
          presession_hash: s.presessionHash,
          provider_id: s.providerId,
          nonce: s.nonce,
          code_verifier: s.codeVerifier,
          next_path: s.nextPath,
          created_at: s.createdAt,
        })
        .execute();
    },

    /** Takes a sign-in in progress once: marks it used (conditional update) and returns it; undefined if unknown or used. */
    async takeLoginState(stateHash: string, now: Date): Promise<LoginStateRecord | undefined> {
      const row = await db
        .updateTable('oidc_login_state')
        .set({ used_at: now })
        .where('state_hash', '=', stateHash)
        .where('used_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        stateHash: row.state_hash,
        presessionHash: row.presession_hash,
        providerId: row.provider_id,
        nonce: row.nonce,
        codeVerifier: row.code_verifier,
        nextPath: row.next_path,
        createdAt: toDate(row.created_at),
      };
    },

    async purgeLoginStatesBefore(cutoff: Date): Promise<number> {
      const result = await db
        .deleteFrom('oidc_login_state')
        .where('created_at', '<', cutoff)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

/** Provider sessions behind Samen sessions, and the logout tokens already seen (no replay). */
function sessionBindingQueries(db: Kysely<Database>) {
  return {
    async bindSession(s: {
      sessionIdHash: string;
      userId: string;
      providerId: string;
      subject: string;
      sid: string | null;
      idTokenEnc: string;
      now: Date;
    }): Promise<void> {
      await db
        .insertInto('oidc_session')
        .values({
          session_id_hash: s.sessionIdHash,
          user_id: s.userId,
          provider_id: s.providerId,
          subject: s.subject,
          sid: s.sid,
          id_token_enc: s.idTokenEnc,
          created_at: s.now,
        })
        .execute();
    },

    /** The provider session of a Samen session: its own row, or (after the second factor renewed the token) the
     * account's latest since `since`. */
    async findSessionBinding(
      sessionIdHash: string,
      userId: string,
      since: Date,
    ): Promise<{ providerId: string; subject: string; idTokenEnc: string } | undefined> {
      const row = await db
        .selectFrom('oidc_session')
        .select(['provider_id', 'subject', 'id_token_enc', 'session_id_hash'])
        .where((eb) =>
          eb.or([
            eb('session_id_hash', '=', sessionIdHash),
            eb.and([eb('user_id', '=', userId), eb('created_at', '>=', since)]),
          ]),
        )
        .orderBy('created_at', 'desc')
        .execute();
      const own = row.find((r) => r.session_id_hash === sessionIdHash) ?? row[0];
      return own && { providerId: own.provider_id, subject: own.subject, idTokenEnc: own.id_token_enc };
    },

    async deleteSessionBindingsOfUser(userId: string): Promise<void> {
      await db.deleteFrom('oidc_session').where('user_id', '=', userId).execute();
    },

    /**
     * The provider says a session ended (by `sid`) or the person is gone (by `sub`): every Samen session of the
     * accounts behind it ends. Returns those accounts and how many sessions ended.
     */
    async endBoundSessions(
      providerId: string,
      by: { sid: string } | { subject: string },
    ): Promise<{ userIds: string[]; ended: number }> {
      return db.transaction().execute(async (trx) => {
        let bound = trx.selectFrom('oidc_session').select('user_id').where('provider_id', '=', providerId);
        bound = 'sid' in by ? bound.where('sid', '=', by.sid) : bound.where('subject', '=', by.subject);
        const userIds = [...new Set((await bound.execute()).map((r) => r.user_id))];
        if (userIds.length === 0) return { userIds, ended: 0 };
        const ended = await trx.deleteFrom('user_session').where('user_id', 'in', userIds).executeTakeFirst();
        await trx
          .deleteFrom('oidc_session')
          .where('provider_id', '=', providerId)
          .where('user_id', 'in', userIds)
          .execute();
        return { userIds, ended: Number(ended.numDeletedRows) };
      });
    },

    async purgeSessionBindingsBefore(cutoff: Date): Promise<number> {
      const result = await db.deleteFrom('oidc_session').where('created_at', '<', cutoff).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** Records a logout token's jti; false when it was seen before (a replay). */
    async claimLogoutJti(providerId: string, jti: string, now: Date): Promise<boolean> {
      const row = await db
        .insertInto('oidc_logout_jti')
        .values({ provider_id: providerId, jti, seen_at: now })
        .onConflict((oc) => oc.doNothing())
        .returning('jti')
        .executeTakeFirst();
      return row !== undefined;
    },

    async purgeLogoutJtisBefore(cutoff: Date): Promise<number> {
      const result = await db.deleteFrom('oidc_logout_jti').where('seen_at', '<', cutoff).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

/** External identities linked to accounts, and accounts created or updated from a provider's claims. */
function identityQueries(db: Kysely<Database>) {
  return {
    async findIdentity(issuer: string, subject: string): Promise<IdentityRecord | undefined> {
      const row = await db
        .selectFrom('user_identity')
        .selectAll()
        .where('provider', '=', issuer)
        .where('subject', '=', subject)
        .executeTakeFirst();
      return (
        row && {
          provider: row.provider,
          subject: row.subject,
          userId: row.user_id,
          grantedVia: row.granted_via as 'admin' | 'group',
          grantedGroup: row.granted_group,
        }
      );
    },

    /** Binds (issuer, subject) to an account; false when that identity is bound already. */
    async insertIdentity(i: IdentityRecord, now: Date): Promise<boolean> {
      const row = await db
        .insertInto('user_identity')
        .values({
          provider: i.provider,
          subject: i.subject,
          user_id: i.userId,
          granted_via: i.grantedVia,
          granted_group: i.grantedGroup,
          created_at: now,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('user_id')
        .executeTakeFirst();
      return row !== undefined;
    },

    /**
     * Creates an account without a password and binds the identity to it, in one transaction: both or neither.
     * False when the e-mail address or the identity is taken.
     */
    async createUserWithIdentity(
      user: { id: string; email: string; displayName: string; role: string },
      identity: IdentityRecord,
      now: Date,
    ): Promise<boolean> {
      return db
        .transaction()
        .execute(async (trx) => {
          const inserted = await trx
            .insertInto('app_user')
            .values({
              id: user.id,
              email: user.email,
              display_name: user.displayName,
              role: user.role,
              password_hash: null,
              totp_secret_enc: null,
              totp_enabled_at: null,
              created_at: now,
              updated_at: now,
            })
            .onConflict((oc) => oc.column('email').doNothing())
            .returning('id')
            .executeTakeFirst();
          if (!inserted) return false;
          const bound = await trx
            .insertInto('user_identity')
            .values({
              provider: identity.provider,
              subject: identity.subject,
              user_id: user.id,
              granted_via: identity.grantedVia,
              granted_group: identity.grantedGroup,
              created_at: now,
            })
            .onConflict((oc) => oc.doNothing())
            .returning('user_id')
            .executeTakeFirst();
          // Rolls the account back: nothing half-created.
          if (!bound) throw new IdentityTaken();
          return true;
        })
        .catch((error: unknown) => {
          if (error instanceof IdentityTaken) return false;
          throw error;
        });
    },

    async updateIdentityGroup(issuer: string, subject: string, group: string): Promise<void> {
      await db
        .updateTable('user_identity')
        .set({ granted_group: group })
        .where('provider', '=', issuer)
        .where('subject', '=', subject)
        .execute();
    },

    async setUserRole(userId: string, role: string, now: Date): Promise<void> {
      await db.updateTable('app_user').set({ role, updated_at: now }).where('id', '=', userId).execute();
    },
  };
}

/** The sign-in settings (auth_setting). */
function settingQueries(db: Kysely<Database>) {
  return {
    async getSetting(name: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('auth_setting')
        .select('value')
        .where('name', '=', name)
        .executeTakeFirst();
      return row?.value;
    },

    async setSetting(name: string, value: string): Promise<void> {
      await db
        .insertInto('auth_setting')
        .values({ name, value })
        .onConflict((oc) => oc.column('name').doUpdateSet({ value }))
        .execute();
    },
  };
}

export type OidcRepository = ReturnType<typeof createOidcRepository>;
