// The second factor on the account, split from service.ts: enrolling a TOTP app (a new secret, shown again after a
// wrong code, confirmed with a code) and turning it off. The code asked at sign-in is sign-in-service.ts's.
// service.ts spreads these methods into the one AuthService.
import type { Config } from '../../config.js';
import type { AuditService } from '../audit/service.js';
import type { AuthSession, SessionUser } from './types.js';
import { verifyPassword } from './password.js';
import type { AuthRepository, UserRecord } from './repository.js';
import type { StartedSession } from './sessions-service.js';
import type { ClientContext } from './throttle.js';
import { NO_CONTEXT, type SignInRecords } from './sign-in-records.js';
import { decryptSecret, encryptSecret } from './tokens.js';
import { generateTotpSecret, matchTotp, totpUri } from './totp.js';

/** How long an enrolment form (with its new secret) stays valid. */
const ENROLMENT_TTL_MS = 30 * 60_000;

export interface TotpEnrolment {
  secret: string;
  uri: string;
  /** Sealed copy of the secret for the confirmation form: encrypted, bound to the user, with its issue time. */
  enrolmentToken: string;
}

export interface SecondFactorDeps {
  repo: AuthRepository;
  audit: AuditService;
  clock: () => Date;
  config: Config;
  records: SignInRecords;
  totpContext: (userId: string) => string;
  startSession: (userId: string, options: { mfaPassed: boolean }) => Promise<StartedSession>;
  /** Counts a wrong current password against the account, as a failed sign-in is. */
  wrongPassword: (user: UserRecord) => Promise<unknown>;
}

export function createSecondFactor(deps: SecondFactorDeps) {
  const { repo, audit, clock, config, records, totpContext, startSession, wrongPassword } = deps;
  const enrolmentContext = (userId: string) => `totp-enrolment:${userId}`;

  /** Re-opens an enrolment token (to show the same secret again after a wrong code); undefined when invalid. */
  function reopenTotpEnrolment(user: SessionUser, enrolmentToken: string): TotpEnrolment | undefined {
    const plain = decryptSecret(config.encryptionKey, enrolmentToken, enrolmentContext(user.id));
    if (!plain) return undefined;
    const { s, t } = JSON.parse(plain) as { s: string; t: number };
    if (clock().getTime() - t > ENROLMENT_TTL_MS) return undefined;
    const issuer = `Samen (${new URL(config.publicOrigin).hostname})`;
    return { secret: s, uri: totpUri(s, user.email, issuer), enrolmentToken };
  }

  return {
    /** A new secret to show (QR code and text) and a sealed copy for the form that confirms it. */
    beginTotpEnrolment(user: SessionUser): TotpEnrolment {
      const secret = generateTotpSecret();
      const issuer = `Samen (${new URL(config.publicOrigin).hostname})`;
      const payload = JSON.stringify({ s: secret, t: clock().getTime() });
      return {
        secret,
        uri: totpUri(secret, user.email, issuer),
        enrolmentToken: encryptSecret(config.encryptionKey, payload, enrolmentContext(user.id)),
      };
    },

    reopenTotpEnrolment,

    /**
     * Confirms an enrolment with a code from the app. The session proved the factor, so it is replaced by a
     * complete one; the user's other sessions end.
     */
    async confirmTotpEnrolment(
      session: AuthSession,
      enrolmentToken: string,
      code: string,
      context: ClientContext = NO_CONTEXT,
    ): Promise<
      { ok: true; session: StartedSession } | { ok: false; reason: 'expired' | 'code' | 'enrolled' }
    > {
      const enrolment = reopenTotpEnrolment(session.user, enrolmentToken);
      if (!enrolment) return { ok: false, reason: 'expired' };
      const now = clock();
      const step = matchTotp(enrolment.secret, code, now.getTime());
      if (step === undefined) return { ok: false, reason: 'code' };
      const userId = session.user.id;
      const enabled = await repo.enableTotp(
        userId,
        encryptSecret(config.encryptionKey, enrolment.secret, totpContext(userId)),
        step,
        now,
      );
      if (!enabled) return { ok: false, reason: 'enrolled' };
      await repo.deleteSessionsOfUser(userId);
      const started = await startSession(userId, { mfaPassed: true });
      await audit.record({
        actorUserId: userId,
        action: 'auth.totp.enrolled',
        entityType: 'user',
        entityId: userId,
      });
      if (session.stage === 'enrol') {
        const user = await repo.findUserById(userId);
        if (user) await records.loginSucceeded(user, 'password', true, context);
      }
      return { ok: true, session: started };
    },

    /** Turns the second factor off after the password is confirmed; refused where the role requires it. */
    async disableTotp(userId: string, password: string): Promise<{ ok: true } | { ok: false; key: string }> {
      const user = await repo.findUserById(userId);
      if (!user) return { ok: false, key: 'auth.errors.generic' };
      if (user.roleRequiresTotp) return { ok: false, key: 'auth.account.totpRequired' };
      if (!user.passwordHash || !(await verifyPassword(user.passwordHash, password))) {
        await wrongPassword(user);
        return { ok: false, key: 'auth.errors.currentPasswordWrong' };
      }
      await repo.updateUser(
        userId,
        { totp_secret_enc: null, totp_enabled_at: null, totp_last_step: null },
        clock(),
      );
      await audit.record({
        actorUserId: userId,
        action: 'auth.totp.disabled',
        entityType: 'user',
        entityId: userId,
      });
      return { ok: true };
    },
  };
}
