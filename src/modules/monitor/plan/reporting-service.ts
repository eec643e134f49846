// Reporting rounds as they are worked: the team opens a round, owners (or the team) report, the team reviews and
// locks. A locked round never changes: refused here (409), and by the database's triggers as well.
import { Conflict, NotFound, ValidationFailed, type FieldProblem } from '../../../platform/errors.js';
import { amsterdamDate, assertTeam, isValidDate } from '../rules.js';
import type { MonitorActor, Round } from '../types.js';
import * as plan from './repository.js';
import * as roundRepo from './rounds-repository.js';
import { validateEntry, type EntryInput } from './forms.js';
import { writeSnapshot } from './snapshot.js';
import { RoundLocked, type RoundDeps } from './rounds-service.js';

/** Opening a round: one entry per action, carrying over what the last locked round said. */
export function createRoundOpening(deps: RoundDeps & { getRound(id: string): Promise<Round> }) {
  const { db, clock, audit, newId } = deps;
  return {
    /** Opens a round: one entry per action, carrying the action's status and the last locked narrative. */
    async openRound(
      input: { name: string; deadline: string; letter?: string },
      actor: MonitorActor,
    ): Promise<Round> {
      assertTeam(actor);
      const name = input.name.trim();
      const deadline = input.deadline.trim();
      const letter = (input.letter ?? '').trim();
      const today = amsterdamDate(clock());
      const problems: FieldProblem[] = [];
      if (name.length < 1 || name.length > 100)
        problems.push({ field: 'name', key: 'monitor.error.length', params: { min: 1, max: 100 } });
      else if (await roundRepo.roundNameTaken(db, name))
        problems.push({ field: 'name', key: 'monitor.error.roundNameTaken' });
      if (!isValidDate(deadline)) problems.push({ field: 'deadline', key: 'monitor.error.date' });
      else if (deadline < today) problems.push({ field: 'deadline', key: 'monitor.error.deadlinePast' });
      if (letter.length > 200)
        problems.push({ field: 'letter', key: 'monitor.error.tooLong', params: { max: 200 } });
      if (problems.length) throw new ValidationFailed(problems);

      const id = newId();
      const now = clock();
      const rounds = await roundRepo.listRounds(db);
      const lastLocked = [...rounds].reverse().find((r) => r.status === 'locked');
      const previous = lastLocked ? await roundRepo.listEntries(db, [lastLocked.id]) : [];
      // Indicator values are carried over too: an owner who reports nothing new leaves the figures as they stood.
      const previousValues = lastLocked
        ? ((await roundRepo.roundIndicatorValues(db, [lastLocked.id])).get(lastLocked.id) ?? [])
        : [];
      const [lines, actions] = await Promise.all([plan.listLines(db), plan.listActions(db)]);
      await db.transaction().execute(async (trx) => {
        await roundRepo.insertRound(trx, {
          id,
          name,
          letter,
          openedOn: today,
          deadline,
          openedBy: actor.id,
          now,
        });
        await roundRepo.insertEntries(
          trx,
          actions.map((a) => {
            const line = lines.find((l) => l.id === a.lineId)!;
            const before = previous.find((p) => p.actionId === a.id);
            return {
              roundId: id,
              actionId: a.id,
              actionCode: a.code,
              actionTitle: a.title,
              lineCode: line.code,
              lineTitle: line.title,
              linePosition: line.position,
              actionPosition: a.position,
              ownerId: a.owner.id,
              ownerName: a.owner.name,
              status: a.status,
              narrative: before?.narrative ?? a.description,
              reviewState: 'pending',
              reviewNote: '',
              updatedAt: null,
              // Marked for review until the owner confirms it still holds or rewrites it.
              narrativeCarried: true,
            };
          }),
        );
        for (const v of previousValues)
          await roundRepo.insertIndicatorValue(trx, {
            id: newId(),
            indicatorId: v.indicatorId,
            roundId: id,
            period: v.period,
            value: v.value,
            note: v.note,
            now,
          });
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.round.open',
            entityType: 'monitor_round',
            entityId: id,
            detail: { actions: actions.length },
          },
          trx,
        );
      });
      return (await roundRepo.findRound(db, id))!;
    },
  };
}

