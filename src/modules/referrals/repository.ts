// SQL for the referral mechanism, through Kysely. Returns rows; the service decides who may see them.
import { sql, type Kysely, type Selectable, type SelectQueryBuilder, type Transaction } from 'kysely';
import type {
  Database,
  NrmCaseTable,
  NrmReferralTable,
  NrmPlacementTable,
  NrmTeamTable,
} from '../../db/schema.js';
import type { CaseScope } from './access.js';
import { handedOver, PLACEMENT_PURPOSE, shareGround } from './consent.js';
import { consentsOf, consentsOfCases, type ConsentRow } from './repository/consent.js';
import { CLOSED } from './repository/constants.js';
import type { ReferralSealing } from './sealing.js';

/** The viewer's team id as a subquery (one round trip instead of two). */
export type TeamIdQuery = SelectQueryBuilder<Database, 'nrm_member', { team_id: string }>;

/** A member's team as a subquery: a list's query finds the viewer's team itself (one round trip less). */
export function teamIdOf(db: Db, userId: string): TeamIdQuery {
  return db.selectFrom('nrm_member').select('team_id').where('user_id', '=', userId);
}

export type Db = Kysely<Database> | Transaction<Database>;
/** The database itself (it can open a transaction), for services that hold it and pass it on. */
export type Root = Kysely<Database>;
/** A transaction a service opened, passed on to the repositories. */
export type Tx = Transaction<Database>;

/** Referral statuses that give the receiving team sight of the case (access.ts reads them the same way). */
const OPEN_REFERRAL_STATUSES = ['pending', 'accepted'];
/** Placement statuses that give the shelter sight of the case. */
const OPEN_PLACEMENT_STATUSES = ['requested', 'accepted'];
export type CaseRow = Selectable<NrmCaseTable>;
export type TeamRow = Selectable<NrmTeamTable>;
export type ReferralRow = Selectable<NrmReferralTable>;
export type PlacementRow = Selectable<NrmPlacementTable>;

export async function teamOfUser(db: Db, userId: string): Promise<TeamRow | undefined> {
  return db
    .selectFrom('nrm_member')
    .innerJoin('nrm_team', 'nrm_team.id', 'nrm_member.team_id')
    .selectAll('nrm_team')
    .where('nrm_member.user_id', '=', userId)
    .executeTakeFirst();
}

export async function teams(db: Db): Promise<TeamRow[]> {
  return db.selectFrom('nrm_team').selectAll().orderBy('kind').orderBy('name').execute();
}

export async function findTeam(db: Db, id: string): Promise<TeamRow | undefined> {
  return db.selectFrom('nrm_team').selectAll().where('id', '=', id).executeTakeFirst();
}

/** E-mail addresses to notify for a team: its mailbox, or else its members' addresses. */
export async function teamRecipients(db: Db, teamId: string, roles?: string[]): Promise<string[]> {
  const team = await findTeam(db, teamId);
  if (team?.email && !roles) return [team.email];
  let q = db
    .selectFrom('nrm_member')
    .innerJoin('app_user', 'app_user.id', 'nrm_member.user_id')
    .select('app_user.email')
    .where('nrm_member.team_id', '=', teamId)
    .where('app_user.disabled_at', 'is', null);
  if (roles) q = q.where('app_user.role', 'in', roles);
  return (await q.execute()).map((r) => r.email);
}

export async function nextReference(db: Db, year: number): Promise<string> {
  const { rows } = await sql<{ n: number }>`select nextval('nrm_case_number')::int as n`.execute(db);
  return `NVM-${year}-${String(rows[0]!.n).padStart(6, '0')}`;
}

export async function findCase(db: Db, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('nrm_case').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockCase(db: Transaction<Database>, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('nrm_case').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function referralsOf(db: Db, caseId: string): Promise<ReferralRow[]> {
  return db
    .selectFrom('nrm_referral')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .execute();
}

export async function placementsOf(db: Db, caseId: string): Promise<PlacementRow[]> {
  return db
    .selectFrom('nrm_placement')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('requested_at')
    .execute();
}

/** Display names of accounts by key (keys that are null or no longer exist are left out). */
export async function accountNames(db: Db, ids: (string | null)[]): Promise<Record<string, string>> {
  const known = [...new Set(ids.filter((id): id is string => id !== null))];
  if (known.length === 0) return {};
  const rows = await db
    .selectFrom('app_user')
    .select(['id', 'display_name'])
    .where('id', 'in', known)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.id, r.display_name]));
}

