// The privacy officer's audit log: audit entries filtered by case, person (who acted) and period, newest first, a
// page at a time (keyset on id), with the names behind the ids (actor, case reference, team, account).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** The database handle the audit log view is given (the service holds it and passes it on). */
export type Root = Kysely<Database>;

export interface AuditLogQuery {
  caseId?: string;
  /** Part of the name or e-mail address of who acted. */
  person?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** Entries with a smaller id (the next page). */
  before?: number;
  limit: number;
}

export interface AuditLogRow {
  id: number;
  at: Date;
  action: string;
  entity_type: string;
  actor_name: string | null;
  actor_email: string | null;
  case_reference: string | null;
  team_name: string | null;
  subject_user_name: string | null;
  /** A shelter exit's reason: a code from EXIT_REASONS (the entry holds no free text), said in words on the page. */
  exit_reason: string | null;
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function caseIdByReference(
  db: Kysely<Database>,
  reference: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('nrm_case')
    .select('id')
    .where('reference', '=', reference.trim().toUpperCase())
    .executeTakeFirst();
  return row?.id;
}

/** One page of entries (limit + 1 read, so the caller knows whether older ones exist). */
export async function auditLogPage(db: Kysely<Database>, q: AuditLogQuery): Promise<AuditLogRow[]> {
  let query = db
    .selectFrom('audit_event as a')
    .leftJoin('app_user as u', 'u.id', 'a.actor_user_id')
    .leftJoin('nrm_case as c', (j) =>
      j.on(sql<boolean>`a.entity_type = 'nrm_case' and a.entity_id = c.id::text`),
    )
    .leftJoin('nrm_team as t', (j) =>
      j.on(sql<boolean>`a.entity_type = 'nrm_team' and a.entity_id = t.id::text`),
    )
    .leftJoin('app_user as s', (j) =>
      j.on(sql<boolean>`a.entity_type in ('app_user', 'user') and a.entity_id = s.id::text`),
    )
    .select([
      'a.id',
      'a.at',
      'a.action',
      'a.entity_type',
      'u.display_name as actor_name',
      'u.email as actor_email',
      'c.reference as case_reference',
      't.name as team_name',
      's.display_name as subject_user_name',
      sql<string | null>`case when a.action = 'nrm.placement.exit' then a.detail ->> 'exitReason' end`.as(
        'exit_reason',
      ),
    ]);
  if (q.caseId) query = query.where('a.entity_type', '=', 'nrm_case').where('a.entity_id', '=', q.caseId);
  if (q.person) {
    const pattern = likePattern(q.person.trim());
    query = query.where((eb) =>
      eb.or([eb('u.display_name', 'ilike', pattern), eb('u.email', 'ilike', pattern)]),
    );
  }
  if (q.from) query = query.where('a.at', '>=', q.from);
  if (q.to) query = query.where('a.at', '<', q.to);
  if (q.before !== undefined) query = query.where('a.id', '<', q.before);
  return query
    .orderBy('a.id', 'desc')
    .limit(q.limit + 1)
    .execute() as Promise<AuditLogRow[]>;
}
