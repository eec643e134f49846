// The children's route (issue 20, point 5). As the UK notifies the local authority for a child and asks no
// consent, here a minor's case skips the consent step (the legal ground is "minor", child protection, recorded
// with the route) and tells, through the module's notification path, the guardian organisation (Nidos, for a
// minor who is not a Dutch national: an unaccompanied foreign minor) and the Veilig Thuis of the municipality's
// safety region. Each is told by a referral made by the system (purpose guardianship or child_protection,
// sharing the person on the ground "minor", within their field scope) with a notification and a mail; a team
// with nobody who can receive it is not told and the case says so (as forwarding does, nothing reported as
// sent that nobody receives). The guardian's appointment has its own clock: due within
// GUARDIAN_DUE_WORKING_DAYS working days, the deadline job reminds the owner once after. The route starts when
// the case becomes a minor's: at the signal, a correction of "minor" or an assessment's age group; once.
import { randomUUID } from 'node:crypto';
import type { FieldProblem } from '../../../platform/errors.js';
import { ValidationFailed } from '../../../platform/errors.js';
import type { CaseAccess } from '../access.js';
import { change, viewerOf, type CaseCore, type User } from '../core/context.js';
import { insertReferral } from '../core/repository.js';
import { MAX_SHORT, text } from '../core/validation.js';
import { isRealDate } from '../derived.js';
import { addWorkingDays, localDate } from '../model.js';
import * as repo from '../repository.js';
import { activeRolesByTeam } from '../repository/routing.js';
import { canAct } from '../routing.js';
import {
  GUARDIAN_DUE_WORKING_DAYS,
  GUARDIAN_ORGANISATION,
  VEILIG_THUIS,
  type NoticeOutcome,
  type NoticePurpose,
} from './codes.js';
import {
  guardianOf,
  guardianOverdueUnreminded,
  insertGuardian,
  updateGuardian,
  type GuardianRow,
} from './repository.js';

/** A nationality recorded and not Dutch (ISO code; unknown or empty is not foreign). */
const isForeign = (citizenship: string) => /^[A-Z]{2}$/.test(citizenship) && citizenship !== 'NL';

/** The directory services covering the case's place, read before the transaction (core/context.ts, placeCoverage). */
export type Coverage = readonly { id: string }[];

/** Who started the route: a user and their team, or the system. */
export interface RouteActor {
  userId: string | null;
  teamId: string | null;
}

/**
 * Starts the children's route on a minor's signal, inside the change's transaction (queries only through `trx`),
 * once per case: the notices, the guardian's clock, the timeline and the audit. Does nothing for a case that is
 * not a minor's signal or already on the route. Returns what it did, for the caller's audit entry.
 */
export async function startChildRoute(
  core: CaseCore,
  trx: repo.Tx,
  row: Pick<repo.CaseRow, 'id' | 'kind' | 'minor' | 'citizenship' | 'owner_team_id'>,
  now: Date,
  actor: RouteActor,
  coverage: Coverage,
): Promise<{ guardian: NoticeOutcome; veiligThuis: NoticeOutcome } | undefined> {
  if (row.kind !== 'signal' || row.minor !== 'yes') return undefined;
  const existing = await guardianOf(trx, row.id);
  // On the route already: only Nidos may still be due, once a foreign nationality is recorded (an assessment).
  if (existing && (existing.guardian_notice !== 'not_needed' || !isForeign(row.citizenship)))
    return undefined;
  const [teams, active] = await Promise.all([repo.teams(trx), activeRolesByTeam(trx)]);
  const covering = new Set(coverage.map((s) => s.id));

  async function tell(team: repo.TeamRow | undefined, purpose: NoticePurpose): Promise<NoticeOutcome> {
    if (!team) return 'no_team';
    if (!canAct(active, team)) return 'nobody';
    await insertReferral(trx, {
      id: randomUUID(),
      case_id: row.id,
      kind: 'refer',
      service_type: purpose,
      from_team_id: row.owner_team_id,
      to_team_id: team.id,
      status: 'pending',
      shares_personal_data: true,
      legal_ground: 'minor',
      reason: null,
      created_at: now,
      created_by: actor.userId,
    });
    await core.notifier.notify(trx, team.id, 'child', row.id);
    return 'sent';
  }

  // The route in the audit: on the ground "minor", no consent asked, and who was told.
  const audit = (told: Record<string, string | null>) =>
    core.audit.record(
      {
        actorUserId: actor.userId,
        action: 'nrm.case.child_route',
        entityType: 'nrm_case',
        entityId: row.id,
        detail: { legal_ground: 'minor', consent_asked: false, ...told },
      },
      trx,
    );

  // Nidos is the guardian of minors who came without parents from abroad: told once a foreign nationality is
  // recorded (on the signal or later at the assessment). A Dutch child has its parents (and Veilig Thuis involves
  // the Raad voor de Kinderbescherming where needed); an unrecorded nationality is not guessed.
  const guardianTeam = teams.find((t) => t.organisation_type === GUARDIAN_ORGANISATION);
  const guardian: NoticeOutcome = isForeign(row.citizenship)
    ? await tell(guardianTeam, 'guardianship')
    : 'not_needed';
  if (existing) {
    await updateGuardian(trx, row.id, {
      guardian_notice: guardian,
      guardian_team_id: guardianTeam?.id ?? null,
    });
    await audit({ guardian_notice: guardian });
    return { guardian, veiligThuis: existing.veilig_thuis_notice as NoticeOutcome };
  }
  const veiligThuisTeam = teams.find(
    (t) =>
      t.organisation_type === VEILIG_THUIS &&
      t.directory_service_id !== null &&
      covering.has(t.directory_service_id),
  );
  const veiligThuis = await tell(veiligThuisTeam, 'child_protection');
  await insertGuardian(trx, {
    case_id: row.id,
    started_at: now,
    due_at: addWorkingDays(now, GUARDIAN_DUE_WORKING_DAYS),
    guardian_notice: guardian,
    guardian_team_id: guardian === 'not_needed' ? null : (guardianTeam?.id ?? null),
    veilig_thuis_notice: veiligThuis,
    veilig_thuis_team_id: veiligThuisTeam?.id ?? null,
  });
  await repo.addEvent(trx, core.sealed, {
    caseId: row.id,
    at: now,
    actorUserId: actor.userId,
    actorTeamId: actor.teamId,
    kind: 'child_route',
  });
  await audit({
    guardian_notice: guardian,
    veilig_thuis_notice: veiligThuis,
    guardian_team: guardian === 'sent' ? guardianTeam!.id : null,
    veilig_thuis_team: veiligThuis === 'sent' ? veiligThuisTeam!.id : null,
  });
  return { guardian, veiligThuis };
}