export async function hasGrant(db: Db, caseId: string, userId: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('nrm_access_grant')
    .select('id')
    .where('case_id', '=', caseId)
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row !== undefined;
}

export async function scopeOf(
  db: Db,
  row: CaseRow,
  userId: string,
  now: Date,
  referrals?: ReferralRow[],
  placements?: PlacementRow[],
): Promise<CaseScope> {
  const [refs, places, grant, consents] = await Promise.all([
    referrals ?? referralsOf(db, row.id),
    placements ?? placementsOf(db, row.id),
    hasGrant(db, row.id, userId, now),
    consentsOf(db, row.id),
  ]);
  return scopeFrom(row, refs, places, grant, consents);
}

/** What decides what a viewer may see of one case: its referrals, placements, consents and an emergency grant. */
export async function accessFactsOf(db: Db, row: CaseRow, userId: string, now: Date) {
  return accessFactsFrom(row, await accessRowsOf(db, row.id, userId, now));
}

/** The rows access is decided from, by case id: readable reads them beside the case row (one level, not two). */
export async function accessRowsOf(db: Db, caseId: string, userId: string, now: Date) {
  const [referrals, placements, grant, consents] = await Promise.all([
    referralsOf(db, caseId),
    placementsOf(db, caseId),
    hasGrant(db, caseId, userId, now),
    consentsOf(db, caseId),
  ]);
  return { referrals, placements, grant, consents };
}

export function accessFactsFrom(row: CaseRow, rows: Awaited<ReturnType<typeof accessRowsOf>>) {
  const { referrals, placements, grant, consents } = rows;
  return { referrals, placements, consents, scope: scopeFrom(row, referrals, placements, grant, consents) };
}

/** The access facts of many cases at once (three queries, whatever their number): for lists. */
export async function scopesOf(
  db: Db,
  rows: CaseRow[],
  userId: string,
  now: Date,
): Promise<Map<string, CaseScope>> {
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return new Map();
  const [refs, places, grants, consents] = await Promise.all([
    db.selectFrom('nrm_referral').selectAll().where('case_id', 'in', ids).orderBy('created_at').execute(),
    db.selectFrom('nrm_placement').selectAll().where('case_id', 'in', ids).orderBy('requested_at').execute(),
    db
      .selectFrom('nrm_access_grant')
      .select('case_id')
      .where('case_id', 'in', ids)
      .where('user_id', '=', userId)
      .where('expires_at', '>', now)
      .execute(),
    consentsOfCases(db, ids),
  ]);
  const granted = new Set(grants.map((g) => g.case_id));
  return new Map(
    rows.map((row) => [
      row.id,
      scopeFrom(
        row,
        refs.filter((r) => r.case_id === row.id),
        places.filter((p) => p.case_id === row.id),
        granted.has(row.id),
        consents.filter((k) => k.case_id === row.id),
      ),
    ]),
  );
}

/**
 * The access facts of a case. Whether a referral or placement carries the person is decided here, where the data
 * is read, from the consents and grounds that hold now (consent.ts): a withdrawn consent ends it at once.
 */
function scopeFrom(
  row: CaseRow,
  refs: ReferralRow[],
  places: PlacementRow[],
  grant: boolean,
  consents: ConsentRow[],
): CaseScope {
  const open = places.filter((p) => p.shelter_team_id && OPEN_PLACEMENT_STATUSES.includes(p.status));
  return {
    ownerTeamId: row.owner_team_id,
    originTeamId: row.origin_team_id,
    referrals: refs.map((r) => ({
      teamId: r.to_team_id,
      sharesPersonalData:
        r.shares_personal_data && shareGround(row, consents, r.to_team_id, r.service_type) !== null,
      kind: r.kind as 'refer' | 'transfer',
      status: r.status,
      serviceType: r.service_type,
    })),
    placements: open.map((p) => ({
      teamId: p.shelter_team_id!,
      sharesPersonalData: shareGround(row, consents, p.shelter_team_id!, PLACEMENT_PURPOSE) !== null,
    })),
    grant,
    handedOver: handedOver(row.status, refs, places),
  };
}

