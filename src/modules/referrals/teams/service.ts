// Teams and memberships (administrator; no case content), and the route check: every municipality's route, and
// which reach nobody or only the next level.
import { randomUUID } from 'node:crypto';
import { ValidationFailed, type FieldProblem } from '../../../platform/errors.js';
import { routeFor, type CaseCore } from '../core/context.js';
import { isId, MAX_SHORT, pick, text } from '../core/validation.js';
import { ORGANISATION_TYPES, TEAM_KINDS } from '../model.js';
import * as repo from '../repository.js';
import { activeRolesByTeam } from '../repository/routing.js';
import { routeFindings } from '../routing.js';
import { accountByEmail, insertTeam, setMember, teamsWithMemberCount } from './repository.js';

export interface TeamInput {
  kind: string;
  name: string;
  organisationType: string;
  directoryServiceId: string;
  email: string;
}

/** Which team kinds each role may be a member of. */
const TEAMS_FOR_ROLE: Record<string, string[]> = {
  nrm_professional: ['first_line'],
  nrm_coordinator: ['care_coordination', 'national'],
  nrm_regional_lead: ['care_coordination', 'national'],
  nrm_national: ['national'],
  nrm_shelter: ['shelter'],
};

export function createTeamService(core: CaseCore) {
  return {
    teamOf: (userId: string) => repo.teamOfUser(core.db, userId),
    teams: () => core.teams.all(),
    /** Teams were added outside this service (the demo loader): read them again on next use. */
    forgetTeams: () => core.teams.forget(),
    /** Teams with their member count. */
    teamOverview: () => teamsWithMemberCount(core.db),

    /**
     * The route check for administrators (`samen nrm check`, /admin/nrm/routes): every route that would reach
     * nobody, or only the next level. No case content.
     */
    async routeCheck(kindName: (kind: string) => string) {
      const regions = await core.directory.regions();
      const teams = await core.teams.all();
      const municipalities = [];
      for (const m of regions.municipalities)
        municipalities.push({ name: m.name, covering: await routeFor(core, m.code, undefined) });
      return routeFindings({ municipalities, teams, active: await activeRolesByTeam(core.db), kindName });
    },

    createTeam: (actorUserId: string | null, input: TeamInput) => createTeam(core, actorUserId, input),

    /** Puts a user in a team (one team per user; moving replaces the old membership). */
    async setMembership(actorUserId: string | null, input: { email: string; teamId: string }) {
      const user = await accountByEmail(core.db, input.email.trim().toLowerCase());
      const problems: FieldProblem[] = [];
      if (!user) problems.push({ field: 'email', key: 'referrals.errors.userUnknown' });
      const team = isId(input.teamId) ? await repo.findTeam(core.db, input.teamId) : undefined;
      if (!team) problems.push({ field: 'teamId', key: 'referrals.errors.team' });
      if (user && team && !TEAMS_FOR_ROLE[user.role]?.includes(team.kind))
        problems.push({ field: 'teamId', key: 'referrals.errors.roleTeam' });
      if (problems.length || !user || !team) throw new ValidationFailed(problems);
      await core.db.transaction().execute(async (trx) => {
        await setMember(trx, user.id, team.id);
        await core.audit.record(
          {
            actorUserId,
            action: 'nrm.member.set',
            entityType: 'app_user',
            entityId: user.id,
            detail: { team: team.id },
          },
          trx,
        );
      });
    },
  };
}

/** Adds a team; a coordination or shelter team names its directory service (its region and places). */
async function createTeam(core: CaseCore, actorUserId: string | null, input: TeamInput) {
  const problems: FieldProblem[] = [];
  const kind = pick(problems, 'kind', input.kind, TEAM_KINDS);
  const organisationType = pick(problems, 'organisationType', input.organisationType, ORGANISATION_TYPES);
  const name = text(problems, 'name', input.name, MAX_SHORT);
  if (!name) problems.push({ field: 'name', key: 'referrals.errors.required' });
  const email = input.email.trim().toLowerCase();
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    problems.push({ field: 'email', key: 'referrals.errors.email' });
  const serviceId = input.directoryServiceId.trim();
  if ((kind === 'care_coordination' || kind === 'shelter' || kind === 'national') && !serviceId)
    problems.push({ field: 'directoryServiceId', key: 'referrals.errors.directoryServiceRequired' });
  if (serviceId && !(isId(serviceId) && (await core.directory.getService(serviceId))))
    problems.push({ field: 'directoryServiceId', key: 'referrals.errors.directoryService' });
  if (problems.length) throw new ValidationFailed(problems);
  const id = randomUUID();
  await core.db.transaction().execute(async (trx) => {
    await insertTeam(trx, {
      id,
      kind,
      name,
      organisationType,
      directoryServiceId: serviceId || null,
      email: email || null,
    });
    await core.audit.record(
      { actorUserId, action: 'nrm.team.create', entityType: 'nrm_team', entityId: id, detail: { kind } },
      trx,
    );
  });
  core.teams.forget();
  return id;
}
