// SQL for the monitor, through Kysely; returns domain types. Functions take the database or a transaction, so
// the service decides what is written together.
import type { Kysely, Transaction, Updateable } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Campaign, CampaignInput } from './campaigns.js';
import type {
  Action,
  ActionLine,
  ActionStatus,
  Commitment,
  CommitmentKind,
  CommitmentStatus,
  Indicator,
  Milestone,
  Organisation,
  ReviewState,
  Round,
  RoundEntry,
  RoundIndicatorValue,
} from './types.js';

export type Db = Kysely<Database> | Transaction<Database>;

export async function countLines(db: Db): Promise<number> {
  const row = await db
    .selectFrom('monitor_action_line')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---- organisations ----------------------------------------------------------------------------------------

export async function listOrganisations(db: Db): Promise<Organisation[]> {
  return db.selectFrom('monitor_organisation').select(['id', 'name']).orderBy('name').execute();
}

export async function findOrganisationByName(db: Db, name: string): Promise<Organisation | undefined> {
  return db
    .selectFrom('monitor_organisation')
    .select(['id', 'name'])
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
}

export async function insertOrganisation(db: Db, org: Organisation): Promise<void> {
  await db.insertInto('monitor_organisation').values(org).execute();
}

export async function organisationOfUser(db: Db, userId: string): Promise<Organisation | undefined> {
  return db
    .selectFrom('monitor_user_organisation as u')
    .innerJoin('monitor_organisation as o', 'o.id', 'u.organisation_id')
    .select(['o.id', 'o.name'])
    .where('u.user_id', '=', userId)
    .executeTakeFirst();
}

export async function linkUser(db: Db, userId: string, organisationId: string): Promise<void> {
  await db
    .insertInto('monitor_user_organisation')
    .values({ user_id: userId, organisation_id: organisationId })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ organisation_id: organisationId }))
    .execute();
}

export async function unlinkUser(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('monitor_user_organisation').where('user_id', '=', userId).execute();
}

/** Users linked to organisations, with the user's name and email (for the owners page and reminders). */
export async function linkedUsers(
  db: Db,
): Promise<{ userId: string; displayName: string; email: string; role: string; organisationId: string }[]> {
  const rows = await db
    .selectFrom('monitor_user_organisation as l')
    .innerJoin('app_user as u', 'u.id', 'l.user_id')
    .select(['u.id', 'u.display_name', 'u.email', 'u.role', 'l.organisation_id', 'u.disabled_at'])
    .orderBy('u.display_name')
    .execute();
  return rows
    .filter((r) => r.disabled_at === null)
    .map((r) => ({
      userId: r.id,
      displayName: r.display_name,
      email: r.email,
      role: r.role,
      organisationId: r.organisation_id,
    }));
}

// ---- the plan ---------------------------------------------------------------------------------------------

export async function listLines(db: Db): Promise<ActionLine[]> {
  return db
    .selectFrom('monitor_action_line')
    .select(['id', 'code', 'title', 'position', 'source'])
    .orderBy('position')
    .execute();
}

export async function insertLine(db: Db, line: ActionLine): Promise<void> {
  await db.insertInto('monitor_action_line').values(line).execute();
}

async function partnersByAction(db: Db, actionIds: string[]): Promise<Map<string, Organisation[]>> {
  const out = new Map<string, Organisation[]>();
  if (actionIds.length === 0) return out;
  const rows = await db
    .selectFrom('monitor_action_partner as p')
    .innerJoin('monitor_organisation as o', 'o.id', 'p.organisation_id')
    .select(['p.action_id', 'o.id', 'o.name'])
    .where('p.action_id', 'in', actionIds)
    .orderBy('o.name')
    .execute();
  for (const r of rows) {
    const list = out.get(r.action_id) ?? [];
    list.push({ id: r.id, name: r.name });
    out.set(r.action_id, list);
  }
  return out;
}

export async function listActions(db: Db, filter: { ids?: string[] } = {}): Promise<Action[]> {
  let query = db
    .selectFrom('monitor_action as a')
    .innerJoin('monitor_organisation as o', 'o.id', 'a.owner_organisation_id')
    .innerJoin('monitor_action_line as l', 'l.id', 'a.line_id')
    .select([
      'a.id',
      'a.line_id',
      'a.code',
      'a.title',
      'a.description',
      'a.status',
      'a.source',
      'a.position',
      'o.id as owner_id',
      'o.name as owner_name',
    ])
    .orderBy('l.position')
    .orderBy('a.position');
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    query = query.where('a.id', 'in', filter.ids);
  }
  const rows = await query.execute();
  const partners = await partnersByAction(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    lineId: r.line_id,
    code: r.code,
    title: r.title,
    description: r.description,
    owner: { id: r.owner_id, name: r.owner_name },
    partners: partners.get(r.id) ?? [],
    status: r.status as ActionStatus,
    source: r.source,
    position: r.position,
  }));
}

