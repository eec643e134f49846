// SQL for the expert pool (the mirror group's is in mirror-repository.ts), through Kysely, returning domain types. The real identity of an
// expert is read by one function only (`findIdentity`), for the coordinator's audited look.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { Db } from '../plan/repository.js';
import type { Expert, ExpertProfile } from './matching.js';
import type { Assignment, AssignmentEvent } from './types.js';

// ---- experts ------------------------------------------------------------------------------------------------

export async function listExperts(db: Db): Promise<ExpertProfile[]> {
  const rows = await db
    .selectFrom('monitor_expert')
    .select([
      'id',
      'pseudonym',
      'forms',
      'minors',
      'labour_migration',
      'languages',
      'available',
      'hours_per_month',
      'consent_on',
      'retain_until',
      'erased_at',
      'version',
    ])
    .orderBy('pseudonym')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    pseudonym: r.pseudonym,
    forms: r.forms,
    minors: r.minors,
    labourMigration: r.labour_migration,
    languages: r.languages,
    available: r.available,
    hoursPerMonth: r.hours_per_month,
    consentOn: r.consent_on,
    retainUntil: r.retain_until,
    erased: r.erased_at !== null,
    version: r.version,
  }));
}

/** The stored identity of one expert: sealed values, or (a row from before migration 0020) plaintext. */
export interface StoredIdentity {
  id: string;
  realNameSealed: string | null;
  contactSealed: string | null;
  legacyRealName: string | null;
  legacyContact: string | null;
}

