// Staff sign-in through an organisation's identity provider: the provider registry (`samen idp`), the sign-in
// (state bound to the pre-session, used once), who gets access (granted in Samen, never by the provider alone),
// the second factor (the provider's MFA as configured, or Samen's own TOTP step), RP-initiated and back-channel
// logout. Every refusal and every grant or withdrawal is audited. HTTP stays in routes.ts.
import { randomUUID } from 'node:crypto';
import type { Config } from '../../../config.js';
import type { AuditService } from '../../audit/service.js';
import { ValidationFailed, type FieldProblem } from '../../http/errors.js';
import { createAuthRepository, type AuthRepository, type UserRecord } from '../repository.js';
import { createThrottleRepository } from '../throttle-repository.js';
import type { AuthService, StartedSession } from '../service.js';
import type { Role, SessionStage } from '../types.js';
import { decryptSecret, encryptSecret, sha256Hex } from '../tokens.js';
import type { SignedInClaims } from './client.js';
import { insecureAllowed } from './issuer.js';
import { OidcRefusal } from './secret.js';
import {
  createOidcRepository,
  type ClientAuthMethod,
  type OidcRepository,
  type ProviderRecord,
} from './repository.js';

/** How long a sign-in may stay at the provider before it must start again. */
export const LOGIN_STATE_TTL_MS = 10 * 60_000;
/** A session's absolute lifetime (service.ts ABSOLUTE_TIMEOUT_MS): the provider-session link is kept as long. */
const BINDING_TTL_MS = 12 * 60 * 60_000;
const LOGOUT_JTI_TTL_MS = 24 * 60 * 60_000;
export const CALLBACK_PATH = '/login/oidc/callback';
export const BACKCHANNEL_PATH = '/login/oidc/backchannel-logout';
const PROVIDER_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const CLAIM_NAME = /^[A-Za-z0-9_:./-]{1,100}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface OidcDeps {
  /** The database handle, handed to the repositories only (queries live there). */
  db: Parameters<typeof createOidcRepository>[0];
  clock: () => Date;
  config: Config;
  audit: AuditService;
  auth: AuthService;
}

export interface ProviderInput {
  id: string;
  displayName: string;
  issuer: string;
  clientId: string;
  clientAuth: ClientAuthMethod;
  secretSource: string;
  nameClaims: string[];
  emailClaim?: string | undefined;
  groupsClaim?: string | undefined;
  allowedRoles: string[];
  groupRoles: Record<string, string>;
  mfaAcr: string[];
  mfaAmr: string[];
  acrValues?: string | undefined;
}

export type SignInResult =
  | { ok: true; session: StartedSession; stage: SessionStage; role: Role; next: string | undefined }
  | { ok: false; reason: string };

/** The claim's values as a list of strings (a provider may send one string or an array). */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Whether the claims assert multi-factor authentication as this provider is configured to say it. */
function assertsMfa(provider: ProviderRecord, signedIn: SignedInClaims): boolean {
  if (signedIn.acr !== undefined && provider.mfaAcr.includes(signedIn.acr)) return true;
  return signedIn.amr.some((method) => provider.mfaAmr.includes(method));
}

/** The role an approved group mapping grants for these claims, and the group; undefined when none applies. */
function mappedRole(provider: ProviderRecord, claims: Record<string, unknown>) {
  if (!provider.groupsClaim) return undefined;
  for (const group of stringsOf(claims[provider.groupsClaim])) {
    const role = provider.groupRoles[group];
    if (role && provider.allowedRoles.includes(role)) return { group, role };
  }
  return undefined;
}

/**
 * The registry an administrator keeps: providers added (checked first) and removed, identities granted to
 * accounts, and whether local passwords remain open to everyone.
 */
