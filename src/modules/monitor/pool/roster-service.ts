// The mirror group's roster, attendance and corrections, as part of the monitor's service (issue 21 point 3):
// every reader of the monitor sees the members (by pseudonym), attendance, the quarters without a meeting and
// each record's history; the pool coordinator adds and corrects members (leaving is a day, not a deletion),
// records attendance and corrects or withdraws a meeting, each from a form opened on the version it shows.
import { Conflict, NotFound, ValidationFailed, type FieldProblem } from '../../../platform/errors.js';
import { changes, recordRevision, revisionsOf, type Revision, type RevisionEntity } from '../revisions.js';
import { amsterdamDate, assertRole, isValidDate, UUID } from '../rules.js';
import type { MonitorActor } from '../types.js';
import { number, text } from './forms.js';
import * as repo from './roster-repository.js';
import { memberOn, rosterStatus, type RosterStatus } from './roster.js';
import { COORDINATOR, type PoolDeps } from './roles.js';

type Input = Record<string, string | string[]>;

const versionOf = (input: Input) => {
  const v = text(input.version, 12);
  if (!/^\d{1,9}$/.test(v))
    throw new ValidationFailed([{ field: 'version', key: 'monitor.error.staleRecord' }]);
  return Number(v);
};

export function createRosterService(deps: PoolDeps) {
  const { db, clock, audit, newId } = deps;
  const today = () => amsterdamDate(clock());

  async function changed(
    trx: Parameters<typeof recordRevision>[0],
    actor: MonitorActor,
    entity: RevisionEntity,
    entityId: string,
    r: {
      kind: 'created' | 'edited' | 'withdrawn';
      version: number;
      fields?: string[];
      previous?: Record<string, unknown>;
      reason?: string;
    },
  ) {
    await recordRevision(trx, { id: newId(), entity, entityId, actorUserId: actor.id, at: clock(), ...r });
    await audit.record(
      {
        actorUserId: actor.id,
        action: `monitor.mirror.${entity === 'monitor_mirror_member' ? 'member' : 'meeting'}.${r.kind}`,
        entityType: entity,
        entityId,
        detail: { fields: r.fields ?? [] },
      },
      trx,
    );
  }

  /** Pseudonym and dates of a member; problems name the field. */
  async function memberInput(input: Input, except?: string) {
    const problems: FieldProblem[] = [];
    const pseudonym = text(input.pseudonym, 80);
    const joinedOn = text(input.joined_on, 10);
    const leftOn = text(input.left_on, 10) || null;
    if (pseudonym.length < 2 || pseudonym.length > 80)
      problems.push({ field: 'pseudonym', key: 'monitor.error.length', params: { min: 2, max: 80 } });
    else if (await repo.pseudonymTaken(db, pseudonym, except))
      problems.push({ field: 'pseudonym', key: 'monitor.error.pseudonymTaken' });
    if (!isValidDate(joinedOn)) problems.push({ field: 'joined_on', key: 'monitor.error.date' });
    if (leftOn !== null && !isValidDate(leftOn))
      problems.push({ field: 'left_on', key: 'monitor.error.date' });
    else if (leftOn !== null && isValidDate(joinedOn) && leftOn < joinedOn)
      problems.push({ field: 'left_on', key: 'monitor.error.leftBeforeJoined' });
    if (problems.length) throw new ValidationFailed(problems);
    return { pseudonym, joinedOn, leftOn };
  }

  return {
    async mirrorRoster(): Promise<{
      members: repo.RosterMember[];
      meetings: repo.RosterMeeting[];
      status: RosterStatus;
    }> {
      const [members, meetings] = await Promise.all([repo.listMembers(db), repo.listRosterMeetings(db)]);
      return { members, meetings, status: rosterStatus(members, meetings, today()) };
    },

    async mirrorHistory(
      entity: 'monitor_mirror_meeting' | 'monitor_mirror_member',
      id: string,
    ): Promise<Revision[]> {
      return UUID.test(id) ? revisionsOf(db, entity, id) : [];
    },

    async addMember(input: Input, actor: MonitorActor): Promise<string> {
      assertRole(actor, COORDINATOR);
      const m = await memberInput(input);
      if (m.leftOn !== null)
        throw new ValidationFailed([{ field: 'left_on', key: 'monitor.error.leftOnNew' }]);
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await repo.insertMember(trx, {
          id,
          pseudonym: m.pseudonym,
          joinedOn: m.joinedOn,
          createdAt: clock(),
        });
        await changed(trx, actor, 'monitor_mirror_member', id, { kind: 'created', version: 1 });
      });
      return id;
    },

    /** Corrects a member's pseudonym or dates, or records the day they left. */
    async editMember(id: string, input: Input, actor: MonitorActor): Promise<void> {
      assertRole(actor, COORDINATOR);
      const before = UUID.test(id) ? (await repo.listMembers(db)).find((m) => m.id === id) : undefined;
      if (!before) throw new NotFound();
      const version = versionOf(input);
      const m = await memberInput(input, id);
      const attended = (await repo.listRosterMeetings(db)).filter(
        (meeting) => meeting.withdrawnAt === null && meeting.attended.includes(id),
      );
      if (attended.some((meeting) => !memberOn({ ...before, ...m }, meeting.heldOn)))
        throw new ValidationFailed([{ field: 'joined_on', key: 'monitor.error.datesExcludeAttendance' }]);
      const diff = changes(
        { pseudonym: before.pseudonym, joinedOn: before.joinedOn, leftOn: before.leftOn },
        m,
      );
      if (diff.fields.length === 0) return;
      await db.transaction().execute(async (trx) => {
        if (!(await repo.updateMember(trx, id, version, m, clock())))
          throw new Conflict('monitor.error.staleRecord');
        await changed(trx, actor, 'monitor_mirror_member', id, {
          kind: 'edited',
          version: version + 1,
          ...diff,
        });
      });
    },

    /** Corrects a meeting: its day, topics and who attended (members on that day); the head count follows. */
    async editMeeting(id: string, input: Input, actor: MonitorActor): Promise<void> {
      assertRole(actor, COORDINATOR);
      const before = UUID.test(id) ? (await repo.listRosterMeetings(db)).find((m) => m.id === id) : undefined;
      if (!before) throw new NotFound();
      if (before.withdrawnAt) throw new Conflict('monitor.error.meetingWithdrawn');
      const version = versionOf(input);
      const problems: FieldProblem[] = [];
      const heldOn = text(input.held_on, 10);
      const topics = text(input.topics, 2000);
      if (!isValidDate(heldOn)) problems.push({ field: 'held_on', key: 'monitor.error.date' });
      else if (heldOn > today()) problems.push({ field: 'held_on', key: 'monitor.error.future' });
      if (topics.length > 2000)
        problems.push({ field: 'topics', key: 'monitor.error.tooLong', params: { max: 2000 } });
      const attended = [...new Set(([] as string[]).concat(input.attended ?? []))];
      const members = await repo.listMembers(db);
      const eligible = attended.every((a) =>
        members.some((m) => m.id === a && (!isValidDate(heldOn) || memberOn(m, heldOn))),
      );
      if (!eligible) problems.push({ field: 'attended', key: 'monitor.error.attendedNotMember' });
      let participants = attended.length;
      if (attended.length === 0) {
        const count = number(text(input.participants, 5), 'participants', problems, { min: 0, max: 50 });
        participants = count !== null && Number.isInteger(count) ? count : 0;
        if (count !== null && !Number.isInteger(count))
          problems.push({ field: 'participants', key: 'monitor.error.number' });
      }
      if (problems.length) throw new ValidationFailed(problems);
      const after = { heldOn, topics, participants, attended: [...attended].sort() };
      const diff = changes(
        {
          heldOn: before.heldOn,
          topics: before.topics,
          participants: before.participants,
          attended: [...before.attended].sort(),
        },
        after,
      );
      if (diff.fields.length === 0) return;
      await db.transaction().execute(async (trx) => {
        if (!(await repo.updateMeeting(trx, id, version, after, clock())))
          throw new Conflict('monitor.error.staleRecord');
        await changed(trx, actor, 'monitor_mirror_meeting', id, {
          kind: 'edited',
          version: version + 1,
          ...diff,
        });
      });
    },

    /** Withdraws a meeting entered by mistake: kept with its reason and advice, out of the quarters. */
    async withdrawMeeting(id: string, input: Input, actor: MonitorActor): Promise<void> {
      assertRole(actor, COORDINATOR);
      const before = UUID.test(id) ? (await repo.listRosterMeetings(db)).find((m) => m.id === id) : undefined;
      if (!before) throw new NotFound();
      const version = versionOf(input);
      const reason = text(input.reason, 500);
      if (reason.length < 3 || reason.length > 500)
        throw new ValidationFailed([
          { field: 'reason', key: 'monitor.error.length', params: { min: 3, max: 500 } },
        ]);
      if (before.withdrawnAt) throw new Conflict('monitor.error.meetingWithdrawn');
      await db.transaction().execute(async (trx) => {
        if (!(await repo.withdrawMeeting(trx, id, version, reason, clock())))
          throw new Conflict('monitor.error.staleRecord');
        await changed(trx, actor, 'monitor_mirror_meeting', id, {
          kind: 'withdrawn',
          version: version + 1,
          reason,
        });
      });
    },
  };
}
