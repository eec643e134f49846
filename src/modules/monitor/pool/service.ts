// The expert pool, as part of the monitor's service. Who sees what:
// - the pool coordinator sees the profiles, the suggestions and (audited, one at a time) a member's real identity;
// - a requesting organisation submits assignments and sees its own, with the pseudonym of the expert assigned.
import {
  Conflict,
  Forbidden,
  NotFound,
  ValidationFailed,
  type FieldProblem,
} from '../../../platform/errors.js';
import { fieldContext } from '../../../platform/crypto/index.js';
import { amsterdamDate, assertRole, isValidDate, UUID } from '../rules.js';
import type { MonitorActor } from '../types.js';
import { assignmentKit } from './assignment-kit.js';
import * as pool from './repository.js';
import { COORDINATOR, type PoolDeps } from './roles.js';
import { bool, number, text } from './forms.js';
import {
  parseList,
  rankExperts,
  validateNeeds,
  type ExpertIdentity,
  type ExpertProfile,
  type Suggestion,
} from './matching.js';
import { parseQuarterHours } from './money.js';
import type { Assignment, AssignmentEvent } from './types.js';

export { COORDINATOR, type PoolDeps } from './roles.js';

/** Where a sealed identity value lives: its context binds it to the column and row. */
export const identityContext = (column: 'real_name_enc' | 'contact_enc', id: string) =>
  fieldContext('monitor_expert', column, id);

export function createExpertService(deps: PoolDeps) {
  const { db, clock, audit, newId } = deps;
  return {
    async experts(actor: MonitorActor): Promise<ExpertProfile[]> {
      assertRole(actor, COORDINATOR);
      return pool.listExperts(db);
    },

    /** A member's real name and contact: the coordinator only, and every look is in the audit trail. */
    async expertIdentity(id: string, actor: MonitorActor): Promise<ExpertProfile & ExpertIdentity> {
      assertRole(actor, COORDINATOR);
      const row = UUID.test(id) ? await pool.findIdentity(db, id) : undefined;
      const expert = (await pool.listExperts(db)).find((e) => e.id === id);
      if (!row || !expert) throw new NotFound();
      const open = (sealed: string | null, column: 'real_name_enc' | 'contact_enc') =>
        sealed === null ? null : deps.crypto.decryptField(sealed, identityContext(column, id));
      await audit.record({
        actorUserId: actor.id,
        action: 'monitor.expert.identity_view',
        entityType: 'monitor_expert',
        entityId: id,
      });
      // A row from before migration 0020 is plaintext until the sealing step has run (at every start).
      return {
        ...expert,
        realName: open(row.realNameSealed, 'real_name_enc') ?? row.legacyRealName ?? '',
        contact: open(row.contactSealed, 'contact_enc') ?? row.legacyContact ?? '',
      };
    },

    async addExpert(input: Record<string, unknown>, actor: MonitorActor): Promise<string> {
      assertRole(actor, COORDINATOR);
      const form = await readExpertForm(db, input, clock());
      if (form.problems.length) throw new ValidationFailed(form.problems);
      const { values: e } = form;
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await pool.insertExpert(trx, {
          id,
          ...e,
          realNameSealed: deps.crypto.encryptField(e.realName, identityContext('real_name_enc', id)),
          contactSealed: e.contact
            ? deps.crypto.encryptField(e.contact, identityContext('contact_enc', id))
            : null,
          available: input.available === undefined ? true : e.available,
          createdAt: clock(),
        });
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.expert.create',
            entityType: 'monitor_expert',
            entityId: id,
          },
          trx,
        );
      });
      return id;
    },

    /**
     * Corrects a profile (and its sealed identity) from a form opened on `input.version`; a profile changed or
     * erased meanwhile is refused (409) so that nothing typed by someone else is overwritten. Audited with the
     * names of the fields that changed (never their values).
     */
    async updateExpert(id: string, input: Record<string, unknown>, actor: MonitorActor): Promise<void> {
      assertRole(actor, COORDINATOR);
      const before = UUID.test(id) ? (await pool.listExperts(db)).find((e) => e.id === id) : undefined;
      if (!before) throw new NotFound();
      if (before.erased) throw new Conflict('monitor.error.erased');
      const form = await readExpertForm(db, input, clock(), id);
      const version = Number(text(input.version, 12));
      if (!/^\d{1,9}$/.test(text(input.version, 12)))
        form.problems.push({ field: 'version', key: 'monitor.error.stale' });
      if (form.problems.length) throw new ValidationFailed(form.problems);
      const { values: e } = form;
      const stored = await pool.findIdentity(db, id);
      const open = (sealed: string | null | undefined, column: 'real_name_enc' | 'contact_enc') =>
        sealed ? deps.crypto.decryptField(sealed, identityContext(column, id)) : null;
      const identityBefore = {
        realName: open(stored?.realNameSealed, 'real_name_enc') ?? stored?.legacyRealName ?? '',
        contact: open(stored?.contactSealed, 'contact_enc') ?? stored?.legacyContact ?? '',
      };
      const changed = [
        ...(
          [
            'pseudonym',
            'forms',
            'minors',
            'labourMigration',
            'languages',
            'available',
            'hoursPerMonth',
            'consentOn',
            'retainUntil',
          ] as const
        ).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(e[k])),
        ...(identityBefore.realName !== e.realName ? ['realName'] : []),
        ...(identityBefore.contact !== e.contact ? ['contact'] : []),
      ];
      await db.transaction().execute(async (trx) => {
        const stored = await pool.updateExpert(trx, id, version, {
          ...e,
          realNameSealed: deps.crypto.encryptField(e.realName, identityContext('real_name_enc', id)),
          contactSealed: e.contact
            ? deps.crypto.encryptField(e.contact, identityContext('contact_enc', id))
            : null,
        });
        if (!stored) throw new Conflict('monitor.error.stale');
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.expert.update',
            entityType: 'monitor_expert',
            entityId: id,
            detail: { changed },
          },
          trx,
        );
      });
    },

    /**
     * Erases a member (their request, or the retention date passed): the real name, contact and profile are
     * destroyed, the pseudonym stays with its assignments, hours and fees. Refused (409) while they still have an
     * assignment in progress or a fee unpaid: those need the person first.
     */
    async eraseExpert(id: string, actor: MonitorActor): Promise<void> {
      assertRole(actor, COORDINATOR);
      const expert = UUID.test(id) ? (await pool.listExperts(db)).find((e) => e.id === id) : undefined;
      if (!expert) throw new NotFound();
      if (expert.erased) throw new Conflict('monitor.error.erased');
      const work = await pool.openWorkOf(db, id);
      if (work.active > 0) throw new Conflict('monitor.error.eraseActive');
      if (work.unpaid > 0) throw new Conflict('monitor.error.eraseUnpaid');
      await db.transaction().execute(async (trx) => {
        if (!(await pool.eraseExpert(trx, id, clock()))) throw new Conflict('monitor.error.erased');
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.expert.erase',
            entityType: 'monitor_expert',
            entityId: id,
          },
          trx,
        );
      });
      // The row versions from before hold the sealed identity until vacuumed: removed now, not some day.
      await pool.vacuumExperts(db);
    },
  };
}

