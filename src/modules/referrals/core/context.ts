// What every aggregate of the referral mechanism shares: its dependencies, the sealing of personal data, the
// teams (kept a few seconds), who the viewer is, where a signal goes, and the two doors to a case: `readable`
// (a read, audited when refused) and `change` (lock, version, access, apply, registration, audit in one
// transaction). The aggregates (signals/, workflow/, referral/, placements/, capacity/, notifications/,
// privacy/, registration/, teams/) are built on it; service.ts composes them.
import { createHmac } from 'node:crypto';
import type { Config } from '../../../config.js';
import type { AuditService } from '../../../platform/audit/service.js';
import type { Role } from '../../../platform/auth/index.js';
import { fieldContext, type FieldCryptoService } from '../../../platform/crypto/index.js';
import { Conflict, Forbidden, NotFound } from '../../../platform/errors.js';
import type { DirectoryService, ServiceRecord } from '../../directory/index.js';
import { caseAccess, type CaseAccess, type Viewer } from '../access.js';
import { createConsentActions } from '../consent-service.js';
import { DEFAULT_DEADLINES, type TriageDeadlines } from '../deadlines.js';
import { byAge, localDate, type AgeRange } from '../model.js';
import { createNotifier, type MailOutbox } from '../notifications/notifier.js';
import * as repo from '../repository.js';
import { activeRolesByTeam } from '../repository/routing.js';
import { canAct, forwardReceiver } from '../routing.js';
import { fieldScopesFrom, type FieldScopes } from '../field-scopes.js';
import { fieldScopeRows } from '../repository/field-scopes.js';
import { createReferralSealing } from '../sealing.js';
import { bumpVersion, upsertRegistration } from './repository.js';
import { isId } from './validation.js';

export interface ReferralDeps {
  db: repo.Root;
  clock: () => Date;
  config: Config;
  audit: AuditService;
  directory: DirectoryService;
  mail?: MailOutbox;
  /** Application-level encryption of the person's data and the summary, with a rotatable key. */
  fieldCrypto: FieldCryptoService;
  /** Working days a new signal may wait for triage (default 2). */
  triageWorkingDays?: number;
  /** Years after closing before a case is anonymised (default 5). */
  retentionYears?: number;
}

// A type alias (not an interface) so it also fits the PDF export's record of fields.
export type PersonData = {
  name: string | null;
  dateOfBirth: string | null;
  contact: string | null;
  specialNotes: string | null;
  /** The languages the person speaks: codes, comma-separated (languages.ts). */
  languages: string | null;
};

/** A stale form: the case changed since the user loaded it. Carries the current version for the merge view. */
export class CaseConflict extends Conflict {
  constructor(readonly currentVersion: number) {
    super('referrals.errors.conflict');
  }
}

/** How long one app server keeps the list of teams (see teams below). */
const TEAMS_TTL_MS = 5_000;

export type CaseCore = ReturnType<typeof createCaseCore>;
export type User = { id: string; role: Role };

