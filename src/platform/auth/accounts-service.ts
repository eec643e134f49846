// Account administration, split from service.ts along its seams: creating, listing, disabling and unlocking
// accounts, resetting a second factor, and binding external identities (OpenID Connect). Sign-in, sessions and
// TOTP stay in service.ts, which spreads these methods into the one AuthService.
import { randomUUID } from 'node:crypto';
import type { Config } from '../../config.js';
import type { AuditService } from '../audit/service.js';
import { ValidationFailed, type FieldProblem } from '../http/errors.js';
import { hashPassword, passwordProblems, verifyPassword } from './password.js';
import type { AuthSession } from './types.js';
import type { createAuthRepository, UserRecord } from './repository.js';
import type { createThrottleRepository } from './throttle-repository.js';
import { accountKey } from './throttle.js';
import { encryptSecret } from './tokens.js';
import { normaliseTotpSecret } from './totp.js';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_EMAIL_LENGTH = 254;
const MAX_NAME_LENGTH = 200;

export interface UserSummary {
  id: string;
  email: string;
  displayName: string;
  role: string;
  roleRequiresTotp: boolean;
  totpEnabled: boolean;
  locked: boolean;
  disabled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function userLocked(user: UserRecord, now: Date): boolean {
  return user.lockedUntil !== null && user.lockedUntil.getTime() > now.getTime();
}

/** What callers see of an account (never its hashes or secrets). */
export function userSummary(user: UserRecord, now: Date): UserSummary {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    roleRequiresTotp: user.roleRequiresTotp,
    totpEnabled: user.totpEnabledAt !== null,
    locked: userLocked(user, now),
    disabled: user.disabledAt !== null,
    lastLoginAt: user.lastLoginAt,
    createdAt: user.createdAt,
  };
}

export interface AccountDeps {
  repo: ReturnType<typeof createAuthRepository>;
  throttle: ReturnType<typeof createThrottleRepository>;
  audit: AuditService;
  clock: () => Date;
  config: Config;
  summary: (user: UserRecord) => UserSummary;
  totpContext: (userId: string) => string;
  /** Counts a wrong current password against the account, as a failed sign-in is. */
  wrongPassword: (user: UserRecord) => Promise<unknown>;
}

