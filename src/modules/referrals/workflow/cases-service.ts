// Reading cases: a team's queue (with its count of new notifications), one case with everything the viewer may
// see of it, and the stage only for the professional who raised a handed-over signal. Every read is audited.
import { fieldContext } from '../../../platform/crypto/index.js';
import { NotFound, ValidationFailed } from '../../../platform/errors.js';
import type { Viewer } from '../access.js';
import { firstLineStatus } from '../consent-service.js';
import { loadAccess, readableFor, type CaseCore, type PersonData, type User } from '../core/context.js';
import { visibleFields } from '../field-scopes.js';
import { loadChildRoute } from '../children/service.js';
import { deadlineText } from '../deadlines.js';
import { identificationOf, standingForFirstLine } from '../identification/service.js';
import { decisionsByCase, type CaseDecisions } from '../identification/queue.js';
import { typesWithDecisionsOf } from '../identification/repository.js';
import { allowedTransitions, isStatus, type CaseKind, type CaseStatus } from '../model.js';
import { NOTIFICATION_COUNT_CAP } from '../notifications/notifier.js';
import * as repo from '../repository.js';
import { scopedPerson } from '../repository/field-scopes.js';
import { loadSupport } from '../support/service.js';
import { caseWorkOf } from '../casework/service.js';

type QueueScope = 'owner' | 'origin' | 'received' | 'shelter';

export function createCaseService(core: CaseCore) {
  return {
    /** Whether the viewer may read the case (for redirects only; reading it is audited by getCase). */
    async canRead(viewer: Viewer, caseId: string): Promise<boolean> {
      const row = await repo.findCase(core.db, caseId);
      if (!row || row.anonymised_at) return false;
      return (await loadAccess(core, viewer, row)).access.read;
    },
    queue: (user: User, o: { scope?: QueueScope; status?: string; page?: number }) => queue(core, user, o),
    getCase: (user: User, caseId: string) => getCase(core, user, caseId),

    /**
     * The stage of a handed-over signal for the professional who raised it (audited), or undefined when the
     * viewer sees more than that (then getCase answers).
     */
    async firstLineStatus(user: User, caseId: string) {
      if (user.role !== 'nrm_professional') return undefined;
      const { row, access } = await readableFor(core, user, caseId);
      if (!access.statusOnly) return undefined;
      await core.audit.record({
        actorUserId: user.id,
        action: 'nrm.case.read.status',
        entityType: 'nrm_case',
        entityId: caseId,
        detail: { person: false },
      });
      return { ...firstLineStatus(row), decisions: await standingForFirstLine(core.db, row.id) };
    },
  };
}

async function queue(core: CaseCore, user: User, o: { scope?: QueueScope; status?: string; page?: number }) {
  const defaultScope =
    user.role === 'nrm_professional' ? 'origin' : user.role === 'nrm_shelter' ? 'shelter' : 'owner';
  const scope = o.scope ?? defaultScope;
  const allowedScopes =
    user.role === 'nrm_professional'
      ? ['origin', 'received']
      : user.role === 'nrm_shelter'
        ? ['shelter', 'received']
        : ['owner', 'received'];
  if (!allowedScopes.includes(scope))
    throw new ValidationFailed([{ field: 'scope', key: 'referrals.errors.choose' }]);
  const asked = o.status && (o.status === 'open' || isStatus(o.status)) ? o.status : 'open';
  // The professional's own signals are filtered by stage only (consent.ts, stageOf), never by the step.
  const status = scope === 'origin' && !['open', 'received', 'closed'].includes(asked) ? 'open' : asked;
  const page = Math.max(1, Math.min(o.page ?? 1, 10_000));
  // The team is found in the queue's own query (one round trip on a busy page); only an empty page asks again.
  const cachedCount = core.notifier.cachedUnseen(user.id);
  const result = await repo.queueFor(core.db, {
    memberUserId: user.id,
    scope,
    status,
    limit: 50,
    offset: (page - 1) * 50,
    ...(cachedCount === undefined
      ? { notifications: { role: user.role, since: core.notifier.since(), cap: NOTIFICATION_COUNT_CAP } }
      : {}),
  });
  const team = result.team ?? (await repo.teamOfUser(core.db, user.id));
  if (!team)
    return {
      rows: [],
      total: 0,
      scope,
      status,
      page,
      team: undefined,
      newNotifications: 0,
      decisions: new Map<string, CaseDecisions>(),
    };
  // An empty page has no row to carry the count: ask on its own.
  const newNotifications =
    cachedCount ??
    result.unseenNotifications ??
    (await repo.countUnseenNotifications(core.db, {
      teamId: team.id,
      role: user.role,
      since: core.notifier.since(),
      userId: user.id,
      cap: NOTIFICATION_COUNT_CAP,
    }));
  if (cachedCount === undefined) core.notifier.rememberUnseen(user.id, newNotifications);
  // The owning team's queue says per case what was decided last and which decision is due next: one query for
  // the page's signals (their decisions with the types), never one per row, run beside the audit entry's write
  // (no round trip more in the page's time).
  const signals = scope === 'owner' ? result.rows.filter((r) => r.kind === 'signal') : [];
  const [decided] = await Promise.all([
    typesWithDecisionsOf(
      core.db,
      signals.map((r) => r.id),
    ),
    core.audit.record({
      actorUserId: user.id,
      action: 'nrm.queue.read',
      entityType: 'nrm_team',
      entityId: team.id,
      detail: { scope, status, cases: result.rows.map((r) => r.reference) },
    }),
  ]);
  const decisions = decisionsByCase(decided, signals, core.clock());
  return { rows: result.rows, total: result.total, scope, status, page, team, newNotifications, decisions };
}