/** Updates and reviews in an open round, and locking it. */
export function createReviewService(deps: RoundDeps & { getRound(id: string): Promise<Round> }) {
  const { db, clock, audit, newId, getRound } = deps;
  return {
    /** An owner's (or the team's) update of one action in an open round: status, narrative, indicator values. */
    async saveEntry(
      roundId: string,
      actionId: string,
      input: EntryInput,
      actor: MonitorActor,
    ): Promise<void> {
      const round = await getRound(roundId);
      const entry = /^[0-9a-f-]{36}$/i.test(actionId)
        ? await roundRepo.findEntry(db, roundId, actionId)
        : undefined;
      if (!entry) throw new NotFound();
      await deps.ownership.assertCanEdit(actor, entry.ownerId);
      if (round.status === 'locked') throw RoundLocked();
      const indicators = await plan.listIndicators(db, [actionId]);
      const valid = validateEntry(input, indicators);
      // Carried-over text stays marked until its owner rewrites it or confirms that it still holds.
      const narrativeCarried =
        entry.narrativeCarried && valid.narrative === entry.narrative.trim() && !input.confirmNarrative;
      const now = clock();
      await db.transaction().execute(async (trx) => {
        await roundRepo.updateEntry(trx, roundId, actionId, {
          status: valid.status,
          narrative: valid.narrative,
          reviewState: 'submitted',
          updatedBy: actor.id,
          updatedAt: now,
          narrativeCarried,
        });
        await roundRepo.deleteRoundValues(
          trx,
          roundId,
          indicators.map((i) => i.id),
        );
        for (const v of valid.values)
          await roundRepo.insertIndicatorValue(trx, { id: newId(), roundId, now, ...v });
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.entry.submit',
            entityType: 'monitor_round_entry',
            entityId: `${roundId}/${actionId}`,
            detail: { status: valid.status, values: valid.values.length, narrativeCarried },
          },
          trx,
        );
      });
    },

    /** The team accepts an update or asks for changes (with a note saying what). */
    async review(
      roundId: string,
      actionId: string,
      input: { decision: string; note: string },
      actor: MonitorActor,
    ): Promise<void> {
      assertTeam(actor);
      const round = await getRound(roundId);
      const entry = /^[0-9a-f-]{36}$/i.test(actionId)
        ? await roundRepo.findEntry(db, roundId, actionId)
        : undefined;
      if (!entry) throw new NotFound();
      if (round.status === 'locked') throw RoundLocked();
      const note = input.note.trim();
      const problems: FieldProblem[] = [];
      if (input.decision !== 'accept' && input.decision !== 'request_changes')
        problems.push({ field: 'decision', key: 'monitor.error.decision' });
      if (input.decision === 'request_changes' && note.length === 0)
        problems.push({ field: 'note', key: 'monitor.error.noteRequired' });
      if (note.length > 2000)
        problems.push({ field: 'note', key: 'monitor.error.tooLong', params: { max: 2000 } });
      if (problems.length) throw new ValidationFailed(problems);
      const reviewState = input.decision === 'accept' ? 'accepted' : 'changes_requested';
      await db.transaction().execute(async (trx) => {
        await roundRepo.updateEntry(trx, roundId, actionId, { reviewState, reviewNote: note });
        await audit.record(
          {
            actorUserId: actor.id,
            action: `monitor.entry.${input.decision}`,
            entityType: 'monitor_round_entry',
            entityId: `${roundId}/${actionId}`,
          },
          trx,
        );
      });
    },

    /**
     * Locks a round: refused while an update awaits review or a change was asked for. Pending entries (no update
     * received) keep what was carried over. The actions take the statuses of the locked round.
     */
    async lockRound(roundId: string, actor: MonitorActor): Promise<void> {
      assertTeam(actor);
      const round = await getRound(roundId);
      if (round.status === 'locked') throw RoundLocked();
      const entries = await roundRepo.listEntries(db, [roundId]);
      const open = entries.filter(
        (e) => e.reviewState === 'submitted' || e.reviewState === 'changes_requested',
      );
      if (open.length)
        throw new Conflict('monitor.error.unreviewed', [
          {
            field: 'round',
            key: 'monitor.error.unreviewedList',
            params: { codes: open.map((e) => e.actionCode).join(', ') },
          },
        ]);
      const now = clock();
      await db.transaction().execute(async (trx) => {
        if (!(await roundRepo.lockRound(trx, roundId, actor.id, now))) throw RoundLocked();
        for (const e of entries) await plan.setActionStatus(trx, e.actionId, e.status, now);
        // The commitments, overdue milestones and holders as they stand now, frozen with the round.
        await writeSnapshot(trx, roundId, amsterdamDate(now), now);
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.round.lock',
            entityType: 'monitor_round',
            entityId: roundId,
          },
          trx,
        );
      });
    },
  };
}