/** What the case page shows of the route: the notices, the clock, the guardian (the organisation with the person). */
export function childRouteView(
  core: CaseCore,
  row: GuardianRow | undefined,
  access: CaseAccess,
  teamName: (id: string | null) => string,
) {
  if (!row) return null;
  return {
    guardianNotice: row.guardian_notice as NoticeOutcome,
    guardianTeam: teamName(row.guardian_team_id),
    veiligThuisNotice: row.veilig_thuis_notice as NoticeOutcome,
    veiligThuisTeam: teamName(row.veilig_thuis_team_id),
    startedAt: row.started_at,
    dueAt: row.due_at,
    overdue: !row.appointed_on && row.due_at.getTime() <= core.clock().getTime(),
    appointedOn: row.appointed_on,
    organisation: access.person
      ? core.sealed.open('nrm_guardian', 'organisation_enc', row.case_id, row.organisation_enc)
      : null,
    hiddenOrganisation: !access.person && Boolean(row.organisation_enc),
  };
}

export type ChildRouteView = ReturnType<typeof childRouteView>;

export const loadChildRoute = async (
  core: CaseCore,
  db: repo.Db,
  caseId: string,
  access: CaseAccess,
  teamName: (id: string | null) => string,
) => childRouteView(core, await guardianOf(db, caseId), access, teamName);

export function validateGuardian(input: { organisation: string; appointedOn: string }, today: string) {
  const problems: FieldProblem[] = [];
  const organisation = text(problems, 'organisation', input.organisation, MAX_SHORT);
  if (!organisation) problems.push({ field: 'organisation', key: 'referrals.errors.required' });
  const appointedOn = input.appointedOn.trim();
  if (!appointedOn) problems.push({ field: 'appointedOn', key: 'referrals.errors.required' });
  else if (!isRealDate(appointedOn)) problems.push({ field: 'appointedOn', key: 'referrals.errors.date' });
  else if (appointedOn > today)
    problems.push({ field: 'appointedOn', key: 'referrals.children.errors.future' });
  return { problems, organisation, appointedOn };
}

export function createChildRouteService(core: CaseCore) {
  return {
    /** Records the guardian appointed (organisation, sealed; the day), stopping the guardian's clock. */
    async recordGuardian(
      user: User,
      caseId: string,
      input: { version: number; organisation: string; appointedOn: string },
    ) {
      const viewer = await viewerOf(core, user);
      const { problems, organisation, appointedOn } = validateGuardian(input, localDate(core.clock()));
      if (problems.length) throw new ValidationFailed(problems);
      return change(
        core,
        viewer,
        caseId,
        input.version,
        (a) => a.manage && a.person,
        'nrm.guardian.record',
        async (trx, row, now, event) => {
          if (!(await guardianOf(trx, caseId)))
            throw new ValidationFailed([
              { field: 'organisation', key: 'referrals.children.errors.notChild' },
            ]);
          await updateGuardian(trx, caseId, {
            organisation_enc: core.sealed.seal('nrm_guardian', 'organisation_enc', row.id, organisation),
            appointed_on: appointedOn,
            recorded_at: now,
            recorded_by: user.id,
          });
          await event('guardian_appointed');
          return { appointed_on: appointedOn };
        },
      );
    },
  };
}

/** The deadline job: a guardian not appointed by its deadline, the owner reminded once (notification and mail). */
export async function remindGuardianDue(core: CaseCore, now: Date): Promise<number> {
  const due = await guardianOverdueUnreminded(core.db, now);
  for (const row of due)
    await core.db.transaction().execute(async (trx) => {
      await updateGuardian(trx, row.id, { reminded_at: now });
      await repo.addEvent(trx, core.sealed, {
        caseId: row.id,
        at: now,
        actorUserId: null,
        actorTeamId: null,
        kind: 'guardian_due',
      });
      await core.notifier.notify(trx, row.owner_team_id, 'guardian_due', row.id);
    });
  return due.length;
}
