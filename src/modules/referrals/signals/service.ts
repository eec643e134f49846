// A professional's signal (or anonymous consult): validated, routed to the coordinators covering the
// municipality, with its triage deadline, the person's data sealed, a registration and a notification. One form
// post makes one case, however often it is sent.
import { storedLanguages } from '../languages.js';
import { randomUUID } from 'node:crypto';
import { fieldContext } from '../../../platform/crypto/index.js';
import { Forbidden, Unavailable, ValidationFailed } from '../../../platform/errors.js';
import type { Viewer } from '../access.js';
import { routeFor, viewerOf, writeRegistration, type CaseCore, type User } from '../core/context.js';
import { startChildRoute, type Coverage } from '../children/service.js';
import { insertCoordinationReferral } from '../core/repository.js';
import { isId } from '../core/validation.js';
import { triageDue } from '../deadlines.js';
import { deriveMinor, legalGroundOf } from '../derived.js';
import { ageRangeOf, localDate } from '../model.js';
import * as repo from '../repository.js';
import { activeRolesByTeam, findSubmitted, signalReceipt } from '../repository/routing.js';
import { signalReceivers } from '../routing.js';
import { indexCase } from '../duplicates/service.js';
import { refreshNextDecision } from '../identification/next-due-repository.js';
import { insertCase, insertPerson } from './repository.js';
import { validateSignal, type SignalInput, type ValidSignal } from './validate.js';

export type { SignalInput } from './validate.js';

type Submitted = { id: string; reference: string; ownerTeam: repo.TeamRow; repeated?: boolean };

export function createSignalService(core: CaseCore) {
  return {
    /** A signal's receipt for the account that sent it (post, redirect, get), else undefined. */
    signalReceipt: (user: { id: string }, caseId: string) =>
      isId(caseId) ? signalReceipt(core.db, user.id, caseId) : Promise.resolve(undefined),
    submitSignal: (user: User, input: SignalInput) => submitSignal(core, user, input),
  };
}

async function submitSignal(core: CaseCore, user: User, input: SignalInput): Promise<Submitted> {
  const viewer = await viewerOf(core, user);
  if (!viewer.team) throw new Forbidden('referrals.errors.noTeam');
  // A second post of the same form (a double click, a reload, a retry after a timeout) shows the case the first
  // one made: one case, one national registration.
  const token = input.submission && isId(input.submission) ? input.submission : null;
  const earlier = async (): Promise<Submitted | undefined> => {
    if (!token) return undefined;
    const found = await findSubmitted(core.db, user.id, token);
    const team = found && (await core.teams.all()).find((t) => t.id === found.owner_team_id);
    return found && team
      ? { id: found.id, reference: found.reference, ownerTeam: team, repeated: true }
      : undefined;
  };
  const repeated = await earlier();
  if (repeated) return repeated;
  const { problems, value } = validateSignal(input);
  const regions = await core.directory.regions();
  const area = input.municipality ? regions.resolveArea(input.municipality, 'municipality') : undefined;
  const municipality = area?.type === 'municipality' ? regions.municipality(area.code) : undefined;
  if (input.municipality && !municipality)
    problems.push({ field: 'municipality', key: 'referrals.errors.municipality' });
  if (problems.length || !municipality) throw new ValidationFailed(problems);
  const today = localDate(core.clock());
  const derived = deriveMinor({
    given: value.minor,
    ageGroup: value.ageGroup,
    dateOfBirth: value.kind === 'signal' ? value.dateOfBirth : null,
    on: today,
  });
  const age = ageRangeOf({
    dateOfBirth: value.kind === 'signal' ? value.dateOfBirth : null,
    ageGroup: value.ageGroup,
    minor: derived.minor,
    on: today,
  });
  // Only teams where someone can act: else the next level (routing.ts). The sender is told who received it.
  const targets = signalReceivers(
    await routeFor(core, municipality.code, age),
    await core.teams.all(),
    await activeRolesByTeam(core.db),
  ).teams;
  if (targets.length === 0) throw new Unavailable('referrals.errors.noCoordinator');
  const place = {
    municipality_code: municipality.code,
    safety_region_code: municipality.safetyRegion.code,
    police_unit_code: municipality.policeUnit.code,
  };
  // The children's route needs the place's coverage (Veilig Thuis of the region), read before the transaction.
  const coverage = derived.minor === 'yes' ? await core.directory.coverageFor(municipality.code) : [];
  const signal = { user, viewer, team: viewer.team, value, derived, targets, place, token, input, coverage };
  try {
    const created = await core.db.transaction().execute((trx) => recordSignal(core, trx, signal));
    return { ...created, ownerTeam: targets[0]! };
  } catch (error) {
    // Two posts at once with one token: the unique index lets one through; the other shows its case.
    const other = await earlier();
    if (other) return other;
    throw error;
  }
}

