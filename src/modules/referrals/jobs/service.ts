// The referral mechanism's scheduled work: deadlines (overdue signals escalated, reflection periods ending soon
// flagged) and retention (closed cases anonymised after the retention period, old notifications deleted).
import { randomUUID } from 'node:crypto';
import { remindGuardianDue } from '../children/service.js';
import { routeFor, type CaseCore } from '../core/context.js';
import { insertCoordinationReferral, updateCase } from '../core/repository.js';
import { localDate } from '../model.js';
import * as repo from '../repository.js';
import { activeRolesByTeam } from '../repository/routing.js';
import { escalationTarget, type EscalationTarget } from '../routing.js';
import { markRecoveryWarned, recoveryEndingUnwarned } from '../support/repository.js';
import { RECOVERY_WARN_DAYS } from '../support/service.js';
import { anonymiseCase, closedBefore, overdueUnescalated, reflectionEndingUnwarned } from './repository.js';

export function createJobService(core: CaseCore) {
  return {
    runDeadlines: (now: Date = core.clock()) => runDeadlines(core, now),

    /**
     * Retention, run by the job: cases closed longer than the retention period are anonymised: the person's
     * data, the summary and every free-text reason are erased; the pseudonymised registration stays.
     * Notifications older than NOTIFICATION_DAYS are deleted.
     */
    async runRetention(now: Date = core.clock()) {
      const cutoff = new Date(now);
      cutoff.setUTCFullYear(cutoff.getUTCFullYear() - core.retentionYears);
      const due = await closedBefore(core.db, cutoff);
      for (const { id } of due)
        await core.db.transaction().execute(async (trx) => {
          await anonymiseCase(trx, id, now);
          await core.audit.record(
            { actorUserId: null, action: 'nrm.case.anonymise', entityType: 'nrm_case', entityId: id },
            trx,
          );
        });
      const notifications = await repo.deleteNotificationsBefore(core.db, core.notifier.since(now));
      return { anonymised: due.length, notificationsDeleted: notifications };
    },
  };
}

/**
 * Deadlines, run by the job: signals still waiting for triage after their deadline are escalated to the
 * regional lead (once), and reflection periods ending within 14 days are flagged to the owner (once).
 */
async function runDeadlines(core: CaseCore, now: Date) {
  const overdue = await overdueUnescalated(core.db, now);
  // Escalated only where someone receives it (routing.ts): "escalated" counts deliveries, and a case nobody
  // could receive stays due, is counted as unreachable and shows on `samen nrm check` and /admin/nrm/routes.
  let escalated = 0;
  let unreachable = 0;
  const active = await activeRolesByTeam(core.db);
  const teams = await core.teams.all();
  for (const row of overdue) {
    const owner = teams.find((t) => t.id === row.owner_team_id);
    const target = owner
      ? escalationTarget(owner, await routeFor(core, row.municipality_code, undefined), teams, active)
      : undefined;
    if (!target) {
      unreachable++;
      continue;
    }
    await core.db.transaction().execute(async (trx) => {
      await updateCase(trx, row.id, { escalated_at: now });
      await escalateTo(core, trx, row, target, now);
      await core.audit.record(
        {
          actorUserId: null,
          action: 'nrm.case.escalate',
          entityType: 'nrm_case',
          entityId: row.id,
          detail: { team: target.team.id, level: target.level },
        },
        trx,
      );
    });
    escalated++;
  }
  const soon = localDate(new Date(now.getTime() + 14 * 86_400_000));
  const ending = await reflectionEndingUnwarned(core.db, soon);
  for (const row of ending)
    await core.db.transaction().execute(async (trx) => {
      await updateCase(trx, row.id, { reflection_warned_at: now });
      await repo.addEvent(trx, core.sealed, {
        caseId: row.id,
        at: now,
        actorUserId: null,
        actorTeamId: null,
        kind: 'reflection_warning',
        reason: row.reflection_ends_on,
      });
      await core.notifier.notify(trx, row.owner_team_id, 'reflection', row.id);
    });
  const recoveryWarnings = await warnRecoveryEnding(core, now);
  // A minor's guardian not appointed by its deadline (children/): the owner is reminded once.
  const guardianReminders = await remindGuardianDue(core, now);
  return { escalated, unreachable, reflectionWarnings: ending.length, recoveryWarnings, guardianReminders };
}

/**
 * Delivers an escalation: a team other than the owner gets a coordination referral without personal data (so
 * it can read the case and the notification stands), the timeline names the team, and its leads (or, at
 * CoMensha, its national coordinators) get the notification and the mail.
 */
async function escalateTo(
  core: CaseCore,
  trx: repo.Tx,
  row: repo.CaseRow,
  target: EscalationTarget,
  now: Date,
) {
  if (target.team.id !== row.owner_team_id)
    await insertCoordinationReferral(trx, {
      id: randomUUID(),
      caseId: row.id,
      fromTeamId: row.owner_team_id,
      toTeamId: target.team.id,
      at: now,
      by: null,
    });
  await repo.addEvent(trx, core.sealed, {
    caseId: row.id,
    at: now,
    actorUserId: null,
    actorTeamId: target.team.id,
    kind: 'escalated',
  });
  await core.notifier.notify(trx, target.team.id, 'overdue', row.id, [...target.roles], row.urgency);
}

/** Recovery periods ending within RECOVERY_WARN_DAYS: the owner is reminded once (a notification and a mail). */
async function warnRecoveryEnding(core: CaseCore, now: Date) {
  const ending = await recoveryEndingUnwarned(
    core.db,
    localDate(new Date(now.getTime() + RECOVERY_WARN_DAYS * 86_400_000)),
  );
  for (const row of ending)
    await core.db.transaction().execute(async (trx) => {
      await markRecoveryWarned(trx, row.id, now);
      await repo.addEvent(trx, core.sealed, {
        caseId: row.id,
        at: now,
        actorUserId: null,
        actorTeamId: null,
        kind: 'recovery_warning',
      });
      await core.notifier.notify(trx, row.owner_team_id, 'recovery', row.id);
    });
  return ending.length;
}
