// Queries for routing: who can act in which team (active accounts per role), so nothing is routed to a team
// where nobody would read it; and the case a signal form's one-time token already made.
import { randomUUID } from 'node:crypto';
import type { Db } from '../repository.js';

/** Per team, the roles of its members whose accounts are active (not disabled). */
export async function activeRolesByTeam(db: Db): Promise<Map<string, Set<string>>> {
  const rows = await db
    .selectFrom('nrm_member')
    .innerJoin('app_user', 'app_user.id', 'nrm_member.user_id')
    .select(['nrm_member.team_id', 'app_user.role'])
    .where('app_user.disabled_at', 'is', null)
    .groupBy(['nrm_member.team_id', 'app_user.role'])
    .execute();
  const byTeam = new Map<string, Set<string>>();
  for (const r of rows) {
    const roles = byTeam.get(r.team_id) ?? new Set<string>();
    roles.add(r.role);
    byTeam.set(r.team_id, roles);
  }
  return byTeam;
}

/** The case a professional's signal form with this one-time token already made, if any. */
export async function findSubmitted(db: Db, userId: string, token: string) {
  return db
    .selectFrom('nrm_case')
    .select(['id', 'reference', 'owner_team_id'])
    .where('origin_user_id', '=', userId)
    .where('submission_token', '=', token)
    .executeTakeFirst();
}

/**
 * The receipt of a signal, for the account that sent it only: its reference, kind and the team that received it
 * (no content, so no personal data; another account's case is not found).
 */
export async function signalReceipt(db: Db, userId: string, caseId: string) {
  return db
    .selectFrom('nrm_case')
    .innerJoin('nrm_team', 'nrm_team.id', 'nrm_case.owner_team_id')
    .select(['nrm_case.id', 'nrm_case.reference', 'nrm_case.kind', 'nrm_team.name as team_name'])
    .where('nrm_case.id', '=', caseId)
    .where('nrm_case.origin_user_id', '=', userId)
    .where('nrm_case.anonymised_at', 'is', null)
    .executeTakeFirst();
}

/**
 * A placement request nobody at the shelter can answer, passed to the next level (CoMensha coordinates shelter
 * placement nationally): a referral for a shelter place, made by the system (no typed reason of its own).
 */
export async function insertForwardedPlacement(
  db: Db,
  o: {
    caseId: string;
    fromTeamId: string;
    toTeamId: string;
    sharesPersonalData: boolean;
    legalGround: string | null;
    at: Date;
    by: string;
  },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('nrm_referral')
    .values({
      id,
      case_id: o.caseId,
      kind: 'refer',
      service_type: 'shelter',
      from_team_id: o.fromTeamId,
      to_team_id: o.toTeamId,
      status: 'pending',
      shares_personal_data: o.sharesPersonalData,
      legal_ground: o.legalGround,
      reason: null,
      created_at: o.at,
      created_by: o.by,
    })
    .execute();
  return id;
}
