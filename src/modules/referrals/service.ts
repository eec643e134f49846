// The referral mechanism's domain rules: signals routed by directory coverage, the case workflow with its
// deadlines, referrals and transfers behind a consent gate, shelter places and placements, the pseudonymised
// national registration, and an audit entry for every read and write of case data. No HTTP, no HTML.
import { createAuditLog } from './audit-log.js';
import { createHmac, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../db/schema.js';
import type { AuditService } from '../../platform/audit/service.js';
import type { Role } from '../../platform/auth/index.js';
import { fieldContext, type FieldCryptoService } from '../../platform/crypto/index.js';
import {
  conflict,
  HttpError,
  notFound,
  ValidationFailed,
  type FieldProblem,
} from '../../platform/http/errors.js';
import type { DirectoryService } from '../directory/index.js';
import { caseAccess, GLASS_BREAKERS, NO_ACCESS, type CaseAccess, type Viewer } from './access.js';
import {
  AGE_GROUPS,
  ageRangeOf,
  byAge,
  type AgeRange,
  allowedTransitions,
  CLOSE_REASONS,
  CONSENTS,
  FORMS,
  GENDERS,
  isMinorAgeGroup,
  isStatus,
  localDate,
  METHODS_OF_CONTROL,
  NEEDS,
  RECRUITMENT,
  reflectionEnd,
  SECTORS,
  SERVICE_TYPES,
  SHELTER_CATEGORIES,
  SIGNALS,
  URGENCIES,
  type CaseKind,
  type CaseStatus,
  TEAM_KINDS,
  ORGANISATION_TYPES,
} from './model.js';
import * as repo from './repository.js';
import { bottlenecks } from './bottlenecks.js';
import { toRegistrationRecord } from './htcds.js';
import {
  escalationTarget,
  canAct,
  forwardReceiver,
  routeFindings,
  signalReceivers,
  type EscalationTarget,
} from './routing.js';
import { createReferralSealing } from './sealing.js';
import { resolveOnClose } from './closing.js';
import { applyExit, validateExit } from './placement-exit.js';
import { applyPlacementAnswer, applyReferralAnswer } from './answers.js';
import {
  activeRolesByTeam,
  findSubmitted,
  insertForwardedPlacement,
  signalReceipt,
} from './repository/routing.js';
import { DEFAULT_DEADLINES, deadlineText, triageDue, type TriageDeadlines } from './deadlines.js';
import { deriveMinor, isEuropeanNational, isRealDate, legalGroundOf, type MinorSource } from './derived.js';
import {
  createConsentActions,
  firstLineStatus,
  validateRecordConsent,
  validateWithdrawal,
  type RecordConsentInput,
} from './consent-service.js';
import { consentsOf, eraseWithdrawalNotes } from './repository/consent.js';
import { standing } from './consent.js';
import { accessRecord, actorsOf } from './subject-access-repository.js';

/** A referral or placement request passed to the next level: the team meant and the team that received it. */
export interface ForwardedTo {
  kind: 'referral' | 'placement';
  meant: string;
  to: string;
}

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
}
/** The platform mail outbox (enqueued in the same transaction as the change that causes the mail). */
export interface MailOutbox {
  enqueue(mail: OutgoingMail, trx?: Transaction<Database> | Kysely<Database>): Promise<void>;
}

export interface ReferralDeps {
  db: Kysely<Database>;
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

export interface SignalInput {
  kind: CaseKind;
  municipality: string;
  urgency: string;
  minor: string;
  consent: string;
  vitalInterest: boolean;
  forms: string[];
  signals: string[];
  methodsOfControl: string[];
  recruitment: string[];
  sector: string;
  needs: string[];
  gender: string;
  ageGroup: string;
  citizenship: string;
  summary: string;
  name: string;
  dateOfBirth: string;
  contact: string;
  /** The form's one-time token: a second post with it finds the case the first made (no second case). */
  submission?: string;
}

// A type alias (not an interface) so it also fits the PDF export's record of fields.
export type PersonData = {
  name: string | null;
  dateOfBirth: string | null;
  contact: string | null;
  specialNotes: string | null;
};

/** A stale form: the case changed since the user loaded it. Carries the current case for the merge view. */
export class CaseConflict extends HttpError {
  constructor(readonly currentVersion: number) {
    super(409, 'conflict', 'referrals.errors.conflict');
  }
}

const MAX_TEXT = 4000;
const MAX_SHORT = 200;
/** How long one app server keeps the list of teams (see allTeams). */
const TEAMS_TTL_MS = 5_000;
/** How long in-app notifications are kept and listed. */
const NOTIFICATION_DAYS = 90;
/** The queue page counts new notifications up to this many ("more than 50" beyond). */
export const NOTIFICATION_COUNT_CAP = 50;
/** How long one app server keeps a user's count of new notifications (see unseenCounts). */
const UNSEEN_TTL_MS = 10_000;

function pick<T extends string>(
  problems: FieldProblem[],
  field: string,
  value: string,
  allowed: readonly T[],
): T {
  if (!(allowed as readonly string[]).includes(value)) {
    problems.push({ field, key: 'referrals.errors.choose' });
    return allowed[0]!;
  }
  return value as T;
}

function pickMany(problems: FieldProblem[], field: string, values: string[], allowed: readonly string[]) {
  const bad = values.filter((v) => !allowed.includes(v));
  if (bad.length) problems.push({ field, key: 'referrals.errors.unknownValue' });
  return [...new Set(values.filter((v) => allowed.includes(v)))];
}

function text(problems: FieldProblem[], field: string, value: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length > max) problems.push({ field, key: 'referrals.errors.tooLong', params: { max } });
  return trimmed;
}

