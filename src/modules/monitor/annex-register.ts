// What the annex adds beside the actions (issue 21 points 5 and 6): the register of motions and commitments (each
// with its status, linked actions and where it was answered, and a warning when it says "done" while a linked
// action is not completed), the milestones past their planned date per action, and every action's holders. A
// locked round froze these when it was locked (monitor_round_snapshot); pure functions here, no database.
import type { ActionStatus, CommitmentKind, CommitmentStatus } from './types.js';

export interface RegisterAction {
  code: string;
  title: string;
  status: ActionStatus;
}

export interface RegisterCommitment {
  kind: CommitmentKind;
  number: string;
  title: string;
  madeOn: string | null;
  summary: string;
  status: CommitmentStatus;
  answeredIn: string;
  actions: RegisterAction[];
}

export interface OverdueMilestone {
  actionId: string;
  actionCode: string;
  title: string;
  plannedDate: string;
}

/** What a round froze when it was locked; `frozen` false: made now for a round locked before it was recorded. */
export interface AnnexRegister {
  commitments: RegisterCommitment[];
  overdue: OverdueMilestone[];
  /** Per action id: the co-holders the letter names beside the owner (mede-actiehouders), if any. */
  holders: Record<string, string[]>;
  frozen: boolean;
}

/** The linked actions that are not completed while the commitment says "done": non-empty means a warning. */
export function unfinishedActions(c: Pick<RegisterCommitment, 'status' | 'actions'>): RegisterAction[] {
  return c.status === 'done' ? c.actions.filter((a) => a.status !== 'completed') : [];
}

export function commitmentsWithWarnings(list: RegisterCommitment[]): RegisterCommitment[] {
  return list.filter((c) => unfinishedActions(c).length > 0);
}

/** Milestones planned before `day` and not reached, for actions not completed or stopped, by date then code. */
export function overdueOn(
  day: string,
  milestones: {
    actionId: string;
    actionCode: string;
    actionStatus: ActionStatus;
    title: string;
    plannedDate: string | null;
    actualDate: string | null;
  }[],
): OverdueMilestone[] {
  return milestones
    .filter(
      (m) =>
        m.plannedDate !== null &&
        m.plannedDate < day &&
        m.actualDate === null &&
        m.actionStatus !== 'completed' &&
        m.actionStatus !== 'stopped',
    )
    .map((m) => ({
      actionId: m.actionId,
      actionCode: m.actionCode,
      title: m.title,
      plannedDate: m.plannedDate!,
    }))
    .sort(
      (a, b) =>
        a.plannedDate.localeCompare(b.plannedDate) ||
        a.actionCode.localeCompare(b.actionCode, 'nl', { numeric: true }),
    );
}

const KINDS: readonly string[] = ['motion', 'commitment', 'request'];
const STATUSES: readonly string[] = ['open', 'in_progress', 'done'];
const ACTION: readonly string[] = ['planned', 'running', 'delayed', 'completed', 'stopped'];
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Reads a stored snapshot back; a malformed one fails loudly rather than showing something else. */
export function parseRegister(raw: {
  commitments: unknown;
  milestones: unknown;
  holders: unknown;
}): AnnexRegister {
  const fail = (what: string): never => {
    throw new Error(`monitor: the round's snapshot has a malformed ${what}`);
  };
  const list = (v: unknown, what: string): Record<string, unknown>[] =>
    Array.isArray(v) ? (v as Record<string, unknown>[]) : fail(what);
  const commitments = list(raw.commitments, 'commitments').map((c): RegisterCommitment => {
    if (!KINDS.includes(str(c.kind)) || !STATUSES.includes(str(c.status))) fail('commitment');
    return {
      kind: str(c.kind) as CommitmentKind,
      number: str(c.number),
      title: str(c.title),
      madeOn: typeof c.madeOn === 'string' ? c.madeOn : null,
      summary: str(c.summary),
      status: str(c.status) as CommitmentStatus,
      answeredIn: str(c.answeredIn),
      actions: list(c.actions, 'linked action').map((a) => {
        if (!ACTION.includes(str(a.status))) fail('linked action');
        return { code: str(a.code), title: str(a.title), status: str(a.status) as ActionStatus };
      }),
    };
  });
  const overdue = list(raw.milestones, 'milestones').map((m) => ({
    actionId: str(m.actionId),
    actionCode: str(m.actionCode),
    title: str(m.title),
    plannedDate: str(m.plannedDate),
  }));
  const holders: Record<string, string[]> = {};
  if (typeof raw.holders !== 'object' || raw.holders === null || Array.isArray(raw.holders)) fail('holders');
  for (const [k, v] of Object.entries(raw.holders as Record<string, unknown>))
    holders[k] = Array.isArray(v) ? v.map(str) : fail('holders');
  return { commitments, overdue, holders, frozen: true };
}
