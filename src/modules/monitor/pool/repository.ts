// SQL for the expert pool and the mirror group, through Kysely, returning domain types. The real identity of an
// expert is read by one function only (`findIdentity`), for the coordinator's audited look.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { Db } from '../plan/repository.js';
import { fee, type Expert } from './matching.js';
import type { Assignment, MirrorMeeting, Rate } from './types.js';

// ---- experts ------------------------------------------------------------------------------------------------

export async function listExperts(db: Db): Promise<Expert[]> {
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

export async function pseudonymTaken(db: Db, pseudonym: string): Promise<boolean> {
  const row = await db
    .selectFrom('monitor_expert')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['pseudonym']), '=', pseudonym.toLowerCase()))
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertExpert(
  db: Db,
  e: Omit<Expert, 'id'> & {
    id: string;
    /** Sealed by the service (field encryption); never plaintext. */
    realNameSealed: string;
    contactSealed: string | null;
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
      created_at: e.createdAt,
    })
    .execute();
}

// ---- rates --------------------------------------------------------------------------------------------------

export async function listRates(db: Db): Promise<Rate[]> {
  const rows = await db.selectFrom('monitor_rate').selectAll().orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, description: r.description, hourlyRate: Number(r.hourly_rate) }));
}

export async function upsertRate(db: Db, r: Rate): Promise<void> {
  await db
    .insertInto('monitor_rate')
    .values({ code: r.code, description: r.description, hourly_rate: r.hourlyRate })
    .onConflict((oc) =>
      oc.column('code').doUpdateSet({ description: r.description, hourly_rate: r.hourlyRate }),
    )
    .execute();
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
    .leftJoin('monitor_rate as r', 'r.code', 'a.rate_code')
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
      'a.hours_worked',
      'a.payment_status',
      'a.created_at',
      'o.id as org_id',
      'o.name as org_name',
      'e.id as expert_id',
      'e.pseudonym',
      'r.hourly_rate',
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
    hoursWorked: r.hours_worked === null ? null : Number(r.hours_worked),
    fee: fee(
      r.hours_worked === null ? null : Number(r.hours_worked),
      r.hourly_rate === null ? null : Number(r.hourly_rate),
    ),
    paymentStatus: r.payment_status as Assignment['paymentStatus'],
    createdAt: r.created_at,
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

/** Assigns an expert to a request still open (a request assigned meanwhile stays as it is). */
export async function assignExpert(db: Db, id: string, expertId: string, at: Date): Promise<void> {
  await db
    .updateTable('monitor_assignment')
    .set({ status: 'assigned', expert_id: expertId, assigned_at: at })
    .where('id', '=', id)
    .where('status', '=', 'requested')
    .execute();
}

export async function recordHours(db: Db, id: string, hours: number, rateCode: string): Promise<void> {
  await db
    .updateTable('monitor_assignment')
    .set({ hours_worked: hours, rate_code: rateCode, status: 'completed', payment_status: 'due' })
    .where('id', '=', id)
    .execute();
}

export async function markPaid(db: Db, id: string): Promise<void> {
  await db.updateTable('monitor_assignment').set({ payment_status: 'paid' }).where('id', '=', id).execute();
}

// ---- the mirror group ---------------------------------------------------------------------------------------

export async function listMeetings(db: Db): Promise<MirrorMeeting[]> {
  const meetings = await db
    .selectFrom('monitor_mirror_meeting')
    .selectAll()
    .orderBy('held_on', 'desc')
    .execute();
  const advice = await db.selectFrom('monitor_mirror_advice').selectAll().orderBy('created_at').execute();
  return meetings.map((m) => ({
    id: m.id,
    heldOn: m.held_on,
    participants: m.participants,
    topics: m.topics,
    advice: advice
      .filter((a) => a.meeting_id === m.id)
      .map((a) => ({
        id: a.id,
        lineId: a.line_id,
        summary: a.summary,
        solicited: a.solicited,
        responseStatus: a.response_status as MirrorMeeting['advice'][number]['responseStatus'],
        response: a.response,
        respondedOn: a.responded_on,
      })),
  }));
}

export async function insertMeeting(
  db: Db,
  m: { id: string; heldOn: string; participants: number; topics: string; createdAt: Date },
): Promise<void> {
  await db
    .insertInto('monitor_mirror_meeting')
    .values({
      id: m.id,
      held_on: m.heldOn,
      participants: m.participants,
      topics: m.topics,
      created_at: m.createdAt,
    })
    .execute();
}

export async function meetingExists(db: Db, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('monitor_mirror_meeting')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

export async function lineExists(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom('monitor_action_line').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

export async function insertAdvice(
  db: Db,
  a: {
    id: string;
    meetingId: string;
    lineId: string | null;
    summary: string;
    solicited: boolean;
    createdAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('monitor_mirror_advice')
    .values({
      id: a.id,
      meeting_id: a.meetingId,
      line_id: a.lineId,
      summary: a.summary,
      solicited: a.solicited,
      created_at: a.createdAt,
    })
    .execute();
}

export async function adviceExists(db: Db, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('monitor_mirror_advice')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

export async function respondAdvice(
  db: Db,
  id: string,
  r: { status: string; response: string; respondedOn: string },
): Promise<void> {
  await db
    .updateTable('monitor_mirror_advice')
    .set({ response_status: r.status, response: r.response, responded_on: r.respondedOn })
    .where('id', '=', id)
    .execute();
}