export function createReferralService(deps: ReferralDeps) {
  const { db, clock, audit, directory } = deps;
  const key = deps.config.encryptionKey;
  const triageDays = deps.triageWorkingDays ?? deps.config.triageWorkingDays ?? 2;
  const deadlines: TriageDeadlines = {
    acuteHours: deps.config.triageAcuteHours ?? DEFAULT_DEADLINES.acuteHours,
    highWorkingDays: Math.min(
      deps.config.triageHighWorkingDays ?? DEFAULT_DEADLINES.highWorkingDays,
      triageDays,
    ),
    normalWorkingDays: triageDays,
  };
  const retentionYears = deps.retentionYears ?? deps.config.retentionYears ?? 5;
  const pseudonymKey = createHmac('sha256', key).update('nrm-registration-pseudonym').digest();

  const crypto = deps.fieldCrypto;
  // Contexts are table, column and row id (fieldContext), so a value copied to another row does not decrypt and
  // `samen keys rotate` can re-encrypt the registered columns.
  const seal = (value: string, context: string) => (value ? crypto.encryptField(value, context) : null);
  const open = (value: string | null, context: string) =>
    value ? crypto.decryptField(value, context) : null;
  // Every free-text reason of the module, sealed the same way (sealing.ts).
  const sealed = createReferralSealing(crypto);
  /** The person's data, decrypted (each column under its own table, column and row context). */
  const openPerson = (
    person: {
      name_enc: string | null;
      date_of_birth_enc: string | null;
      contact_enc: string | null;
      special_notes_enc: string | null;
    },
    caseId: string,
  ): PersonData => ({
    name: open(person.name_enc, fieldContext('nrm_person', 'name_enc', caseId)),
    dateOfBirth: open(person.date_of_birth_enc, fieldContext('nrm_person', 'date_of_birth_enc', caseId)),
    contact: open(person.contact_enc, fieldContext('nrm_person', 'contact_enc', caseId)),
    specialNotes: open(person.special_notes_enc, fieldContext('nrm_person', 'special_notes_enc', caseId)),
  });
  const consentActions = createConsentActions({
    crypto,
    sealed,
    publicOrigin: deps.config.publicOrigin,
    ...(deps.mail ? { mail: deps.mail } : {}),
  });
  const pseudonymOf = (caseId: string) =>
    `R${createHmac('sha256', pseudonymKey).update(caseId).digest('base64url').slice(0, 15)}`;

  // Teams change rarely (an administrator adds one) and are read on every case page and signal: kept here for a
  // few seconds. This process forgets them at once when it adds teams; another app server sees a new team
  // within TEAMS_TTL_MS. Membership (who may see what) is never cached: viewerOf reads it per request.
  let teamsCache: { until: number; teams: Promise<repo.TeamRow[]> } | undefined;
  function allTeams(): Promise<repo.TeamRow[]> {
    const now = performance.now();
    if (!teamsCache || now >= teamsCache.until) {
      const teams = repo.teams(db);
      teamsCache = { until: now + TEAMS_TTL_MS, teams };
      teams.catch(() => {
        if (teamsCache?.teams === teams) teamsCache = undefined;
      });
    }
    return teamsCache.teams;
  }

  async function viewerOf(user: { id: string; role: Role }): Promise<Viewer & { team?: repo.TeamRow }> {
    const team = await repo.teamOfUser(db, user.id);
    return { userId: user.id, role: user.role, teamId: team?.id ?? null, ...(team ? { team } : {}) };
  }

  /**
   * Care coordination teams whose directory service covers the municipality, those for the person's age first
   * (model.ts, byAge: the directory service's age limits); CoMensha where none covers it.
   */
  async function routeFor(municipalityCode: string, age: AgeRange | undefined): Promise<repo.TeamRow[]> {
    const covering = new Map((await directory.coverageFor(municipalityCode)).map((s) => [s.id, s]));
    const all = await allTeams();
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

  /** Who receives what is meant for a team on this case: that team, else the next level (routing.ts). */
  async function forwardFor(trx: Transaction<Database>, row: repo.CaseRow, meant: repo.TeamRow) {
    const covering = await routeFor(row.municipality_code, undefined);
    const active = await activeRolesByTeam(trx);
    return forwardReceiver(meant, covering, await allTeams(), active, row.owner_team_id);
  }

  async function notify(
    trx: Transaction<Database>,
    teamId: string,
    subjectKey: string,
    caseId: string,
    roles?: string[],
    urgency?: string,
  ) {
    // In the app (the team's notification list) and by mail; neither carries personal data or case content.
    unseenCounts.clear();
    await repo.insertNotification(trx, {
      teamId,
      caseId,
      kind: subjectKey as repo.NotificationKind,
      roles: roles ?? null,
      at: clock(),
    });
    if (!deps.mail) return;
    const to = await repo.teamRecipients(trx, teamId, roles);
    if (to.length === 0) return;
    const link = `${deps.config.publicOrigin}/nvm/cases/${caseId}`;
    // No personal data and no case content: what happened, and a link that needs a sign-in with a second factor.
    const subjects: Record<string, [string, string]> = {
      signal: ['Nieuw signaal voor uw team', 'New signal for your team'],
      referral: ['Nieuwe verwijzing voor uw team', 'New referral for your team'],
      placement: ['Nieuw plaatsingsverzoek', 'New placement request'],
      overdue: ['Termijn verstreken: signaal wacht op triage', 'Deadline passed: signal awaiting triage'],
      reflection: ['Bedenktijd loopt binnenkort af', 'Reflection period ends soon'],
    };
    const [nl, en] = subjects[subjectKey]!;
    // The urgency leads the subject, so an acute signal stands out in a full inbox (no case content).
    const urgent: Record<string, string> = { acute: 'ACUUT / ACUTE: ', high: 'Hoog / High: ' };
    await deps.mail.enqueue(
      {
        to,
        subject: `Samen: ${urgency ? (urgent[urgency] ?? '') : ''}${nl} / ${en}`,
        text: `${nl}.\nBekijk het in Samen (inloggen met tweede factor):\n${link}\n\n${en}.\nView it in Samen (sign in with your second factor):\n${link}\n`,
      },
      trx,
    );
  }

  /** The oldest moment a notification is still listed or counted. */
  const notificationsSince = (now: Date = clock()) =>
    new Date(now.getTime() - NOTIFICATION_DAYS * 86_400_000);

  /**
   * The queue page's count of new notifications, per user, kept UNSEEN_TTL_MS: the count costs the database
   * more than the rest of the page, and coordinators reload the queue often. Cleared on this server when a
   * notification is written, a case changes or the user marks them read; another app server's change shows
   * within UNSEEN_TTL_MS.
   */
  const unseenCounts = new Map<string, { count: number; at: number }>();
  const cachedUnseen = (userId: string) => {
    const hit = unseenCounts.get(userId);
    return hit && clock().getTime() - hit.at < UNSEEN_TTL_MS ? hit.count : undefined;
  };
  const rememberUnseen = (userId: string, count: number) => {
    if (unseenCounts.size >= 10_000) unseenCounts.clear();
    unseenCounts.set(userId, { count, at: clock().getTime() });
  };

  /**
   * A team's recent notifications for a viewer whose reason still stands (see repo.teamNotifications), only of
   * cases the viewer may read now: the case page's access rule, for all of them in three queries.
   */
  async function visibleNotifications(viewer: Viewer, o: { limit: number }) {
    if (!viewer.teamId) return [];
    const now = clock();
    const rows = await repo.teamNotifications(db, {
      teamId: viewer.teamId,
      role: viewer.role,
      since: notificationsSince(),
      limit: o.limit,
    });
    if (rows.length === 0) return [];
    const cases = await repo.casesByIds(db, [...new Set(rows.map((r) => r.case_id))]);
    const scopes = await repo.scopesOf(db, cases, viewer.userId, now);
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

  async function writeRegistration(trx: Transaction<Database>, row: repo.CaseRow, originType: string) {
    if (row.kind !== 'signal') return;
    const now = clock();
    const values = {
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
      updated_at: now,
    };
    await trx
      .insertInto('nrm_registration')
      .values({ pseudonym: pseudonymOf(row.id), ...values })
      .onConflict((oc) => oc.column('pseudonym').doUpdateSet(values))
      .execute();
  }

  async function refreshRegistration(trx: Transaction<Database>, caseId: string) {
    const row = await repo.findCase(trx, caseId);
    if (!row) return;
    const origin = await repo.findTeam(trx, row.origin_team_id);
    await writeRegistration(trx, row, origin?.organisation_type ?? 'other');
  }

  function validateSignal(input: SignalInput) {
    const problems: FieldProblem[] = [];
    const kind = pick(problems, 'kind', input.kind, ['signal', 'consult'] as const);
    const urgency = pick(problems, 'urgency', input.urgency, URGENCIES);
    const minor = pick(problems, 'minor', input.minor, ['yes', 'no', 'unknown'] as const);
    const consent = pick(problems, 'consent', input.consent || 'not_asked', CONSENTS);
    const forms = pickMany(problems, 'forms', input.forms, FORMS);
    const signals = pickMany(problems, 'signals', input.signals, SIGNALS);
    const methods = pickMany(problems, 'methodsOfControl', input.methodsOfControl, METHODS_OF_CONTROL);
    const recruitment = pickMany(problems, 'recruitment', input.recruitment, RECRUITMENT);
    const needs = pickMany(problems, 'needs', input.needs, NEEDS);
    const sector = input.sector ? pick(problems, 'sector', input.sector, SECTORS) : null;
    const gender = pick(problems, 'gender', input.gender || 'unknown', GENDERS);
    const ageGroup = pick(problems, 'ageGroup', input.ageGroup || 'unknown', AGE_GROUPS);
    const citizenship = (input.citizenship || 'unknown').trim();
    if (citizenship !== 'unknown' && !/^[A-Z]{2}$/.test(citizenship))
      problems.push({ field: 'citizenship', key: 'referrals.errors.country' });
    const summary = text(problems, 'summary', input.summary, MAX_TEXT);
    const name = text(problems, 'name', input.name, MAX_SHORT);
    const contact = text(problems, 'contact', input.contact, MAX_SHORT);
    const dateOfBirth = input.dateOfBirth.trim();
    if (dateOfBirth && !isRealDate(dateOfBirth))
      problems.push({ field: 'dateOfBirth', key: 'referrals.errors.date' });
    if (!input.municipality) problems.push({ field: 'municipality', key: 'referrals.errors.municipality' });
    if (kind === 'signal' && forms.length === 0 && signals.length === 0 && methods.length === 0)
      problems.push({ field: 'signals', key: 'referrals.errors.whatSeen' });
    if (kind === 'consult' && (name || contact || dateOfBirth))
      problems.push({ field: 'name', key: 'referrals.errors.consultNoPersonalData' });
    if (minor === 'yes' && ageGroup !== 'unknown' && !isMinorAgeGroup(ageGroup))
      problems.push({ field: 'ageGroup', key: 'referrals.errors.minorAge' });
    if (minor === 'no' && isMinorAgeGroup(ageGroup))
      problems.push({ field: 'ageGroup', key: 'referrals.errors.adultAge' });
    // Only what was said: "minor" is derived from the age in submitSignal (derived.ts), never from a default.
    return {
      problems,
      value: {
        kind,
        urgency,
        minor,
        consent,
        forms,
        signals,
        methods,
        recruitment,
        needs,
        sector,
        gender,
        ageGroup,
        citizenship,
        summary,
        name,
        contact,
        dateOfBirth,
      },
    };
  }

  async function loadAccess(viewer: Viewer, row: repo.CaseRow) {
    const [referrals, placements] = await Promise.all([
      repo.referralsOf(db, row.id),
      repo.placementsOf(db, row.id),
    ]);
    const scope = await repo.scopeOf(db, row, viewer.userId, clock(), referrals, placements);
    return { access: caseAccess(viewer, scope), referrals, placements };
  }

  /** Reads a case for a viewer, or 404 when they may not see it (its existence is not revealed). */
  async function readable(viewer: Viewer, caseId: string) {
    if (!/^[0-9a-f-]{36}$/.test(caseId)) throw notFound();
    const row = await repo.findCase(db, caseId);
    if (!row || row.anonymised_at) throw notFound();
    const loaded = await loadAccess(viewer, row);
    if (!loaded.access.read) {
      await audit.record({
        actorUserId: viewer.userId,
        action: 'nrm.case.denied',
        entityType: 'nrm_case',
        entityId: caseId,
      });
      throw notFound();
    }
    return { row, ...loaded };
  }

  /**
   * Runs a change on a case: locks the row, checks the version the user saw (409 on a stale form), checks the
   * access the change needs, applies it, bumps the version, refreshes the registration and audits, all in one
   * transaction.
   */
  async function change(
    viewer: Viewer,
    caseId: string,
    expectedVersion: number | undefined,
    need: (access: CaseAccess) => boolean,
    action: string,
    apply: (
      trx: Transaction<Database>,
      row: repo.CaseRow,
      now: Date,
    ) => Promise<Record<string, string | number | boolean | null | string[]> | void>,
  ): Promise<repo.CaseRow> {
    if (!/^[0-9a-f-]{36}$/.test(caseId)) throw notFound();
    const changed = await db.transaction().execute(async (trx) => {
      const row = await repo.lockCase(trx, caseId);
      if (!row || row.anonymised_at) throw notFound();
      const scope = await repo.scopeOf(trx, row, viewer.userId, clock());
      const access = caseAccess(viewer, scope);
      if (!access.read) throw notFound();
      if (!need(access)) throw new HttpError(403, 'forbidden', 'referrals.errors.notAllowed');
      if (expectedVersion !== undefined && expectedVersion !== row.version)
        throw new CaseConflict(row.version);
      const now = clock();
      const detail = (await apply(trx, row, now)) ?? {};
      const updated = await trx
        .updateTable('nrm_case')
        .set({ version: row.version + 1, updated_at: now })
        .where('id', '=', caseId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await refreshRegistration(trx, caseId);
      await audit.record(
        { actorUserId: viewer.userId, action, entityType: 'nrm_case', entityId: caseId, detail },
        trx,
      );
      return updated;
    });
    // A referral withdrawn, a transfer, a placement answered: who sees which notification may have changed.
    unseenCounts.clear();
    return changed;
  }

  /**
   * Delivers an escalation: a team other than the owner gets a coordination referral without personal data (so
   * it can read the case and the notification stands), the timeline names the team, and its leads (or, at
   * CoMensha, its national coordinators) get the notification and the mail.
   */
  async function escalateTo(
    trx: Transaction<Database>,
    row: repo.CaseRow,
    target: EscalationTarget,
    now: Date,
  ) {
    if (target.team.id !== row.owner_team_id)
      await trx
        .insertInto('nrm_referral')
        .values({
          id: randomUUID(),
          case_id: row.id,
          kind: 'refer',
          service_type: 'coordination',
          from_team_id: row.owner_team_id,
          to_team_id: target.team.id,
          status: 'pending',
          shares_personal_data: false,
          legal_ground: null,
          reason: null,
          created_at: now,
          created_by: null,
        })
        .execute();
    await repo.addEvent(trx, sealed, {
      caseId: row.id,
      at: now,
      actorUserId: null,
      actorTeamId: target.team.id,
      kind: 'escalated',
    });
    await notify(trx, target.team.id, 'overdue', row.id, [...target.roles], row.urgency);
  }

  return {
    /** The privacy officer's filtered, paginated audit log (audit-log.ts). */
    auditLog: createAuditLog({ db, audit }),
    viewerOf,
    routeFor,
    pseudonymOf,
    now: clock,
    /** For the demo loader only. */
    database: db,
    /** The module's free-text sealing (the demo loader and the one-off sealing of older rows). */
    sealing: sealed,
    /** A signal's receipt for the account that sent it (post, redirect, get), else undefined. */
    signalReceipt: (user: { id: string }, caseId: string) =>
      /^[0-9a-f-]{36}$/.test(caseId) ? signalReceipt(db, user.id, caseId) : Promise.resolve(undefined),

    /** Whether the viewer may read the case (for redirects only; reading it is audited by getCase). */
    async canRead(viewer: Viewer, caseId: string): Promise<boolean> {
      const row = await repo.findCase(db, caseId);
      if (!row || row.anonymised_at) return false;
      return (await loadAccess(viewer, row)).access.read;
    },

    /** The latest audit entries with the actor's name, for the privacy officer (entries hold no personal data). */
    async recentAudit(user: { id: string }, limit = 100) {
      const rows = await db
        .selectFrom('audit_event as a')
        .leftJoin('app_user as u', 'u.id', 'a.actor_user_id')
        .select(['a.id', 'a.at', 'a.action', 'a.entity_type', 'a.entity_id', 'u.display_name as actor_name'])
        .orderBy('a.id', 'desc')
        .limit(limit)
        .execute();
      await audit.record({
        actorUserId: user.id,
        action: 'audit.read',
        entityType: 'audit_event',
        detail: { rows: rows.length },
      });
      return rows;
    },

    async teamOf(userId: string) {
      return repo.teamOfUser(db, userId);
    },
    async teams() {
      return allTeams();
    },

    /**
     * The route check for administrators (`samen nrm check`, /admin/nrm/routes): every route that would reach
     * nobody, or only the next level. No case content.
     */
    async routeCheck(kindName: (kind: string) => string) {
      const regions = await directory.regions();
      const teams = await allTeams();
      const municipalities = [];
      for (const m of regions.municipalities)
        municipalities.push({ name: m.name, covering: await routeFor(m.code, undefined) });
      return routeFindings({ municipalities, teams, active: await activeRolesByTeam(db), kindName });
    },

    /** Teams were added outside this service (the demo loader): read them again on next use. */
    forgetTeams() {
      teamsCache = undefined;
    },

    /**
     * A professional's signal (or anonymous consult): validated, routed to the coordinators covering the
     * municipality, with its triage deadline, the person's data encrypted, a registration and a notification.
     */
    async submitSignal(
      user: { id: string; role: Role },
      input: SignalInput,
    ): Promise<{ id: string; reference: string; ownerTeam: repo.TeamRow; repeated?: boolean }> {
      const viewer = await viewerOf(user);
      if (!viewer.team) throw new HttpError(403, 'forbidden', 'referrals.errors.noTeam');
      // A second post of the same form (a double click, a reload, a retry after a timeout) shows the case the
      // first one made: one case, one national registration.
      const token = input.submission && /^[0-9a-f-]{36}$/.test(input.submission) ? input.submission : null;
      const earlier = async () => {
        if (!token) return undefined;
        const found = await findSubmitted(db, user.id, token);
        const team = found && (await allTeams()).find((t) => t.id === found.owner_team_id);
        return found && team
          ? { id: found.id, reference: found.reference, ownerTeam: team, repeated: true }
          : undefined;
      };
      const repeated = await earlier();
      if (repeated) return repeated;
      const { problems, value } = validateSignal(input);
      const regions = await directory.regions();
      const area = input.municipality ? regions.resolveArea(input.municipality, 'municipality') : undefined;
      const municipality = area?.type === 'municipality' ? regions.municipality(area.code) : undefined;
      if (input.municipality && !municipality)
        problems.push({ field: 'municipality', key: 'referrals.errors.municipality' });
      if (problems.length) throw new ValidationFailed(problems);
      const derived = deriveMinor({
        given: value.minor,
        ageGroup: value.ageGroup,
        dateOfBirth: value.kind === 'signal' ? value.dateOfBirth : null,
        on: localDate(clock()),
      });
      const age = ageRangeOf({
        dateOfBirth: value.kind === 'signal' ? value.dateOfBirth : null,
        ageGroup: value.ageGroup,
        minor: derived.minor,
        on: localDate(clock()),
      });
      // Only teams where someone can act: else the next level (routing.ts). The sender is told who received it.
      const targets = signalReceivers(
        await routeFor(municipality!.code, age),
        await allTeams(),
        await activeRolesByTeam(db),
      ).teams;
      if (targets.length === 0) throw new HttpError(503, 'unavailable', 'referrals.errors.noCoordinator');
      const owner = targets[0]!;
      const now = clock();
      const id = randomUUID();
      const legalGround =
        value.kind === 'consult' ? null : legalGroundOf(value.consent, derived.minor, input.vitalInterest);
      let reference: string;
      try {
        reference = await db.transaction().execute(async (trx) => {
          const reference = await repo.nextReference(trx, now.getUTCFullYear());
          const row = await trx
            .insertInto('nrm_case')
            .values({
              id,
              reference,
              kind: value.kind,
              status: 'received',
              owner_team_id: owner.id,
              origin_team_id: viewer.team!.id,
              origin_user_id: user.id,
              municipality_code: municipality!.code,
              safety_region_code: municipality!.safetyRegion.code,
              police_unit_code: municipality!.policeUnit.code,
              urgency: value.urgency,
              minor: derived.minor,
              minor_source: derived.source,
              vital_interest: value.kind === 'signal' && input.vitalInterest,
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
              summary_enc: seal(value.summary, fieldContext('nrm_case', 'summary_enc', id)),
              submission_token: token,
              triage_due_at: triageDue(value.urgency, now, deadlines),
              created_at: now,
              updated_at: now,
            })
            .returningAll()
            .executeTakeFirstOrThrow();
          if (value.kind === 'signal' && (value.name || value.dateOfBirth || value.contact))
            await trx
              .insertInto('nrm_person')
              .values({
                case_id: id,
                name_enc: seal(value.name, fieldContext('nrm_person', 'name_enc', id)),
                date_of_birth_enc: seal(
                  value.dateOfBirth,
                  fieldContext('nrm_person', 'date_of_birth_enc', id),
                ),
                contact_enc: seal(value.contact, fieldContext('nrm_person', 'contact_enc', id)),
                special_notes_enc: null,
              })
              .execute();
          if (value.kind === 'signal' && value.consent === 'yes')
            await consentActions.fromSignal(trx, id, owner.id, now, user.id);
          await repo.addEvent(trx, sealed, {
            caseId: id,
            at: now,
            actorUserId: user.id,
            actorTeamId: viewer.team!.id,
            kind: value.kind === 'consult' ? 'consult' : 'signal',
            to: 'received',
            reason: null,
          });
          // Where several coordinations cover the municipality, the first owns the case and the others are
          // informed through a referral (they can see it and help).
          for (const other of targets.slice(1))
            await trx
              .insertInto('nrm_referral')
              .values({
                id: randomUUID(),
                case_id: id,
                kind: 'refer',
                service_type: 'coordination',
                from_team_id: owner.id,
                to_team_id: other.id,
                status: 'pending',
                shares_personal_data: false,
                legal_ground: null,
                reason: null,
                created_at: now,
                created_by: user.id,
              })
              .execute();
          await writeRegistration(trx, row, viewer.team!.organisation_type);
          for (const target of targets) await notify(trx, target.id, 'signal', id, undefined, value.urgency);
          await audit.record(
            {
              actorUserId: user.id,
              action: value.kind === 'consult' ? 'nrm.consult.create' : 'nrm.case.create',
              entityType: 'nrm_case',
              entityId: id,
              detail: {
                owner_team: owner.id,
                personal_data: Boolean(value.name || value.dateOfBirth || value.contact),
                legal_ground: legalGround,
              },
            },
            trx,
          );
          return reference;
        });
      } catch (error) {
        // Two posts at once with one token: the unique index lets one through; the other shows its case.
        const other = await earlier();
        if (other) return other;
        throw error;
      }
      return { id, reference, ownerTeam: owner };
    },

    /**
     * The viewer's notifications of the last 90 days (at most 50), newest first, each marked new when it came
     * after their last "seen"; only cases they may still see (a referral may have been withdrawn since). Audited
     * like the queue, with the case references shown.
     */
    async notifications(user: { id: string; role: Role }) {
      const viewer = await viewerOf(user);
      if (!viewer.team) return { items: [], newCount: 0, team: undefined };
      const seenAt = await repo.notificationsSeenAt(db, user.id);
      const items = await visibleNotifications(viewer, { limit: 50 });
      const withNew = items.map((n) => ({ ...n, isNew: !seenAt || n.createdAt > seenAt }));
      await audit.record({
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
      await repo.markNotificationsSeen(db, user.id, clock());
      unseenCounts.delete(user.id);
    },

    async queue(
      user: { id: string; role: Role },
      o: { scope?: 'owner' | 'origin' | 'received' | 'shelter'; status?: string; page?: number },
    ) {
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
        throw new HttpError(400, 'bad_request', 'errors.badRequest', [
          { field: 'scope', key: 'referrals.errors.choose' },
        ]);
      const asked = o.status && (o.status === 'open' || isStatus(o.status)) ? o.status : 'open';
      // The professional's own signals are filtered by stage only (consent.ts, stageOf), never by the step.
      const status = scope === 'origin' && !['open', 'received', 'closed'].includes(asked) ? 'open' : asked;
      const page = Math.max(1, Math.min(o.page ?? 1, 10_000));
      // The team is found in the queue's own query (one round trip on a busy page); only an empty page asks again.
      const cachedCount = cachedUnseen(user.id);
      const result = await repo.queueFor(db, {
        memberUserId: user.id,
        scope,
        status,
        limit: 50,
        offset: (page - 1) * 50,
        ...(cachedCount === undefined
          ? { notifications: { role: user.role, since: notificationsSince(), cap: NOTIFICATION_COUNT_CAP } }
          : {}),
      });
      const team = result.team ?? (await repo.teamOfUser(db, user.id));
      if (!team) return { rows: [], total: 0, scope, status, page, team: undefined, newNotifications: 0 };
      // An empty page has no row to carry the count: ask on its own.
      const newNotifications =
        cachedCount ??
        result.unseenNotifications ??
        (await repo.countUnseenNotifications(db, {
          teamId: team.id,
          role: user.role,
          since: notificationsSince(),
          userId: user.id,
          cap: NOTIFICATION_COUNT_CAP,
        }));
      if (cachedCount === undefined) rememberUnseen(user.id, newNotifications);
      await audit.record({
        actorUserId: user.id,
        action: 'nrm.queue.read',
        entityType: 'nrm_team',
        entityId: team.id,
        detail: { scope, status, cases: result.rows.map((r) => r.reference) },
      });
      return { rows: result.rows, total: result.total, scope, status, page, team, newNotifications };
    },

    /** Everything a viewer may see of one case; audited, with whether person data was shown. */
    async getCase(user: { id: string; role: Role }, caseId: string) {
      const viewer = await viewerOf(user);
      const { row, access, referrals, placements } = await readable(viewer, caseId);
      // A handed-over signal shows its professional the stage only (firstLineStatus); never the file from here.
      if (access.statusOnly) throw notFound();
      const [events, teams, person, municipality] = await Promise.all([
        repo.eventsOf(db, sealed, caseId),
        allTeams(),
        access.person
          ? db.selectFrom('nrm_person').selectAll().where('case_id', '=', caseId).executeTakeFirst()
          : undefined,
        directory.municipality(row.municipality_code),
      ]);
      const personData: PersonData | null = access.person && person ? openPerson(person, caseId) : null;
      await audit.record({
        actorUserId: user.id,
        action: access.viaGrant ? 'nrm.case.read.break_glass' : 'nrm.case.read',
        entityType: 'nrm_case',
        entityId: caseId,
        detail: { person: Boolean(personData) },
      });
      const teamName = new Map(teams.map((t) => [t.id, t.name]));
      const consent = await consentActions.forCase(db, row, access, viewer, referrals, placements, teamName);
      return {
        row,
        access,
        viewer,
        consents: consent.consents,
        recipientStanding: consent.standing,
        triageRule: deadlineText(row.urgency, deadlines),
        summary: access.person
          ? open(row.summary_enc, fieldContext('nrm_case', 'summary_enc', caseId))
          : null,
        person: personData,
        hasPerson: Boolean(person) || !access.person,
        events,
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
    },

    /** Moves a case along the workflow; only the allowed transitions, with a reason, on the version seen. */
    async transition(
      user: { id: string; role: Role },
      caseId: string,
      input: {
        to: string;
        reason: string;
        closeReason?: string;
        version: number;
        reflectionStart?: string;
        /** Closing withdraws open referrals and placement requests (closing.ts); else they refuse the close. */
        withdrawOpen?: boolean;
      },
    ) {
      const viewer = await viewerOf(user);
      const problems: FieldProblem[] = [];
      const reason = text(problems, 'reason', input.reason, MAX_TEXT);
      if (!isStatus(input.to)) problems.push({ field: 'to', key: 'referrals.errors.choose' });
      if (input.to === 'closed' && !(CLOSE_REASONS as readonly string[]).includes(input.closeReason ?? ''))
        problems.push({ field: 'closeReason', key: 'referrals.errors.closeReason' });
      if (problems.length) throw new ValidationFailed(problems);
      return change(
        viewer,
        caseId,
        input.version,
        (a) => a.manage,
        'nrm.case.transition',
        async (trx, row, now) => {
          const to = input.to as CaseStatus;
          if (!allowedTransitions(row.kind as CaseKind, row.status as CaseStatus).includes(to))
            throw new ValidationFailed([
              { field: 'to', key: 'referrals.errors.transition', params: { from: row.status, to } },
            ]);
          const set: Partial<repo.CaseRow> = { status: to };
          if (to === 'triage' && !row.triaged_at) set.triaged_at = now;
          let resolved = {};
          if (to === 'closed') {
            set.closed_at = now;
            set.closed_reason = input.closeReason!;
            resolved = await resolveOnClose(trx, sealed, {
              caseId,
              actorUserId: user.id,
              actorTeamId: viewer.teamId,
              now,
              withdraw: input.withdrawOpen === true,
            });
          }
          if (row.status === 'closed') {
            set.closed_at = null;
            set.closed_reason = null;
          }
          await trx.updateTable('nrm_case').set(set).where('id', '=', caseId).execute();
          await repo.addEvent(trx, sealed, {
            caseId,
            at: now,
            actorUserId: user.id,
            actorTeamId: viewer.teamId,
            kind: row.status === 'closed' ? 'reopen' : 'transition',
            from: row.status,
            to,
            reason: [input.closeReason, reason].filter(Boolean).join(': ') || null,
          });
          return { from: row.status, to, ...resolved };
        },
      );
    },

    /** The assessment: what is known about the person's situation (non-identifying), and the reflection period. */
    async assess(
      user: { id: string; role: Role },
      caseId: string,
      input: {
        version: number;
        forms: string[];
        signals: string[];
        methodsOfControl: string[];
        recruitment: string[];
        needs: string[];
        sector: string;
        gender: string;
        ageGroup: string;
        citizenship: string;
        reflectionStart: string;
      },
    ) {
      const viewer = await viewerOf(user);
      const problems: FieldProblem[] = [];
      const forms = pickMany(problems, 'forms', input.forms, FORMS);
      const signals = pickMany(problems, 'signals', input.signals, SIGNALS);
      const methods = pickMany(problems, 'methodsOfControl', input.methodsOfControl, METHODS_OF_CONTROL);
      const recruitment = pickMany(problems, 'recruitment', input.recruitment, RECRUITMENT);
      const needs = pickMany(problems, 'needs', input.needs, NEEDS);
      const sector = input.sector ? pick(problems, 'sector', input.sector, SECTORS) : null;
      const gender = pick(problems, 'gender', input.gender || 'unknown', GENDERS);
      const ageGroup = pick(problems, 'ageGroup', input.ageGroup || 'unknown', AGE_GROUPS);
      const citizenship = (input.citizenship || 'unknown').trim();
      if (citizenship !== 'unknown' && !/^[A-Z]{2}$/.test(citizenship))
        problems.push({ field: 'citizenship', key: 'referrals.errors.country' });
      const start = input.reflectionStart.trim();
      if (start && !isRealDate(start))
        problems.push({ field: 'reflectionStart', key: 'referrals.errors.date' });
      if (start && isEuropeanNational(citizenship))
        problems.push({ field: 'reflectionStart', key: 'referrals.errors.reflectionEu' });
      if (problems.length) throw new ValidationFailed(problems);
      return change(
        viewer,
        caseId,
        input.version,
        (a) => a.manage,
        'nrm.case.assess',
        async (trx, _row, now) => {
          // A corrected or stated "minor" stands (a contradicting age group is refused); a derived or unknown one
          // follows the age group now given.
          const stands =
            _row.minor_source === 'corrected' || (_row.minor_source === 'given' && _row.minor !== 'unknown');
          const contradicts =
            ageGroup !== 'unknown' &&
            (isMinorAgeGroup(ageGroup) ? _row.minor === 'no' : _row.minor === 'yes');
          if (stands && contradicts)
            throw new ValidationFailed([{ field: 'ageGroup', key: 'referrals.errors.ageContradictsMinor' }]);
          const derived = stands
            ? { minor: _row.minor as 'yes' | 'no' | 'unknown', source: _row.minor_source as MinorSource }
            : deriveMinor({ given: 'unknown', ageGroup, on: localDate(now) });
          const minor = derived.minor;
          await trx
            .updateTable('nrm_case')
            .set({
              forms,
              indicators: signals,
              methods_of_control: methods,
              recruitment,
              needs,
              sector,
              gender,
              age_group: ageGroup,
              citizenship,
              minor,
              minor_source: derived.source,
              legal_ground: legalGroundOf(_row.consent, minor, _row.vital_interest),
              ...(start ? { reflection_ends_on: reflectionEnd(start), reflection_warned_at: null } : {}),
            })
            .where('id', '=', caseId)
            .execute();
          await repo.addEvent(trx, sealed, {
            caseId,
            at: now,
            actorUserId: user.id,
            actorTeamId: viewer.teamId,
            kind: 'assessment',
          });
          return {
            fields: [
              'forms',
              'indicators',
              'methods_of_control',
              'recruitment',
              'needs',
              'sector',
              'gender',
              'age_group',
              'citizenship',
              ...(start ? ['reflection'] : []),
            ],
            minor,
            minor_source: derived.source,
          };
        },
      );
    },

    /** Records consent (or its refusal) after the signal; consent is what lets personal data travel. */
    async recordConsent(
      user: { id: string; role: Role },
      caseId: string,
      input: { version: number; consent: string; vitalInterest: boolean },
    ) {
      const viewer = await viewerOf(user);
      const problems: FieldProblem[] = [];
      const consent = pick(problems, 'consent', input.consent, CONSENTS);
      if (problems.length) throw new ValidationFailed(problems);
      return change(
        viewer,
        caseId,
        input.version,
        (a) => a.manage,
        'nrm.case.consent',
        async (trx, row, now) => {
          // "No consent" (or "not asked" after all) withdraws every standing consent: recipients lose sight at once.
          const withdrawn =
            consent !== 'yes' && (await consentsOf(trx, caseId)).some(standing)
              ? await consentActions.withdraw(
                  trx,
                  row,
                  { userId: user.id, teamId: viewer.teamId },
                  { consent: 'all', note: '' },
                  now,
                )
              : undefined;
          const ground = legalGroundOf(consent, row.minor, input.vitalInterest);
          await trx
            .updateTable('nrm_case')
            .set({ consent, legal_ground: ground, vital_interest: input.vitalInterest })
            .where('id', '=', caseId)
            .execute();
          await repo.addEvent(trx, sealed, {
            caseId,
            at: now,
            actorUserId: user.id,
            actorTeamId: viewer.teamId,
            kind: 'consent',
            reason: `${consent}${ground ? ` (${ground})` : ''}`,
          });
          return { consent, legal_ground: ground, ...(withdrawn ?? {}) };
        },
      );
    },

    /** Records a consent or a refusal for one recipient team and purpose (consent-service.ts). */
    async recordRecipientConsent(
      user: { id: string; role: Role },
      caseId: string,
      input: RecordConsentInput & { version: number },
    ) {
      const viewer = await viewerOf(user);
      const problems = validateRecordConsent(input);
      if (problems.length) throw new ValidationFailed(problems);
      return change(
        viewer,
        caseId,
        input.version,
        (a) => a.manage,
        'nrm.consent.record',
        (trx, row, now) =>
          consentActions.record(trx, row, { userId: user.id, teamId: viewer.teamId }, input, now),
      );
    },

    /** Withdraws one consent or all: recipients without another ground lose sight of the person at once. */
    async withdrawConsent(
      user: { id: string; role: Role },
      caseId: string,
      input: { version: number; consent: string; note: string },
    ) {
      const viewer = await viewerOf(user);
      const problems = validateWithdrawal(input);
      if (problems.length) throw new ValidationFailed(problems);
      return change(
        viewer,
        caseId,
        input.version,
        (a) => a.manage,
        'nrm.consent.withdraw',
        (trx, row, now) =>
          consentActions.withdraw(trx, row, { userId: user.id, teamId: viewer.teamId }, input, now),
      );
    },

    /**
     * The stage of a handed-over signal for the professional who raised it (audited), or undefined when the
     * viewer sees more than that (then getCase answers).
     */
    async firstLineStatus(user: { id: string; role: Role }, caseId: string) {
      if (user.role !== 'nrm_professional') return undefined;
      const viewer = await viewerOf(user);
      const { row, access } = await readable(viewer, caseId);
      if (!access.statusOnly) return undefined;
      await audit.record({
        actorUserId: user.id,
        action: 'nrm.case.read.status',
        entityType: 'nrm_case',
        entityId: caseId,
        detail: { person: false },
      });
      return firstLineStatus(row);
    },

    /**
     * A coordinator corrects whether the person is a minor, with a reason: the legal ground is derived again, the
     * case shows it as corrected, the step is in the timeline and the audit, and the registration follows.
     */
    async correctMinor(
      user: { id: string; role: Role },
      caseId: string,
      input: { version: number; minor: string; reason: string },
    ) {
      const viewer = await viewerOf(user);
      const problems: FieldProblem[] = [];
      const minor = pick(problems, 'minor', input.minor, ['yes', 'no', 'unknown'] as const);
      const reason = text(problems, 'correctionReason', input.reason, MAX_TEXT);
      if (!reason) problems.push({ field: 'correctionReason', key: 'referrals.errors.reasonRequired' });
      if (problems.length) throw new ValidationFailed(problems);
      return change(
        viewer,
        caseId,
        input.version,
        (a) => a.manage,
        'nrm.case.correct_minor',
        async (trx, row, now) => {
          const ground = legalGroundOf(row.consent, minor, row.vital_interest);
          await trx
            .updateTable('nrm_case')
            .set({ minor, minor_source: 'corrected', legal_ground: ground })
            .where('id', '=', caseId)
            .execute();
          await repo.addEvent(trx, sealed, {
            caseId,
            at: now,
            actorUserId: user.id,
            actorTeamId: viewer.teamId,
            kind: 'correction',
            reason,
          });
          return { from: row.minor, minor, legal_ground_from: row.legal_ground, legal_ground: ground };
        },
      );
    },

    /**
     * Refer (the receiver gets access) or transfer (the receiver becomes owner once it accepts). Sharing the
     * person's data needs recorded consent or a legal ground: never silently (422 otherwise).
     */
    async refer(
      user: { id: string; role: Role },
      caseId: string,
      input: {
        version: number;
        kind: string;
        toTeamId: string;
        serviceType: string;
        sharePersonalData: boolean;
        reason: string;
      },
    ) {
      const viewer = await viewerOf(user);
      const problems: FieldProblem[] = [];
      const kind = pick(problems, 'kind', input.kind, ['refer', 'transfer'] as const);
      const serviceType = pick(problems, 'serviceType', input.serviceType, SERVICE_TYPES);
      const reason = text(problems, 'reason', input.reason, MAX_TEXT);
      const target = /^[0-9a-f-]{36}$/.test(input.toTeamId)
        ? await repo.findTeam(db, input.toTeamId)
        : undefined;
      if (!target || target.id === viewer.teamId)
        problems.push({ field: 'toTeamId', key: 'referrals.errors.team' });
      if (kind === 'transfer' && target && target.kind !== 'care_coordination' && target.kind !== 'national')
        problems.push({ field: 'toTeamId', key: 'referrals.errors.transferTarget' });
      if (problems.length) throw new ValidationFailed(problems);
      let forwarded: ForwardedTo | null = null;
      const changed = await change(
        viewer,
        caseId,
        input.version,
        (a) => a.manage,
        `nrm.case.${kind}`,
        async (trx, row, now) => {
          // Only to a team where someone can answer, else the next level (routing.ts), checked once access and
          // version hold; the consent gate is for the team that receives it.
          const routed = await forwardFor(trx, row, target!);
          if (!routed)
            throw new ValidationFailed([
              { field: 'toTeamId', key: 'referrals.errors.teamUnreachable', params: { team: target!.name } },
            ]);
          const to = routed.team;
          if (routed.level !== 'meant') forwarded = { kind: 'referral', meant: target!.id, to: to.id };
          // The ground for this team and purpose now: its own consent, else minor or vital interest.
          const ground = input.sharePersonalData
            ? await consentActions.groundFor(trx, row, to.id, serviceType)
            : null;
          if (input.sharePersonalData && !ground)
            throw new HttpError(422, 'consent_required', 'referrals.errors.consentRequired', [
              { field: 'sharePersonalData', key: 'referrals.errors.consentRequired' },
            ]);
          const open = await trx
            .selectFrom('nrm_referral')
            .select('id')
            .where('case_id', '=', caseId)
            .where('to_team_id', '=', to.id)
            .where('status', '=', 'pending')
            .executeTakeFirst();
          if (open)
            throw new ValidationFailed([{ field: 'toTeamId', key: 'referrals.errors.alreadyPending' }]);
          const referralId = randomUUID();
          await trx
            .insertInto('nrm_referral')
            .values({
              id: referralId,
              case_id: caseId,
              kind,
              service_type: serviceType,
              from_team_id: row.owner_team_id,
              to_team_id: to.id,
              status: 'pending',
              shares_personal_data: input.sharePersonalData,
              legal_ground: ground,
              reason: sealed.seal('nrm_referral', 'reason', referralId, reason),
              created_at: now,
              created_by: user.id,
            })
            .execute();
          if (kind === 'refer' && !row.first_referral_at)
            await trx
              .updateTable('nrm_case')
              .set({ first_referral_at: now })
              .where('id', '=', caseId)
              .execute();
          await repo.addEvent(trx, sealed, {
            caseId,
            at: now,
            actorUserId: user.id,
            actorTeamId: viewer.teamId,
            kind,
            reason: `${serviceType} → ${to.name}${reason ? `: ${reason}` : ''}`,
          });
          await notify(trx, to.id, 'referral', caseId, undefined, row.urgency);
          return {
            to_team: to.id,
            forwarded_from: routed.level === 'meant' ? null : target!.id,
            service_type: serviceType,
            personal_data: input.sharePersonalData,
            legal_ground: ground,
          };
        },
      );
      // The sender is told who received it (views/forwarded.ts).
      return Object.assign(changed, { forwarded });
    },

    /** The receiving team accepts or declines (with a reason); an accepted transfer makes it the owner. */
    async respondReferral(
      user: { id: string; role: Role },
      caseId: string,
      referralId: string,
      input: { accept: boolean; reason: string },
    ) {
      const viewer = await viewerOf(user);
      const problems: FieldProblem[] = [];
      const reason = text(problems, 'reason', input.reason, MAX_TEXT);
      if (!input.accept && !reason)
        problems.push({ field: 'reason', key: 'referrals.errors.reasonRequired' });
      if (problems.length) throw new ValidationFailed(problems);
      return change(
        viewer,
        caseId,
        undefined,
        (a) => a.respondReferral,
        'nrm.referral.respond',
        (trx, row, now) =>
          applyReferralAnswer(trx, sealed, {
            caseId,
            referralId,
            viewer,
            userId: user.id,
            row,
            now,
            ...input,
            reason,
          }),
      );
    },

    /** A shelter answers a person's referral and placement request together (answers.ts), in one transaction. */
    async respondTogether(
      user: { id: string; role: Role },
      caseId: string,
      input: { referralId: string; placementId: string; accept: boolean; reason: string },
    ) {
      const viewer = await viewerOf(user);
      const problems: FieldProblem[] = [];
      const reason = text(problems, 'reason', input.reason, MAX_TEXT);
      if (!input.accept && !reason)
        problems.push({ field: 'reason', key: 'referrals.errors.reasonRequired' });
      if (problems.length) throw new ValidationFailed(problems);
      const { referralId, placementId, accept } = input;
      return change(
        viewer,
        caseId,
        undefined,
        // Each step checks that its request is this team's and still open (404, or 409 once answered).
        (a) => a.respondReferral || a.respondPlacement,
        'nrm.answer.together',
        async (trx, row, now) => {
          const step = { caseId, viewer, userId: user.id, row, now, accept, reason };
          await applyReferralAnswer(trx, sealed, { ...step, referralId });
          await applyPlacementAnswer(trx, sealed, { ...step, placementId });
          return { referral: referralId, placement: placementId, accepted: accept };
        },
      );
    },

    /** The referring owner withdraws a referral: the receiver loses access. */
    async withdrawReferral(user: { id: string; role: Role }, caseId: string, referralId: string) {
      const viewer = await viewerOf(user);
      return change(
        viewer,
        caseId,
        undefined,
        (a) => a.manage,
        'nrm.referral.withdraw',
        async (trx, _row, now) => {
          const referral = await trx
            .selectFrom('nrm_referral')
            .selectAll()
            .where('id', '=', referralId)
            .where('case_id', '=', caseId)
            .executeTakeFirst();
          if (!referral) throw notFound();
          if (referral.status === 'withdrawn' || referral.status === 'declined')
            throw conflict('referrals.errors.alreadyAnswered');
          await trx
            .updateTable('nrm_referral')
            .set({ status: 'withdrawn', responded_at: now, responded_by: user.id })
            .where('id', '=', referralId)
            .execute();
          await repo.addEvent(trx, sealed, {
            caseId,
            at: now,
            actorUserId: user.id,
            actorTeamId: viewer.teamId,
            kind: 'referral_withdrawn',
          });
          return { referral: referralId };
        },
      );
    },

    /** Shelters with free places, by category and (optionally) region, most places first. */
    async freePlaces(o: { category?: string; safetyRegion?: string }) {
      let q = db
        .selectFrom('nrm_capacity as c')
        .innerJoin('nrm_team as t', 't.id', 'c.team_id')
        .select([
          'c.team_id',
          't.name',
          't.directory_service_id',
          'c.category',
          'c.available',
          'c.maximum',
          'c.updated_at',
        ]);
      if (o.category) q = q.where('c.category', '=', o.category);
      const rows = await q.orderBy('c.available', 'desc').orderBy('t.name').execute();
      if (!o.safetyRegion) return rows;
      const regions = await directory.regions();
      const municipalities = regions.municipalities.filter((m) => m.safety_region_code === o.safetyRegion);
      if (municipalities.length === 0) return rows;
      // A shelter serves the region when its directory service covers any municipality in it.
      const covering = new Set<string>();
      for (const m of municipalities) for (const s of await directory.coverageFor(m.code)) covering.add(s.id);
      return rows.filter((r) => r.directory_service_id && covering.has(r.directory_service_id));
    },

    /** A shelter states its places; the history keeps every change (the shelter-capacity research asks for it). */
    async setCapacity(
      user: { id: string; role: Role },
      input: { category: string; available: number; maximum: number; reason: string },
    ) {
      const viewer = await viewerOf(user);
      if (!viewer.team || viewer.team.kind !== 'shelter')
        throw new HttpError(403, 'forbidden', 'referrals.errors.notAllowed');
      const problems: FieldProblem[] = [];
      const category = pick(problems, 'category', input.category, SHELTER_CATEGORIES);
      if (!Number.isInteger(input.maximum) || input.maximum < 0 || input.maximum > 10_000)
        problems.push({ field: 'maximum', key: 'referrals.errors.number' });
      if (!Number.isInteger(input.available) || input.available < 0)
        problems.push({ field: 'available', key: 'referrals.errors.number' });
      else if (input.available > input.maximum)
        problems.push({ field: 'available', key: 'referrals.errors.availableAboveMaximum' });
      const reason = text(problems, 'reason', input.reason, MAX_SHORT);
      if (problems.length) throw new ValidationFailed(problems);
      const now = clock();
      const team = viewer.team;
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('nrm_capacity')
          .values({
            team_id: team.id,
            category,
            available: input.available,
            maximum: input.maximum,
            updated_at: now,
          })
          .onConflict((oc) =>
            oc
              .columns(['team_id', 'category'])
              .doUpdateSet({ available: input.available, maximum: input.maximum, updated_at: now }),
          )
          .execute();
        await trx
          .insertInto('nrm_capacity_history')
          .values({
            team_id: team.id,
            category,
            available: input.available,
            maximum: input.maximum,
            at: now,
            actor_user_id: user.id,
            reason: sealed.capacityReason(team.id, reason || 'update'),
          })
          .execute();
        await audit.record(
          {
            actorUserId: user.id,
            action: 'nrm.capacity.update',
            entityType: 'nrm_team',
            entityId: team.id,
            detail: { category, available: input.available, maximum: input.maximum },
          },
          trx,
        );
      });
      if (team.directory_service_id)
        await directory.publishCapacity(
          team.directory_service_id,
          category,
          input.available,
          input.maximum,
          now,
        );
    },

    async capacityOf(teamId: string) {
      const [current, history] = await Promise.all([
        db.selectFrom('nrm_capacity').selectAll().where('team_id', '=', teamId).orderBy('category').execute(),
        db
          .selectFrom('nrm_capacity_history')
          .selectAll()
          .where('team_id', '=', teamId)
          .orderBy('id', 'desc')
          .limit(50)
          .execute(),
      ]);
      return { current, history: sealed.openCapacityHistory(history) };
    },

    /**
     * A placement request to a shelter with a free place in the category; with no shelter named (nothing free),
     * the case goes on the waiting list for the category.
     */
    async requestPlacement(
      user: { id: string; role: Role },
      caseId: string,
      input: { version: number; shelterTeamId: string; category: string; reason: string },
    ) {
      const viewer = await viewerOf(user);
      const problems: FieldProblem[] = [];
      const category = pick(problems, 'category', input.category, SHELTER_CATEGORIES);
      const reason = text(problems, 'reason', input.reason, MAX_TEXT);
      let shelter: repo.TeamRow | undefined;
      if (input.shelterTeamId) {
        shelter = /^[0-9a-f-]{36}$/.test(input.shelterTeamId)
          ? await repo.findTeam(db, input.shelterTeamId)
          : undefined;
        if (!shelter || shelter.kind !== 'shelter')
          problems.push({ field: 'shelterTeamId', key: 'referrals.errors.team' });
      }
      if (problems.length) throw new ValidationFailed(problems);
      let forwarded: ForwardedTo | null = null;
      const changed = await change(
        viewer,
        caseId,
        input.version,
        (a) => a.manage,
        'nrm.placement.request',
        async (trx, row, now) => {
          let status: 'requested' | 'waiting' = 'waiting';
          // Nobody at the shelter can answer: the next level receives it (routing.ts: CoMensha, which coordinates
          // shelter placement nationally) as a referral for a place, and the case waits on the category's list.
          const passedOn =
            shelter && !canAct(await activeRolesByTeam(trx), shelter)
              ? await forwardFor(trx, row, shelter)
              : null;
          if (passedOn) forwarded = { kind: 'placement', meant: shelter!.id, to: passedOn.team.id };
          if (passedOn === undefined)
            throw new ValidationFailed([
              {
                field: 'shelterTeamId',
                key: 'referrals.errors.shelterUnreachable',
                params: { team: shelter!.name },
              },
            ]);
          if (shelter && !passedOn) {
            const place = await trx
              .selectFrom('nrm_capacity')
              .select('available')
              .where('team_id', '=', shelter.id)
              .where('category', '=', category)
              .executeTakeFirst();
            if (!place || place.available < 1)
              throw new ValidationFailed([{ field: 'shelterTeamId', key: 'referrals.errors.noFreePlace' }]);
            status = 'requested';
          }
          if (category === 'cosm' && row.minor === 'yes')
            throw new ValidationFailed([{ field: 'category', key: 'referrals.errors.cosmAdultsOnly' }]);
          const placementId = randomUUID();
          await trx
            .insertInto('nrm_placement')
            .values({
              id: placementId,
              case_id: caseId,
              shelter_team_id: passedOn ? null : (shelter?.id ?? null),
              category,
              status,
              requested_at: now,
              requested_by: user.id,
              reason: sealed.seal('nrm_placement', 'reason', placementId, reason),
            })
            .execute();
          if (!row.first_referral_at)
            await trx
              .updateTable('nrm_case')
              .set({ first_referral_at: now })
              .where('id', '=', caseId)
              .execute();
          await repo.addEvent(trx, sealed, {
            caseId,
            at: now,
            actorUserId: user.id,
            actorTeamId: viewer.teamId,
            kind: status === 'waiting' ? 'waiting_list' : 'placement_requested',
            reason: `${category}${shelter && !passedOn ? ` → ${shelter.name}` : ''}${reason ? `: ${reason}` : ''}`,
          });
          if (shelter && !passedOn)
            await notify(trx, shelter.id, 'placement', caseId, undefined, row.urgency);
          if (passedOn) {
            const ground = await consentActions.groundFor(trx, row, passedOn.team.id, 'shelter');
            const by = { at: now, by: user.id, fromTeamId: row.owner_team_id, toTeamId: passedOn.team.id };
            await insertForwardedPlacement(trx, {
              ...by,
              caseId,
              sharesPersonalData: !!ground,
              legalGround: ground,
            });
            const said = `shelter → ${passedOn.team.name}`;
            const who = { caseId, at: now, actorUserId: user.id, actorTeamId: viewer.teamId };
            await repo.addEvent(trx, sealed, { ...who, kind: 'refer', reason: said });
            await notify(trx, passedOn.team.id, 'referral', caseId, undefined, row.urgency);
          }
          return {
            shelter: passedOn ? null : (shelter?.id ?? null),
            category,
            status,
            personal_data: row.legal_ground !== null,
            forwarded_from: passedOn ? shelter!.id : null,
            forwarded_to: passedOn?.team.id ?? null,
          };
        },
      );
      // The sender is told who received it (views/forwarded.ts).
      return Object.assign(changed, { forwarded });
    },

    /** The shelter accepts (a place is taken, the case moves to placement) or declines with a reason. */
    async respondPlacement(
      user: { id: string; role: Role },
      caseId: string,
      placementId: string,
      input: { accept: boolean; reason: string },
    ) {
      const viewer = await viewerOf(user);
      const problems: FieldProblem[] = [];
      const reason = text(problems, 'reason', input.reason, MAX_TEXT);
      if (!input.accept && !reason)
        problems.push({ field: 'reason', key: 'referrals.errors.reasonRequired' });
      if (problems.length) throw new ValidationFailed(problems);
      return change(
        viewer,
        caseId,
        undefined,
        (a) => a.respondPlacement,
        'nrm.placement.respond',
        (trx, row, now) =>
          applyPlacementAnswer(trx, sealed, {
            caseId,
            placementId,
            viewer,
            userId: user.id,
            row,
            now,
            ...input,
            reason,
          }),
      );
    },

    /** A shelter's exit step (placement-exit.ts): the placement ends and the place comes back at once. */
    async exitPlacement(
      user: { id: string; role: Role },
      caseId: string,
      placementId: string,
      input: { reason: string; note: string },
    ) {
      const viewer = await viewerOf(user);
      const exit = validateExit(input);
      let back: Awaited<ReturnType<typeof applyExit>> | undefined;
      await change(
        viewer,
        caseId,
        undefined,
        (a) => a.respondPlacement,
        'nrm.placement.exit',
        async (trx, _r, now) => {
          back = await applyExit(trx, sealed, {
            caseId,
            placementId,
            shelterTeamId: viewer.teamId,
            actorUserId: user.id,
            now,
            reason: exit.reason,
            note: exit.note,
          });
          return { placement: placementId, exitReason: exit.reason, note: Boolean(exit.note) };
        },
      );
      // The directory's published places follow (HSDS service_capacity), as after a shelter's own statement.
      if (back && back.available !== null && back.maximum !== null && viewer.team?.directory_service_id)
        await directory.publishCapacity(
          viewer.team.directory_service_id,
          back.category,
          back.available,
          back.maximum,
          clock(),
        );
    },

    /** The waiting list: cases waiting for a place, per category, oldest first (no person data). */
    async waitingList() {
      return db
        .selectFrom('nrm_placement as p')
        .innerJoin('nrm_case as c', 'c.id', 'p.case_id')
        .innerJoin('safety_region as r', 'r.code', 'c.safety_region_code')
        .select([
          'p.id',
          'p.case_id',
          'c.reference',
          'p.category',
          'p.requested_at',
          'r.name as region_name',
          'c.owner_team_id',
        ])
        .where('p.status', '=', 'waiting')
        .orderBy('p.requested_at')
        .execute();
    },

    /** Break the glass: access outside one's scope, with a reason, for 24 hours, flagged to the privacy officer. */
    async breakGlass(user: { id: string; role: Role }, caseId: string, reasonInput: string) {
      if (!GLASS_BREAKERS.includes(user.role)) throw notFound();
      const reason = reasonInput.trim();
      if (reason.length < 10)
        throw new ValidationFailed([{ field: 'reason', key: 'referrals.errors.breakGlassReason' }]);
      if (reason.length > MAX_TEXT)
        throw new ValidationFailed([
          { field: 'reason', key: 'referrals.errors.tooLong', params: { max: MAX_TEXT } },
        ]);
      if (!/^[0-9a-f-]{36}$/.test(caseId)) throw notFound();
      const row = await repo.findCase(db, caseId);
      if (!row || row.anonymised_at) throw notFound();
      const now = clock();
      const grantId = randomUUID();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('nrm_access_grant')
          .values({
            id: grantId,
            case_id: caseId,
            user_id: user.id,
            reason: sealed.seal('nrm_access_grant', 'reason', grantId, reason)!,
            granted_at: now,
            expires_at: new Date(now.getTime() + 24 * 3600_000),
          })
          .execute();
        await audit.record(
          {
            actorUserId: user.id,
            action: 'nrm.case.break_glass',
            entityType: 'nrm_case',
            entityId: caseId,
            detail: { flagged: true },
          },
          trx,
        );
      });
    },

    /** Case lookup by reference for break-the-glass (coordinators only); answers only whether to offer it. */
    async findByReference(user: { id: string; role: Role }, reference: string) {
      if (!GLASS_BREAKERS.includes(user.role)) return undefined;
      const row = await db
        .selectFrom('nrm_case')
        .select(['id', 'reference'])
        .where('reference', '=', reference.trim().toUpperCase())
        .where('anonymised_at', 'is', null)
        .executeTakeFirst();
      await audit.record({
        actorUserId: user.id,
        action: 'nrm.case.lookup',
        entityType: 'nrm_case',
        entityId: row?.id ?? null,
        detail: { found: Boolean(row) },
      });
      return row;
    },

    /** Break-the-glass grants the privacy officer has not reviewed yet. */
    async flaggedAccess() {
      return db
        .selectFrom('nrm_access_grant as g')
        .innerJoin('app_user as u', 'u.id', 'g.user_id')
        .innerJoin('nrm_case as c', 'c.id', 'g.case_id')
        .select([
          'g.id',
          'g.granted_at',
          'g.expires_at',
          'g.reason',
          'g.reviewed_at',
          'u.display_name',
          'u.email',
          'c.reference',
        ])
        .orderBy('g.granted_at', 'desc')
        .limit(200)
        .execute()
        .then((rows) => rows.map(sealed.openGrant));
    },

    async reviewGrant(user: { id: string }, grantId: string) {
      if (!/^[0-9a-f-]{36}$/.test(grantId)) throw notFound();
      const now = clock();
      const updated = await db
        .updateTable('nrm_access_grant')
        .set({ reviewed_at: now, reviewed_by: user.id })
        .where('id', '=', grantId)
        .where('reviewed_at', 'is', null)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) throw notFound();
      await audit.record({
        actorUserId: user.id,
        action: 'nrm.break_glass.reviewed',
        entityType: 'nrm_access_grant',
        entityId: grantId,
      });
    },

    /** The national registration: pseudonymised rows, no names or contact data (CoMensha). */
    async registrations(user: { id: string }, o: { limit?: number } = {}) {
      const rows = await db
        .selectFrom('nrm_registration')
        .selectAll()
        .orderBy('signal_at', 'desc')
        .limit(o.limit ?? 500)
        .execute();
      await audit.record({
        actorUserId: user.id,
        action: 'nrm.registration.read',
        entityType: 'nrm_registration',
        detail: { rows: rows.length },
      });
      return rows;
    },

    /** Every registration in the data hub's HTCDS-aligned shape (pseudonymised already; no names, no contacts). */
    async registrationRecords() {
      const rows = await db.selectFrom('nrm_registration').selectAll().orderBy('signal_at').execute();
      return rows.map(toRegistrationRecord);
    },

    /**
     * Deadlines, run by the job: signals still waiting for triage after their deadline are escalated to the
     * regional lead (once), and reflection periods ending within 14 days are flagged to the owner (once).
     */
    async runDeadlines(now: Date = clock()) {
      const overdue = await db
        .selectFrom('nrm_case')
        .selectAll()
        .where('status', '=', 'received')
        .where('triage_due_at', '<', now)
        .where('escalated_at', 'is', null)
        .execute();
      // Escalated only where someone receives it (routing.ts): "escalated" counts deliveries, and a case nobody
      // could receive stays due, is counted as unreachable and shows on `samen nrm check` and /admin/nrm/routes.
      let escalated = 0;
      let unreachable = 0;
      const active = await activeRolesByTeam(db);
      const teams = await allTeams();
      for (const row of overdue) {
        const owner = teams.find((t) => t.id === row.owner_team_id);
        const target = owner
          ? escalationTarget(owner, await routeFor(row.municipality_code, undefined), teams, active)
          : undefined;
        if (!target) {
          unreachable++;
          continue;
        }
        await db.transaction().execute(async (trx) => {
          await trx.updateTable('nrm_case').set({ escalated_at: now }).where('id', '=', row.id).execute();
          await escalateTo(trx, row, target, now);
          await audit.record(
            {
              actorUserId: null,
              action: 'nrm.case.escalate',
              entityType: 'nrm_case',
              entityId: row.id,
              detail: { team: target.team.id, level: target.level },
            },
            trx,
          );
        });
        escalated++;
      }
      const soon = localDate(new Date(now.getTime() + 14 * 86_400_000));
      const ending = await db
        .selectFrom('nrm_case')
        .selectAll()
        .where('status', '!=', 'closed')
        .where('reflection_ends_on', '<=', soon)
        .where('reflection_warned_at', 'is', null)
        .execute();
      for (const row of ending)
        await db.transaction().execute(async (trx) => {
          await trx
            .updateTable('nrm_case')
            .set({ reflection_warned_at: now })
            .where('id', '=', row.id)
            .execute();
          await repo.addEvent(trx, sealed, {
            caseId: row.id,
            at: now,
            actorUserId: null,
            actorTeamId: null,
            kind: 'reflection_warning',
            reason: row.reflection_ends_on,
          });
          await notify(trx, row.owner_team_id, 'reflection', row.id);
        });
      return { escalated, unreachable, reflectionWarnings: ending.length };
    },

    /**
     * Retention, run by the job: cases closed longer than the retention period are anonymised: the person's
     * data, the summary and every free-text reason are erased; the pseudonymised registration stays.
     * Notifications older than NOTIFICATION_DAYS are deleted.
     */
    async runRetention(now: Date = clock()) {
      const cutoff = new Date(now);
      cutoff.setUTCFullYear(cutoff.getUTCFullYear() - retentionYears);
      const due = await db
        .selectFrom('nrm_case')
        .select('id')
        .where('status', '=', 'closed')
        .where('closed_at', '<', cutoff)
        .where('anonymised_at', 'is', null)
        .execute();
      for (const { id } of due)
        await db.transaction().execute(async (trx) => {
          await trx.deleteFrom('nrm_person').where('case_id', '=', id).execute();
          await trx.updateTable('nrm_case_event').set({ reason: null }).where('case_id', '=', id).execute();
          await trx
            .updateTable('nrm_referral')
            .set({ reason: null, response_reason: null })
            .where('case_id', '=', id)
            .execute();
          await trx
            .updateTable('nrm_placement')
            .set({ reason: null, exit_reason: null, exit_note_enc: null })
            .where('case_id', '=', id)
            .execute();
          await eraseWithdrawalNotes(trx, id);
          await trx
            .updateTable('nrm_case')
            .set({ summary_enc: null, anonymised_at: now, origin_user_id: null })
            .where('id', '=', id)
            .execute();
          await audit.record(
            { actorUserId: null, action: 'nrm.case.anonymise', entityType: 'nrm_case', entityId: id },
            trx,
          );
        });
      const notifications = await repo.deleteNotificationsBefore(db, notificationsSince(now));
      return { anonymised: due.length, notificationsDeleted: notifications };
    },

    /** Time per step per region and month, how many wait for a place, overdue deadlines (no person data). */
    async bottleneckView(user: { id: string }) {
      const now = clock();
      const [regs, regions, waiting, overdue] = await Promise.all([
        db
          .selectFrom('nrm_registration')
          .select([
            'safety_region_code',
            'registered_on',
            'signal_at',
            'triage_at',
            'first_referral_at',
            'placement_at',
          ])
          .execute(),
        db.selectFrom('safety_region').select(['code', 'name']).execute(),
        // Waiting for a place: on the waiting list, or a request a shelter has not answered yet.
        db
          .selectFrom('nrm_placement')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', 'in', ['waiting', 'requested'])
          .executeTakeFirstOrThrow(),
        // Overdue signals only: an advice request (consult) is not a signal.
        db
          .selectFrom('nrm_case')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('kind', '=', 'signal')
          .where('status', '=', 'received')
          .where('triage_due_at', '<', now)
          .executeTakeFirstOrThrow(),
      ]);
      const regionName = new Map(regions.map((r) => [r.code, r.name]));
      const rows = bottlenecks(
        regs.map((r) => ({
          region: regionName.get(r.safety_region_code) ?? r.safety_region_code,
          month: String(r.registered_on).slice(0, 7),
          signalAt: new Date(r.signal_at),
          triageAt: r.triage_at ? new Date(r.triage_at) : null,
          firstReferralAt: r.first_referral_at ? new Date(r.first_referral_at) : null,
          placementAt: r.placement_at ? new Date(r.placement_at) : null,
        })),
      );
      const national = bottlenecks(
        regs.map((r) => ({
          region: '',
          month: String(r.registered_on).slice(0, 7),
          signalAt: new Date(r.signal_at),
          triageAt: r.triage_at ? new Date(r.triage_at) : null,
          firstReferralAt: r.first_referral_at ? new Date(r.first_referral_at) : null,
          placementAt: r.placement_at ? new Date(r.placement_at) : null,
        })),
      );
      await audit.record({
        actorUserId: user.id,
        action: 'nrm.bottlenecks.read',
        entityType: 'nrm_registration',
        detail: { rows: regs.length },
      });
      return { rows, national, waiting: Number(waiting.n), overdue: Number(overdue.n) };
    },

    /** Subject access: everything held on the person of one case, for the owner's coordinators (audited). */
    async subjectAccess(user: { id: string; role: Role }, caseId: string) {
      const viewer = await viewerOf(user);
      const { row, access, referrals, placements } = await readable(viewer, caseId);
      if (!access.manage) throw notFound();
      const person = await db
        .selectFrom('nrm_person')
        .selectAll()
        .where('case_id', '=', caseId)
        .executeTakeFirst();
      const events = await repo.eventsOf(db, sealed, caseId);
      // Recorded before the accesses are read, so the export lists itself.
      await audit.record({
        actorUserId: user.id,
        action: 'nrm.case.subject_access',
        entityType: 'nrm_case',
        entityId: caseId,
      });
      const { summary_enc: _s, ...caseFields } = row;
      const teams = await allTeams();
      // The accounts the record refers to by key (who reported it, who referred, requested or answered), as the
      // timeline names them: by display name.
      const accountNames = await repo.accountNames(db, [
        row.origin_user_id,
        ...referrals.flatMap((r) => [r.created_by, r.responded_by]),
        ...placements.flatMap((p) => [p.requested_by, p.responded_by]),
      ]);
      const regions = await directory.regions();
      const accessed = await accessRecord(db, {
        caseId,
        reference: row.reference,
        pseudonym: pseudonymOf(caseId),
      });
      const actors = await actorsOf(db, [
        ...events.map((e) => e.actor_user_id),
        ...accessed.accesses.map((a) => a.actorUserId),
        ...accessed.grants.map((g) => g.userId),
      ]);
      return {
        exportedAt: clock().toISOString(),
        ...accessed,
        consents: await consentActions.forExport(db, caseId),
        // Break-the-glass reasons are sealed at rest: the person reads them as they were given.
        grants: accessed.grants.map(sealed.openGrant),
        actors,
        retentionYears,
        // The names of the teams the record refers to by key (owner, origin, referrals, shelters).
        teamNames: Object.fromEntries(teams.map((team) => [team.id, team.name])),
        accountNames,
        // The municipality, safety region and police unit, by name (the record keeps their codes).
        placeNames: {
          [row.municipality_code]: regions.municipality(row.municipality_code)?.name ?? row.municipality_code,
          [row.safety_region_code]:
            regions.safetyRegion(row.safety_region_code)?.name ?? row.safety_region_code,
          [row.police_unit_code]: regions.policeUnit(row.police_unit_code)?.name ?? row.police_unit_code,
        },
        case: {
          ...caseFields,
          summary: open(row.summary_enc, fieldContext('nrm_case', 'summary_enc', caseId)),
        },
        person: person ? openPerson(person, caseId) : null,
        events,
        referrals: referrals.map(sealed.openReferral),
        placements: placements.map(({ exit_note_enc, ...p }) => ({
          ...sealed.openPlacement(p),
          exit_note: sealed.open('nrm_placement', 'exit_note_enc', p.id, exit_note_enc),
        })),
      };
    },

    /** Rectification: the owner corrects the person's data (audited with the field names only). */
    async rectify(
      user: { id: string; role: Role },
      caseId: string,
      input: { version: number; name: string; dateOfBirth: string; contact: string; specialNotes: string },
    ) {
      const viewer = await viewerOf(user);
      const problems: FieldProblem[] = [];
      const name = text(problems, 'name', input.name, MAX_SHORT);
      const contact = text(problems, 'contact', input.contact, MAX_SHORT);
      const notes = text(problems, 'specialNotes', input.specialNotes, MAX_TEXT);
      const dob = input.dateOfBirth.trim();
      if (dob && !isRealDate(dob)) problems.push({ field: 'dateOfBirth', key: 'referrals.errors.date' });
      if (problems.length) throw new ValidationFailed(problems);
      return change(
        viewer,
        caseId,
        input.version,
        (a) => a.manage,
        'nrm.person.rectify',
        async (trx, _row, now) => {
          const values = {
            name_enc: seal(name, fieldContext('nrm_person', 'name_enc', caseId)),
            date_of_birth_enc: seal(dob, fieldContext('nrm_person', 'date_of_birth_enc', caseId)),
            contact_enc: seal(contact, fieldContext('nrm_person', 'contact_enc', caseId)),
            special_notes_enc: seal(notes, fieldContext('nrm_person', 'special_notes_enc', caseId)),
          };
          await trx
            .insertInto('nrm_person')
            .values({ case_id: caseId, ...values })
            .onConflict((oc) => oc.column('case_id').doUpdateSet(values))
            .execute();
          await repo.addEvent(trx, sealed, {
            caseId,
            at: now,
            actorUserId: user.id,
            actorTeamId: viewer.teamId,
            kind: 'rectified',
          });
          return { fields: ['name', 'date_of_birth', 'contact', 'special_notes'] };
        },
      );
    },

    // ---- teams and memberships (administrator; no case content) -------------------------------------

    /** Teams with their member count. */
    async teamOverview() {
      return db
        .selectFrom('nrm_team as t')
        .leftJoin('nrm_member as m', 'm.team_id', 't.id')
        .select([
          't.id',
          't.kind',
          't.name',
          't.organisation_type',
          't.directory_service_id',
          't.email',
          (eb) => eb.fn.count<number>('m.user_id').as('members'),
        ])
        .groupBy('t.id')
        .orderBy('t.kind')
        .orderBy('t.name')
        .execute();
    },

    /** Adds a team; a coordination or shelter team names its directory service (its region and places). */
    async createTeam(
      actorUserId: string | null,
      input: {
        kind: string;
        name: string;
        organisationType: string;
        directoryServiceId: string;
        email: string;
      },
    ) {
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
      if (serviceId && !(/^[0-9a-f-]{36}$/.test(serviceId) && (await directory.getService(serviceId))))
        problems.push({ field: 'directoryServiceId', key: 'referrals.errors.directoryService' });
      if (problems.length) throw new ValidationFailed(problems);
      const id = randomUUID();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('nrm_team')
          .values({
            id,
            kind,
            name,
            organisation_type: organisationType,
            directory_service_id: serviceId || null,
            email: email || null,
          })
          .execute();
        await audit.record(
          { actorUserId, action: 'nrm.team.create', entityType: 'nrm_team', entityId: id, detail: { kind } },
          trx,
        );
      });
      teamsCache = undefined;
      return id;
    },

    /** Puts a user in a team (one team per user; moving replaces the old membership). */
    async setMembership(actorUserId: string | null, input: { email: string; teamId: string }) {
      const user = await db
        .selectFrom('app_user')
        .select(['id', 'role'])
        .where('email', '=', input.email.trim().toLowerCase())
        .executeTakeFirst();
      const problems: FieldProblem[] = [];
      if (!user) problems.push({ field: 'email', key: 'referrals.errors.userUnknown' });
      const team = /^[0-9a-f-]{36}$/.test(input.teamId) ? await repo.findTeam(db, input.teamId) : undefined;
      if (!team) problems.push({ field: 'teamId', key: 'referrals.errors.team' });
      if (user && team) {
        const fits: Record<string, string[]> = {
          nrm_professional: ['first_line'],
          nrm_coordinator: ['care_coordination', 'national'],
          nrm_regional_lead: ['care_coordination', 'national'],
          nrm_national: ['national'],
          nrm_shelter: ['shelter'],
        };
        if (!fits[user.role]?.includes(team.kind))
          problems.push({ field: 'teamId', key: 'referrals.errors.roleTeam' });
      }
      if (problems.length) throw new ValidationFailed(problems);
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('nrm_member')
          .values({ user_id: user!.id, team_id: team!.id })
          .onConflict((oc) => oc.column('user_id').doUpdateSet({ team_id: team!.id }))
          .execute();
        await audit.record(
          {
            actorUserId,
            action: 'nrm.member.set',
            entityType: 'app_user',
            entityId: user!.id,
            detail: { team: team!.id },
          },
          trx,
        );
      });
    },

    NO_ACCESS,
  };
}

export type ReferralService = ReturnType<typeof createReferralService>;
