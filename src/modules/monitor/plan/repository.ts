// SQL for the plan through Kysely, returning domain types: organisations and who works for which, action lines,
// actions, partners, milestones and indicators. Functions take the database or a transaction, so the service
// decides what is written together.
import type { Kysely, Transaction, Updateable } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { Action, ActionLine, ActionStatus, Indicator, Milestone, Organisation } from '../types.js';

export type Db = Kysely<Database> | Transaction<Database>;
/** The database itself (it can open a transaction), for services that hold it and pass it on. */
export type Root = Kysely<Database>;
/** A transaction a service opened, passed on to the repositories. */
export type Tx = Transaction<Database>;

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

/** A user's role, to check who may be linked to an organisation. */
export async function findUserRole(
  db: Db,
  userId: string,
): Promise<{ id: string; role: string } | undefined> {
  return db.selectFrom('app_user').select(['id', 'role']).where('id', '=', userId).executeTakeFirst();
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

/** Adds a partner; `holder`: a co-holder the letter names beside the owner (mede-actiehouder). */
export async function insertPartner(
  db: Db,
  actionId: string,
  organisationId: string,
  holder = false,
): Promise<void> {
  await db
    .insertInto('monitor_action_partner')
    .values({ action_id: actionId, organisation_id: organisationId, holder })
    .onConflict((oc) =>
      holder ? oc.columns(['action_id', 'organisation_id']).doUpdateSet({ holder: true }) : oc.doNothing(),
    )
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

/** When a milestone was reached (null: not yet). */
export async function setMilestoneReached(db: Db, id: string, actualDate: string | null): Promise<void> {
  await db.updateTable('monitor_milestone').set({ actual_date: actualDate }).where('id', '=', id).execute();
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
