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
}): Annex {
  const { round, entries, values, previous } = input;
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
    });
  }
  return {
    round,
    previous: previous?.round ?? null,
    lines,
    totals,
    actionCount: sorted.length,
    changedCount,
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