function providerRegistry(deps: OidcDeps, repo: OidcRepository, users: AuthRepository) {
  const { clock, config, audit } = deps;

  async function validateProvider(input: ProviderInput): Promise<FieldProblem[]> {
    const problems: FieldProblem[] = [];
    if (!PROVIDER_ID.test(input.id)) problems.push({ field: 'id', key: 'auth.oidc.errors.id' });
    if (!input.displayName.trim()) problems.push({ field: 'name', key: 'auth.oidc.errors.name' });
    let issuer: URL | undefined;
    try {
      issuer = new URL(input.issuer);
    } catch {
      issuer = undefined;
    }
    if (!issuer || (issuer.protocol !== 'https:' && !insecureAllowed(input.issuer, config.nodeEnv)))
      problems.push({ field: 'issuer', key: 'auth.oidc.errors.issuer' });
    if (!input.clientId.trim()) problems.push({ field: 'clientId', key: 'auth.oidc.errors.clientId' });
    if (!/^(file|env):.+/.test(input.secretSource))
      problems.push({ field: 'secret', key: 'auth.oidc.errors.secret' });
    const claims = [...input.nameClaims, input.emailClaim ?? 'email', input.groupsClaim ?? 'groups'];
    if (input.nameClaims.length === 0 || !claims.every((c) => CLAIM_NAME.test(c)))
      problems.push({ field: 'claims', key: 'auth.oidc.errors.claims' });
    const known = new Set((await users.listRoles()).map((r) => r.code));
    if (!input.allowedRoles.every((r) => known.has(r)) || input.allowedRoles.includes('admin'))
      problems.push({ field: 'roles', key: 'auth.oidc.errors.roles' });
    if (!Object.values(input.groupRoles).every((r) => input.allowedRoles.includes(r)))
      problems.push({ field: 'groups', key: 'auth.oidc.errors.groupRole' });
    if (Object.keys(input.groupRoles).length > 0 && !input.groupsClaim)
      problems.push({ field: 'groups', key: 'auth.oidc.errors.groupsClaim' });
    return problems;
  }

  return {
    async addProvider(input: ProviderInput, actorUserId: string | null): Promise<ProviderRecord> {
      const problems = await validateProvider(input);
      if (problems.length > 0) throw new ValidationFailed(problems);
      const record: ProviderRecord = {
        ...input,
        displayName: input.displayName.trim(),
        issuer: input.issuer,
        clientId: input.clientId.trim(),
        emailClaim: input.emailClaim ?? null,
        groupsClaim: input.groupsClaim ?? null,
        acrValues: input.acrValues ?? null,
        createdAt: clock(),
      };
      if (!(await repo.insertProvider(record)))
        throw new ValidationFailed([{ field: 'id', key: 'auth.oidc.errors.taken' }]);
      await audit.record({
        actorUserId,
        action: 'auth.oidc.provider_added',
        entityType: 'oidc_provider',
        entityId: record.id,
        detail: {
          issuer: record.issuer,
          allowedRoles: record.allowedRoles,
          groupRoles: Object.entries(record.groupRoles).map(([group, role]) => `${group}=${role}`),
          mfaAcr: record.mfaAcr,
          mfaAmr: record.mfaAmr,
        },
      });
      return record;
    },

    listProviders: () => repo.listProviders(),

    async removeProvider(id: string, actorUserId: string | null): Promise<boolean> {
      const result = await repo.deleteProvider(id);
      if (result.deleted)
        await audit.record({
          actorUserId,
          action: 'auth.oidc.provider_removed',
          entityType: 'oidc_provider',
          entityId: id,
          detail: { sessionsEnded: result.sessionsEnded },
        });
      return result.deleted;
    },

    /** An administrator grants an existing account to an identity at a provider (issuer, subject). */
    async grant(input: { providerId: string; subject: string; email: string; actorUserId: string | null }) {
      const provider = await repo.findProvider(input.providerId);
      if (!provider)
        throw new ValidationFailed([{ field: 'provider', key: 'auth.oidc.errors.unknownProvider' }]);
      const user = await users.findUserByEmail(input.email.trim().toLowerCase());
      if (!user) throw new ValidationFailed([{ field: 'user', key: 'auth.oidc.errors.unknownUser' }]);
      if (!input.subject.trim())
        throw new ValidationFailed([{ field: 'subject', key: 'auth.oidc.errors.subject' }]);
      const identity = { provider: provider.issuer, subject: input.subject.trim(), userId: user.id };
      if (!(await repo.insertIdentity({ ...identity, grantedVia: 'admin', grantedGroup: null }, clock())))
        throw new ValidationFailed([{ field: 'subject', key: 'auth.oidc.errors.identityTaken' }]);
      await audit.record({
        actorUserId: input.actorUserId,
        action: 'auth.oidc.access_granted',
        entityType: 'user',
        entityId: user.id,
        detail: { provider: provider.id, via: 'admin' },
      });
      return { userId: user.id };
    },

    /** 'everyone' (default) or 'admins': local passwords for administrators only. */
    async localSignIn(): Promise<'everyone' | 'admins'> {
      return (await repo.getSetting('local_signin')) === 'admins' ? 'admins' : 'everyone';
    },

    async setLocalSignIn(value: 'everyone' | 'admins', actorUserId: string | null): Promise<void> {
      await repo.setSetting('local_signin', value);
      await audit.record({
        actorUserId,
        action: 'auth.setting.changed',
        entityType: 'auth_setting',
        entityId: 'local_signin',
        detail: { value },
      });
    },
  };
}