export function createCaseCore(deps: ReferralDeps) {
  const { db, clock, config } = deps;
  const triageDays = deps.triageWorkingDays ?? config.triageWorkingDays ?? 2;
  const deadlines: TriageDeadlines = {
    acuteHours: config.triageAcuteHours ?? DEFAULT_DEADLINES.acuteHours,
    highWorkingDays: Math.min(config.triageHighWorkingDays ?? DEFAULT_DEADLINES.highWorkingDays, triageDays),
    normalWorkingDays: triageDays,
  };
  const pseudonymKey = createHmac('sha256', config.encryptionKey)
    .update('nrm-registration-pseudonym')
    .digest();
  const crypto = deps.fieldCrypto;
  // Contexts are table, column and row id (fieldContext), so a value copied to another row does not decrypt and
  // `samen keys rotate` can re-encrypt the registered columns.
  const seal = (value: string, context: string) => (value ? crypto.encryptField(value, context) : null);
  const open = (value: string | null, context: string) =>
    value ? crypto.decryptField(value, context) : null;
  // Every free-text reason of the module, sealed the same way (sealing.ts).
  const sealed = createReferralSealing(crypto);

  // Teams change rarely (an administrator adds one) and are read on every case page and signal: kept here for a
  // few seconds. This process forgets them at once when it adds teams; another app server sees a new team
  // within TEAMS_TTL_MS. Membership (who may see what) is never cached: viewerOf reads it per request.
  let teamsCache: { until: number; teams: Promise<repo.TeamRow[]> } | undefined;
  const teams = {
    all(): Promise<repo.TeamRow[]> {
      const now = performance.now();
      if (!teamsCache || now >= teamsCache.until) {
        const loaded = repo.teams(db);
        teamsCache = { until: now + TEAMS_TTL_MS, teams: loaded };
        loaded.catch(() => {
          if (teamsCache?.teams === loaded) teamsCache = undefined;
        });
      }
      return teamsCache.teams;
    },
    forget() {
      teamsCache = undefined;
    },
  };

  // The per-field scopes (field-scopes.ts) are read on every case page and change rarely: kept like the teams.
  let scopesCache: { until: number; scopes: Promise<FieldScopes> } | undefined;
  const fieldScopes = {
    get(): Promise<FieldScopes> {
      const now = performance.now();
      if (!scopesCache || now >= scopesCache.until) {
        const loaded = fieldScopeRows(db).then(fieldScopesFrom);
        scopesCache = { until: now + TEAMS_TTL_MS, scopes: loaded };
        loaded.catch(() => {
          if (scopesCache?.scopes === loaded) scopesCache = undefined;
        });
      }
      return scopesCache.scopes;
    },
    forget() {
      scopesCache = undefined;
    },
  };

  return {
    db,
    clock,
    config,
    fieldScopes,
    audit: deps.audit,
    directory: deps.directory,
    deadlines,
    retentionYears: deps.retentionYears ?? config.retentionYears ?? 5,
    seal,
    open,
    sealed,
    /** The person's data, decrypted (each column under its own table, column and row context). */
    openPerson: (
      person: {
        name_enc: string | null;
        date_of_birth_enc: string | null;
        contact_enc: string | null;
        special_notes_enc: string | null;
        languages_enc?: string | null;
      },
      caseId: string,
    ): PersonData => ({
      name: open(person.name_enc, fieldContext('nrm_person', 'name_enc', caseId)),
      dateOfBirth: open(person.date_of_birth_enc, fieldContext('nrm_person', 'date_of_birth_enc', caseId)),
      contact: open(person.contact_enc, fieldContext('nrm_person', 'contact_enc', caseId)),
      specialNotes: open(person.special_notes_enc, fieldContext('nrm_person', 'special_notes_enc', caseId)),
      languages: open(person.languages_enc ?? null, fieldContext('nrm_person', 'languages_enc', caseId)),
    }),
    consentActions: createConsentActions({
      crypto,
      sealed,
      publicOrigin: config.publicOrigin,
      ...(deps.mail ? { mail: deps.mail } : {}),
    }),
    pseudonymOf: (caseId: string) =>
      `R${createHmac('sha256', pseudonymKey).update(caseId).digest('base64url').slice(0, 15)}`,
    teams,
    notifier: createNotifier({
      clock,
      publicOrigin: config.publicOrigin,
      ...(deps.mail ? { mail: deps.mail } : {}),
    }),
  };
}

export async function viewerOf(core: CaseCore, user: User): Promise<Viewer & { team?: repo.TeamRow }> {
  const team = await repo.teamOfUser(core.db, user.id);
  return { userId: user.id, role: user.role, teamId: team?.id ?? null, ...(team ? { team } : {}) };
}

/**
 * Care coordination teams whose directory service covers the municipality, those for the person's age first
 * (model.ts, byAge: the directory service's age limits); CoMensha where none covers it.
 */
export async function routeFor(
  core: CaseCore,
  municipalityCode: string,
  age: AgeRange | undefined,
): Promise<repo.TeamRow[]> {
  return routeAmong(await core.directory.coverageFor(municipalityCode), await core.teams.all(), age);
}

