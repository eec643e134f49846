// Telling a team that something happened: an in-app notification and a mail, neither with personal data or case
// content. It also keeps the queue page's count of new notifications per user for a few seconds (the count costs
// the database more than the rest of the page), and forgets it whenever something it counts may have changed.
import * as repo from '../repository.js';
import type { Db, Tx } from '../repository.js';

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
}
/** The platform mail outbox (enqueued in the same transaction as the change that causes the mail). */
export interface MailOutbox {
  enqueue(mail: OutgoingMail, trx?: Db): Promise<void>;
}

/** How long in-app notifications are kept and listed. */
export const NOTIFICATION_DAYS = 90;
/** The queue page counts new notifications up to this many ("more than 50" beyond). */
export const NOTIFICATION_COUNT_CAP = 50;
/** How long one app server keeps a user's count of new notifications (see unseen counts below). */
const UNSEEN_TTL_MS = 10_000;

// No personal data and no case content: what happened, and a link that needs a sign-in with a second factor.
const SUBJECTS: Record<string, [string, string]> = {
  signal: ['Nieuw signaal voor uw team', 'New signal for your team'],
  referral: ['Nieuwe verwijzing voor uw team', 'New referral for your team'],
  placement: ['Nieuw plaatsingsverzoek', 'New placement request'],
  overdue: ['Termijn verstreken: signaal wacht op triage', 'Deadline passed: signal awaiting triage'],
  reflection: ['Bedenktijd loopt binnenkort af', 'Reflection period ends soon'],
  decision: [
    'Er is een besluit genomen over een signaal van uw team',
    'A decision was taken on a signal from your team',
  ],
  recovery: ['Hersteltermijn loopt binnenkort af', 'Recovery period ends soon'],
  child: ['Melding over een minderjarige voor uw organisatie', 'Notice about a minor for your organisation'],
  guardian_due: ['Termijn verstreken: voogd nog niet benoemd', 'Deadline passed: no guardian appointed yet'],
};
// The urgency leads the subject, so an acute signal stands out in a full inbox (no case content).
const URGENT: Record<string, string> = { acute: 'ACUUT / ACUTE: ', high: 'Hoog / High: ' };

export type Notifier = ReturnType<typeof createNotifier>;

export function createNotifier(deps: { clock: () => Date; publicOrigin: string; mail?: MailOutbox }) {
  const { clock } = deps;
  /**
   * The queue page's count of new notifications, per user, kept UNSEEN_TTL_MS: coordinators reload the queue
   * often. Cleared on this server when a notification is written, a case changes or the user marks them read;
   * another app server's change shows within UNSEEN_TTL_MS.
   */
  const unseenCounts = new Map<string, { count: number; at: number }>();

  return {
    /** In the app (the team's notification list) and by mail, in the transaction of the change that causes it. */
    async notify(
      trx: Tx,
      teamId: string,
      subjectKey: string,
      caseId: string,
      roles?: string[],
      urgency?: string,
    ) {
      unseenCounts.clear();
      await repo.insertNotification(trx, {
        teamId,
        caseId,
        kind: subjectKey as repo.NotificationKind,
        roles: roles ?? null,
        at: clock(),
      });
      if (!deps.mail) return;
      const to = await repo.teamRecipients(trx, teamId, roles);
      if (to.length === 0) return;
      const link = `${deps.publicOrigin}/nvm/cases/${caseId}`;
      const [nl, en] = SUBJECTS[subjectKey]!;
      await deps.mail.enqueue(
        {
          to,
          subject: `Samen: ${urgency ? (URGENT[urgency] ?? '') : ''}${nl} / ${en}`,
          text: `${nl}.\nBekijk het in Samen (inloggen met tweede factor):\n${link}\n\n${en}.\nView it in Samen (sign in with your second factor):\n${link}\n`,
        },
        trx,
      );
    },
    /** The oldest moment a notification is still listed or counted. */
    since: (now: Date = clock()) => new Date(now.getTime() - NOTIFICATION_DAYS * 86_400_000),
    cachedUnseen(userId: string) {
      const hit = unseenCounts.get(userId);
      return hit && clock().getTime() - hit.at < UNSEEN_TTL_MS ? hit.count : undefined;
    },
    rememberUnseen(userId: string, count: number) {
      if (unseenCounts.size >= 10_000) unseenCounts.clear();
      unseenCounts.set(userId, { count, at: clock().getTime() });
    },
    /** Forgets one user's count (they marked their notifications seen), or everyone's (who sees what changed). */
    forgetUnseen(userId?: string) {
      if (userId === undefined) unseenCounts.clear();
      else unseenCounts.delete(userId);
    },
  };
}
