// What a merge carries over besides the person (issue 20, points 1 and 6: "what has been decided about the person,
// by whom and by when the next decision is due"). Without it the merged case's identification decisions and its
// support track stayed on a closed case nobody in the continuing team can read: the continuing case asked for a
// "presumed victim" decision again for someone already found one, and lost the person's running recovery period.
//
// The rules (`carryPlan`, pure: the merge and the page before it use the same ones):
// - Decisions, type by type in the configured order: the merged case's decision of a type moves to the continuing
//   case, with its reconsiderations (decided or waiting: a waiting one keeps its request moment and deadline),
//   when the continuing case has no decision of that type and, for a type that follows another, the decision it
//   follows stands positive on the continuing case once the earlier types moved. Otherwise it stays with the
//   merged record: the continuing case's own decision stands, and a decision never sits on a case whose earlier
//   step stands negative there (that would contradict what is due). Only the case id changes: the reasons are
//   sealed bound to the decision's own id, and the outcome letter is written from the case that holds it.
// - Support facts, each whole: the reflection period (nrm_case), the recovery period (start and end), the aangifte
//   (answer, day, place), the B8 application (applied, outcome, decided) and the legal aid (day, who). A fact the
//   continuing case holds (any of its fields) is kept; an empty one is filled, its sealed texts opened under the
//   merged case's binding and sealed again under the continuing case's (nrm_support binds the case id). A period
//   still running is reminded about again, to the continuing case's owner; one already over is not.
import type { CaseCore } from '../core/context.js';
import { updateCase } from '../core/repository.js';
import { decisionsOfCases, decisionTypes, moveDecisions } from '../identification/repository.js';
import { standingOutcome, type Decision, type DecisionType } from '../identification/steps.js';
import { localDate } from '../model.js';
import * as repo from '../repository.js';
import { saveSupport, supportOfCases, type SupportRow } from '../support/repository.js';

/** The support facts a merge fills, in the order the page and the timeline name them. */
export const SUPPORT_FACTS = ['reflection', 'recovery', 'aangifte', 'b8', 'legal_aid'] as const;
export type SupportFact = (typeof SUPPORT_FACTS)[number];

/** The nrm_support columns of each fact kept there; a fact is held when any of its columns is. */
const FACT_COLUMNS = {
  recovery: ['recovery_starts_on', 'recovery_ends_on'],
  aangifte: ['aangifte', 'aangifte_on', 'aangifte_place_enc'],
  b8: ['b8_applied_on', 'b8_outcome', 'b8_decided_on'],
  legal_aid: ['legal_aid_on', 'legal_aid_enc'],
} as const satisfies Record<Exclude<SupportFact, 'reflection'>, readonly (keyof SupportRow)[]>;

const SEALED = new Set<string>(['aangifte_place_enc', 'legal_aid_enc']);

/** What a merge weighs of one case. */
export interface CarryFacts {
  decisions: readonly Decision[];
  support: SupportRow | undefined;
  reflectionEndsOn: string | null;
}

export interface CarryPlan {
  /** The merged case's decisions that move (first decisions), in type order. */
  moved: Decision[];
  /** Every row that moves: those decisions and their reconsiderations. */
  movedIds: string[];
  /** The merged case's decisions that stay with it (the continuing case's stand). */
  kept: Decision[];
  /** The continuing case's empty support facts the merged case fills. */
  facts: SupportFact[];
}

function holds(facts: CarryFacts, fact: SupportFact): boolean {
  if (fact === 'reflection') return Boolean(facts.reflectionEndsOn);
  const row = facts.support;
  return Boolean(row && FACT_COLUMNS[fact].some((column) => row[column] !== null));
}

/** What moves from `merged` into `keep` (see the rules above). */
export function carryPlan(types: readonly DecisionType[], keep: CarryFacts, merged: CarryFacts): CarryPlan {
  const after: Decision[] = [...keep.decisions];
  const first = (all: readonly Decision[], code: string) =>
    all.find((d) => d.type_code === code && !d.reconsiders_id);
  const plan: CarryPlan = { moved: [], movedIds: [], kept: [], facts: [] };
  // Inactive types too: a decision taken is a fact about the person, whatever is configured now.
  const steps = types.filter((t) => !t.reconsiders).sort((a, b) => a.position - b.position);
  for (const type of steps) {
    const theirs = first(merged.decisions, type.code);
    if (!theirs) continue;
    const before = type.after_code ? first(after, type.after_code) : undefined;
    const follows = !type.after_code || (before && standingOutcome(before, after) === 'positive');
    if (first(after, type.code) || !follows) {
      plan.kept.push(theirs);
      continue;
    }
    const chain = merged.decisions.filter((d) => d.id === theirs.id || d.reconsiders_id === theirs.id);
    plan.moved.push(theirs);
    plan.movedIds.push(...chain.map((d) => d.id));
    after.push(...chain);
  }
  plan.facts = SUPPORT_FACTS.filter((fact) => holds(merged, fact) && !holds(keep, fact));
  return plan;
}

/** The facts of several cases, three queries whatever their number (the page's pairs, or a merge's two). */
export async function carryFactsOf(
  db: repo.Db,
  cases: readonly { id: string; reflection_ends_on: string | null }[],
): Promise<{ types: DecisionType[]; facts: Map<string, CarryFacts> }> {
  const ids = cases.map((c) => c.id);
  const [types, decisions, support] = await Promise.all([
    decisionTypes(db),
    decisionsOfCases(db, ids),
    supportOfCases(db, ids),
  ]);
  const facts = new Map(
    cases.map((c) => [
      c.id,
      {
        decisions: decisions.filter((d) => d.case_id === c.id),
        support: support.find((s) => s.case_id === c.id),
        reflectionEndsOn: c.reflection_ends_on,
      },
    ]),
  );
  return { types, facts };
}