/** What the queue shows of a case (only that: every column read costs on a page that lists fifty). */
export interface QueueRow {
  id: string;
  reference: string;
  kind: string;
  status: string;
  urgency: string;
  minor: string;
  municipality_name: string;
  created_at: Date;
  triage_due_at: Date | null;
  escalated_at: Date | null;
  owner_name: string;
}

/**
 * The cases a team works on: owned by it, referred to it (pending or accepted), placement requested from it,
 * or raised by it. No person data: the queue shows what is needed to pick the next case.
 */
export async function queueFor(
  db: Db,
  o: {
    /** The viewer: the queue is their team's (the team is looked up in the same query). */
    memberUserId: string;
    scope: 'owner' | 'origin' | 'received' | 'shelter';
    status?: string;
    limit: number;
    offset: number;
    /** Also count the viewer's unseen notifications (see countUnseenNotifications), in the same round trip. */
    notifications?: { role: string; since: Date; cap: number };
  },
): Promise<{
  rows: QueueRow[];
  total: number;
  team?: { id: string; name: string };
  unseenNotifications?: number;
}> {
  const teamId = teamIdOf(db, o.memberUserId);
  let q = db
    .selectFrom('nrm_case as c')
    .innerJoin('municipality as m', 'm.code', 'c.municipality_code')
    .innerJoin('nrm_team as t', 't.id', 'c.owner_team_id');
  if (o.scope === 'owner') q = q.where('c.owner_team_id', '=', teamId);
  else if (o.scope === 'origin') q = q.where('c.origin_team_id', '=', teamId);
  else if (o.scope === 'received')
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('nrm_referral as r')
          .select('r.id')
          .whereRef('r.case_id', '=', 'c.id')
          .where('r.to_team_id', '=', teamId)
          .where('r.status', 'in', OPEN_REFERRAL_STATUSES),
      ),
    );
  else
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('nrm_placement as p')
          .select('p.id')
          .whereRef('p.case_id', '=', 'c.id')
          .where('p.shelter_team_id', '=', teamId)
          .where('p.status', 'in', OPEN_PLACEMENT_STATUSES),
      ),
    );
  if (o.status === 'open') q = q.where('c.status', '!=', CLOSED);
  else if (o.status) q = q.where('c.status', '=', o.status);
  // The count needs no joins: on the open cases of a team it is an index-only scan of nrm_case_open_idx.
  let counted = db.selectFrom('nrm_case as c');
  if (o.scope === 'owner') counted = counted.where('c.owner_team_id', '=', teamId);
  else if (o.scope === 'origin') counted = counted.where('c.origin_team_id', '=', teamId);
  else counted = counted.where('c.id', 'in', q.select('c.id'));
  if (o.scope === 'owner' || o.scope === 'origin') {
    if (o.status === 'open') counted = counted.where('c.status', '!=', CLOSED);
    else if (o.status) counted = counted.where('c.status', '=', o.status);
  }
  const countQuery = counted.select((eb) => eb.fn.countAll<number>().as('n'));
  // One round trip: the count rides along as an uncorrelated subquery (computed once, not per row). Each query
  // costs a wake-up of a database process, which on a busy server weighs more than the query itself.
  const rows = await q
    .select([
      'c.id',
      'c.reference',
      'c.kind',
      'c.status',
      'c.urgency',
      'c.minor',
      'm.name as municipality_name',
      'c.created_at',
      'c.triage_due_at',
      'c.escalated_at',
      't.name as owner_name',
    ])
    .select(() => countQuery.as('total'))
    .select(() => teamId.as('viewer_team_id'))
    .select(() => db.selectFrom('nrm_team').select('name').where('id', '=', teamId).as('viewer_team_name'))
    .select(() =>
      o.notifications
        ? unseenCountQuery(db, { teamId, userId: o.memberUserId, ...o.notifications }).as(
            'unseen_notifications',
          )
        : sql<string | null>`null`.as('unseen_notifications'),
    )
    // Most urgent first, then the oldest: the order a coordinator works in (served by nrm_case_open_idx).
    .orderBy('c.urgency_rank')
    .orderBy('c.created_at', 'asc')
    .limit(o.limit)
    .offset(o.offset)
    .execute();
  const first = rows[0];
  if (first) {
    return {
      rows: rows.map(
        ({ total: _t, viewer_team_id: _i, viewer_team_name: _n, unseen_notifications: _u, ...row }) =>
          row as QueueRow,
      ),
      total: Number(first.total),
      team: { id: first.viewer_team_id!, name: first.viewer_team_name! },
      ...(first.unseen_notifications !== null
        ? { unseenNotifications: Number(first.unseen_notifications) }
        : {}),
    };
  }
  // No rows: an empty queue (nothing to count), or a page past the end (count on its own). The caller looks the
  // team up itself.
  if (o.offset === 0) return { rows: [], total: 0 };
  const count = await countQuery.executeTakeFirstOrThrow();
  return { rows: [], total: Number(count.n) };
}

