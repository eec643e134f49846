// The register's rules without a database: the warning when a commitment says "done" while a linked action is
// not completed (and not otherwise), overdue milestones on a given day, indicator changes with old and new
// value, and a malformed frozen snapshot failing loudly.
import { describe, expect, it } from 'vitest';
import { overdueOn, parseRegister, unfinishedActions, type RegisterCommitment } from './annex-register.js';
import { indicatorChanges } from './annex.js';
import type { RoundIndicatorValue } from './types.js';

const commitment = (o: Partial<RegisterCommitment>): RegisterCommitment => ({
  kind: 'motion',
  number: '',
  title: 'Motie Mutluer',
  madeOn: null,
  summary: '',
  status: 'done',
  answeredIn: 'Kamerbrief nr. 270',
  actions: [],
  ...o,
});

describe('the commitment warning', () => {
  it('warns when a done commitment has a linked action that is not completed', () => {
    const c = commitment({
      actions: [
        { code: 'G.1', title: 'WODC', status: 'planned' },
        { code: 'G.2', title: 'x', status: 'completed' },
      ],
    });
    expect(unfinishedActions(c).map((a) => a.code)).toEqual(['G.1']);
  });

  it('does not warn when every linked action is completed, when nothing is linked, or when not done', () => {
    expect(
      unfinishedActions(commitment({ actions: [{ code: 'G.1', title: '', status: 'completed' }] })),
    ).toEqual([]);
    expect(unfinishedActions(commitment({ actions: [] }))).toEqual([]);
    expect(
      unfinishedActions(
        commitment({ status: 'in_progress', actions: [{ code: 'G.1', title: '', status: 'planned' }] }),
      ),
    ).toEqual([]);
  });
});

describe('overdue milestones', () => {
  const m = (o: Partial<Parameters<typeof overdueOn>[1][number]>) => ({
    actionId: 'a',
    actionCode: '1.1',
    actionStatus: 'running' as const,
    title: 'Mijlpaal',
    plannedDate: '2025-12-31' as string | null,
    actualDate: null as string | null,
    ...o,
  });
  it('lists milestones planned before the day and not reached, of actions still open', () => {
    const list = overdueOn('2026-01-01', [
      m({ title: 'te laat' }),
      m({ title: 'vandaag', plannedDate: '2026-01-01' }),
      m({ title: 'bereikt', actualDate: '2025-12-30' }),
      m({ title: 'geen datum', plannedDate: null }),
      m({ title: 'actie afgerond', actionStatus: 'completed' }),
      m({ title: 'actie gestopt', actionStatus: 'stopped' }),
    ]);
    expect(list.map((x) => x.title)).toEqual(['te laat']);
  });
});

describe('indicator changes', () => {
  const v = (indicatorId: string, period: string, value: number): RoundIndicatorValue => ({
    indicatorId,
    actionId: 'a',
    name: `Indicator ${indicatorId}`,
    unit: 'mensen',
    period,
    value,
    note: '',
  });
  it('gives the old and new value of what changed, and what came or went', () => {
    expect(
      indicatorChanges(
        [v('i', '2024', 21), v('j', '2024', 5), v('k', '2024', 1)],
        [v('i', '2024', 44), v('j', '2024', 5), v('i', '2025', 3)],
      ),
    ).toEqual([
      expect.objectContaining({ name: 'Indicator i', period: '2024', from: 21, to: 44 }),
      expect.objectContaining({ name: 'Indicator i', period: '2025', from: null, to: 3 }),
      expect.objectContaining({ name: 'Indicator k', period: '2024', from: 1, to: null }),
    ]);
  });
});

describe('a frozen snapshot', () => {
  it('reads back what was written', () => {
    const c = commitment({ actions: [{ code: 'G.1', title: 'WODC', status: 'planned' }] });
    const r = parseRegister({
      commitments: JSON.parse(JSON.stringify([c])),
      milestones: [{ actionId: 'a', actionCode: '1.1', title: 'x', plannedDate: '2025-12-31' }],
      holders: { a: ['Fier'] },
    });
    expect(r).toEqual({
      commitments: [c],
      overdue: [{ actionId: 'a', actionCode: '1.1', title: 'x', plannedDate: '2025-12-31' }],
      holders: { a: ['Fier'] },
      frozen: true,
    });
  });
  it('fails loudly when it is malformed', () => {
    expect(() => parseRegister({ commitments: {}, milestones: [], holders: {} })).toThrow(/malformed/);
    expect(() =>
      parseRegister({
        commitments: [commitment({ status: 'finished' as never })],
        milestones: [],
        holders: {},
      }),
    ).toThrow(/malformed/);
    expect(() => parseRegister({ commitments: [], milestones: [], holders: { a: 'Fier' } })).toThrow(
      /malformed/,
    );
  });
});
