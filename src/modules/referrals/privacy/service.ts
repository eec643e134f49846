// The person's rights and the privacy officer's view: break the glass (access outside one's scope, flagged and
// reviewed), the subject-access export, rectification of the person's data, and the audit entries.
import { pickLanguages, storedLanguages } from '../languages.js';
import { indexCase } from '../duplicates/service.js';
import { exportedDecisions } from '../identification/export.js';
import { randomUUID } from 'node:crypto';
import { fieldContext } from '../../../platform/crypto/index.js';
import { NotFound, ValidationFailed, type FieldProblem } from '../../../platform/errors.js';
import { GLASS_BREAKERS } from '../access.js';
import { change, readable, viewerOf, type CaseCore, type User } from '../core/context.js';
import { findPerson, upsertPerson } from '../core/repository.js';
import { isId, MAX_SHORT, MAX_TEXT, text } from '../core/validation.js';
import { isRealDate } from '../derived.js';
import * as repo from '../repository.js';
import { accessRecord, actorsOf } from '../subject-access-repository.js';
import {
  caseByReference,
  insertGrant,
  latestGrants,
  markGrantReviewed,
  recentAuditEntries,
} from './repository.js';

export interface RectifyInput {
  version: number;
  name: string;
  dateOfBirth: string;
  contact: string;
  specialNotes: string;
  /** The languages the person speaks (languages.ts); none when not given. */
  languages?: string[];
}

export function createPrivacyService(core: CaseCore) {
  return {
    /** The latest audit entries with the actor's name, for the privacy officer (entries hold no personal data). */
    async recentAudit(user: { id: string }, limit = 100) {
      const rows = await recentAuditEntries(core.db, limit);
      await core.audit.record({
        actorUserId: user.id,
        action: 'audit.read',
        entityType: 'audit_event',
        detail: { rows: rows.length },
      });
      return rows;
    },

    breakGlass: (user: User, caseId: string, reason: string) => breakGlass(core, user, caseId, reason),

    /** Case lookup by reference for break-the-glass (coordinators only); answers only whether to offer it. */
    async findByReference(user: User, reference: string) {
      if (!GLASS_BREAKERS.includes(user.role)) return undefined;
      const row = await caseByReference(core.db, reference.trim().toUpperCase());
      await core.audit.record({
        actorUserId: user.id,
        action: 'nrm.case.lookup',
        entityType: 'nrm_case',
        entityId: row?.id ?? null,
        detail: { found: Boolean(row) },
      });
      return row;
    },

    /** Break-the-glass grants for the privacy officer, newest first, their reasons opened. */
    async flaggedAccess() {
      return (await latestGrants(core.db)).map(core.sealed.openGrant);
    },

    async reviewGrant(user: { id: string }, grantId: string) {
      if (!isId(grantId)) throw new NotFound();
      if (!(await markGrantReviewed(core.db, grantId, core.clock(), user.id))) throw new NotFound();
      await core.audit.record({
        actorUserId: user.id,
        action: 'nrm.break_glass.reviewed',
        entityType: 'nrm_access_grant',
        entityId: grantId,
      });
    },

    subjectAccess: (user: User, caseId: string) => subjectAccess(core, user, caseId),
    rectify: (user: User, caseId: string, input: RectifyInput) => rectify(core, user, caseId, input),
  };
}