/** A case's timeline, its reasons opened (sealed at rest, sealing.ts). */
export async function eventsOf(db: Db, sealing: ReferralSealing, caseId: string) {
  const rows = await db
    .selectFrom('nrm_case_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.actor_user_id')
    .leftJoin('nrm_team as t', 't.id', 'e.actor_team_id')
    .select([
      'e.id',
      'e.at',
      'e.kind',
      'e.from_status',
      'e.to_status',
      'e.reason',
      'e.actor_user_id',
      'u.display_name as actor_name',
      't.name as team_name',
    ])
    .where('e.case_id', '=', caseId)
    .orderBy('e.id')
    .execute();
  return sealing.openEvents(caseId, rows);
}

/** Records a step; its reason is sealed (the sealing is required, so no caller can write it in plaintext). */
export async function addEvent(
  db: Db,
  sealing: ReferralSealing,
  e: {
    caseId: string;
    at: Date;
    actorUserId: string | null;
    actorTeamId: string | null;
    kind: string;
    from?: string | null;
    to?: string | null;
    reason?: string | null;
  },
) {
  await db
    .insertInto('nrm_case_event')
    .values({
      case_id: e.caseId,
      at: e.at,
      actor_user_id: e.actorUserId,
      actor_team_id: e.actorTeamId,
      kind: e.kind,
      from_status: e.from ?? null,
      to_status: e.to ?? null,
      reason: sealing.eventReason(e.caseId, e.reason),
    })
    .execute();
}

// ---- in-app notifications -----------------------------------------------------------------------------------

export type NotificationKind =
  | 'signal'
  | 'referral'
  | 'placement'
  | 'overdue'
  | 'reflection'
  | 'consent_withdrawn'
  | 'decision'
  | 'recovery'
  | 'child'
  | 'guardian_due';

export async function insertNotification(
  db: Db,
  n: { teamId: string; caseId: string; kind: NotificationKind; roles: string[] | null; at: Date },
): Promise<void> {
  await db
    .insertInto('nrm_notification')
    .values({ team_id: n.teamId, case_id: n.caseId, kind: n.kind, roles: n.roles, created_at: n.at })
    .execute();
}

export interface NotificationRow {
  id: number;
  kind: string;
  case_id: string;
  created_at: Date;
}

