// SQL for the history of campaigns, mirror-group meetings and members (migration 0024): every correction,
// withdrawal and restoration with the names of the fields it changed and the values they had before. Never
// personal data: campaign and meeting texts and member pseudonyms only.
import type { Db } from './plan/repository.js';

export type RevisionEntity = 'monitor_campaign' | 'monitor_mirror_meeting' | 'monitor_mirror_member';
export type RevisionKind = 'created' | 'edited' | 'withdrawn' | 'restored';

export interface Revision {
  kind: RevisionKind;
  version: number;
  fields: string[];
  previous: Record<string, unknown>;
  reason: string;
  changedAt: Date;
}

export async function recordRevision(
  db: Db,
  r: {
    id: string;
    entity: RevisionEntity;
    entityId: string;
    kind: RevisionKind;
    version: number;
    fields?: string[];
    previous?: Record<string, unknown>;
    reason?: string;
    actorUserId: string | null;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('monitor_record_revision')
    .values({
      id: r.id,
      entity_type: r.entity,
      entity_id: r.entityId,
      kind: r.kind,
      version: r.version,
      fields: r.fields ?? [],
      previous: JSON.stringify(r.previous ?? {}),
      reason: r.reason ?? '',
      actor_user_id: r.actorUserId,
      changed_at: r.at,
    })
    .execute();
}

/** The history of one record, oldest first. */
export async function revisionsOf(db: Db, entity: RevisionEntity, entityId: string): Promise<Revision[]> {
  const rows = await db
    .selectFrom('monitor_record_revision')
    .select(['kind', 'version', 'fields', 'previous', 'reason', 'changed_at'])
    .where('entity_type', '=', entity)
    .where('entity_id', '=', entityId)
    .orderBy('changed_at')
    .orderBy('version')
    .execute();
  return rows.map((r) => ({
    kind: r.kind as RevisionKind,
    version: r.version,
    fields: r.fields,
    previous: (typeof r.previous === 'string' ? JSON.parse(r.previous) : r.previous) as Record<
      string,
      unknown
    >,
    reason: r.reason,
    changedAt: r.changed_at,
  }));
}

/** The names of the fields whose values differ, and the values they had before. */
export function changes<T extends object>(
  before: T,
  after: T,
): { fields: string[]; previous: Record<string, unknown> } {
  const [b, a] = [before as Record<string, unknown>, after as Record<string, unknown>];
  const fields = Object.keys(a).filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null));
  return { fields, previous: Object.fromEntries(fields.map((k) => [k, b[k] ?? null])) };
}
