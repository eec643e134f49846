// Forms that never overwrite or lose (issue 21 point 4), for the plan's forms with their own schemas: a refused
// submission (a shape the schema refuses, or a value the service refuses) answers 400 with the form again, every
// typed value in it, the error summary on top naming the field, in the reader's language; nothing is written.
// Refused input is shown again only to who may send it (403 otherwise). The commitment forms open with the stored
// values, and a status update that leaves out "answered in" keeps the stored reference.
import { beforeAll, expect, it } from 'vitest';
import { createUser, signIn, type Agent } from '../../../../test/auth.js';
import { useTestApp } from '../../../../test/app.js';
import { describeDb } from '../../../../test/db-suite.js';
import type { Action } from '../types.js';

const MUTLUER = 'Motie Mutluer c.s. over landelijke aansturing en coördinatie';

describeDb('the plan forms keep what was typed', () => {
  const t = useTestApp();
  let team: Agent;
  let fairwork: Agent;
  let viewer: Agent;
  let actions: Map<string, Action>;
  let roundId: string;
  const entry = (code: string) => `/monitor/rounds/${roundId}/actions/${actions.get(code)!.id}`;

  beforeAll(async () => {
    await t.services.monitor.loadSamplePlan();
    actions = new Map((await t.services.monitor.plan()).flatMap((l) => l.actions).map((a) => [a.code, a]));
    const teamUser = await createUser(t.services, { role: 'programme_team' });
    team = await signIn(t, teamUser);
    const owner = await createUser(t.services, { role: 'action_owner' });
    const orgs = await t.services.monitor.organisations();
    await t.services.monitor.linkOwner(owner.id, orgs.find((o) => o.name === 'FairWork')!.id, {
      id: teamUser.id,
      role: 'programme_team',
    });
    fairwork = await signIn(t, owner);
    viewer = await signIn(t, await createUser(t.services, { role: 'monitor_viewer' }));
    const opened = await team.post('/monitor/rounds', { name: 'najaar 2026', deadline: '2026-12-15' });
    roundId = String(opened.headers.location).split('/').pop()!.split('?')[0]!;
  });

  it('opening a round: a name too long comes back with every value typed, in Dutch and in English', async () => {
    const typed = { name: 'n'.repeat(201), deadline: '2026-12-20', letter: 'Kamerstuk 28 638, nr. 271' };
    const nl = await team.post('/monitor/rounds', typed);
    expect(nl.statusCode).toBe(400);
    expect(nl.body).toContain('id="error-summary" autofocus');
    expect(nl.body).toContain('href="#f-name"');
    expect(nl.body).toContain(`value="${typed.name}"`);
    expect(nl.body).toContain('value="2026-12-20"');
    expect(nl.body).toContain('value="Kamerstuk 28 638, nr. 271"');
    const en = await team.post('/en/monitor/rounds', typed);
    expect(en.statusCode).toBe(400);
    expect(en.body).toContain('at most 200 characters');
    expect(await t.services.monitor.rounds()).toHaveLength(2);
    // Not the team: refused, whatever the input.
    expect((await viewer.post('/monitor/rounds', typed)).statusCode).toBe(403);
  });

  it('an update: a narrative too long, or an unknown status, keeps the status, text and figures typed', async () => {
    const reach = (await t.services.monitor.action(actions.get('2.3')!.id))!.indicators[0]!;
    const typed = {
      status: 'delayed',
      narrative: 'x'.repeat(10_001),
      indicator: [reach.id],
      period: ['2026'],
      value: ['123'],
    };
    const long = await fairwork.post(entry('2.3'), typed);
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('href="#f-narrative"');
    expect(long.body).toContain('value="delayed" selected');
    expect(long.body).toContain('value="2026"');
    expect(long.body).toContain('value="123"');
    const bad = await fairwork.post(entry('2.3'), { ...typed, status: 'finished', narrative: 'Mijn tekst.' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#f-status"');
    expect(bad.body).toContain('Mijn tekst.</textarea>');
    const state = (
      await t.services.monitor.roundView(await t.services.monitor.getRound(roundId))
    ).entries.find((e) => e.actionCode === '2.3')!;
    expect(state.reviewState).toBe('pending');
    // Another organisation's action, refused input or not: 403.
    expect((await fairwork.post(entry('4.1'), typed)).statusCode).toBe(403);
  });

  it('a review: a note too long, or changes asked without a note, comes back with the note typed', async () => {
    const long = await team.post(`${entry('2.3')}/review`, { decision: 'accept', note: 'k'.repeat(4001) });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('href="#f-note"');
    expect(long.body).toContain(`${'k'.repeat(4001)}</textarea>`);
    const empty = await team.post(`${entry('2.3')}/review`, { decision: 'request_changes', note: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#f-note"');
    expect((await fairwork.post(`${entry('2.3')}/review`, { note: 'k'.repeat(4001) })).statusCode).toBe(403);
  });

  it('locking: a malformed confirmation is refused with the box named, and the round stays open', async () => {
    const res = await team.post(`/monitor/rounds/${roundId}/lock`, { confirm: 'y'.repeat(11) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#f-confirm"');
    expect((await t.services.monitor.getRound(roundId)).status).toBe('open');
  });

  it('commitments: the forms open with the stored values and never wipe the reference', async () => {
    const mutluer = (await t.services.monitor.commitments()).find((c) => c.title === MUTLUER)!;
    const list = await team.get('/monitor/commitments');
    expect(list.body).not.toContain('action="/monitor/commitments/update"');
    const edit = await team.get(`/monitor/commitments/${mutluer.id}/edit`);
    expect(edit.body).toContain('value="in_progress" selected');
    expect(edit.body).toContain(`value="${mutluer.answeredIn}"`);
    // A status update that leaves out "answered in" keeps the stored reference.
    expect(
      (await team.post('/monitor/commitments/update', { id: mutluer.id, status: 'done' })).statusCode,
    ).toBe(303);
    const after = (await t.services.monitor.commitments()).find((c) => c.id === mutluer.id)!;
    expect(after).toMatchObject({ status: 'done', answeredIn: mutluer.answeredIn });

    // A refused correction: every typed value back, nothing stored.
    const typed = {
      kind: 'motion',
      number: '36 600 VI, nr. 12',
      title: 'Motie Mutluer (herzien)',
      made_on: '2023-12-21',
      summary: 's'.repeat(5001),
      owner: '',
      status: 'open',
      answered_in: 'Kamerbrief nr. 270',
      actions: 'G.1',
    };
    const refused = await team.post(`/monitor/commitments/${mutluer.id}/edit`, typed);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#f-summary"');
    expect(refused.body).toContain('value="Motie Mutluer (herzien)"');
    expect(refused.body).toContain('value="36 600 VI, nr. 12"');
    expect(refused.body).toContain('value="Kamerbrief nr. 270"');
    expect(refused.body).toContain('value="open" selected');
    const unknownAction = await team.post(`/monitor/commitments/${mutluer.id}/edit`, {
      ...typed,
      summary: 'Kort.',
      actions: 'Z.9',
    });
    expect(unknownAction.statusCode).toBe(400);
    expect(unknownAction.body).toContain('href="#f-actions"');
    expect(unknownAction.body).toContain('value="Z.9"');
    expect((await t.services.monitor.commitments()).find((c) => c.id === mutluer.id)).toMatchObject({
      title: MUTLUER,
      answeredIn: mutluer.answeredIn,
    });

    // A new one refused: the add form keeps what was typed.
    const added = await team.post('/monitor/commitments', { ...typed, title: 'Nieuwe motie' });
    expect(added.statusCode).toBe(400);
    expect(added.body).toContain('href="#f-commitment-summary"');
    expect(added.body).toContain('value="Nieuwe motie"');
    expect((await viewer.post('/monitor/commitments', { ...typed, title: 'Nieuwe motie' })).statusCode).toBe(
      403,
    );
    expect((await t.services.monitor.commitments()).some((c) => c.title === 'Nieuwe motie')).toBe(false);
  });

  it('the plan forms: a value too long comes back with every typed value and the field named', async () => {
    const a23 = actions.get('2.3')!.id;
    const cases: { path: string; who: Agent; body: Record<string, string>; field: string; kept: string[] }[] =
      [
        {
          path: '/monitor/lines',
          who: team,
          body: { code: '9', title: 't'.repeat(501) },
          field: 'f-line-title',
          kept: ['value="9"'],
        },
        {
          path: '/monitor/actions',
          who: team,
          body: {
            code: '9.9',
            title: 'Nieuwe actie',
            description: 'd'.repeat(10_001),
            owner_name: 'Stichting X',
          },
          field: 'f-action-description',
          kept: ['value="9.9"', 'value="Nieuwe actie"', 'value="Stichting X"'],
        },
        {
          path: `/monitor/actions/${a23}/edit`,
          who: team,
          body: { code: '2.3', title: 'Andere titel', source: 's'.repeat(5001) },
          field: `f-source-${a23}`,
          kept: ['value="Andere titel"'],
        },
        {
          path: `/monitor/actions/${a23}/milestones`,
          who: fairwork,
          body: { title: 'm'.repeat(501), planned_date: '2027-03-01' },
          field: 'f-milestone-title',
          kept: ['value="2027-03-01"'],
        },
        {
          path: `/monitor/actions/${a23}/indicators`,
          who: fairwork,
          body: { name: 'Bereikte werkgevers', unit: 'u'.repeat(101), min: '0' },
          field: 'f-indicator-unit',
          kept: ['value="Bereikte werkgevers"'],
        },
        {
          path: `/monitor/actions/${a23}/partners`,
          who: team,
          body: { partner: '', partner_name: 'p'.repeat(501) },
          field: 'f-partner-partner_name',
          kept: [`value="${'p'.repeat(501)}"`],
        },
      ];
    for (const c of cases) {
      const res = await c.who.post(c.path, c.body);
      expect(res.statusCode, c.path).toBe(400);
      expect(res.body, c.path).toContain('id="error-summary" autofocus');
      expect(res.body, c.path).toContain(`href="#${c.field}"`);
      for (const k of c.kept) expect(res.body, `${c.path} keeps ${k}`).toContain(k);
    }
    // Who may not send the form is refused even when the input is bad.
    const a41 = actions.get('4.1')!.id;
    expect(
      (await fairwork.post(`/monitor/actions/${a41}/milestones`, { title: 'm'.repeat(501) })).statusCode,
    ).toBe(403);
    expect(
      (await fairwork.post(`/monitor/actions/${a23}/partners`, { partner_name: 'p'.repeat(501) })).statusCode,
    ).toBe(403);
    expect((await viewer.post('/monitor/lines', { title: 't'.repeat(501) })).statusCode).toBe(403);
    expect((await t.services.monitor.lines()).some((l) => l.code === '9')).toBe(false);
  });
});