/** Deciding access for an identity a provider vouched for: the account it keeps, gets or loses. */
function identityAccess(deps: OidcDeps, repo: OidcRepository, users: AuthRepository) {
  const { clock, audit } = deps;

  /**
   * The account for an identity, after deciding access: an identity an administrator granted keeps its account;
   * one granted by a group mapping keeps it only while the provider still asserts a mapped group (else access is
   * withdrawn: the account is disabled, its sessions end); an unknown identity gets an account only through an
   * approved mapping. Never by e-mail address.
   */
  async function accountFor(
    provider: ProviderRecord,
    signedIn: SignedInClaims,
  ): Promise<{ user: UserRecord } | { refused: string; userId?: string }> {
    const now = clock();
    const identity = await repo.findIdentity(provider.issuer, signedIn.sub);
    const mapping = mappedRole(provider, signedIn.claims);
    if (identity) {
      const user = await users.findUserById(identity.userId);
      if (!user || user.disabledAt) return { refused: 'disabled', userId: identity.userId };
      if (identity.grantedVia === 'admin') return { user };
      if (!mapping) {
        await withdraw(user, provider, 'group_absent', now);
        return { refused: 'access_withdrawn', userId: user.id };
      }
      if (mapping.role !== user.role || mapping.group !== identity.grantedGroup) {
        await repo.setUserRole(user.id, mapping.role, now);
        await repo.updateIdentityGroup(provider.issuer, signedIn.sub, mapping.group);
        await audit.record({
          actorUserId: null,
          action: 'auth.oidc.access_changed',
          entityType: 'user',
          entityId: user.id,
          detail: {
            provider: provider.id,
            via: 'group',
            group: mapping.group,
            from: user.role,
            role: mapping.role,
          },
        });
      }
      return { user: (await users.findUserById(user.id))! };
    }
    if (!mapping) return { refused: 'no_access' };
    const email = provider.emailClaim ? signedIn.claims[provider.emailClaim] : undefined;
    if (typeof email !== 'string' || !EMAIL.test(email) || email.length > 254) return { refused: 'no_email' };
    const name = provider.nameClaims
      .map((c) => signedIn.claims[c])
      .find((v) => typeof v === 'string' && v.trim());
    const id = randomUUID();
    const created = await repo.createUserWithIdentity(
      {
        id,
        email: email.trim().toLowerCase(),
        displayName: String(name ?? email).slice(0, 200),
        role: mapping.role,
      },
      {
        provider: provider.issuer,
        subject: signedIn.sub,
        userId: id,
        grantedVia: 'group',
        grantedGroup: mapping.group,
      },
      now,
    );
    // An address that is another account's: it is never joined by e-mail; an administrator grants it.
    if (!created) return { refused: 'email_taken' };
    await audit.record({
      actorUserId: null,
      action: 'user.created',
      entityType: 'user',
      entityId: id,
      detail: {
        role: mapping.role,
        fields: ['email', 'display_name', 'role'],
        via: 'oidc',
        provider: provider.id,
      },
    });
    await audit.record({
      actorUserId: null,
      action: 'auth.oidc.access_granted',
      entityType: 'user',
      entityId: id,
      detail: { provider: provider.id, via: 'group', group: mapping.group, role: mapping.role },
    });
    return { user: (await users.findUserById(id))! };
  }

  /** The provider says the person is gone: the account is disabled and its sessions end (audited). */
  async function withdraw(user: UserRecord, provider: ProviderRecord, reason: string, now: Date) {
    await users.updateUser(user.id, { disabled_at: now }, now);
    const ended = await users.deleteSessionsOfUser(user.id);
    await repo.deleteSessionBindingsOfUser(user.id);
    await audit.record({
      actorUserId: null,
      action: 'auth.oidc.access_withdrawn',
      entityType: 'user',
      entityId: user.id,
      detail: { provider: provider.id, reason, sessionsEnded: ended },
    });
  }

  return { accountFor };
}