export function createAccountAdministration(deps: AccountDeps) {
  const { repo, throttle, audit, clock, config, summary, totpContext, wrongPassword } = deps;

  function validateNewUser(input: { email: string; displayName: string; role: string; password: string }) {
    const problems: FieldProblem[] = [];
    if (!input.email) problems.push({ field: 'email', key: 'auth.errors.emailRequired' });
    else if (input.email.length > MAX_EMAIL_LENGTH || !EMAIL_PATTERN.test(input.email)) {
      problems.push({ field: 'email', key: 'auth.errors.emailInvalid' });
    }
    if (!input.displayName) problems.push({ field: 'displayName', key: 'auth.errors.nameRequired' });
    else if (input.displayName.length > MAX_NAME_LENGTH)
      problems.push({ field: 'displayName', key: 'auth.errors.nameTooLong' });
    for (const key of passwordProblems(input.password, input.email, [input.displayName]))
      problems.push({ field: 'password', key });
    return problems;
  }

  return {
    // ---- users and roles -------------------------------------------------------------------------------

    async listRoles() {
      return repo.listRoles();
    },

    async listUsers(): Promise<UserSummary[]> {
      return (await repo.listUsers()).map(summary);
    },

    async findUser(id: string): Promise<UserSummary | undefined> {
      const user = await repo.findUserById(id);
      return user && summary(user);
    },

    async findUserByEmail(email: string): Promise<UserSummary | undefined> {
      const user = await repo.findUserByEmail(normaliseEmail(email));
      return user && summary(user);
    },

    /**
     * Creates a local account. Throws ValidationFailed naming the field (email, displayName, role, password,
     * totpSecret) with a message key. `actorUserId` null means the command line.
     */
    async createUser(input: {
      email: string;
      displayName?: string;
      role: string;
      password: string;
      totpSecret?: string;
      actorUserId: string | null;
    }): Promise<UserSummary> {
      const email = normaliseEmail(input.email);
      // Without a name (the command line may leave it out) the part of the address before the @ stands in.
      const displayName = input.displayName === undefined ? email.split('@')[0]! : input.displayName.trim();
      const problems = validateNewUser({ email, displayName, role: input.role, password: input.password });
      const role = await repo.findRole(input.role);
      if (!role) problems.push({ field: 'role', key: 'auth.errors.roleUnknown' });
      let totpSecret: string | undefined;
      if (input.totpSecret !== undefined) {
        totpSecret = normaliseTotpSecret(input.totpSecret);
        if (!totpSecret) problems.push({ field: 'totpSecret', key: 'auth.errors.totpSecretInvalid' });
      }
      if (problems.length === 0 && (await repo.findUserByEmail(email))) {
        problems.push({ field: 'email', key: 'auth.errors.emailTaken' });
      }
      if (problems.length > 0) throw new ValidationFailed(problems);

      const id = randomUUID();
      const now = clock();
      const inserted = await repo.insertUser({
        id,
        email,
        displayName,
        role: input.role,
        passwordHash: await hashPassword(input.password),
        totpSecretEnc: totpSecret ? encryptSecret(config.encryptionKey, totpSecret, totpContext(id)) : null,
        totpEnabledAt: totpSecret ? now : null,
        now,
      });
      // Lost a race with another creation of the same address.
      if (!inserted) throw new ValidationFailed([{ field: 'email', key: 'auth.errors.emailTaken' }]);
      await audit.record({
        actorUserId: input.actorUserId,
        action: 'user.created',
        entityType: 'user',
        entityId: id,
        detail: {
          role: input.role,
          fields: ['email', 'display_name', 'role', 'password', ...(totpSecret ? ['totp'] : [])],
          via: input.actorUserId ? 'web' : 'cli',
        },
      });
      return summary((await repo.findUserById(id))!);
    },

    /** Disables or re-enables an account; disabling ends its sessions. An admin cannot disable themself. */
    async setUserDisabled(actorUserId: string, userId: string, disabled: boolean): Promise<boolean> {
      if (disabled && actorUserId === userId)
        throw new ValidationFailed([{ field: 'id', key: 'auth.errors.notSelf' }]);
      const now = clock();
      const changed = await repo.updateUser(userId, { disabled_at: disabled ? now : null }, now);
      if (!changed) return false;
      if (disabled) await repo.deleteSessionsOfUser(userId);
      await audit.record({
        actorUserId,
        action: disabled ? 'user.disabled' : 'user.enabled',
        entityType: 'user',
        entityId: userId,
        detail: { fields: ['disabled_at'] },
      });
      return true;
    },

    async unlockUser(actorUserId: string, userId: string): Promise<boolean> {
      const now = clock();
      const changed = await repo.updateUser(userId, { failed_login_count: 0, locked_until: null }, now);
      if (!changed) return false;
      const user = await repo.findUserById(userId);
      if (user) await throttle.clear([accountKey(config.sessionSecret, user.email)]);
      await audit.record({
        actorUserId,
        action: 'user.unlocked',
        entityType: 'user',
        entityId: userId,
        detail: { fields: ['failed_login_count', 'locked_until'] },
      });
      return true;
    },

    /**
     * Removes a user's second factor (a lost phone) and ends their sessions; where the role requires one, the
     * user enrols again at the next sign-in.
     */
    async resetTotp(actorUserId: string, userId: string): Promise<boolean> {
      if (actorUserId === userId) throw new ValidationFailed([{ field: 'id', key: 'auth.errors.notSelf' }]);
      const now = clock();
      const changed = await repo.updateUser(
        userId,
        { totp_secret_enc: null, totp_enabled_at: null, totp_last_step: null },
        now,
      );
      if (!changed) return false;
      await repo.deleteSessionsOfUser(userId);
      await audit.record({
        actorUserId,
        action: 'user.totp_reset',
        entityType: 'user',
        entityId: userId,
        detail: { fields: ['totp_secret_enc', 'totp_enabled_at'] },
      });
      return true;
    },

    // ---- external identities (OpenID Connect later) ----------------------------------------------------

    /** Links an identity at an external provider (issuer URL + subject) to a local user. */
    async linkIdentity(provider: string, subject: string, userId: string): Promise<void> {
      await repo.linkIdentity(provider, subject, userId, clock());
      await audit.record({
        actorUserId: userId,
        action: 'user.identity_linked',
        entityType: 'user',
        entityId: userId,
        detail: { provider },
      });
    },

    async findUserByIdentity(provider: string, subject: string): Promise<UserSummary | undefined> {
      const user = await repo.findUserByIdentity(provider, subject);
      return user && summary(user);
    },

    /**
     * Changes the password after checking the current one. The user's other sessions end (someone who knew the
     * old password is signed out); the current one stays.
     */
    async changePassword(
      session: AuthSession,
      current: string,
      next: string,
    ): Promise<{ ok: true } | { ok: false; problems: FieldProblem[] }> {
      const user = await repo.findUserById(session.user.id);
      if (!user) return { ok: false, problems: [{ field: 'currentPassword', key: 'auth.errors.generic' }] };
      const problems: FieldProblem[] = [];
      if (!current) problems.push({ field: 'currentPassword', key: 'auth.errors.currentPasswordRequired' });
      else if (!user.passwordHash || !(await verifyPassword(user.passwordHash, current))) {
        await wrongPassword(user);
        problems.push({ field: 'currentPassword', key: 'auth.errors.currentPasswordWrong' });
      }
      for (const key of passwordProblems(next, user.email, [user.displayName]))
        problems.push({ field: 'newPassword', key });
      if (problems.length > 0) return { ok: false, problems };
      const now = clock();
      await repo.updateUser(user.id, { password_hash: await hashPassword(next) }, now);
      const ended = await repo.deleteSessionsOfUser(user.id, session.idHash);
      await audit.record({
        actorUserId: user.id,
        action: 'auth.password.changed',
        entityType: 'user',
        entityId: user.id,
        detail: { fields: ['password_hash'], sessionsEnded: ended },
      });
      return { ok: true };
    },
  };
}