export async function findIdentity(db: Db, id: string): Promise<StoredIdentity | undefined> {
  const row = await db
    .selectFrom('monitor_expert')
    .select(['id', 'real_name_enc', 'contact_enc', 'real_name', 'contact'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        realNameSealed: row.real_name_enc,
        contactSealed: row.contact_enc,
        legacyRealName: row.real_name,
        legacyContact: row.contact,
      }
    : undefined;
}

/** Rows whose identity is still plaintext (written before migration 0020), locked until the transaction ends. */
export async function lockUnsealedIdentities(db: Db): Promise<StoredIdentity[]> {
  const rows = await db
    .selectFrom('monitor_expert')
    .select(['id', 'real_name_enc', 'contact_enc', 'real_name', 'contact'])
    .where((eb) => eb.or([eb('real_name', 'is not', null), eb('contact', 'is not', null)]))
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map((row) => ({
    id: row.id,
    realNameSealed: row.real_name_enc,
    contactSealed: row.contact_enc,
    legacyRealName: row.real_name,
    legacyContact: row.contact,
  }));
}

/** Replaces a row's plaintext identity by its sealed values. */
export async function storeSealedIdentity(
  db: Db,
  id: string,
  sealed: { realName: string; contact: string | null },
): Promise<void> {
  await db
    .updateTable('monitor_expert')
    .set({ real_name_enc: sealed.realName, contact_enc: sealed.contact, real_name: null, contact: null })
    .where('id', '=', id)
    .execute();
}

/** Rewrites the table, so that the dead row versions that held plaintext leave its data files. */
export async function compactExperts(db: Kysely<Database>): Promise<void> {
  await sql`vacuum full monitor_expert`.execute(db);
}

/** Whether another expert (not `exceptId`) already has this pseudonym, whatever its case. */
export async function pseudonymTaken(db: Db, pseudonym: string, exceptId?: string): Promise<boolean> {
  let query = db
    .selectFrom('monitor_expert')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['pseudonym']), '=', pseudonym.toLowerCase()));
  if (exceptId) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function insertExpert(
  db: Db,
  e: Omit<Expert, 'id'> & {
    id: string;
    /** Sealed by the service (field encryption); never plaintext. */
    realNameSealed: string;
    contactSealed: string | null;
    consentOn: string | null;
    retainUntil: string | null;
    createdAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('monitor_expert')
    .values({
      id: e.id,
      pseudonym: e.pseudonym,
      real_name_enc: e.realNameSealed,
      contact_enc: e.contactSealed,
      forms: e.forms,
      minors: e.minors,
      labour_migration: e.labourMigration,
      languages: e.languages,
      available: e.available,
      hours_per_month: e.hoursPerMonth,
      consent_on: e.consentOn,
      retain_until: e.retainUntil,
      created_at: e.createdAt,
    })
    .execute();
}

/**
 * Stores an edit of a profile when the row is still the version the form was opened on; returns false when it
 * changed meanwhile (or was erased), so that nothing is overwritten.
 */
export async function updateExpert(
  db: Db,
  id: string,
  seenVersion: number,
  e: Omit<Expert, 'id'> & {
    realNameSealed: string;
    contactSealed: string | null;
    consentOn: string | null;
    retainUntil: string | null;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('monitor_expert')
    .set({
      pseudonym: e.pseudonym,
      real_name_enc: e.realNameSealed,
      contact_enc: e.contactSealed,
      real_name: null,
      contact: null,
      forms: e.forms,
      minors: e.minors,
      labour_migration: e.labourMigration,
      languages: e.languages,
      available: e.available,
      hours_per_month: e.hoursPerMonth,
      consent_on: e.consentOn,
      retain_until: e.retainUntil,
      version: (eb) => eb('version', '+', 1),
    })
    .where('id', '=', id)
    .where('version', '=', seenVersion)
    .where('erased_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Erases a member: the sealed (or legacy plain) name and contact and the profile go; the pseudonym stays. */
export async function eraseExpert(db: Db, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('monitor_expert')
    .set({
      real_name: null,
      contact: null,
      real_name_enc: null,
      contact_enc: null,
      forms: [],
      minors: false,
      labour_migration: false,
      languages: [],
      available: false,
      hours_per_month: null,
      consent_on: null,
      retain_until: null,
      erased_at: at,
      version: (eb) => eb('version', '+', 1),
    })
    .where('id', '=', id)
    .where('erased_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Removes the dead row versions an erasure left (they held the sealed identity): plain vacuum, no lock held long. */
export async function vacuumExperts(db: Kysely<Database>): Promise<void> {
  await sql`vacuum monitor_expert`.execute(db);
}

// ---- assignments --------------------------------------------------------------------------------------------

export async function listAssignments(
  db: Db,
  filter: { organisationId?: string; id?: string } = {},
): Promise<Assignment[]> {
  let query = db
    .selectFrom('monitor_assignment as a')
    .innerJoin('monitor_organisation as o', 'o.id', 'a.organisation_id')
    .leftJoin('monitor_expert as e', 'e.id', 'a.expert_id')
    .select([
      'a.id',
      'a.title',
      'a.description',
      'a.forms',
      'a.minors',
      'a.labour_migration',
      'a.languages',
      'a.hours_estimated',
      'a.rate_code',
      'a.status',
      'a.expert_answer',
      'a.hours_worked',
      'a.worked_on',
      'a.rate_cents',
      'a.rate_effective_from',
      'a.fee_cents',
      'a.payment_status',
      'a.paid_cents',
      'a.paid_on',
      'a.created_at',
      'a.version',
      'o.id as org_id',
      'o.name as org_name',
      'e.id as expert_id',
      'e.pseudonym',
    ])
    .orderBy('a.created_at', 'desc');
  if (filter.organisationId) query = query.where('a.organisation_id', '=', filter.organisationId);
  if (filter.id) query = query.where('a.id', '=', filter.id);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    organisation: { id: r.org_id, name: r.org_name },
    title: r.title,
    description: r.description,
    forms: r.forms,
    minors: r.minors,
    labourMigration: r.labour_migration,
    languages: r.languages,
    hoursEstimated: Number(r.hours_estimated),
    rateCode: r.rate_code,
    status: r.status as Assignment['status'],
    expert: r.expert_id && r.pseudonym ? { id: r.expert_id, pseudonym: r.pseudonym } : null,
    expertAnswer: r.expert_answer as Assignment['expertAnswer'],
    hoursWorked: r.hours_worked === null ? null : Number(r.hours_worked),
    workedOn: r.worked_on,
    rateCents: r.rate_cents,
    rateEffectiveFrom: r.rate_effective_from,
    feeCents: r.fee_cents,
    paymentStatus: r.payment_status as Assignment['paymentStatus'],
    paidCents: r.paid_cents,
    paidOn: r.paid_on,
    createdAt: r.created_at,
    version: r.version,
  }));
}

export async function insertAssignment(
  db: Db,
  a: {
    id: string;
    organisationId: string;
    requestedBy: string;
    title: string;
    description: string;
    forms: string[];
    minors: boolean;
    labourMigration: boolean;
    languages: string[];
    hoursEstimated: number;
    createdAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('monitor_assignment')
    .values({
      id: a.id,
      organisation_id: a.organisationId,
      requested_by: a.requestedBy,
      title: a.title,
      description: a.description,
      forms: a.forms,
      minors: a.minors,
      labour_migration: a.labourMigration,
      languages: a.languages,
      hours_estimated: a.hoursEstimated,
      created_at: a.createdAt,
    })
    .execute();
}

/**
 * Moves an assignment on only from the status (and version, when given) the service saw, so that two people
 * acting at once cannot both succeed; returns whether it moved.
 */
export async function moveAssignment(
  db: Db,
  id: string,
  from: { statuses: readonly string[]; version?: number },
  to: {
    status?: string;
    expertId?: string | null;
    expertAnswer?: 'pending' | 'accepted' | null;
    assignedAt?: Date;
  },
): Promise<boolean> {
  let query = db
    .updateTable('monitor_assignment')
    .set({
      ...(to.status !== undefined ? { status: to.status } : {}),
      ...(to.expertId !== undefined ? { expert_id: to.expertId } : {}),
      ...(to.expertAnswer !== undefined ? { expert_answer: to.expertAnswer } : {}),
      ...(to.assignedAt !== undefined ? { assigned_at: to.assignedAt } : {}),
      version: (eb) => eb('version', '+', 1),
    })
    .where('id', '=', id)
    .where('status', 'in', [...from.statuses]);
  if (from.version !== undefined) query = query.where('version', '=', from.version);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records the hours with the fee fixed in cents; refused (false) once paid or when the assignment moved on. */
export async function recordHours(
  db: Db,
  id: string,
  h: {
    hours: number;
    workedOn: string;
    rateCode: string;
    rateCents: number;
    rateEffectiveFrom: string;
    feeCents: number;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('monitor_assignment')
    .set({
      hours_worked: h.hours,
      worked_on: h.workedOn,
      rate_code: h.rateCode,
      rate_cents: h.rateCents,
      rate_effective_from: h.rateEffectiveFrom,
      fee_cents: h.feeCents,
      status: 'completed',
      payment_status: 'due',
      version: (eb) => eb('version', '+', 1),
    })
    .where('id', '=', id)
    .where('status', 'in', ['assigned', 'completed'])
    .where('payment_status', '<>', 'paid')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Stores the payment: the amount is the fee as fixed, the day the one given. */
export async function markPaid(db: Db, id: string, paidOn: string): Promise<number | null> {
  const row = await db
    .updateTable('monitor_assignment')
    .set((eb) => ({
      payment_status: 'paid',
      paid_cents: eb.ref('fee_cents'),
      paid_on: paidOn,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('payment_status', '=', 'due')
    .returning('paid_cents')
    .executeTakeFirst();
  return row?.paid_cents ?? null;
}

export async function insertAssignmentEvent(
  db: Db,
  e: {
    id: string;
    assignmentId: string;
    at: Date;
    actorUserId: string;
    kind: AssignmentEvent['kind'];
    expertId: string | null;
    note?: string;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  await db
    .insertInto('monitor_assignment_event')
    .values({
      id: e.id,
      assignment_id: e.assignmentId,
      at: e.at,
      actor_user_id: e.actorUserId,
      kind: e.kind,
      expert_id: e.expertId,
      note: e.note ?? '',
      detail: JSON.stringify(e.detail ?? {}),
    })
    .execute();
}

export async function listAssignmentEvents(db: Db, assignmentId: string): Promise<AssignmentEvent[]> {
  const rows = await db
    .selectFrom('monitor_assignment_event as v')
    .leftJoin('monitor_expert as e', 'e.id', 'v.expert_id')
    .select(['v.at', 'v.kind', 'v.note', 'v.detail', 'e.id as expert_id', 'e.pseudonym'])
    .where('v.assignment_id', '=', assignmentId)
    .orderBy('v.seq')
    .execute();
  return rows.map((r) => ({
    at: r.at,
    kind: r.kind as AssignmentEvent['kind'],
    expert: r.expert_id && r.pseudonym ? { id: r.expert_id, pseudonym: r.pseudonym } : null,
    note: r.note,
    detail: r.detail,
  }));
}

/** The experts who declined an assignment (they are not suggested for it again). */
export async function declinedBy(db: Db, assignmentId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('monitor_assignment_event')
    .select('expert_id')
    .where('assignment_id', '=', assignmentId)
    .where('kind', '=', 'declined')
    .execute();
  return new Set(rows.flatMap((r) => (r.expert_id ? [r.expert_id] : [])));
}

/** What still ties an expert to work: assignments in progress, and fees not yet paid. */
export async function openWorkOf(db: Db, expertId: string): Promise<{ active: number; unpaid: number }> {
  const rows = await db
    .selectFrom('monitor_assignment')
    .select(['status', 'payment_status'])
    .where('expert_id', '=', expertId)
    .execute();
  return {
    active: rows.filter((r) => r.status === 'assigned').length,
    unpaid: rows.filter((r) => r.payment_status === 'due').length,
  };
}
