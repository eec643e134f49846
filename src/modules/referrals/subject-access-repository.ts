// SQL for the subject-access export (AVG art. 15): every audit entry about the case (reads, changes, refused
// attempts, emergency access), the times the case appeared in a team's work list or notifications, the
// break-the-glass grants with their reasons, the national registration, and who each actor is (role and team,
// never an address). Queries only; subject-access.ts puts the record together.
import { sql, type Selectable } from 'kysely';
import type { NrmRegistrationTable } from '../../db/schema.js';
import type { Db } from './repository.js';

export interface CaseAuditEntry {
  at: Date;
  action: string;
  actorUserId: string | null;
}

/** Every audit entry about the case itself, oldest first. */
export async function auditEntriesOf(db: Db, caseId: string): Promise<CaseAuditEntry[]> {
  const rows = await db
    .selectFrom('audit_event')
    .select(['at', 'action', 'actor_user_id'])
    .where('entity_type', '=', 'nrm_case')
    .where('entity_id', '=', caseId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ at: new Date(r.at), action: r.action, actorUserId: r.actor_user_id }));
}

export interface ListAppearance {
  teamId: string | null;
  action: string;
  times: number;
  first: Date;
  last: Date;
}

/**
 * The times the case's reference was shown in a team's work list or notification list (those entries name the
 * team and carry the references shown), per team and kind of list. Only entries since the case was made are
 * read, so the scan stays within the case's lifetime.
 */
export async function listAppearancesOf(
  db: Db,
  caseId: string,
  reference: string,
): Promise<ListAppearance[]> {
  const { rows } = await sql<{
    entity_id: string | null;
    action: string;
    times: number | string;
    first: Date | string;
    last: Date | string;
  }>`select entity_id, action, count(*) as times, min(at) as first, max(at) as last
       from audit_event
      where entity_type = 'nrm_team'
        and action in ('nrm.queue.read', 'nrm.notifications.read')
        and id >= coalesce((select min(id) from audit_event
                             where entity_type = 'nrm_case' and entity_id = ${caseId}), 0)
        and detail -> 'cases' @> ${JSON.stringify([reference])}::jsonb
      group by entity_id, action
      order by min(at)`.execute(db);
  return rows.map((r) => ({
    teamId: r.entity_id,
    action: r.action,
    times: Number(r.times),
    first: new Date(r.first),
    last: new Date(r.last),
  }));
}

export interface GrantRow {
  id: string;
  userId: string;
  reason: string;
  grantedAt: Date;
  expiresAt: Date;
  reviewedAt: Date | null;
}

/** Break-the-glass grants on the case, with the reason given (as stored: where reasons are sealed at rest, the
 * caller opens them, as the case page does). */
export async function grantsOf(db: Db, caseId: string): Promise<GrantRow[]> {
  const rows = await db
    .selectFrom('nrm_access_grant')
    .select(['id', 'user_id', 'reason', 'granted_at', 'expires_at', 'reviewed_at'])
    .where('case_id', '=', caseId)
    .orderBy('granted_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    reason: r.reason,
    grantedAt: new Date(r.granted_at),
    expiresAt: new Date(r.expires_at),
    reviewedAt: r.reviewed_at ? new Date(r.reviewed_at) : null,
  }));
}

export type RegistrationRow = Selectable<NrmRegistrationTable>;

export async function registrationOf(db: Db, pseudonym: string): Promise<RegistrationRow | undefined> {
  return db.selectFrom('nrm_registration').selectAll().where('pseudonym', '=', pseudonym).executeTakeFirst();
}

export interface Actor {
  role: string;
  teamId: string | null;
}

/** Each account's role and team (never its name or address: the person is told the organisation and role). */
export async function actorsOf(db: Db, userIds: (string | null)[]): Promise<Record<string, Actor>> {
  const ids = [...new Set(userIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return {};
  const rows = await db
    .selectFrom('app_user as u')
    .leftJoin('nrm_member as m', 'm.user_id', 'u.id')
    .select(['u.id', 'u.role', 'm.team_id'])
    .where('u.id', 'in', ids)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.id, { role: r.role, teamId: r.team_id }]));
}

/** Every access to the case, the list appearances, the emergency grants and the national registration. */
export async function accessRecord(
  db: Db,
  o: { caseId: string; reference: string; pseudonym: string },
): Promise<{
  accesses: CaseAuditEntry[];
  listAppearances: ListAppearance[];
  grants: GrantRow[];
  registration: RegistrationRow | null;
}> {
  const [accesses, listAppearances, grants, registration] = await Promise.all([
    auditEntriesOf(db, o.caseId),
    listAppearancesOf(db, o.caseId, o.reference),
    grantsOf(db, o.caseId),
    registrationOf(db, o.pseudonym),
  ]);
  return { accesses, listAppearances, grants, registration: registration ?? null };
}
