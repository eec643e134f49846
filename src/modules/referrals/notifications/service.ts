// A team's in-app notifications: the last 90 days, only of cases the viewer may still read, and when they last
// looked. Writing them is the notifier's (notifier.ts), in the transaction of the change that causes them.
import type { Viewer } from '../access.js';
import { caseAccess } from '../access.js';
import { viewerOf, type CaseCore, type User } from '../core/context.js';
import * as repo from '../repository.js';

export function createNotificationService(core: CaseCore) {
  return {
    /**
     * The viewer's notifications of the last 90 days (at most 50), newest first, each marked new when it came
     * after their last "seen"; only cases they may still see (a referral may have been withdrawn since). Audited
     * like the queue, with the case references shown.
     */
    async notifications(user: User) {
      const viewer = await viewerOf(core, user);
      if (!viewer.team) return { items: [], newCount: 0, team: undefined };
      const seenAt = await repo.notificationsSeenAt(core.db, user.id);
      const items = await visibleNotifications(core, viewer, { limit: 50 });
      const withNew = items.map((n) => ({ ...n, isNew: !seenAt || n.createdAt > seenAt }));
      await core.audit.record({
        actorUserId: user.id,
        action: 'nrm.notifications.read',
        entityType: 'nrm_team',
        entityId: viewer.team.id,
        detail: { cases: [...new Set(items.map((n) => n.reference))] },
      });
      return { items: withNew, newCount: withNew.filter((n) => n.isNew).length, team: viewer.team };
    },

    /** Marks every notification up to now as seen. */
    async markNotificationsSeen(user: { id: string }) {
      await repo.markNotificationsSeen(core.db, user.id, core.clock());
      core.notifier.forgetUnseen(user.id);
    },
  };
}

/**
 * A team's recent notifications for a viewer whose reason still stands (see repo.teamNotifications), only of
 * cases the viewer may read now: the case page's access rule, for all of them in three queries.
 */
async function visibleNotifications(core: CaseCore, viewer: Viewer, o: { limit: number }) {
  if (!viewer.teamId) return [];
  const now = core.clock();
  const rows = await repo.teamNotifications(core.db, {
    teamId: viewer.teamId,
    role: viewer.role,
    since: core.notifier.since(),
    limit: o.limit,
  });
  if (rows.length === 0) return [];
  const cases = await repo.casesByIds(core.db, [...new Set(rows.map((r) => r.case_id))]);
  const scopes = await repo.scopesOf(core.db, cases, viewer.userId, now);
  const readable = new Map(
    cases.filter((c) => caseAccess(viewer, scopes.get(c.id)!).read).map((c) => [c.id, c.reference]),
  );
  const urgencyOf = new Map(cases.map((c) => [c.id, c.urgency]));
  return rows
    .filter((r) => readable.has(r.case_id))
    .map((r) => ({
      id: r.id,
      kind: r.kind as repo.NotificationKind,
      caseId: r.case_id,
      reference: readable.get(r.case_id)!,
      urgency: urgencyOf.get(r.case_id) ?? 'normal',
      createdAt: r.created_at,
    }));
}
