// SQL for parliament's motions and the minister's commitments, and the actions they are linked to.
import type { Commitment, CommitmentKind, CommitmentStatus } from '../types.js';
import type { Db } from './repository.js';

export async function listCommitments(db: Db, filter: { actionId?: string } = {}): Promise<Commitment[]> {
  let query = db
    .selectFrom('monitor_commitment as c')
    .leftJoin('monitor_organisation as o', 'o.id', 'c.owner_organisation_id')
    .select([
      'c.id',
      'c.kind',
      'c.number',
      'c.title',
      'c.made_on',
      'c.summary',
      'c.status',
      'c.answered_in',
      'c.source',
      'o.id as owner_id',
      'o.name as owner_name',
    ])
    .orderBy('c.made_on')
    .orderBy('c.title');
  if (filter.actionId) {
    const actionId = filter.actionId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('monitor_commitment_action as ca')
          .select('ca.action_id')
          .whereRef('ca.commitment_id', '=', 'c.id')
          .where('ca.action_id', '=', actionId),
      ),
    );
  }
  const rows = await query.execute();
  const links =
    rows.length === 0
      ? []
      : await db
          .selectFrom('monitor_commitment_action as ca')
          .innerJoin('monitor_action as a', 'a.id', 'ca.action_id')
          .select(['ca.commitment_id', 'a.code'])
          .where(
            'ca.commitment_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('a.code')
          .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as CommitmentKind,
    number: r.number,
    title: r.title,
    madeOn: r.made_on,
    summary: r.summary,
    owner: r.owner_id && r.owner_name ? { id: r.owner_id, name: r.owner_name } : null,
    status: r.status as CommitmentStatus,
    answeredIn: r.answered_in,
    source: r.source,
    actionCodes: links.filter((l) => l.commitment_id === r.id).map((l) => l.code),
  }));
}

type CommitmentFields = Omit<Commitment, 'id' | 'owner' | 'actionCodes' | 'source'> & {
  ownerId: string | null;
  actionIds: string[];
};

/** The columns a commitment's form sets (all but its id, source and creation time). */
const commitmentColumns = (c: CommitmentFields) => ({
  kind: c.kind,
  number: c.number,
  title: c.title,
  made_on: c.madeOn,
  summary: c.summary,
  owner_organisation_id: c.ownerId,
  status: c.status,
  answered_in: c.answeredIn,
});

export async function insertCommitment(
  db: Db,
  c: CommitmentFields & { id: string; source: string; now: Date },
): Promise<void> {
  await db
    .insertInto('monitor_commitment')
    .values({ id: c.id, ...commitmentColumns(c), source: c.source, created_at: c.now })
    .execute();
  await linkCommitmentActions(db, c.id, c.actionIds);
}

async function linkCommitmentActions(db: Db, commitmentId: string, actionIds: string[]): Promise<void> {
  if (actionIds.length)
    await db
      .insertInto('monitor_commitment_action')
      .values(actionIds.map((a) => ({ commitment_id: commitmentId, action_id: a })))
      .execute();
}

/** Rewrites a commitment and the actions it is linked to. */
export async function updateCommitment(db: Db, id: string, c: CommitmentFields): Promise<void> {
  await db.updateTable('monitor_commitment').set(commitmentColumns(c)).where('id', '=', id).execute();
  await db.deleteFrom('monitor_commitment_action').where('commitment_id', '=', id).execute();
  await linkCommitmentActions(db, id, c.actionIds);
}

/** Deletes a commitment with its links to actions (the foreign key cascades). */
export async function deleteCommitment(db: Db, id: string): Promise<void> {
  await db.deleteFrom('monitor_commitment').where('id', '=', id).execute();
}

export async function commitmentExists(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom('monitor_commitment').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** The state of a commitment and the letter that answers it. */
export async function setCommitmentState(
  db: Db,
  id: string,
  state: { status: string; answeredIn?: string },
): Promise<void> {
  await db
    .updateTable('monitor_commitment')
    .set({
      status: state.status,
      ...(state.answeredIn === undefined ? {} : { answered_in: state.answeredIn }),
    })
    .where('id', '=', id)
    .execute();
}