/** A period's reminder: due again (to the new owner) while it runs; one already over is not reminded about. */
const warnedAt = (endsOn: string | null, warned: Date | null, now: Date) =>
  endsOn && endsOn < localDate(now) ? (warned ?? now) : null;

/**
 * Carries the merged case's decisions and support facts over to the continuing case, inside the merge's
 * transaction (both cases locked by the caller), and says so in the continuing case's timeline (the decision
 * types moved and not moved, the facts filled) and the merged case's (the types moved away), as codes said in
 * words (event-reason.ts), never the other case. Returns the ids and names the merge's audit entry lists.
 */
export async function carryOver(
  core: CaseCore,
  trx: repo.Tx,
  o: {
    from: repo.CaseRow;
    into: repo.CaseRow;
    now: Date;
    actor: { actorUserId: string; actorTeamId: string | null };
  },
) {
  const { from, into, now, actor } = o;
  const { types, facts } = await carryFactsOf(trx, [from, into]);
  const source = facts.get(from.id)!;
  const plan = carryPlan(types, facts.get(into.id)!, source);
  await moveDecisions(trx, plan.movedIds, into.id);
  if (plan.facts.includes('reflection'))
    await updateCase(trx, into.id, {
      reflection_ends_on: from.reflection_ends_on,
      reflection_warned_at: warnedAt(from.reflection_ends_on, from.reflection_warned_at, now),
    });
  const filled = plan.facts.filter((f): f is Exclude<SupportFact, 'reflection'> => f !== 'reflection');
  if (filled.length && source.support)
    await fillSupport(core, trx, { from: source.support, into: facts.get(into.id)!.support }, filled, {
      caseId: into.id,
      now,
      by: actor.actorUserId,
    });
  const moved = plan.moved.map((d) => d.type_code);
  const lines: [string, string, string[]][] = [
    [into.id, 'merge_decisions_carried', moved],
    [into.id, 'merge_decisions_kept', plan.kept.map((d) => d.type_code)],
    [into.id, 'merge_support_filled', plan.facts],
    // The merged case's region no longer sees the decisions it took on its closed case: its timeline says why.
    [from.id, 'merge_decisions_moved', moved],
  ];
  for (const [caseId, kind, codes] of lines)
    if (codes.length)
      await repo.addEvent(trx, core.sealed, {
        caseId,
        at: now,
        ...actor,
        kind,
        reason: codes.join(', '),
      });
  return {
    movedDecisions: plan.movedIds,
    keptDecisions: plan.kept.map((d) => d.id),
    supportFilled: plan.facts,
  };
}

/** Writes the continuing case's track with the facts filled, each whole; its own facts untouched. */
async function fillSupport(
  core: CaseCore,
  trx: repo.Tx,
  rows: { from: SupportRow; into: SupportRow | undefined },
  filled: Exclude<SupportFact, 'reflection'>[],
  o: { caseId: string; now: Date; by: string },
) {
  const { from, into } = rows;
  const row: Parameters<typeof saveSupport>[1] = {
    ...(into ?? {}),
    case_id: o.caseId,
    updated_at: o.now,
    updated_by: o.by,
  };
  const set = row as Record<string, unknown>;
  for (const fact of filled)
    for (const column of FACT_COLUMNS[fact]) {
      const value = from[column];
      set[column] =
        SEALED.has(column) && typeof value === 'string'
          ? core.sealed.seal(
              'nrm_support',
              column,
              o.caseId,
              core.sealed.open('nrm_support', column, from.case_id, value),
            )
          : value;
    }
  if (filled.includes('recovery'))
    row.recovery_warned_at = warnedAt(from.recovery_ends_on, from.recovery_warned_at, o.now);
  await saveSupport(trx, row);
}

type TypeRef = Pick<DecisionType, 'code' | 'name'>;

/** What the merge page shows of one case: each decision (a waiting one with its deadline), the periods running. */
export interface CaseStanding {
  decisions: { type: TypeRef; outcome: string | null; at: Date }[];
  recoveryUntil: string | null;
  reflectionUntil: string | null;
}

/** What a merge into one case of a pair would carry over from the other: type names and fact codes. */
export interface CarrySummary {
  moved: TypeRef[];
  kept: TypeRef[];
  facts: SupportFact[];
}

const typeRef = (types: readonly DecisionType[], code: string): TypeRef =>
  types.find((t) => t.code === code) ?? { code, name: code };

export function standingOf(types: readonly DecisionType[], facts: CarryFacts, today: string): CaseStanding {
  const s = facts.support;
  return {
    decisions: facts.decisions.map((d) => ({
      type: typeRef(types, d.type_code),
      outcome: d.outcome,
      at: d.decided_at ?? d.due_at,
    })),
    recoveryUntil:
      s?.recovery_starts_on &&
      s.recovery_ends_on &&
      s.recovery_starts_on <= today &&
      s.recovery_ends_on >= today
        ? s.recovery_ends_on
        : null,
    reflectionUntil:
      facts.reflectionEndsOn && facts.reflectionEndsOn >= today ? facts.reflectionEndsOn : null,
  };
}

export function carrySummary(
  types: readonly DecisionType[],
  keep: CarryFacts,
  merged: CarryFacts,
): CarrySummary {
  const plan = carryPlan(types, keep, merged);
  return {
    moved: plan.moved.map((d) => typeRef(types, d.type_code)),
    kept: plan.kept.map((d) => typeRef(types, d.type_code)),
    facts: plan.facts,
  };
}