/** Reads and checks the profile form (new or edit); `id` is the expert being edited, if any. */
async function readExpertForm(db: PoolDeps['db'], input: Record<string, unknown>, now: Date, id?: string) {
  const pseudonym = text(input.pseudonym, 60);
  const realName = text(input.real_name, 200);
  const contact = text(input.contact, 200);
  const forms = parseList(input.forms as string | string[] | undefined);
  const languages = parseList(input.languages as string | undefined);
  const problems: FieldProblem[] = validateNeeds({ forms, languages });
  if (pseudonym.length < 2 || pseudonym.length > 60)
    problems.push({ field: 'pseudonym', key: 'monitor.error.length', params: { min: 2, max: 60 } });
  if (realName.length < 2 || realName.length > 200)
    problems.push({ field: 'real_name', key: 'monitor.error.length', params: { min: 2, max: 200 } });
  if (pseudonym && realName && pseudonym.toLowerCase() === realName.toLowerCase())
    problems.push({ field: 'pseudonym', key: 'monitor.error.pseudonymIsName' });
  if (contact.length > 200)
    problems.push({ field: 'contact', key: 'monitor.error.tooLong', params: { max: 200 } });
  const hoursRaw = text(input.hours_per_month, 10);
  const hours = hoursRaw === '' ? null : number(hoursRaw, 'hours_per_month', problems, { min: 0, max: 200 });
  if (hours !== null && !Number.isInteger(hours))
    problems.push({ field: 'hours_per_month', key: 'monitor.error.number' });
  const today = amsterdamDate(now);
  const day = (field: string) => {
    const v = text(input[field], 10);
    if (v === '') return null;
    if (!isValidDate(v)) {
      problems.push({ field, key: 'monitor.error.date' });
      return null;
    }
    return v;
  };
  const consentOn = day('consent_on');
  const retainUntil = day('retain_until');
  if (consentOn && consentOn > today) problems.push({ field: 'consent_on', key: 'monitor.error.future' });
  if (consentOn && retainUntil && retainUntil < consentOn)
    problems.push({ field: 'retain_until', key: 'monitor.error.retainBeforeConsent' });
  if (pseudonym && (await pool.pseudonymTaken(db, pseudonym, id)))
    problems.push({ field: 'pseudonym', key: 'monitor.error.pseudonymTaken' });
  return {
    problems,
    values: {
      pseudonym,
      realName,
      contact,
      forms,
      minors: bool(input.minors),
      labourMigration: bool(input.labour_migration),
      languages,
      available: bool(input.available),
      hoursPerMonth: hours,
      consentOn,
      retainUntil,
    },
  };
}