export function createOidcService(deps: OidcDeps) {
  const { clock, config, audit, auth } = deps;
  const repo = createOidcRepository(deps.db);
  const users = createAuthRepository(deps.db);
  const addresses = createThrottleRepository(deps.db);
  const origin = config.publicOrigin.replace(/\/$/, '');
  // The relying party (openid-client, jose) is loaded at the first sign-in through a provider, not at start.
  let relyingParty: Promise<ReturnType<typeof import('./client.js').createRelyingParty>> | undefined;
  const rp = () =>
    (relyingParty ??= import('./client.js').then((m) =>
      m.createRelyingParty({ nodeEnv: config.nodeEnv, redirectUri: `${origin}${CALLBACK_PATH}` }),
    ));
  const idTokenContext = (sessionIdHash: string) => `oidc-id-token:${sessionIdHash}`;

  async function refuse(
    reason: string,
    detail: { provider?: string | undefined; address?: string | undefined; userId?: string | undefined },
  ): Promise<{ ok: false; reason: string }> {
    const ref = randomUUID();
    if (detail.address) await addresses.recordAddress(ref, clock(), detail.address);
    await audit.record({
      actorUserId: null,
      action: 'auth.oidc.refused',
      entityType: 'user',
      entityId: detail.userId ?? null,
      detail: {
        reason,
        ...(detail.provider ? { provider: detail.provider } : {}),
        ...(detail.address ? { addressRef: ref } : {}),
      },
    });
    return { ok: false, reason };
  }

  const { accountFor } = identityAccess(deps, repo, users);

  const service = {
    ...providerRegistry(deps, repo, users),

    // ---- signing in ---------------------------------------------------------------------------------------
    /** Where to send the browser: the provider's authorization URL, with state bound to this pre-session. */
    async beginSignIn(
      providerId: string,
      presession: string,
      next: string | undefined,
      address: string,
    ): Promise<{ ok: true; url: string; providerName: string } | { ok: false; reason: string }> {
      const provider = await repo.findProvider(providerId);
      if (!provider) return refuse('unknown_provider', { address });
      let start;
      try {
        start = await (await rp()).start(provider);
      } catch (error) {
        return refuse(error instanceof OidcRefusal ? error.reason : 'provider_unreachable', {
          provider: provider.id,
          address,
        });
      }
      await repo.insertLoginState({
        stateHash: sha256Hex(start.state),
        presessionHash: sha256Hex(presession),
        providerId: provider.id,
        nonce: start.nonce,
        codeVerifier: start.codeVerifier,
        nextPath: next ?? null,
        createdAt: clock(),
      });
      return { ok: true, url: start.url.href, providerName: provider.displayName };
    },

    /**
     * The provider's redirect back: the state must be one this browser started (its pre-session), unused and
     * recent; then the code is exchanged and the ID token validated; then access is decided.
     */
    async completeSignIn(
      callbackUrl: URL,
      presession: string | undefined,
      address: string,
    ): Promise<SignInResult> {
      const state = callbackUrl.searchParams.get('state');
      if (!state || !presession) return refuse('state', { address });
      const now = clock();
      const pending = await repo.takeLoginState(sha256Hex(state), now);
      if (!pending || pending.presessionHash !== sha256Hex(presession))
        return refuse('state', { address, provider: pending?.providerId });
      if (now.getTime() - pending.createdAt.getTime() > LOGIN_STATE_TTL_MS)
        return refuse('state_expired', { address, provider: pending.providerId });
      const provider = await repo.findProvider(pending.providerId);
      if (!provider) return refuse('unknown_provider', { address });
      const issuerParam = callbackUrl.searchParams.get('iss');
      if (issuerParam !== null && issuerParam !== provider.issuer)
        return refuse('unknown_issuer', { address, provider: provider.id });
      let signedIn: SignedInClaims;
      try {
        signedIn = await (await rp()).finish(provider, callbackUrl, { state, ...pending });
      } catch (error) {
        const reason = error instanceof OidcRefusal ? error.reason : 'provider_unreachable';
        return refuse(reason, { address, provider: provider.id });
      }
      const account = await accountFor(provider, signedIn);
      if ('refused' in account)
        return refuse(account.refused, { address, provider: provider.id, userId: account.userId });
      const user = account.user;
      // The provider's MFA counts only as configured; otherwise Samen's own TOTP step (or enrolment) follows.
      const mfa = assertsMfa(provider, signedIn);
      const session = await auth.startSession(user.id, { mfaPassed: mfa });
      await repo.bindSession({
        sessionIdHash: session.idHash,
        userId: user.id,
        providerId: provider.id,
        subject: signedIn.sub,
        sid: signedIn.sid ?? null,
        idTokenEnc: encryptSecret(config.encryptionKey, signedIn.idToken, idTokenContext(user.id)),
        now,
      });
      const stage: SessionStage = mfa
        ? 'complete'
        : user.totpEnabledAt
          ? 'totp'
          : user.roleRequiresTotp
            ? 'enrol'
            : 'complete';
      const ref = randomUUID();
      await addresses.recordAddress(ref, now, address);
      await users.updateUser(user.id, { last_login_at: now }, now);
      await audit.record({
        actorUserId: user.id,
        action: stage === 'complete' ? 'auth.login.succeeded' : 'auth.oidc.identified',
        entityType: 'user',
        entityId: user.id,
        detail: { method: 'oidc', provider: provider.id, mfa, stage, addressRef: ref },
      });
      return { ok: true, session, stage, role: user.role as Role, next: pending.nextPath ?? undefined };
    },

    // ---- signing out --------------------------------------------------------------------------------------
    /** The provider's end-session URL for a Samen session it started (RP-initiated logout), or undefined. */
    async endSessionUrl(
      sessionIdHash: string,
      userId: string,
    ): Promise<{ url: string; providerName: string } | undefined> {
      const since = new Date(clock().getTime() - BINDING_TTL_MS);
      const binding = await repo.findSessionBinding(sessionIdHash, userId, since);
      if (!binding) return undefined;
      const provider = await repo.findProvider(binding.providerId);
      if (!provider) return undefined;
      const idToken = decryptSecret(config.encryptionKey, binding.idTokenEnc, idTokenContext(userId));
      try {
        const url = await (await rp()).endSessionUrl(provider, idToken, `${origin}/login?done=signed_out`);
        return url ? { url: url.href, providerName: provider.displayName } : undefined;
      } catch {
        // The provider cannot be reached: the Samen session still ends.
        return undefined;
      }
    },

    /**
     * A back-channel logout token from a provider: validated (client.ts), its jti used once, then every Samen
     * session of the account(s) behind that provider session ends. Refusals are audited.
     */
    async backchannelLogout(
      providerId: string,
      token: string,
    ): Promise<{ ok: true; ended: number } | { ok: false; reason: string }> {
      const provider = await repo.findProvider(providerId);
      if (!provider) return refuse('unknown_provider', {});
      if (!token) return refuse('logout_token', { provider: provider.id });
      let payload;
      try {
        payload = await (await rp()).verifyLogoutToken(provider, token);
      } catch (error) {
        return refuse(error instanceof OidcRefusal ? error.reason : 'logout_token', {
          provider: provider.id,
        });
      }
      if (!(await repo.claimLogoutJti(provider.id, payload.jti, clock())))
        return refuse('logout_token_replayed', { provider: provider.id });
      const by = typeof payload.sid === 'string' ? { sid: payload.sid } : { subject: payload.sub! };
      const result = await repo.endBoundSessions(provider.id, by);
      for (const userId of result.userIds)
        await audit.record({
          actorUserId: null,
          action: 'auth.oidc.backchannel_logout',
          entityType: 'user',
          entityId: userId,
          detail: { provider: provider.id, by: 'sid' in by ? 'sid' : 'sub', sessionsEnded: result.ended },
        });
      return { ok: true, ended: result.ended };
    },

    /** Sign-ins never finished, provider-session links past a session's lifetime, old logout token ids. */
    async purge(now: Date): Promise<{ oidcStates: number; oidcSessions: number; oidcJtis: number }> {
      return {
        oidcStates: await repo.purgeLoginStatesBefore(new Date(now.getTime() - LOGIN_STATE_TTL_MS)),
        oidcSessions: await repo.purgeSessionBindingsBefore(new Date(now.getTime() - BINDING_TTL_MS)),
        oidcJtis: await repo.purgeLogoutJtisBefore(new Date(now.getTime() - LOGOUT_JTI_TTL_MS)),
      };
    },
  };
  return service;
}

export type OidcService = ReturnType<typeof createOidcService>;
