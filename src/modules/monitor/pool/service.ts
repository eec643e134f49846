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
import { fieldContext, type FieldCryptoService } from '../../../platform/crypto/index.js';
import { assertRole, UUID, type Core, type Ownership } from '../rules.js';
import type { MonitorActor } from '../types.js';
import * as pool from './repository.js';
import { bool, number, text } from './forms.js';
import {
  parseList,
  rankExperts,
  validateNeeds,
  type Expert,
  type ExpertIdentity,
  type Suggestion,
} from './matching.js';
import type { Assignment, Rate } from './types.js';

export const COORDINATOR = ['pool_coordinator'] as const;

export interface PoolDeps extends Core {
  ownership: Ownership;
  /** Field encryption (the platform's key ring): the real name and contact are sealed, bound to their row. */
  crypto: Pick<FieldCryptoService, 'encryptField' | 'decryptField'>;
}

/** Where a sealed identity value lives: its context binds it to the column and row. */
export const identityContext = (column: 'real_name_enc' | 'contact_enc', id: string) =>
  fieldContext('monitor_expert', column, id);

export function createExpertService(deps: PoolDeps) {
  const { db, clock, audit, newId } = deps;
  return {
    async experts(actor: MonitorActor): Promise<Expert[]> {
      assertRole(actor, COORDINATOR);
      return pool.listExperts(db);
    },

    /** A member's real name and contact: the coordinator only, and every look is in the audit trail. */
    async expertIdentity(id: string, actor: MonitorActor): Promise<Expert & ExpertIdentity> {
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
      const hours =
        hoursRaw === '' ? null : number(hoursRaw, 'hours_per_month', problems, { min: 0, max: 200 });
      if (hours !== null && !Number.isInteger(hours))
        problems.push({ field: 'hours_per_month', key: 'monitor.error.number' });
      const taken = await pool.pseudonymTaken(db, pseudonym);
      if (taken) problems.push({ field: 'pseudonym', key: 'monitor.error.pseudonymTaken' });
      if (problems.length) throw new ValidationFailed(problems);
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await pool.insertExpert(trx, {
          id,
          pseudonym,
          realNameSealed: deps.crypto.encryptField(realName, identityContext('real_name_enc', id)),
          contactSealed: contact
            ? deps.crypto.encryptField(contact, identityContext('contact_enc', id))
            : null,
          forms,
          minors: bool(input.minors),
          labourMigration: bool(input.labour_migration),
          languages,
          available: input.available === undefined ? true : bool(input.available),
          hoursPerMonth: hours,
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

    async rates(): Promise<Rate[]> {
      return pool.listRates(db);
    },

    async setRate(input: Record<string, unknown>, actor: MonitorActor): Promise<void> {
      assertRole(actor, COORDINATOR);
      const code = text(input.code, 40).toLowerCase();
      const description = text(input.description, 200);
      const problems: FieldProblem[] = [];
      if (!/^[a-z][a-z0-9_-]{1,39}$/.test(code))
        problems.push({ field: 'code', key: 'monitor.error.rateCode' });
      if (description.length < 2 || description.length > 200)
        problems.push({ field: 'description', key: 'monitor.error.length', params: { min: 2, max: 200 } });
      const rate = number(text(input.hourly_rate, 20), 'hourly_rate', problems, { min: 1, max: 1000 });
      if (problems.length) throw new ValidationFailed(problems);
      await db.transaction().execute(async (trx) => {
        await pool.upsertRate(trx, { code, description, hourlyRate: rate! });
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.rate.set',
            entityType: 'monitor_rate',
            entityId: code,
            detail: { hourlyRate: rate! },
          },
          trx,
        );
      });
    },
  };
}

export function createAssignmentService(deps: PoolDeps) {
  const { db, clock, audit, newId } = deps;
  const listAssignments = (filter: { organisationId?: string; id?: string } = {}) =>
    pool.listAssignments(db, filter);

  async function findAssignment(id: string, actor: MonitorActor): Promise<Assignment> {
    const [found] = UUID.test(id) ? await listAssignments({ id }) : [];
    if (!found) throw new NotFound();
    if (actor.role === 'requesting_organisation') {
      const org = await deps.ownership.organisationOf(actor);
      if (org?.id !== found.organisation.id) throw new Forbidden();
    } else assertRole(actor, COORDINATOR);
    return found;
  }

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
    ): Promise<{ assignment: Assignment; suggestions: Suggestion[] }> {
      const assignment = await findAssignment(id, actor);
      if (actor.role !== 'pool_coordinator') return { assignment, suggestions: [] };
      const load = new Map<string, number>();
      for (const a of await listAssignments())
        if (a.status === 'assigned' && a.expert) load.set(a.expert.id, (load.get(a.expert.id) ?? 0) + 1);
      return { assignment, suggestions: rankExperts(assignment, await pool.listExperts(db), load) };
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
      const hours = number(text(input.hours_estimated, 10), 'hours_estimated', problems, {
        min: 0.5,
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
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.assignment.request',
            entityType: 'monitor_assignment',
            entityId: id,
          },
          trx,
        );
      });
      return id;
    },

    async assign(id: string, expertId: string, actor: MonitorActor): Promise<void> {
      assertRole(actor, COORDINATOR);
      const assignment = await findAssignment(id, actor);
      if (assignment.status !== 'requested') throw new Conflict('monitor.error.notRequested');
      const expert = (await pool.listExperts(db)).find((e) => e.id === expertId);
      if (!expert || !expert.available)
        throw new ValidationFailed([{ field: 'expert', key: 'monitor.error.expert' }]);
      await db.transaction().execute(async (trx) => {
        await pool.assignExpert(trx, id, expertId, clock());
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.assignment.assign',
            entityType: 'monitor_assignment',
            entityId: id,
            detail: { expertId },
          },
          trx,
        );
      });
    },

    /** Hours worked at a rate of the rate card: the assignment is completed and its fee falls due. */
    async recordHours(id: string, input: Record<string, unknown>, actor: MonitorActor): Promise<void> {
      assertRole(actor, COORDINATOR);
      const assignment = await findAssignment(id, actor);
      if (assignment.status !== 'assigned' && assignment.status !== 'completed')
        throw new Conflict('monitor.error.notAssigned');
      if (assignment.paymentStatus === 'paid') throw new Conflict('monitor.error.paid');
      const problems: FieldProblem[] = [];
      const hours = number(text(input.hours_worked, 10), 'hours_worked', problems, { min: 0, max: 1000 });
      const rateCode = text(input.rate_code, 40);
      if (!(await pool.listRates(db)).some((r) => r.code === rateCode))
        problems.push({ field: 'rate_code', key: 'monitor.error.rate' });
      if (problems.length) throw new ValidationFailed(problems);
      await db.transaction().execute(async (trx) => {
        await pool.recordHours(trx, id, hours!, rateCode);
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.assignment.hours',
            entityType: 'monitor_assignment',
            entityId: id,
            detail: { hours: hours! },
          },
          trx,
        );
      });
    },

    async markPaid(id: string, actor: MonitorActor): Promise<void> {
      assertRole(actor, COORDINATOR);
      const assignment = await findAssignment(id, actor);
      if (assignment.paymentStatus !== 'due') throw new Conflict('monitor.error.notDue');
      await db.transaction().execute(async (trx) => {
        await pool.markPaid(trx, id);
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.assignment.paid',
            entityType: 'monitor_assignment',
            entityId: id,
          },
          trx,
        );
      });
    },
  };
}