/**
 * The teams, with every team this case names among them: the cache (core/context.ts) may not yet hold a team
 * another server added seconds ago, and the case page must still name whoever received a referral (a
 * forwarding notice without the receiver's name would say nothing at all).
 */
async function teamsNaming(
  core: CaseCore,
  row: repo.CaseRow,
  referrals: readonly { to_team_id: string }[],
  placements: readonly { shelter_team_id: string | null }[],
) {
  const named = [
    row.owner_team_id,
    row.origin_team_id,
    ...referrals.map((r) => r.to_team_id),
    ...placements.map((p) => p.shelter_team_id),
  ].filter((id): id is string => Boolean(id));
  const teams = await core.teams.all();
  const known = new Set(teams.map((t) => t.id));
  if (named.every((id) => known.has(id))) return teams;
  core.teams.forget();
  return core.teams.all();
}

/** Everything a viewer may see of one case; audited, with whether person data was shown. */
async function getCase(core: CaseCore, user: User, caseId: string) {
  const { viewer, row, access, referrals, placements, scope, consents } = await readableFor(
    core,
    user,
    caseId,
  );
  // A handed-over signal shows its professional the stage only (firstLineStatus); never the file from here.
  if (access.statusOnly) throw new NotFound();
  const { sealed } = core;
  // Per-field scopes: a recipient reads only the fields its role and purpose allow (field-scopes.ts); the
  // others are not selected from the database, and the summary is not opened.
  const fields = visibleFields(viewer, scope, access, await core.fieldScopes.get());
  const [events, teams, person, municipality, identification, support, caseWork] = await Promise.all([
    repo.eventsOf(core.db, sealed, caseId),
    teamsNaming(core, row, referrals, placements),
    access.person ? scopedPerson(core.db, caseId, fields) : undefined,
    core.directory.municipality(row.municipality_code),
    identificationOf(core, core.db, row, access, viewer.role),
    loadSupport(core, core.db, row, access),
    caseWorkOf(core, core.db, row, access),
  ]);
  const personData: PersonData | null = access.person && person ? core.openPerson(person, caseId) : null;
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  // The read is audited beside the last reads; nothing is answered unless the audit entry is written.
  const [, children, consent] = await Promise.all([
    core.audit.record({
      actorUserId: user.id,
      action: access.viaGrant ? 'nrm.case.read.break_glass' : 'nrm.case.read',
      entityType: 'nrm_case',
      entityId: caseId,
      detail: { person: Boolean(personData), fields: [...fields] },
    }),
    loadChildRoute(core, core.db, caseId, access, (id) => (id ? (teamName.get(id) ?? '') : '')),
    core.consentActions.forCase(core.db, row, access, viewer, referrals, placements, teamName, consents),
  ]);
  return {
    row,
    access,
    viewer,
    consents: consent.consents,
    recipientStanding: consent.standing,
    triageRule: deadlineText(row.urgency, core.deadlines),
    summary:
      access.person && fields.has('summary')
        ? core.open(row.summary_enc, fieldContext('nrm_case', 'summary_enc', caseId))
        : null,
    person: personData,
    /** The person's fields this viewer may read (the rest are "not shared with your organisation"). */
    personFields: fields,
    hasPerson: Boolean(person) || !access.person,
    events,
    identification,
    support,
    /** The children's route of a minor's case (children/), or null. */
    children,
    caseWork,
    referrals: referrals.map((r) => ({
      ...sealed.openReferral(r),
      groundNow: consent.referralGround.get(r.id) ?? null,
      toName: teamName.get(r.to_team_id) ?? '',
      fromName: teamName.get(r.from_team_id) ?? '',
    })),
    placements: placements.map(({ exit_note_enc, ...p }) => ({
      ...sealed.openPlacement(p),
      shelterName: p.shelter_team_id ? (teamName.get(p.shelter_team_id) ?? '') : '',
      // The exit note is about the person: only where the person may be seen.
      exitNote: access.person ? sealed.open('nrm_placement', 'exit_note_enc', p.id, exit_note_enc) : null,
    })),
    teams,
    ownerName: teamName.get(row.owner_team_id) ?? '',
    originName: teamName.get(row.origin_team_id) ?? '',
    municipalityName: municipality?.name ?? row.municipality_code,
    transitions: access.manage ? allowedTransitions(row.kind as CaseKind, row.status as CaseStatus) : [],
  };
}
