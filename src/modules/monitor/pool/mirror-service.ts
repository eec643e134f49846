// The mirror group, as part of the monitor's service: its meetings and advice are read by everyone who reads the
// monitor; the pool coordinator records meetings and advice, the programme team what was done with each advice.
import { NotFound, ValidationFailed, type FieldProblem } from '../../../platform/errors.js';
import { recordRevision } from '../revisions.js';
import { assertRole, isValidDate, UUID } from '../rules.js';
import type { MonitorActor } from '../types.js';
import * as pool from './mirror-repository.js';
import { number, text } from './forms.js';
import { COORDINATOR, type PoolDeps } from './roles.js';
import { ADVICE_STATUSES, type MirrorMeeting } from './types.js';

export function createMirrorService(deps: PoolDeps) {
  const { db, clock, audit, newId } = deps;
  return {
    async mirror(): Promise<MirrorMeeting[]> {
      return pool.listMeetings(db);
    },

    async addMeeting(input: Record<string, unknown>, actor: MonitorActor): Promise<string> {
      assertRole(actor, COORDINATOR);
      const heldOn = text(input.held_on, 10);
      const topics = text(input.topics, 2000);
      const problems: FieldProblem[] = [];
      if (!isValidDate(heldOn)) problems.push({ field: 'held_on', key: 'monitor.error.date' });
      else if (heldOn > new Date(clock().getTime() + 86_400_000).toISOString().slice(0, 10))
        problems.push({ field: 'held_on', key: 'monitor.error.future' });
      const participants = number(text(input.participants, 5), 'participants', problems, { min: 0, max: 50 });
      if (participants !== null && !Number.isInteger(participants))
        problems.push({ field: 'participants', key: 'monitor.error.number' });
      if (topics.length > 2000)
        problems.push({ field: 'topics', key: 'monitor.error.tooLong', params: { max: 2000 } });
      if (problems.length) throw new ValidationFailed(problems);
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await pool.insertMeeting(trx, {
          id,
          heldOn,
          participants: participants!,
          topics,
          createdAt: clock(),
        });
        await recordRevision(trx, {
          id: newId(),
          entity: 'monitor_mirror_meeting',
          entityId: id,
          kind: 'created',
          version: 1,
          actorUserId: actor.id,
          at: clock(),
        });
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.mirror.meeting',
            entityType: 'monitor_mirror_meeting',
            entityId: id,
          },
          trx,
        );
      });
      return id;
    },

    async addAdvice(meetingId: string, input: Record<string, unknown>, actor: MonitorActor): Promise<void> {
      assertRole(actor, COORDINATOR);
      const meeting = UUID.test(meetingId) && (await pool.meetingExists(db, meetingId));
      if (!meeting) throw new NotFound();
      const summary = text(input.summary, 2000);
      const lineId = text(input.line_id, 40) || null;
      const problems: FieldProblem[] = [];
      if (summary.length < 3 || summary.length > 2000)
        problems.push({ field: 'summary', key: 'monitor.error.length', params: { min: 3, max: 2000 } });
      if (lineId && !(UUID.test(lineId) && (await pool.lineExists(db, lineId))))
        problems.push({ field: 'line_id', key: 'monitor.error.line' });
      if (problems.length) throw new ValidationFailed(problems);
      await db.transaction().execute(async (trx) => {
        const id = newId();
        await pool.insertAdvice(trx, {
          id,
          meetingId,
          lineId,
          summary,
          solicited: input.solicited !== 'no',
          createdAt: clock(),
        });
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.mirror.advice',
            entityType: 'monitor_mirror_advice',
            entityId: id,
          },
          trx,
        );
      });
    },

    /** What the programme did with a piece of advice. */
    async respondAdvice(
      adviceId: string,
      input: Record<string, unknown>,
      actor: MonitorActor,
    ): Promise<void> {
      assertRole(actor, ['programme_team', 'admin']);
      const status = text(input.response_status, 20);
      const response = text(input.response, 2000);
      const problems: FieldProblem[] = [];
      if (!(ADVICE_STATUSES as readonly string[]).includes(status) || status === 'open')
        problems.push({ field: 'response_status', key: 'monitor.error.adviceStatus' });
      if (response.length < 3 || response.length > 2000)
        problems.push({ field: 'response', key: 'monitor.error.length', params: { min: 3, max: 2000 } });
      if (problems.length) throw new ValidationFailed(problems);
      const found = UUID.test(adviceId) && (await pool.adviceExists(db, adviceId));
      if (!found) throw new NotFound();
      await db.transaction().execute(async (trx) => {
        await pool.respondAdvice(trx, adviceId, {
          status,
          response,
          respondedOn: clock().toISOString().slice(0, 10),
        });
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.mirror.respond',
            entityType: 'monitor_mirror_advice',
            entityId: adviceId,
          },
          trx,
        );
      });
    },
  };
}