/** The new case, its person, first steps, coordination referrals, registration, notifications and audit. */
async function recordSignal(
  core: CaseCore,
  trx: repo.Tx,
  s: {
    user: User;
    viewer: Viewer;
    team: repo.TeamRow;
    value: ValidSignal;
    derived: ReturnType<typeof deriveMinor>;
    targets: repo.TeamRow[];
    place: { municipality_code: string; safety_region_code: string; police_unit_code: string };
    token: string | null;
    input: SignalInput;
    coverage: Coverage;
  },
) {
  const { value, derived, user } = s;
  const owner = s.targets[0]!;
  const now = core.clock();
  const id = randomUUID();
  const legalGround =
    value.kind === 'consult' ? null : legalGroundOf(value.consent, derived.minor, s.input.vitalInterest);
  const reference = await repo.nextReference(trx, now.getUTCFullYear());
  const row = await insertCase(trx, {
    id,
    reference,
    kind: value.kind,
    status: 'received',
    owner_team_id: owner.id,
    origin_team_id: s.team.id,
    origin_user_id: user.id,
    ...s.place,
    urgency: value.urgency,
    minor: derived.minor,
    minor_source: derived.source,
    vital_interest: value.kind === 'signal' && s.input.vitalInterest,
    consent: value.kind === 'consult' ? 'not_asked' : value.consent,
    legal_ground: legalGround,
    gender: value.gender,
    age_group: value.ageGroup,
    citizenship: value.citizenship,
    forms: value.forms,
    sector: value.sector,
    indicators: value.signals,
    methods_of_control: value.methods,
    recruitment: value.recruitment,
    needs: value.needs,
    summary_enc: core.seal(value.summary, fieldContext('nrm_case', 'summary_enc', id)),
    submission_token: s.token,
    triage_due_at: triageDue(value.urgency, now, core.deadlines),
    created_at: now,
    updated_at: now,
  });
  const personal = Boolean(value.name || value.dateOfBirth || value.contact || value.languages.length);
  if (value.kind === 'signal' && personal)
    await insertPerson(trx, {
      case_id: id,
      name_enc: core.seal(value.name, fieldContext('nrm_person', 'name_enc', id)),
      date_of_birth_enc: core.seal(value.dateOfBirth, fieldContext('nrm_person', 'date_of_birth_enc', id)),
      contact_enc: core.seal(value.contact, fieldContext('nrm_person', 'contact_enc', id)),
      special_notes_enc: null,
      languages_enc: core.seal(
        storedLanguages(value.languages) ?? '',
        fieldContext('nrm_person', 'languages_enc', id),
      ),
    });
  // Possible duplicates elsewhere (duplicates/): keyed blocking keys, the candidates scored here; nobody sees them
  // but the national coordination.
  const duplicates =
    value.kind === 'signal' && value.name
      ? await indexCase(core, trx, id, {
          name: value.name,
          dateOfBirth: value.dateOfBirth || null,
          citizenship: row.citizenship,
          gender: row.gender,
          municipalityCode: row.municipality_code,
          safetyRegionCode: row.safety_region_code,
        })
      : undefined;
  if (value.kind === 'signal' && value.consent === 'yes')
    await core.consentActions.fromSignal(trx, id, owner.id, now, user.id);
  // The first decision type's clock starts at the signal: its due moment is stored for the dashboards.
  if (value.kind === 'signal') await refreshNextDecision(trx, [id]);
  await repo.addEvent(trx, core.sealed, {
    caseId: id,
    at: now,
    actorUserId: user.id,
    actorTeamId: s.team.id,
    kind: value.kind === 'consult' ? 'consult' : 'signal',
    to: 'received',
    reason: null,
  });
  // Where several coordinations cover the municipality, the first owns the case and the others are informed
  // through a referral (they can see it and help).
  for (const other of s.targets.slice(1))
    await insertCoordinationReferral(trx, {
      id: randomUUID(),
      caseId: id,
      fromTeamId: owner.id,
      toTeamId: other.id,
      at: now,
      by: user.id,
    });
  // A minor's signal: no consent asked, the guardian organisation and Veilig Thuis told (children/).
  await startChildRoute(core, trx, row, now, { userId: user.id, teamId: s.team.id }, s.coverage);
  await writeRegistration(core, trx, row, s.team.organisation_type);
  for (const target of s.targets)
    await core.notifier.notify(trx, target.id, 'signal', id, undefined, value.urgency);
  await core.audit.record(
    {
      actorUserId: user.id,
      action: value.kind === 'consult' ? 'nrm.consult.create' : 'nrm.case.create',
      entityType: 'nrm_case',
      entityId: id,
      detail: {
        owner_team: owner.id,
        personal_data: personal,
        legal_ground: legalGround,
        ...(duplicates ? { duplicate_candidates: duplicates.pairs } : {}),
      },
    },
    trx,
  );
  return { id, reference };
}