/** The team's notifications meant for one role since a moment, of cases not anonymised. */
function notificationsQuery(
  db: Db,
  o: { teamId: string | TeamIdQuery; role: string; since: Date; unseenBy?: string | undefined },
) {
  let q = db
    .selectFrom('nrm_notification as n')
    .innerJoin('nrm_case as c', 'c.id', 'n.case_id')
    .where('n.team_id', '=', o.teamId)
    .where((eb) => eb.or([eb('n.roles', 'is', null), eb(eb.val(o.role), '=', eb.fn.any('n.roles'))]))
    .where('n.created_at', '>=', o.since)
    .where('c.anonymised_at', 'is', null)
    // The reason for the notification still stands: the team still owns the case (signal, deadlines), or the
    // referral or placement request to it is still open or accepted. A case transferred away or a referral
    // withdrawn takes the notification with it (the list also applies the case page's access rule).
    .where((eb) =>
      eb.or([
        eb.and([
          eb('n.kind', 'in', ['signal', 'overdue', 'reflection', 'recovery', 'guardian_due']),
          eb('c.owner_team_id', '=', eb.ref('n.team_id')),
        ]),
        // A decision taken: told to the team that raised the signal (the first responder), status only.
        eb.and([eb('n.kind', '=', 'decision'), eb('c.origin_team_id', '=', eb.ref('n.team_id'))]),
        eb.and([
          // A referral, or the children's route's notice (a referral made by the system, children/).
          eb('n.kind', 'in', ['referral', 'child']),
          eb.exists(
            eb
              .selectFrom('nrm_referral as r')
              .select('r.id')
              .whereRef('r.case_id', '=', 'n.case_id')
              .whereRef('r.to_team_id', '=', 'n.team_id')
              .where('r.status', 'in', OPEN_REFERRAL_STATUSES),
          ),
        ]),
        // Consent withdrawn: while the team is still a recipient (its referral or placement request open).
        eb.and([
          eb('n.kind', '=', 'consent_withdrawn'),
          eb.or([
            eb.exists(
              eb
                .selectFrom('nrm_referral as r')
                .select('r.id')
                .whereRef('r.case_id', '=', 'n.case_id')
                .whereRef('r.to_team_id', '=', 'n.team_id')
                .where('r.status', 'in', OPEN_REFERRAL_STATUSES),
            ),
            eb.exists(
              eb
                .selectFrom('nrm_placement as p')
                .select('p.id')
                .whereRef('p.case_id', '=', 'n.case_id')
                .whereRef('p.shelter_team_id', '=', 'n.team_id')
                .where('p.status', 'in', OPEN_PLACEMENT_STATUSES),
            ),
          ]),
        ]),
        eb.and([
          eb('n.kind', '=', 'placement'),
          eb.exists(
            eb
              .selectFrom('nrm_placement as p')
              .select('p.id')
              .whereRef('p.case_id', '=', 'n.case_id')
              .whereRef('p.shelter_team_id', '=', 'n.team_id')
              .where('p.status', 'in', OPEN_PLACEMENT_STATUSES),
          ),
        ]),
      ]),
    );
  // Only those after the user's last "seen", in the same query.
  if (o.unseenBy) {
    const userId = o.unseenBy;
    q = q.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('nrm_notification_seen as s')
            .select('s.user_id')
            .where('s.user_id', '=', userId)
            .where('s.seen_at', '>=', eb.ref('n.created_at')),
        ),
      ),
    );
  }
  return q;
}

/** A team's notifications for a role, newest first (see notificationsQuery for which). */
export async function teamNotifications(
  db: Db,
  o: { teamId: string; role: string; since: Date; limit: number },
): Promise<NotificationRow[]> {
  return notificationsQuery(db, o)
    .select(['n.id', 'n.kind', 'n.case_id', 'n.created_at'])
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(o.limit)
    .execute();
}

/**
 * How many of them came after the user's last "seen", counted up to `cap` + 1 (so "more than cap" can be said),
 * as a query to run or to embed (the queue page asks in its own query).
 */
function unseenCountQuery(
  db: Db,
  o: { teamId: string | TeamIdQuery; role: string; since: Date; userId: string; cap: number },
) {
  return db
    .selectFrom(
      notificationsQuery(db, { ...o, unseenBy: o.userId })
        .select('n.id')
        // Newest first, so the index is walked from its end and the scan stops after cap + 1 rows (without an
        // order, the planner reads every entry of the 90 days into a bitmap first).
        .orderBy('n.created_at', 'desc')
        .limit(o.cap + 1)
        .as('unseen'),
    )
    .select((eb) => eb.fn.countAll<string>().as('n'));
}

export async function countUnseenNotifications(
  db: Db,
  o: { teamId: string; role: string; since: Date; userId: string; cap: number },
): Promise<number> {
  return Number((await unseenCountQuery(db, o).executeTakeFirstOrThrow()).n);
}

export async function casesByIds(db: Db, ids: string[]): Promise<CaseRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('nrm_case').selectAll().where('id', 'in', ids).execute();
}

export async function notificationsSeenAt(db: Db, userId: string): Promise<Date | undefined> {
  const row = await db
    .selectFrom('nrm_notification_seen')
    .select('seen_at')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.seen_at;
}

export async function markNotificationsSeen(db: Db, userId: string, at: Date): Promise<void> {
  await db
    .insertInto('nrm_notification_seen')
    .values({ user_id: userId, seen_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ seen_at: at }))
    .execute();
}

export async function deleteNotificationsBefore(db: Db, cutoff: Date): Promise<number> {
  const result = await db.deleteFrom('nrm_notification').where('created_at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