/** routeFor's choice among given teams, for the services that cover the place (no query: safe in a transaction). */
function routeAmong(
  coverage: readonly ServiceRecord[],
  all: readonly repo.TeamRow[],
  age: AgeRange | undefined,
): repo.TeamRow[] {
  const covering = new Map(coverage.map((s) => [s.id, s]));
  const regional = all.filter(
    (t) => t.kind === 'care_coordination' && t.directory_service_id && covering.has(t.directory_service_id),
  );
  if (regional.length > 0)
    return byAge(regional, age, (t) => {
      const service = covering.get(t.directory_service_id!)!;
      return { minimumAge: service.minimum_age, maximumAge: service.maximum_age };
    });
  return all.filter((t) => t.kind === 'national');
}

/**
 * The directory services covering a case's place, read BEFORE a change's transaction, for forwardFor. The
 * directory's coverage index may have to rebuild from the database, through its own handle: inside the
 * transaction, on the embedded engine's one connection, that query would wait for the transaction, which waits
 * for the query. A case's municipality is fixed when the signal is made, so reading it first cannot go stale.
 * Undefined when the case does not exist (change() then answers 404).
 */
export async function placeCoverage(core: CaseCore, caseId: string): Promise<PlaceCoverage | undefined> {
  if (!isId(caseId)) return undefined;
  const row = await repo.findCase(core.db, caseId);
  if (!row) return undefined;
  return {
    municipalityCode: row.municipality_code,
    services: await core.directory.coverageFor(row.municipality_code),
  };
}

export interface PlaceCoverage {
  municipalityCode: string;
  services: readonly ServiceRecord[];
}

/** A referral or placement request passed to the next level: the team meant and the team that received it. */
export interface ForwardedTo {
  kind: 'referral' | 'placement';
  meant: string;
  to: string;
}

/**
 * Who receives what is meant for a team on this case: that team, else the next level (routing.ts). Runs inside
 * the change's transaction and queries only through it (on the embedded engine's one connection, a query outside
 * it would wait for the transaction, which waits for the query): the teams and who can act are read on `trx`, and
 * the place's coverage was read before the transaction (placeCoverage).
 */
export async function forwardFor(
  trx: repo.Tx,
  row: repo.CaseRow,
  meant: repo.TeamRow,
  coverage: PlaceCoverage | undefined,
) {
  const active = await activeRolesByTeam(trx);
  if (canAct(active, meant)) return { team: meant, level: 'meant' as const };
  if (!coverage || coverage.municipalityCode !== row.municipality_code)
    throw new Error(
      `forwardFor: coverage read for ${coverage?.municipalityCode ?? 'nothing'}, case is in ${row.municipality_code}`,
    );
  const teams = await repo.teams(trx);
  const covering = routeAmong(coverage.services, teams, undefined);
  return forwardReceiver(meant, covering, teams, active, row.owner_team_id);
}

/** Writes the case's pseudonymised national registration (signals only; a consult is not registered). */
export async function writeRegistration(core: CaseCore, trx: repo.Tx, row: repo.CaseRow, originType: string) {
  if (row.kind !== 'signal') return;
  await upsertRegistration(trx, core.pseudonymOf(row.id), {
    registered_on: localDate(row.created_at),
    gender: row.gender,
    age_group: row.age_group,
    citizenship: row.citizenship,
    forms: row.forms,
    sector: row.sector,
    methods_of_control: row.methods_of_control,
    recruitment: row.recruitment,
    referring_org_type: originType,
    safety_region_code: row.safety_region_code,
    police_unit_code: row.police_unit_code,
    minor: row.minor,
    status: row.status,
    signal_at: row.created_at,
    triage_at: row.triaged_at,
    first_referral_at: row.first_referral_at,
    placement_at: row.placed_at,
    closed_at: row.closed_at,
    updated_at: core.clock(),
  });
}

export async function refreshRegistration(core: CaseCore, trx: repo.Tx, caseId: string) {
  const row = await repo.findCase(trx, caseId);
  if (!row) return;
  const origin = await repo.findTeam(trx, row.origin_team_id);
  await writeRegistration(core, trx, row, origin?.organisation_type ?? 'other');
}

export async function loadAccess(core: CaseCore, viewer: Viewer, row: repo.CaseRow) {
  return accessOf(viewer, await repo.accessFactsOf(core.db, row, viewer.userId, core.clock()));
}

function accessOf(viewer: Viewer, facts: ReturnType<typeof repo.accessFactsFrom>) {
  const { referrals, placements, consents, scope } = facts;
  return { access: caseAccess(viewer, scope), referrals, placements, consents, scope };
}

