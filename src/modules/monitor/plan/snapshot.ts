// What a locked round froze for its annex: the commitments register with the linked actions' statuses, the
// milestones past their planned date on the day of locking, and every action's holders. Written once in the
// locking transaction (monitor_round_snapshot; a trigger refuses any later change) and read back for the annex.
// A round locked before the snapshot existed gets the register as it stands now, marked as not frozen.
import { overdueOn, parseRegister, type AnnexRegister, type RegisterCommitment } from '../annex-register.js';
import type { ActionStatus, CommitmentKind, CommitmentStatus } from '../types.js';
import type { Db } from './repository.js';

/** The register as the plan stands now, with overdue milestones counted on `day`. */
export async function currentRegister(db: Db, day: string): Promise<AnnexRegister> {
  const [commitments, links, milestones, holders] = await Promise.all([
    db
      .selectFrom('monitor_commitment')
      .select(['id', 'kind', 'number', 'title', 'made_on', 'summary', 'status', 'answered_in'])
      .orderBy('made_on')
      .orderBy('title')
      .execute(),
    db
      .selectFrom('monitor_commitment_action as ca')
      .innerJoin('monitor_action as a', 'a.id', 'ca.action_id')
      .select(['ca.commitment_id', 'a.code', 'a.title', 'a.status'])
      .execute(),
    db
      .selectFrom('monitor_milestone as m')
      .innerJoin('monitor_action as a', 'a.id', 'm.action_id')
      .select(['a.id as action_id', 'a.code', 'a.status', 'm.title', 'm.planned_date', 'm.actual_date'])
      .execute(),
    db
      .selectFrom('monitor_action_partner as p')
      .innerJoin('monitor_organisation as o', 'o.id', 'p.organisation_id')
      .select(['p.action_id', 'o.name'])
      .where('p.holder', '=', true)
      .orderBy('o.name')
      .execute(),
  ]);
  const byCode = (a: { code: string }, b: { code: string }) =>
    a.code.localeCompare(b.code, 'nl', { numeric: true });
  const register: RegisterCommitment[] = commitments.map((c) => ({
    kind: c.kind as CommitmentKind,
    number: c.number,
    title: c.title,
    madeOn: c.made_on,
    summary: c.summary,
    status: c.status as CommitmentStatus,
    answeredIn: c.answered_in,
    actions: links
      .filter((l) => l.commitment_id === c.id)
      .map((l) => ({ code: l.code, title: l.title, status: l.status as ActionStatus }))
      .sort(byCode),
  }));
  const holderMap: Record<string, string[]> = {};
  for (const h of holders) holderMap[h.action_id] = [...(holderMap[h.action_id] ?? []), h.name];
  return {
    commitments: register,
    overdue: overdueOn(
      day,
      milestones.map((m) => ({
        actionId: m.action_id,
        actionCode: m.code,
        actionStatus: m.status as ActionStatus,
        title: m.title,
        plannedDate: m.planned_date,
        actualDate: m.actual_date,
      })),
    ),
    holders: holderMap,
    frozen: false,
  };
}

/** Freezes the register for a round being locked (inside the locking transaction: pass the transaction). */
export async function writeSnapshot(
  trx: Db,
  roundId: string,
  day: string,
  now: Date,
): Promise<AnnexRegister> {
  const register = await currentRegister(trx, day);
  await trx
    .insertInto('monitor_round_snapshot')
    .values({
      round_id: roundId,
      commitments: JSON.stringify(register.commitments),
      milestones: JSON.stringify(register.overdue),
      holders: JSON.stringify(register.holders),
      created_at: now,
    })
    .execute();
  return { ...register, frozen: true };
}

/** The register a locked round froze, or (locked before snapshots existed) the current one as of its lock day. */
export async function roundRegister(db: Db, roundId: string, lockDay: string): Promise<AnnexRegister> {
  const row = await db
    .selectFrom('monitor_round_snapshot')
    .select(['commitments', 'milestones', 'holders'])
    .where('round_id', '=', roundId)
    .executeTakeFirst();
  if (!row) return currentRegister(db, lockDay);
  return parseRegister({
    commitments: jsonOf(row.commitments),
    milestones: jsonOf(row.milestones),
    holders: jsonOf(row.holders),
  });
}

/** jsonb comes back parsed from PostgreSQL and PGlite; a string (older drivers) is parsed here. */
function jsonOf(v: unknown): unknown {
  return typeof v === 'string' ? (JSON.parse(v) as unknown) : v;
}
