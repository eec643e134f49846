// Reporting rounds as they are read: the list, one round, one entry, the annex of a locked round and two rounds
// side by side. A draft (what an open round holds) is for its own organisation and the programme team only.
import { Conflict, Forbidden, NotFound } from '../../../platform/errors.js';
import { amsterdamDate, isTeam, type Core, type Ownership } from '../rules.js';
import { roundRegister } from './snapshot.js';
import type { MonitorActor, Round, RoundEntry, RoundIndicatorValue, RoundProgress } from '../types.js';
import * as plan from './repository.js';
import * as roundRepo from './rounds-repository.js';
import { buildAnnex, compareRounds, type Annex } from '../annex.js';

export interface RoundDeps extends Core {
  ownership: Ownership;
}

export interface RoundView {
  round: Round;
  entries: RoundEntry[];
  values: RoundIndicatorValue[];
  progress: RoundProgress;
}

export const RoundLocked = () => new Conflict('monitor.error.roundLocked', [], 'round_locked');

export function progressOf(entries: RoundEntry[]): RoundProgress {
  const byReview = { pending: 0, submitted: 0, changes_requested: 0, accepted: 0 };
  for (const e of entries) byReview[e.reviewState]++;
  return { total: entries.length, byReview };
}

/** No organisation: a filter that matches no entry. */
const NOBODY = '00000000-0000-0000-0000-000000000000';

