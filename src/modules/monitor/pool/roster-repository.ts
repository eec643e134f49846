// SQL for the mirror group's roster (migration 0024): members by pseudonym with the days they joined and left,
// attendance per meeting, and meetings corrected or withdrawn (each matching the version the form was opened on).
import type { Db } from '../plan/repository.js';

export interface RosterMember {
  id: string;
  pseudonym: string;
  joinedOn: string;
  leftOn: string | null;
  version: number;
}

export interface RosterMeeting {
  id: string;
  heldOn: string;
  participants: number;
  topics: string;
  version: number;
  withdrawnAt: Date | null;
  withdrawnReason: string;
  /** Member ids present. */
  attended: string[];
}

export async function listMembers(db: Db): Promise<RosterMember[]> {
  const rows = await db
    .selectFrom('monitor_mirror_member')
    .select(['id', 'pseudonym', 'joined_on', 'left_on', 'version'])
    .orderBy('joined_on')
    .orderBy('pseudonym')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    pseudonym: r.pseudonym,
    joinedOn: r.joined_on,
    leftOn: r.left_on,
    version: r.version,
  }));
}

export async function pseudonymTaken(db: Db, pseudonym: string, except?: string): Promise<boolean> {
  let q = db
    .selectFrom('monitor_mirror_member')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['pseudonym']), '=', pseudonym.toLowerCase()));
  if (except) q = q.where('id', '!=', except);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertMember(
  db: Db,
  m: { id: string; pseudonym: string; joinedOn: string; createdAt: Date },
): Promise<void> {
  await db
    .insertInto('monitor_mirror_member')
    .values({ id: m.id, pseudonym: m.pseudonym, joined_on: m.joinedOn, created_at: m.createdAt })
    .execute();
}

export async function updateMember(
  db: Db,
  id: string,
  version: number,
  m: { pseudonym: string; joinedOn: string; leftOn: string | null },
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('monitor_mirror_member')
    .set({
      pseudonym: m.pseudonym,
      joined_on: m.joinedOn,
      left_on: m.leftOn,
      version: version + 1,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Every meeting, withdrawn ones too, with who attended; newest first. */
export async function listRosterMeetings(db: Db): Promise<RosterMeeting[]> {
  const [meetings, attendance] = await Promise.all([
    db
      .selectFrom('monitor_mirror_meeting')
      .select(['id', 'held_on', 'participants', 'topics', 'version', 'withdrawn_at', 'withdrawn_reason'])
      .orderBy('held_on', 'desc')
      .execute(),
    db.selectFrom('monitor_mirror_attendance').select(['meeting_id', 'member_id']).execute(),
  ]);
  return meetings.map((m) => ({
    id: m.id,
    heldOn: m.held_on,
    participants: m.participants,
    topics: m.topics,
    version: m.version,
    withdrawnAt: m.withdrawn_at,
    withdrawnReason: m.withdrawn_reason,
    attended: attendance.filter((a) => a.meeting_id === m.id).map((a) => a.member_id),
  }));
}

/** Corrects a meeting in force opened on `version`, with its attendance; false when it changed meanwhile. */
export async function updateMeeting(
  db: Db,
  id: string,
  version: number,
  m: { heldOn: string; participants: number; topics: string; attended: string[] },
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('monitor_mirror_meeting')
    .set({
      held_on: m.heldOn,
      participants: m.participants,
      topics: m.topics,
      version: version + 1,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await db.deleteFrom('monitor_mirror_attendance').where('meeting_id', '=', id).execute();
  if (m.attended.length)
    await db
      .insertInto('monitor_mirror_attendance')
      .values(m.attended.map((member_id) => ({ meeting_id: id, member_id })))
      .execute();
  return true;
}

export async function withdrawMeeting(
  db: Db,
  id: string,
  version: number,
  reason: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('monitor_mirror_meeting')
    .set({ version: version + 1, updated_at: now, withdrawn_at: now, withdrawn_reason: reason })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