export async function insertAction(
  db: Db,
  a: {
    id: string;
    lineId: string;
    code: string;
    title: string;
    description: string;
    ownerId: string;
    status: ActionStatus;
    source: string;
    position: number;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('monitor_action')
    .values({
      id: a.id,
      line_id: a.lineId,
      code: a.code,
      title: a.title,
      description: a.description,
      owner_organisation_id: a.ownerId,
      status: a.status,
      source: a.source,
      position: a.position,
      created_at: a.now,
      updated_at: a.now,
    })
    .execute();
}

/** Corrects an action's line, title, description, owner, source and place in its line. */
export async function updateAction(
  db: Db,
  id: string,
  a: {
    lineId: string;
    title: string;
    description: string;
    ownerId: string;
    source: string;
    position: number;
    now: Date;
  },
): Promise<void> {
  await db
    .updateTable('monitor_action')
    .set({
      line_id: a.lineId,
      title: a.title,
      description: a.description,
      owner_organisation_id: a.ownerId,
      source: a.source,
      position: a.position,
      updated_at: a.now,
    })
    .where('id', '=', id)
    .execute();
}

/** Whether an action was in any reporting round (then its record there must stay). */
export async function wasReported(db: Db, actionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('monitor_round_entry')
    .select('round_id')
    .where('action_id', '=', actionId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Deletes an action with its milestones, indicators and partners (the foreign keys cascade). */
export async function deleteAction(db: Db, id: string): Promise<void> {
  await db.deleteFrom('monitor_action').where('id', '=', id).execute();
}

export async function renameLine(db: Db, id: string, title: string): Promise<void> {
  await db.updateTable('monitor_action_line').set({ title }).where('id', '=', id).execute();
}

/**
 * Carries a correction of the plan into the entries of the rounds still open (of one action, or of every action
 * of one line); a locked round keeps what it was locked with.
 */
export async function updateOpenRoundEntries(
  db: Db,
  of: { actionId: string } | { lineCode: string },
  set: Updateable<Database['monitor_round_entry']>,
): Promise<void> {
  let update = db
    .updateTable('monitor_round_entry')
    .set(set)
    .where('round_id', 'in', db.selectFrom('monitor_round').select('id').where('status', '=', 'open'));
  update =
    'actionId' in of
      ? update.where('action_id', '=', of.actionId)
      : update.where('line_code', '=', of.lineCode);
  await update.execute();
}

export async function insertPartner(db: Db, actionId: string, organisationId: string): Promise<void> {
  await db
    .insertInto('monitor_action_partner')
    .values({ action_id: actionId, organisation_id: organisationId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Ends an organisation's partnership in an action; false when it was no partner of it. */
export async function deletePartner(db: Db, actionId: string, organisationId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('monitor_action_partner')
    .where('action_id', '=', actionId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function setActionStatus(db: Db, actionId: string, status: ActionStatus, now: Date) {
  await db
    .updateTable('monitor_action')
    .set({ status, updated_at: now })
    .where('id', '=', actionId)
    .execute();
}

export async function listMilestones(db: Db, actionId: string): Promise<Milestone[]> {
  const rows = await db
    .selectFrom('monitor_milestone')
    .select(['id', 'title', 'planned_date', 'actual_date', 'source'])
    .where('action_id', '=', actionId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    plannedDate: r.planned_date,
    actualDate: r.actual_date,
    source: r.source,
  }));
}

export async function insertMilestone(
  db: Db,
  m: Milestone & { actionId: string; position: number },
): Promise<void> {
  await db
    .insertInto('monitor_milestone')
    .values({
      id: m.id,
      action_id: m.actionId,
      title: m.title,
      planned_date: m.plannedDate,
      actual_date: m.actualDate,
      source: m.source,
      position: m.position,
    })
    .execute();
}

/** One milestone with the action it belongs to. */
export async function findMilestone(
  db: Db,
  id: string,
): Promise<(Milestone & { actionId: string }) | undefined> {
  const r = await db
    .selectFrom('monitor_milestone')
    .select(['id', 'action_id', 'title', 'planned_date', 'actual_date', 'source'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r
    ? {
        id: r.id,
        actionId: r.action_id,
        title: r.title,
        plannedDate: r.planned_date,
        actualDate: r.actual_date,
        source: r.source,
      }
    : undefined;
}

export async function updateMilestone(
  db: Db,
  id: string,
  m: { title: string; plannedDate: string | null; actualDate: string | null },
): Promise<void> {
  await db
    .updateTable('monitor_milestone')
    .set({ title: m.title, planned_date: m.plannedDate, actual_date: m.actualDate })
    .where('id', '=', id)
    .execute();
}

export async function deleteMilestone(db: Db, id: string): Promise<void> {
  await db.deleteFrom('monitor_milestone').where('id', '=', id).execute();
}

export async function listIndicators(db: Db, actionIds: string[]): Promise<Indicator[]> {
  if (actionIds.length === 0) return [];
  const rows = await db
    .selectFrom('monitor_indicator')
    .select(['id', 'action_id', 'name', 'unit', 'min_value', 'max_value'])
    .where('action_id', 'in', actionIds)
    .orderBy('action_id')
    .orderBy('position')
    .execute();
  const values =
    rows.length === 0
      ? []
      : await db
          .selectFrom('monitor_indicator_value as v')
          .leftJoin('monitor_round as r', 'r.id', 'v.round_id')
          .select(['v.id', 'v.indicator_id', 'v.round_id', 'v.period', 'v.value', 'v.note'])
          .where(
            'v.indicator_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('v.period')
          .orderBy('v.recorded_at')
          .execute();
  return rows.map((r) => ({
    id: r.id,
    actionId: r.action_id,
    name: r.name,
    unit: r.unit,
    min: r.min_value === null ? null : Number(r.min_value),
    max: r.max_value === null ? null : Number(r.max_value),
    values: values
      .filter((v) => v.indicator_id === r.id)
      .map((v) => ({
        id: v.id,
        roundId: v.round_id,
        period: v.period,
        value: Number(v.value),
        note: v.note,
      })),
  }));
}

export async function insertIndicator(
  db: Db,
  i: {
    id: string;
    actionId: string;
    name: string;
    unit: string;
    min: number | null;
    max: number | null;
    position: number;
  },
): Promise<void> {
  await db
    .insertInto('monitor_indicator')
    .values({
      id: i.id,
      action_id: i.actionId,
      name: i.name,
      unit: i.unit,
      min_value: i.min,
      max_value: i.max,
      position: i.position,
    })
    .execute();
}

/** One indicator with its recorded values. */
export async function findIndicator(db: Db, id: string): Promise<Indicator | undefined> {
  const row = await db
    .selectFrom('monitor_indicator')
    .select('action_id')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return (await listIndicators(db, [row.action_id])).find((i) => i.id === id);
}

/** Whether an indicator has values in a locked round: its name and unit are then part of an annex sent. */
export async function indicatorInLockedRound(db: Db, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('monitor_indicator_value as v')
    .innerJoin('monitor_round as r', 'r.id', 'v.round_id')
    .select('v.id')
    .where('v.indicator_id', '=', id)
    .where('r.status', '=', 'locked')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function updateIndicator(
  db: Db,
  id: string,
  i: { name: string; unit: string; min: number | null; max: number | null },
): Promise<void> {
  await db
    .updateTable('monitor_indicator')
    .set({ name: i.name, unit: i.unit, min_value: i.min, max_value: i.max })
    .where('id', '=', id)
    .execute();
}

/** Deletes an indicator with its values (the foreign key cascades; a locked round's values refuse by trigger). */
export async function deleteIndicator(db: Db, id: string): Promise<void> {
  await db.deleteFrom('monitor_indicator').where('id', '=', id).execute();
}

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

// ---- commitments ------------------------------------------------------------------------------------------

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

// ---- rounds -----------------------------------------------------------------------------------------------

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

// ---- campaigns --------------------------------------------------------------------------------------------

export async function listCampaigns(db: Db): Promise<Campaign[]> {
  const rows = await db
    .selectFrom('monitor_campaign')
    .selectAll()
    .orderBy('start_year')
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    organisation: r.organisation,
    startYear: r.start_year,
    endYear: r.end_year,
    forms: r.forms,
    audiences: r.audiences,
    sectors: r.sectors,
    languages: r.languages,
    channels: r.channels,
    reach: r.reach,
    impactIndicator: r.impact_indicator,
    impactBaseline: r.impact_baseline,
    impactResult: r.impact_result,
    impactMethod: r.impact_method,
    impactSource: r.impact_source,
    source: r.source,
  }));
}

export async function insertCampaign(db: Db, id: string, c: CampaignInput, now: Date): Promise<void> {
  await db
    .insertInto('monitor_campaign')
    .values({
      id,
      name: c.name,
      organisation: c.organisation,
      start_year: c.startYear,
      end_year: c.endYear,
      forms: c.forms,
      audiences: c.audiences,
      sectors: c.sectors,
      languages: c.languages,
      channels: c.channels,
      reach: c.reach,
      impact_indicator: c.impactIndicator,
      impact_baseline: c.impactBaseline,
      impact_result: c.impactResult,
      impact_method: c.impactMethod,
      impact_source: c.impactSource,
      source: c.source,
      created_at: now,
    })
    .execute();
}

/** Milestones planned before `today` and not reached, in date order. */
export async function overdueMilestones(
  db: Db,
  today: string,
): Promise<{ actionId: string; actionCode: string; title: string; plannedDate: string }[]> {
  const rows = await db
    .selectFrom('monitor_milestone as m')
    .innerJoin('monitor_action as a', 'a.id', 'm.action_id')
    .select(['a.id', 'a.code', 'm.title', 'm.planned_date'])
    .where('m.actual_date', 'is', null)
    .where('m.planned_date', '<', today)
    .where('a.status', 'not in', ['completed', 'stopped'])
    .orderBy('m.planned_date')
    .execute();
  return rows.map((r) => ({
    actionId: r.id,
    actionCode: r.code,
    title: r.title,
    plannedDate: r.planned_date!,
  }));
}