/** Reads a case for a viewer, or not found when they may not see it (its existence is not revealed). */
export async function readable(core: CaseCore, viewer: Viewer, caseId: string) {
  return readableBy(core, viewer.userId, Promise.resolve(viewer), caseId);
}

/**
 * `readable` for a signed-in user whose viewer (their team) is not known yet: it is looked up beside the case,
 * so a page opening a case waits for one level of round trips. Answers the viewer too.
 */
export async function readableFor(core: CaseCore, user: User, caseId: string) {
  if (!isId(caseId)) throw new NotFound();
  const viewer = viewerOf(core, user);
  // A refused case leaves no unhandled rejection behind.
  viewer.catch(() => {});
  const read = await readableBy(core, user.id, viewer, caseId);
  return { ...read, viewer: await viewer };
}

async function readableBy(core: CaseCore, userId: string, viewerFound: Promise<Viewer>, caseId: string) {
  if (!isId(caseId)) throw new NotFound();
  // The case row, the rows its access is decided from and the viewer, side by side: one level of round trips.
  const [row, accessRows, viewer] = await Promise.all([
    repo.findCase(core.db, caseId),
    repo.accessRowsOf(core.db, caseId, userId, core.clock()),
    viewerFound,
  ]);
  if (!row || row.anonymised_at) throw new NotFound();
  const loaded = accessOf(viewer, repo.accessFactsFrom(row, accessRows));
  if (!loaded.access.read) {
    await core.audit.record({
      actorUserId: viewer.userId,
      action: 'nrm.case.denied',
      entityType: 'nrm_case',
      entityId: caseId,
    });
    throw new NotFound();
  }
  return { row, ...loaded };
}

export type ChangeDetail = Record<string, string | number | boolean | null | string[]>;

/**
 * Adds the change's step to the case's timeline: by the viewer and their team, at the change's time, in its
 * transaction. `apply` calls it where the step belongs among its writes (a step may be conditional, or followed
 * by another one, such as the children's route after an assessment).
 */
export type ChangeEvent = (
  kind: string,
  more?: { from?: string | null; to?: string | null; reason?: string | null },
) => Promise<void>;

/**
 * Runs a change on a case: locks the row, checks the version the user saw (CaseConflict on a stale form), checks
 * the access the change needs, applies it (with `event` for its step in the timeline), bumps the version,
 * refreshes the registration and audits `action` with what `apply` returns, all in one transaction.
 */
export async function change(
  core: CaseCore,
  viewer: Viewer,
  caseId: string,
  expectedVersion: number | undefined,
  need: (access: CaseAccess) => boolean,
  action: string,
  apply: (trx: repo.Tx, row: repo.CaseRow, now: Date, event: ChangeEvent) => Promise<ChangeDetail | void>,
): Promise<repo.CaseRow> {
  if (!isId(caseId)) throw new NotFound();
  const changed = await core.db.transaction().execute(async (trx) => {
    const row = await repo.lockCase(trx, caseId);
    if (!row || row.anonymised_at) throw new NotFound();
    const scope = await repo.scopeOf(trx, row, viewer.userId, core.clock());
    const access = caseAccess(viewer, scope);
    if (!access.read) throw new NotFound();
    if (!need(access)) throw new Forbidden('referrals.errors.notAllowed');
    if (expectedVersion !== undefined && expectedVersion !== row.version) throw new CaseConflict(row.version);
    const now = core.clock();
    const event: ChangeEvent = (kind, more) =>
      repo.addEvent(trx, core.sealed, {
        caseId,
        at: now,
        actorUserId: viewer.userId,
        actorTeamId: viewer.teamId,
        kind,
        ...more,
      });
    const detail = (await apply(trx, row, now, event)) ?? {};
    const updated = await bumpVersion(trx, row, now);
    await refreshRegistration(core, trx, caseId);
    await core.audit.record(
      { actorUserId: viewer.userId, action, entityType: 'nrm_case', entityId: caseId, detail },
      trx,
    );
    return updated;
  });
  // A referral withdrawn, a transfer, a placement answered: who sees which notification may have changed.
  core.notifier.forgetUnseen();
  return changed;
}
