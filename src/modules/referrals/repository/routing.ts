// Queries for routing: who can act in which team (active accounts per role), so nothing is routed to a team
// where nobody would read it.
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
