// The annex model: grouping by line in plan order, what counts as changed since the previous round, the counts
// per line, and two rounds side by side; the chart is an image with a title and a text per segment.
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { I18n } from '../../platform/i18n/index.js';
import { buildAnnex, compareRounds } from './annex.js';
import { annexPdf, systemFonts } from './annex-export.js';
import type { Round, RoundEntry, RoundIndicatorValue } from './types.js';
import { statusChart } from './views/chart.js';

const round = (id: string, name: string): Round => ({
  id,
  name,
  letter: '',
  openedOn: '2026-01-01',
  deadline: '2026-02-01',
  status: 'locked',
  lockedAt: new Date('2026-02-02T10:00:00Z'),
  createdAt: new Date('2026-01-01T10:00:00Z'),
});

const entry = (roundId: string, code: string, o: Partial<RoundEntry> = {}): RoundEntry => {
  const [line, position] = code.split('.');
  return {
    roundId,
    actionId: `a-${code}`,
    actionCode: code,
    actionTitle: `Actie ${code}`,
    lineCode: line!,
    lineTitle: `Lijn ${line}`,
    linePosition: Number(line),
    actionPosition: Number(position),
    ownerId: 'o',
    ownerName: 'Org',
    status: 'running',
    narrative: 'Loopt.',
    reviewState: 'accepted',
    reviewNote: '',
    updatedAt: null,
    narrativeCarried: false,
    ...o,
  };
};

const value = (code: string, v: number): RoundIndicatorValue => ({
  indicatorId: `i-${code}`,
  actionId: `a-${code}`,
  name: 'Bereik',
  unit: 'mensen',
  period: '2025',
  value: v,
  note: '',
});

describe('the annex', () => {
  const before = round('r1', 'voorjaar');
  const now = round('r2', 'najaar');
  const annex = buildAnnex({
    round: now,
    entries: [
      entry('r2', '2.1', { status: 'completed' }),
      entry('r2', '1.2', { narrative: 'Nieuwe stand.' }),
      entry('r2', '1.1', { reviewState: 'pending' }),
      entry('r2', '2.2'),
      entry('r2', '1.10'),
    ],
    values: [value('2.2', 200)],
    previous: {
      round: before,
      entries: [entry('r1', '1.1'), entry('r1', '1.2'), entry('r1', '2.1'), entry('r1', '2.2')],
      values: [value('2.2', 100)],
    },
  });

  it('groups by line in plan order and marks what changed since the previous round', () => {
    expect(
      annex.lines.map((l) => [l.code, l.actions.map((a) => `${a.code}:${a.changes.join('+')}`)]),
    ).toEqual([
      ['1', ['1.1:', '1.2:narrative', '1.10:new']],
      ['2', ['2.1:status', '2.2:indicators']],
    ]);
    expect(annex.lines[1]!.actions[0]).toMatchObject({ status: 'completed', previousStatus: 'running' });
    expect(annex.lines[0]!.actions[0]!.carriedOver).toBe(true);
  });

  it('counts actions by status per line and in total', () => {
    expect(annex.lines[1]!.counts).toMatchObject({ running: 1, completed: 1, planned: 0 });
    expect(annex.totals).toMatchObject({ running: 4, completed: 1 });
    expect([annex.actionCount, annex.changedCount, annex.lines[0]!.changed]).toEqual([5, 4, 2]);
  });

  it('marks nothing as changed in the first round', () => {
    const first = buildAnnex({ round: before, entries: [entry('r1', '1.1')], values: [] });
    expect(first.previous).toBeNull();
    expect(first.lines[0]!.actions[0]!.changes).toEqual([]);
  });

  it('puts two rounds side by side, with actions that are in only one of them', () => {
    const rows = compareRounds(
      [entry('r1', '1.1'), entry('r1', '1.3')],
      [entry('r2', '1.1'), entry('r2', '1.2', { status: 'delayed' })],
    );
    expect(rows.map((r) => [r.code, Boolean(r.left), Boolean(r.right), r.changed])).toEqual([
      ['1.1', true, true, false],
      ['1.2', false, true, true],
      ['1.3', true, false, true],
    ]);
  });
});

describe('the status chart', () => {
  it('is an image with a title and description, each segment labelled with its count', () => {
    const t = new I18n().translator('en');
    const svg = statusChart(
      'c',
      t,
      [{ label: '1', counts: { planned: 2, running: 3, delayed: 0, completed: 1, stopped: 0 } }],
      'Actions',
    ).value;
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-labelledby="c-title c-desc"');
    expect(svg).toContain('<title id="c-title">Actions</title>');
    expect(svg.match(/<rect /g)).toHaveLength(5 + 3);
    expect(svg).toMatch(/>3<\/text>/);
  });
});

describe('the PDF', () => {
  const t = new I18n().translator('nl');
  const annex = buildAnnex({
    round: round('r1', 'voorjaar'),
    entries: [entry('r1', '1.1', { narrative: 'Toer door Łódź, Pécs en Пловдив.' })],
    values: [],
  });
  const text = async (pdf: Buffer) =>
    (await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true })).text;

  it('keeps Dutch text extractable with the standard font', async () => {
    expect(await text(await annexPdf({ t, locale: 'nl' }, annex, undefined))).toContain('Toer door');
  });

  it.skipIf(!systemFonts())('keeps Polish and Cyrillic names with the embedded font', async () => {
    const pdf = await annexPdf({ t, locale: 'nl' }, annex);
    expect(pdf.toString('latin1')).toMatch(/\/FontFile2/);
    expect(await text(pdf)).toContain('Łódź, Pécs en Пловдив');
  });
});