export function createAssignmentService(deps: PoolDeps) {
  const { db, clock, newId } = deps;
  const { listAssignments, findAssignment, record, move, eligibleExpert, noteOf } = assignmentKit(deps);
  return {
    /** A requesting organisation's assignments (its own), or all of them for the coordinator. */
    async assignments(actor: MonitorActor): Promise<Assignment[]> {
      if (actor.role === 'requesting_organisation') {
        const org = await deps.ownership.organisationOf(actor);
        return org ? listAssignments({ organisationId: org.id }) : [];
      }
      assertRole(actor, COORDINATOR);
      return listAssignments();
    },

    async assignment(
      id: string,
      actor: MonitorActor,
    ): Promise<{ assignment: Assignment; suggestions: Suggestion[]; history: AssignmentEvent[] }> {
      const assignment = await findAssignment(id, actor);
      const history = await pool.listAssignmentEvents(db, id);
      if (actor.role !== 'pool_coordinator') return { assignment, suggestions: [], history };
      const load = new Map<string, number>();
      for (const a of await listAssignments())
        if (a.status === 'assigned' && a.expert) load.set(a.expert.id, (load.get(a.expert.id) ?? 0) + 1);
      const experts = (await pool.listExperts(db)).filter((e) => !e.erased && e.id !== assignment.expert?.id);
      const declined = await pool.declinedBy(db, id);
      return { assignment, suggestions: rankExperts(assignment, experts, load, declined), history };
    },

    async requestAssignment(input: Record<string, unknown>, actor: MonitorActor): Promise<string> {
      assertRole(actor, ['requesting_organisation']);
      const org = await deps.ownership.organisationOf(actor);
      if (!org) throw new Forbidden('monitor.error.notLinked');
      const title = text(input.title, 200);
      const description = text(input.description, 4000);
      const forms = parseList(input.forms as string | string[] | undefined);
      const languages = parseList(input.languages as string | undefined);
      const problems = validateNeeds({ forms, languages });
      if (title.length < 3 || title.length > 200)
        problems.push({ field: 'title', key: 'monitor.error.length', params: { min: 3, max: 200 } });
      if (description.length > 4000)
        problems.push({ field: 'description', key: 'monitor.error.tooLong', params: { max: 4000 } });
      const hours = parseQuarterHours(text(input.hours_estimated, 10), 'hours_estimated', problems, {
        min: 0.25,
        max: 500,
      });
      if (problems.length) throw new ValidationFailed(problems);
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await pool.insertAssignment(trx, {
          id,
          organisationId: org.id,
          requestedBy: actor.id,
          title,
          description,
          forms,
          minors: bool(input.minors),
          labourMigration: bool(input.labour_migration),
          languages,
          hoursEstimated: hours!,
          createdAt: clock(),
        });
        await record(trx, { id, actor, kind: 'requested' });
      });
      return id;
    },

    /** Proposes an expert for an open request; they still have to say yes (`answer`). */
    async assign(id: string, expertId: string, actor: MonitorActor): Promise<void> {
      assertRole(actor, COORDINATOR);
      const assignment = await findAssignment(id, actor);
      if (assignment.status !== 'requested') throw new Conflict('monitor.error.notRequested');
      await eligibleExpert(expertId);
      if ((await pool.declinedBy(db, id)).has(expertId))
        throw new ValidationFailed([{ field: 'expert', key: 'monitor.error.declinedBefore' }]);
      await db.transaction().execute(async (trx) => {
        await move(
          trx,
          id,
          { statuses: ['requested'] },
          { status: 'assigned', expertId, expertAnswer: 'pending', assignedAt: clock() },
          'monitor.error.notRequested',
        );
        await record(trx, { id, actor, kind: 'assigned' }, { expertId });
      });
    },

    /**
     * The expert's answer, as the coordinator heard it: yes keeps the assignment; no sends the request back to
     * be assigned (the expert is not suggested for it again), with the answer kept in the history.
     */
    async answer(id: string, input: Record<string, unknown>, actor: MonitorActor): Promise<void> {
      assertRole(actor, COORDINATOR);
      const assignment = await findAssignment(id, actor);
      const answer = text(input.answer, 20);
      if (answer !== 'accepted' && answer !== 'declined')
        throw new ValidationFailed([{ field: 'answer', key: 'monitor.error.answer' }]);
      const note = noteOf(input);
      if (assignment.status !== 'assigned' || assignment.expertAnswer !== 'pending' || !assignment.expert)
        throw new Conflict('monitor.error.notAwaitingAnswer');
      const expertId = assignment.expert.id;
      await db.transaction().execute(async (trx) => {
        const version = { statuses: ['assigned'], version: assignment.version };
        if (answer === 'accepted')
          await move(trx, id, version, { expertAnswer: 'accepted' }, 'monitor.error.notAwaitingAnswer');
        else
          await move(
            trx,
            id,
            version,
            { status: 'requested', expertId: null, expertAnswer: null },
            'monitor.error.notAwaitingAnswer',
          );
        await record(trx, { id, actor, kind: answer }, { expertId, note });
      });
    },
  };
}
