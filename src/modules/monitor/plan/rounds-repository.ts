// SQL for reporting rounds: rounds, their entries (one per action), indicator values and reminders. A locked
// round's rows are also guarded by the database's triggers.
import type { ActionStatus, ReviewState, Round, RoundEntry, RoundIndicatorValue } from '../types.js';
import type { Db } from './repository.js';

export async function insertIndicatorValue(
  db: Db,
  v: {
    id: string;
    indicatorId: string;
    roundId: string | null;
    period: string;
    value: number;
    note: string;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('monitor_indicator_value')
    .values({
      id: v.id,
      indicator_id: v.indicatorId,
      round_id: v.roundId,
      period: v.period,
      value: v.value,
      note: v.note,
      recorded_at: v.now,
    })
    .execute();
}

/** Removes the values an action's indicators have in a round (before writing the owner's new ones). */
export async function deleteRoundValues(db: Db, roundId: string, indicatorIds: string[]): Promise<void> {
  if (indicatorIds.length === 0) return;
  await db
    .deleteFrom('monitor_indicator_value')
    .where('round_id', '=', roundId)
    .where('indicator_id', 'in', indicatorIds)
    .execute();
}

export async function roundIndicatorValues(
  db: Db,
  roundIds: string[],
): Promise<Map<string, RoundIndicatorValue[]>> {
  const out = new Map<string, RoundIndicatorValue[]>();
  if (roundIds.length === 0) return out;
  const rows = await db
    .selectFrom('monitor_indicator_value as v')
    .innerJoin('monitor_indicator as i', 'i.id', 'v.indicator_id')
    .select(['v.round_id', 'i.id', 'i.action_id', 'i.name', 'i.unit', 'v.period', 'v.value', 'v.note'])
    .where('v.round_id', 'in', roundIds)
    .orderBy('i.position')
    .orderBy('v.period')
    .execute();
  for (const r of rows) {
    const list = out.get(r.round_id!) ?? [];
    list.push({
      indicatorId: r.id,
      actionId: r.action_id,
      name: r.name,
      unit: r.unit,
      period: r.period,
      value: Number(r.value),
      note: r.note,
    });
    out.set(r.round_id!, list);
  }
  return out;
}

type RoundRow = {
  id: string;
  name: string;
  letter: string;
  opened_on: string;
  deadline: string;
  status: string;
  locked_at: Date | null;
  created_at: Date;
};

const toRound = (r: RoundRow): Round => ({
  id: r.id,
  name: r.name,
  letter: r.letter,
  openedOn: r.opened_on,
  deadline: r.deadline,
  status: r.status === 'locked' ? 'locked' : 'open',
  lockedAt: r.locked_at,
  createdAt: r.created_at,
});

/** Rounds, oldest first (by opening date, then creation). */
export async function listRounds(db: Db): Promise<Round[]> {
  const rows = await db
    .selectFrom('monitor_round')
    .select(['id', 'name', 'letter', 'opened_on', 'deadline', 'status', 'locked_at', 'created_at'])
    .orderBy('opened_on')
    .orderBy('created_at')
    .execute();
  return rows.map(toRound);
}

export async function findRound(db: Db, id: string): Promise<Round | undefined> {
  const row = await db
    .selectFrom('monitor_round')
    .select(['id', 'name', 'letter', 'opened_on', 'deadline', 'status', 'locked_at', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toRound(row) : undefined;
}

export async function roundNameTaken(db: Db, name: string): Promise<boolean> {
  const row = await db
    .selectFrom('monitor_round')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertRound(
  db: Db,
  r: {
    id: string;
    name: string;
    letter: string;
    openedOn: string;
    deadline: string;
    openedBy: string | null;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('monitor_round')
    .values({
      id: r.id,
      name: r.name,
      letter: r.letter,
      opened_on: r.openedOn,
      deadline: r.deadline,
      status: 'open',
      opened_by: r.openedBy,
      created_at: r.now,
    })
    .execute();
}

/** Locks an open round; returns false when it was not open (locked meanwhile). */
export async function lockRound(db: Db, id: string, by: string | null, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('monitor_round')
    .set({ status: 'locked', locked_at: at, locked_by: by })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

type EntryRow = {
  round_id: string;
  action_id: string;
  action_code: string;
  action_title: string;
  line_code: string;
  line_title: string;
  line_position: number;
  action_position: number;
  owner_organisation_id: string;
  owner_name: string;
  status: string;
  narrative: string;
  review_state: string;
  review_note: string;
  updated_at: Date | null;
  narrative_carried: boolean;
};

const toEntry = (r: EntryRow): RoundEntry => ({
  roundId: r.round_id,
  actionId: r.action_id,
  actionCode: r.action_code,
  actionTitle: r.action_title,
  lineCode: r.line_code,
  lineTitle: r.line_title,
  linePosition: r.line_position,
  actionPosition: r.action_position,
  ownerId: r.owner_organisation_id,
  ownerName: r.owner_name,
  status: r.status as ActionStatus,
  narrative: r.narrative,
  reviewState: r.review_state as ReviewState,
  reviewNote: r.review_note,
  updatedAt: r.updated_at,
  narrativeCarried: r.narrative_carried,
});

const ENTRY_COLUMNS = [
  'round_id',
  'action_id',
  'action_code',
  'action_title',
  'line_code',
  'line_title',
  'line_position',
  'action_position',
  'owner_organisation_id',
  'owner_name',
  'status',
  'narrative',
  'review_state',
  'review_note',
  'updated_at',
  'narrative_carried',
] as const;

export async function listEntries(
  db: Db,
  roundIds: string[],
  filter: { ownerId?: string } = {},
): Promise<RoundEntry[]> {
  if (roundIds.length === 0) return [];
  let query = db
    .selectFrom('monitor_round_entry')
    .select(ENTRY_COLUMNS)
    .where('round_id', 'in', roundIds)
    .orderBy('line_position')
    .orderBy('action_position')
    .orderBy('action_code');
  if (filter.ownerId) query = query.where('owner_organisation_id', '=', filter.ownerId);
  return (await query.execute()).map(toEntry);
}

export async function findEntry(db: Db, roundId: string, actionId: string): Promise<RoundEntry | undefined> {
  const row = await db
    .selectFrom('monitor_round_entry')
    .select(ENTRY_COLUMNS)
    .where('round_id', '=', roundId)
    .where('action_id', '=', actionId)
    .executeTakeFirst();
  return row ? toEntry(row) : undefined;
}

export async function insertEntries(
  db: Db,
  entries: (Omit<RoundEntry, 'updatedAt'> & { updatedAt: Date | null })[],
) {
  if (entries.length === 0) return;
  // In chunks: a plan of hundreds of actions stays under the parameter limit.
  for (let i = 0; i < entries.length; i += 200) {
    await db
      .insertInto('monitor_round_entry')
      .values(
        entries.slice(i, i + 200).map((e) => ({
          round_id: e.roundId,
          action_id: e.actionId,
          action_code: e.actionCode,
          action_title: e.actionTitle,
          line_code: e.lineCode,
          line_title: e.lineTitle,
          line_position: e.linePosition,
          action_position: e.actionPosition,
          owner_organisation_id: e.ownerId,
          owner_name: e.ownerName,
          status: e.status,
          narrative: e.narrative,
          review_state: e.reviewState,
          review_note: e.reviewNote,
          updated_at: e.updatedAt,
          narrative_carried: e.narrativeCarried,
        })),
      )
      .execute();
  }
}

export async function updateEntry(
  db: Db,
  roundId: string,
  actionId: string,
  set: Partial<{
    status: ActionStatus;
    narrative: string;
    reviewState: ReviewState;
    reviewNote: string;
    updatedBy: string | null;
    updatedAt: Date;
    narrativeCarried: boolean;
  }>,
): Promise<void> {
  await db
    .updateTable('monitor_round_entry')
    .set({
      ...(set.status !== undefined ? { status: set.status } : {}),
      ...(set.narrative !== undefined ? { narrative: set.narrative } : {}),
      ...(set.reviewState !== undefined ? { review_state: set.reviewState } : {}),
      ...(set.reviewNote !== undefined ? { review_note: set.reviewNote } : {}),
      ...(set.updatedBy !== undefined ? { updated_by: set.updatedBy } : {}),
      ...(set.updatedAt !== undefined ? { updated_at: set.updatedAt } : {}),
      ...(set.narrativeCarried !== undefined ? { narrative_carried: set.narrativeCarried } : {}),
    })
    .where('round_id', '=', roundId)
    .where('action_id', '=', actionId)
    .execute();
}

export async function recordReminder(
  db: Db,
  r: { roundId: string; organisationId: string; sentOn: string; recipients: number },
): Promise<boolean> {
  const result = await db
    .insertInto('monitor_reminder')
    .values({
      round_id: r.roundId,
      organisation_id: r.organisationId,
      sent_on: r.sentOn,
      recipients: r.recipients,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}