export function createRoundService(deps: RoundDeps) {
  const { db } = deps;

  /**
   * Need-to-know for drafts: what an open round holds is unreviewed and unpublished. The programme team sees every
   * entry; an action owner only their own organisation's; every other reader (a monitor viewer, the pool
   * coordinator) none until the round is locked. `undefined`: no limit.
   */
  async function draftOwner(actor: MonitorActor): Promise<string | undefined> {
    if (isTeam(actor.role)) return undefined;
    if (actor.role === 'action_owner') return (await deps.ownership.organisationOf(actor))?.id ?? NOBODY;
    return NOBODY;
  }

  /** Which entries of these rounds this actor may see: every entry of a locked round, drafts by need-to-know. */
  async function visibleTo(roundsOf: Round[], actor: MonitorActor): Promise<(e: RoundEntry) => boolean> {
    const owner = await draftOwner(actor);
    const open = new Set(roundsOf.filter((r) => r.status === 'open').map((r) => r.id));
    return (e) => owner === undefined || !open.has(e.roundId) || e.ownerId === owner;
  }

  async function getRound(id: string): Promise<Round> {
    const round = /^[0-9a-f-]{36}$/i.test(id) ? await roundRepo.findRound(db, id) : undefined;
    if (!round) throw new NotFound();
    return round;
  }

  /** The locked round before this one (by opening date), if any. */
  async function previousLocked(round: Round): Promise<Round | undefined> {
    const rounds = await roundRepo.listRounds(db);
    const index = rounds.findIndex((r) => r.id === round.id);
    return rounds
      .slice(0, Math.max(0, index))
      .reverse()
      .find((r) => r.status === 'locked');
  }

  async function roundView(round: Round, filter: { ownerId?: string } = {}): Promise<RoundView> {
    const [entries, values] = await Promise.all([
      roundRepo.listEntries(db, [round.id], filter),
      roundRepo.roundIndicatorValues(db, [round.id]),
    ]);
    // With a filter, only the values of the entries shown: another organisation's draft figures stay hidden too.
    const actionIds = new Set(entries.map((e) => e.actionId));
    const shown = (values.get(round.id) ?? []).filter((v) => !filter.ownerId || actionIds.has(v.actionId));
    return { round, entries, values: shown, progress: progressOf(entries) };
  }

  return {
    async rounds(): Promise<(Round & { progress: RoundProgress })[]> {
      const rounds = await roundRepo.listRounds(db);
      const entries = await roundRepo.listEntries(
        db,
        rounds.map((r) => r.id),
      );
      return rounds.map((r) => ({ ...r, progress: progressOf(entries.filter((e) => e.roundId === r.id)) }));
    },

    getRound,
    previousLocked,

    /**
     * A round with the entries this actor may see: an action owner their own organisation's (in every round, as the
     * round page says); of an open round, other readers none and the team all (need-to-know for drafts).
     */
    async round(
      id: string,
      actor: MonitorActor,
    ): Promise<RoundView & { ownerOnly: boolean; draftsHidden: boolean }> {
      const round = await getRound(id);
      if (actor.role === 'action_owner') {
        const org = await deps.ownership.organisationOf(actor);
        return {
          ...(await roundView(round, { ownerId: org?.id ?? NOBODY })),
          ownerOnly: true,
          draftsHidden: false,
        };
      }
      const owner = round.status === 'open' ? await draftOwner(actor) : undefined;
      if (owner !== undefined)
        return { ...(await roundView(round, { ownerId: owner })), ownerOnly: false, draftsHidden: true };
      return { ...(await roundView(round)), ownerOnly: false, draftsHidden: false };
    },

    /** An action's entries in every round, as far as this actor may see them (drafts by need-to-know). */
    async actionHistory(actionId: string, actor: MonitorActor): Promise<RoundEntry[]> {
      const all = await roundRepo.listRounds(db);
      const visible = await visibleTo(all, actor);
      const entries = await roundRepo.listEntries(
        db,
        all.map((r) => r.id),
      );
      const order = new Map(all.map((r, i) => [r.id, i]));
      return entries
        .filter((e) => e.actionId === actionId && visible(e))
        .sort((a, b) => order.get(a.roundId)! - order.get(b.roundId)!);
    },

    /** The ids of open rounds whose drafts of this owner's action the actor may not see. */
    async hiddenDraftRounds(ownerId: string, actor: MonitorActor): Promise<Set<string>> {
      const owner = await draftOwner(actor);
      if (owner === undefined || owner === ownerId) return new Set();
      return new Set((await roundRepo.listRounds(db)).filter((r) => r.status === 'open').map((r) => r.id));
    },

    /** The entries of a round, unfiltered: for the service's own use and tests, never for a page. */
    roundView,

    async entry(roundId: string, actionId: string, actor: MonitorActor) {
      const round = await getRound(roundId);
      const entry = /^[0-9a-f-]{36}$/i.test(actionId)
        ? await roundRepo.findEntry(db, roundId, actionId)
        : undefined;
      if (!entry) throw new NotFound();
      if (actor.role === 'action_owner') await deps.ownership.assertCanEdit(actor, entry.ownerId);
      // A draft is for its own organisation and the team: other readers wait for the round to be locked.
      const owner = round.status === 'open' ? await draftOwner(actor) : undefined;
      if (owner !== undefined && owner !== entry.ownerId) throw new Forbidden('monitor.error.draft');
      const [indicators, values] = await Promise.all([
        plan.listIndicators(db, [actionId]),
        roundRepo.roundIndicatorValues(db, [roundId]),
      ]);
      const canEdit =
        round.status === 'open' &&
        (isTeam(actor.role) ||
          (actor.role === 'action_owner' &&
            (await deps.ownership.organisationOf(actor))?.id === entry.ownerId));
      return {
        round,
        entry,
        indicators,
        values: (values.get(roundId) ?? []).filter((v) => v.actionId === actionId),
        canEdit,
      };
    },

    /** The annex of a locked round, compared with the locked round before it. */
    async annex(roundId: string): Promise<Annex> {
      const round = await getRound(roundId);
      if (round.status !== 'locked') throw new Conflict('monitor.error.annexOpen');
      const prev = await previousLocked(round);
      const lockDay = amsterdamDate(round.lockedAt ?? deps.clock());
      const [mine, theirs, register] = await Promise.all([
        roundView(round),
        prev ? roundView(prev) : undefined,
        roundRegister(db, round.id, lockDay),
      ]);
      return buildAnnex({
        round,
        entries: mine.entries,
        values: mine.values,
        previous:
          prev && theirs ? { round: prev, entries: theirs.entries, values: theirs.values } : undefined,
        register,
      });
    },

    /**
     * Two rounds side by side (any two, open or locked). Of an open round, only the entries this actor may see
     * (need-to-know for drafts); an action hidden on one side is left out of the comparison altogether.
     */
    async compare(leftId: string, rightId: string, actor: MonitorActor) {
      const [left, right] = await Promise.all([getRound(leftId), getRound(rightId)]);
      const [all, visible] = await Promise.all([
        roundRepo.listEntries(db, [left.id, right.id]),
        visibleTo([left, right], actor),
      ]);
      const hidden = new Set(all.filter((e) => !visible(e)).map((e) => e.actionId));
      const shown = all.filter((e) => !hidden.has(e.actionId));
      return {
        left,
        right,
        rows: compareRounds(
          shown.filter((e) => e.roundId === left.id),
          shown.filter((e) => e.roundId === right.id),
        ),
      };
    },
  };
}
