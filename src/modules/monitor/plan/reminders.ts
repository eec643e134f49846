// Reminders for open rounds, by mail in the same transaction as the reminder's row (at most one a day per round
// and organisation). The job `monitor.reminders` sends them when a deadline is near; the team's button at once.
import type { Db as DbHandle } from './repository.js';
import { amsterdamDate, assertTeam, type Core } from '../rules.js';
import type { MonitorActor, Round, RoundEntry } from '../types.js';
import * as plan from './repository.js';
import * as roundRepo from './rounds-repository.js';
import type { I18n } from '../../../platform/i18n/index.js';
import type { OutgoingMail } from '../../../platform/mail/index.js';
import { RoundLocked } from './rounds-service.js';

export interface ReminderDeps extends Core {
  mail: { enqueue(mail: OutgoingMail, trx?: DbHandle): Promise<void> };
  config: { publicOrigin: string };
  i18n: I18n;
  getRound(id: string): Promise<Round>;
}

export function createReminderService(deps: ReminderDeps) {
  const { db, clock, audit, i18n, getRound } = deps;
  return {
    /**
     * Reminders for open rounds: one mail per organisation with updates still to give (pending or changes
     * asked), to the action owners linked to it, at most once a day. The mail names the round, the deadline and
     * the actions: no personal data beyond the recipients' addresses.
     */
    async sendReminders(
      options: { roundId?: string; actor?: MonitorActor; dueWithinDays?: number } = {},
    ): Promise<{ mails: number }> {
      if (options.actor) assertTeam(options.actor);
      const now = clock();
      const today = amsterdamDate(now);
      // The job reminds only when the deadline is near (or past); the team's button reminds at once.
      const horizon =
        options.dueWithinDays === undefined
          ? undefined
          : amsterdamDate(new Date(now.getTime() + options.dueWithinDays * 86_400_000));
      const rounds = (await roundRepo.listRounds(db)).filter(
        (r) =>
          r.status === 'open' &&
          (!options.roundId || r.id === options.roundId) &&
          (horizon === undefined || r.deadline <= horizon),
      );
      if (options.roundId && rounds.length === 0) {
        await getRound(options.roundId);
        throw RoundLocked();
      }
      const users = (await plan.linkedUsers(db)).filter((u) => u.role === 'action_owner');
      const t = i18n.translator('nl');
      const en = i18n.translator('en');
      let mails = 0;
      for (const round of rounds) {
        const entries = (await roundRepo.listEntries(db, [round.id])).filter(
          (e) => e.reviewState === 'pending' || e.reviewState === 'changes_requested',
        );
        const byOrg = new Map<string, RoundEntry[]>();
        for (const e of entries) byOrg.set(e.ownerId, [...(byOrg.get(e.ownerId) ?? []), e]);
        for (const [orgId, list] of byOrg) {
          const to = users.filter((u) => u.organisationId === orgId).map((u) => u.email);
          if (to.length === 0) continue;
          const link = `${deps.config.publicOrigin}/monitor/rounds/${round.id}`;
          const actions = list.map((e) => `- ${e.actionCode} ${e.actionTitle}`).join('\n');
          const params = { round: round.name, deadline: round.deadline, count: list.length, link };
          const text = `${t('monitor.mail.body', params)}\n\n${actions}\n\n${link}\n\n---\n\n${en('monitor.mail.body', params)}\n`;
          await db.transaction().execute(async (trx) => {
            const fresh = await roundRepo.recordReminder(trx, {
              roundId: round.id,
              organisationId: orgId,
              sentOn: today,
              recipients: to.length,
            });
            if (!fresh) return;
            await deps.mail.enqueue(
              { to, subject: t('monitor.mail.subject', { round: round.name }), text },
              trx,
            );
            mails++;
          });
        }
      }
      if (options.actor)
        await audit.record({
          actorUserId: options.actor.id,
          action: 'monitor.round.remind',
          entityType: 'monitor_round',
          entityId: options.roundId ?? null,
          detail: { mails },
        });
      return { mails };
    },
  };
}