/** Break the glass: access outside one's scope, with a reason, for 24 hours, flagged to the privacy officer. */
async function breakGlass(core: CaseCore, user: User, caseId: string, reasonInput: string) {
  if (!GLASS_BREAKERS.includes(user.role)) throw new NotFound();
  const reason = reasonInput.trim();
  if (reason.length < 10)
    throw new ValidationFailed([{ field: 'reason', key: 'referrals.errors.breakGlassReason' }]);
  if (reason.length > MAX_TEXT)
    throw new ValidationFailed([
      { field: 'reason', key: 'referrals.errors.tooLong', params: { max: MAX_TEXT } },
    ]);
  if (!isId(caseId)) throw new NotFound();
  const row = await repo.findCase(core.db, caseId);
  if (!row || row.anonymised_at) throw new NotFound();
  const now = core.clock();
  const grantId = randomUUID();
  await core.db.transaction().execute(async (trx) => {
    await insertGrant(trx, {
      id: grantId,
      caseId,
      userId: user.id,
      sealedReason: core.sealed.seal('nrm_access_grant', 'reason', grantId, reason)!,
      at: now,
      expiresAt: new Date(now.getTime() + 24 * 3600_000),
    });
    await core.audit.record(
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
}

/** Subject access: everything held on the person of one case, for the owner's coordinators (audited). */
async function subjectAccess(core: CaseCore, user: User, caseId: string) {
  const viewer = await viewerOf(core, user);
  const { row, access, referrals, placements } = await readable(core, viewer, caseId);
  if (!access.manage) throw new NotFound();
  const { db, sealed } = core;
  const person = await findPerson(db, caseId);
  const events = await repo.eventsOf(db, sealed, caseId);
  const identification = await exportedDecisions(core, caseId);
  // Recorded before the accesses are read, so the export lists itself.
  await core.audit.record({
    actorUserId: user.id,
    action: 'nrm.case.subject_access',
    entityType: 'nrm_case',
    entityId: caseId,
  });
  // The case a merged case continues in is another region's file: not part of this one's export.
  const { summary_enc: _s, merged_into: _m, ...caseFields } = row;
  const teams = await core.teams.all();
  // The accounts the record refers to by key (who reported it, who referred, requested or answered), as the
  // timeline names them: by display name.
  const accountNames = await repo.accountNames(db, [
    row.origin_user_id,
    ...referrals.flatMap((r) => [r.created_by, r.responded_by]),
    ...placements.flatMap((p) => [p.requested_by, p.responded_by]),
  ]);
  const regions = await core.directory.regions();
  const accessed = await accessRecord(db, {
    caseId,
    reference: row.reference,
    pseudonym: core.pseudonymOf(caseId),
  });
  const actors = await actorsOf(db, [
    ...events.map((e) => e.actor_user_id),
    ...accessed.accesses.map((a) => a.actorUserId),
    ...accessed.grants.map((g) => g.userId),
    ...identification.decisions.map((d) => d.decidedBy),
  ]);
  return {
    exportedAt: core.clock().toISOString(),
    ...accessed,
    consents: await core.consentActions.forExport(core.db, caseId),
    // Break-the-glass reasons are sealed at rest: the person reads them as they were given.
    grants: accessed.grants.map(sealed.openGrant),
    actors,
    retentionYears: core.retentionYears,
    // The names of the teams the record refers to by key (owner, origin, referrals, shelters).
    teamNames: Object.fromEntries(teams.map((team) => [team.id, team.name])),
    accountNames,
    // The municipality, safety region and police unit, by name (the record keeps their codes).
    placeNames: {
      [row.municipality_code]: regions.municipality(row.municipality_code)?.name ?? row.municipality_code,
      [row.safety_region_code]: regions.safetyRegion(row.safety_region_code)?.name ?? row.safety_region_code,
      [row.police_unit_code]: regions.policeUnit(row.police_unit_code)?.name ?? row.police_unit_code,
    },
    case: {
      ...caseFields,
      summary: core.open(row.summary_enc, fieldContext('nrm_case', 'summary_enc', caseId)),
    },
    person: person ? core.openPerson(person, caseId) : null,
    events,
    identification,
    referrals: referrals.map(sealed.openReferral),
    placements: placements.map(({ exit_note_enc, ...p }) => ({
      ...sealed.openPlacement(p),
      exit_note: sealed.open('nrm_placement', 'exit_note_enc', p.id, exit_note_enc),
    })),
  };
}

/** Rectification: the owner corrects the person's data (audited with the field names only). */
async function rectify(core: CaseCore, user: User, caseId: string, input: RectifyInput) {
  const viewer = await viewerOf(core, user);
  const problems: FieldProblem[] = [];
  const name = text(problems, 'name', input.name, MAX_SHORT);
  const contact = text(problems, 'contact', input.contact, MAX_SHORT);
  const notes = text(problems, 'specialNotes', input.specialNotes, MAX_TEXT);
  const languages = pickLanguages(problems, 'languages', input.languages ?? []);
  const dob = input.dateOfBirth.trim();
  if (dob && !isRealDate(dob)) problems.push({ field: 'dateOfBirth', key: 'referrals.errors.date' });
  if (problems.length) throw new ValidationFailed(problems);
  return change(
    core,
    viewer,
    caseId,
    input.version,
    (a) => a.manage,
    'nrm.person.rectify',
    async (trx, row, now, event) => {
      await upsertPerson(trx, caseId, {
        name_enc: core.seal(name, fieldContext('nrm_person', 'name_enc', caseId)),
        date_of_birth_enc: core.seal(dob, fieldContext('nrm_person', 'date_of_birth_enc', caseId)),
        contact_enc: core.seal(contact, fieldContext('nrm_person', 'contact_enc', caseId)),
        special_notes_enc: core.seal(notes, fieldContext('nrm_person', 'special_notes_enc', caseId)),
        languages_enc: core.seal(
          storedLanguages(languages) ?? '',
          fieldContext('nrm_person', 'languages_enc', caseId),
        ),
      });
      // The corrected name and date of birth give new blocking keys and candidates (duplicates/).
      await indexCase(core, trx, caseId, {
        name: name || null,
        dateOfBirth: dob || null,
        citizenship: row.citizenship,
        gender: row.gender,
        municipalityCode: row.municipality_code,
        safetyRegionCode: row.safety_region_code,
      });
      await event('rectified');
      return { fields: ['name', 'date_of_birth', 'contact', 'special_notes', 'languages'] };
    },
  );
}
