// The annex "Bijlage 1 — stand van zaken acties" as data: a locked round's entries grouped by action line, each
// compared with the previous locked round (new action, status changed, narrative or indicators updated), and a
// summary per line (counts by status). The HTML page, the PDF and the CSV all render this one model, so they
// cannot disagree. Pure: no database, no clock.
import {
  ACTION_STATUSES,
  type ActionStatus,
  type Round,
  type RoundEntry,
  type RoundIndicatorValue,
} from './types.js';
import type { AnnexRegister, OverdueMilestone } from './annex-register.js';

export type ChangeKind = 'new' | 'status' | 'narrative' | 'indicators';

export interface AnnexAction {
  actionId: string;
  code: string;
  title: string;
  owner: string;
  status: ActionStatus;
  previousStatus: ActionStatus | null;
  narrative: string;
  indicators: RoundIndicatorValue[];
  changes: ChangeKind[];
  /** No update was received in this round: what stands is carried over. */
  carriedOver: boolean;
  /** The narrative was carried over and its owner neither confirmed nor rewrote it. */
  narrativeCarried: boolean;
  /** The owner and every co-holder the letter names. */
  holders: string[];
  /** Indicator values that changed since the previous round: old and new (null: none). */
  indicatorChanges: IndicatorChange[];
  /** Milestones past their planned date on the day the round was locked. */
  overdue: OverdueMilestone[];
}

export interface IndicatorChange {
  name: string;
  unit: string;
  period: string;
  from: number | null;
  to: number | null;
}

export interface AnnexLine {
  code: string;
  title: string;
  counts: Record<ActionStatus, number>;
  changed: number;
  actions: AnnexAction[];
}

export interface Annex {
  round: Round;
  previous: Round | null;
  lines: AnnexLine[];
  totals: Record<ActionStatus, number>;
  actionCount: number;
  changedCount: number;
  /** Motions and commitments, overdue milestones, holders: as frozen when the round was locked. */
  register: AnnexRegister;
}

const EMPTY_REGISTER: AnnexRegister = { commitments: [], overdue: [], holders: {}, frozen: true };

/** Per indicator and period: the value before and after, where they differ. */
export function indicatorChanges(
  before: RoundIndicatorValue[],
  after: RoundIndicatorValue[],
): IndicatorChange[] {
  const key = (v: RoundIndicatorValue) => `${v.indicatorId}|${v.period}`;
  const old = new Map(before.map((v) => [key(v), v]));
  const now = new Map(after.map((v) => [key(v), v]));
  const out: IndicatorChange[] = [];
  for (const v of after) {
    const prior = old.get(key(v));
    if (!prior || prior.value !== v.value)
      out.push({ name: v.name, unit: v.unit, period: v.period, from: prior?.value ?? null, to: v.value });
  }
  for (const v of before)
    if (!now.has(key(v))) out.push({ name: v.name, unit: v.unit, period: v.period, from: v.value, to: null });
  return out;
}

export const emptyCounts = (): Record<ActionStatus, number> =>
  Object.fromEntries(ACTION_STATUSES.map((s) => [s, 0])) as Record<ActionStatus, number>;

function sameValues(a: RoundIndicatorValue[], b: RoundIndicatorValue[]): boolean {
  const key = (v: RoundIndicatorValue) => `${v.indicatorId}|${v.period}|${v.value}`;
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.length === right.length && left.every((k, i) => k === right[i]);
}

export function buildAnnex(input: {
  round: Round;
  entries: RoundEntry[];
  values: RoundIndicatorValue[];
  previous?: { round: Round; entries: RoundEntry[]; values: RoundIndicatorValue[] } | undefined;
  register?: AnnexRegister | undefined;
}): Annex {
  const { round, entries, values, previous } = input;
  const register = input.register ?? EMPTY_REGISTER;
  const before = new Map((previous?.entries ?? []).map((e) => [e.actionId, e]));
  const valuesOf = (list: RoundIndicatorValue[], actionId: string) =>
    list.filter((v) => v.actionId === actionId);
  const lines: AnnexLine[] = [];
  const totals = emptyCounts();
  let changedCount = 0;
  const sorted = [...entries].sort(
    (a, b) =>
      a.linePosition - b.linePosition ||
      a.actionPosition - b.actionPosition ||
      a.actionCode.localeCompare(b.actionCode, 'nl', { numeric: true }),
  );
  for (const e of sorted) {
    let line = lines.find((l) => l.code === e.lineCode);
    if (!line) {
      line = { code: e.lineCode, title: e.lineTitle, counts: emptyCounts(), changed: 0, actions: [] };
      lines.push(line);
    }
    const prior = before.get(e.actionId);
    const mine = valuesOf(values, e.actionId);
    const changes: ChangeKind[] = [];
    if (previous) {
      if (!prior) changes.push('new');
      else {
        if (prior.status !== e.status) changes.push('status');
        if (prior.narrative.trim() !== e.narrative.trim()) changes.push('narrative');
        if (!sameValues(valuesOf(previous.values, e.actionId), mine)) changes.push('indicators');
      }
    }
    line.counts[e.status]++;
    totals[e.status]++;
    if (changes.length) {
      line.changed++;
      changedCount++;
    }
    line.actions.push({
      actionId: e.actionId,
      code: e.actionCode,
      title: e.actionTitle,
      owner: e.ownerName,
      status: e.status,
      previousStatus: prior?.status ?? null,
      narrative: e.narrative,
      indicators: mine,
      changes,
      carriedOver: e.reviewState === 'pending',
      narrativeCarried: e.narrativeCarried,
      holders: [e.ownerName, ...(register.holders[e.actionId] ?? []).filter((h) => h !== e.ownerName)],
      indicatorChanges:
        previous && prior ? indicatorChanges(valuesOf(previous.values, e.actionId), mine) : [],
      overdue: register.overdue.filter((m) => m.actionId === e.actionId),
    });
  }
  return {
    round,
    previous: previous?.round ?? null,
    lines,
    totals,
    actionCount: sorted.length,
    changedCount,
    register,
  };
}

/** Two rounds side by side: every action in either, with its status and narrative in each. */
export interface ComparisonRow {
  code: string;
  title: string;
  lineCode: string;
  lineTitle: string;
  left: RoundEntry | null;
  right: RoundEntry | null;
  changed: boolean;
}

export function compareRounds(left: RoundEntry[], right: RoundEntry[]): ComparisonRow[] {
  const byId = new Map<string, ComparisonRow>();
  for (const e of left)
    byId.set(e.actionId, {
      code: e.actionCode,
      title: e.actionTitle,
      lineCode: e.lineCode,
      lineTitle: e.lineTitle,
      left: e,
      right: null,
      changed: true,
    });
  for (const e of right) {
    const row = byId.get(e.actionId);
    if (row) {
      row.right = e;
      row.title = e.actionTitle;
    } else
      byId.set(e.actionId, {
        code: e.actionCode,
        title: e.actionTitle,
        lineCode: e.lineCode,
        lineTitle: e.lineTitle,
        left: null,
        right: e,
        changed: true,
      });
  }
  const rows = [...byId.values()];
  for (const row of rows)
    row.changed =
      !row.left ||
      !row.right ||
      row.left.status !== row.right.status ||
      row.left.narrative.trim() !== row.right.narrative.trim();
  const position = (r: ComparisonRow) => (r.right ?? r.left)!;
  return rows.sort(
    (a, b) =>
      position(a).linePosition - position(b).linePosition ||
      position(a).actionPosition - position(b).actionPosition ||
      a.code.localeCompare(b.code, 'nl', { numeric: true }),
  );
}
