// SQL for the mirror group (spiegelgroep): its meetings, its advice and what was done with each.
import type { Db } from '../plan/repository.js';
import type { MirrorMeeting } from './types.js';

// ---- the mirror group ---------------------------------------------------------------------------------------

export async function listMeetings(db: Db): Promise<MirrorMeeting[]> {
  const meetings = await db
    .selectFrom('monitor_mirror_meeting')
    .selectAll()
    .where('withdrawn_at', 'is', null)
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
