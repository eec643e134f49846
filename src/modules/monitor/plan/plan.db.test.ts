// Editing the plan through the pages: the team adds lines, actions and commitments; an owner records milestones
// of their own actions only; impossible or future dates and unknown actions are refused with nothing written.
import { beforeAll, expect, it } from 'vitest';
import { createUser, signIn, type Agent } from '../../../../test/auth.js';
import { useTestApp } from '../../../../test/app.js';
import { describeDb } from '../../../../test/db-suite.js';

describeDb('editing the plan', () => {
  const t = useTestApp();
  let team: Agent;
  let owner: Agent;
  let viewer: Agent;
  let teamId: string;
  const actionId = async (code: string) =>
    (await t.services.monitor.plan()).flatMap((l) => l.actions).find((a) => a.code === code)!.id;

  beforeAll(async () => {
    await t.services.monitor.loadSamplePlan();
    const teamUser = await createUser(t.services, { role: 'programme_team' });
    team = await signIn(t, teamUser);
    teamId = teamUser.id;
    const ownerUser = await createUser(t.services, { role: 'action_owner' });
    const fairwork = (await t.services.monitor.organisations()).find((o) => o.name === 'FairWork')!;
    await t.services.monitor.linkOwner(ownerUser.id, fairwork.id, {
      id: teamUser.id,
      role: 'programme_team',
    });
    owner = await signIn(t, ownerUser);
    viewer = await signIn(t, await createUser(t.services, { role: 'monitor_viewer' }));
  });

  it('lets the team add an action line and an action with a new owner, and refuses a code in use', async () => {
    expect((await owner.post('/monitor/lines', { code: '7', title: 'Daders' })).statusCode).toBe(403);
    expect((await team.post('/monitor/lines', { code: '7', title: 'Aanpak van daders' })).statusCode).toBe(
      303,
    );
    const line = (await t.services.monitor.lines()).find((l) => l.code === '7')!;
    const taken = await team.post('/monitor/actions', {
      line: line.id,
      code: '2.3',
      title: 'Dubbel',
      owner: '',
      owner_name: 'Nieuwe stichting',
    });
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain('Deze code is al in gebruik.');
    expect(taken.body).toContain('href="#f-action-code"');
    expect((await t.services.monitor.organisations()).some((o) => o.name === 'Nieuwe stichting')).toBe(false);
    const created = await team.post('/monitor/actions', {
      line: line.id,
      code: '7.1',
      title: 'Verkenning daderaanpak',
      owner: '',
      owner_name: 'Nieuwe stichting',
      status: 'planned',
    });
    expect(created.statusCode).toBe(303);
    const detail = await t.services.monitor.action(await actionId('7.1'));
    expect(detail).toMatchObject({
      owner: { name: 'Nieuwe stichting' },
      line: { code: '7' },
      status: 'planned',
    });
    const round = await t.services.monitor.openRound(
      { name: 'najaar 2025', deadline: '2026-12-31' },
      { id: teamId, role: 'programme_team' },
    );
    expect((await t.services.monitor.roundView(round)).entries.some((e) => e.actionCode === '7.1')).toBe(
      true,
    );
  });

  it('attack: a line whose title is over 10,000 characters is refused (400: the form again, the field named in words, the code kept) and nothing is added', async () => {
    const before = (await t.services.monitor.lines()).length;
    const long = await team.post('/monitor/lines', { code: '8', title: 'x'.repeat(10_001) });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('href="#f-line-title"');
    expect(long.body).toMatch(/mag hoogstens 500 tekens lang zijn/);
    expect(long.body).toContain('value="8"');
    expect((await t.services.monitor.lines()).length).toBe(before);
  });

  it('lets an owner record milestones of their own actions only, with real dates not in the future', async () => {
    const mine = await actionId('2.3');
    expect(
      (await owner.post(`/monitor/actions/${await actionId('4.1')}/milestones`, { title: 'Niet van mij' }))
        .statusCode,
    ).toBe(403);
    const impossible = await owner.post(`/monitor/actions/${mine}/milestones`, {
      title: 'Evaluatie campagne',
      planned_date: '2026-02-30',
    });
    expect(impossible.statusCode).toBe(400);
    expect(impossible.body).toContain('Geef een bestaande datum');
    const future = await owner.post(`/monitor/actions/${mine}/milestones`, {
      title: 'Evaluatie campagne',
      actual_date: '2027-01-01',
    });
    expect(future.statusCode).toBe(400);
    expect((await t.services.monitor.action(mine))!.milestones).toHaveLength(0);
    expect(
      (
        await owner.post(`/monitor/actions/${mine}/milestones`, {
          title: 'Evaluatie campagne',
          planned_date: '2026-12-01',
        })
      ).statusCode,
    ).toBe(303);
    const [milestone] = (await t.services.monitor.action(mine))!.milestones;
    expect(
      (await viewer.post(`/monitor/milestones/${milestone!.id}`, { actual_date: '2026-11-20' })).statusCode,
    ).toBe(403);
    expect(
      (await owner.post(`/monitor/milestones/${milestone!.id}`, { actual_date: '2026-11-31' })).statusCode,
    ).toBe(400);
    expect(
      (await owner.post(`/monitor/milestones/${milestone!.id}`, { actual_date: '2026-11-20' })).statusCode,
    ).toBe(303);
    expect((await t.services.monitor.action(mine))!.milestones[0]).toMatchObject({
      plannedDate: '2026-12-01',
      actualDate: '2026-11-20',
    });
  });

  it('lets the team register a motion linked to actions, and update what became of it', async () => {
    const unknown = await team.post('/monitor/commitments', {
      kind: 'motion',
      title: 'Motie over opvang',
      summary: 'Verzoekt meer opvangplaatsen.',
      actions: '3.1, Z.9',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Onbekende acties: Z.9.');
    expect(
      (await viewer.post('/monitor/commitments', { kind: 'motion', title: 'x', summary: 'y' })).statusCode,
    ).toBe(403);
    const ok = await team.post('/monitor/commitments', {
      kind: 'motion',
      number: '28 638, nr. 260',
      title: 'Motie over opvang',
      made_on: '2025-06-05',
      summary: 'Verzoekt meer opvangplaatsen.',
      actions: '3.1, 3.3',
      status: 'open',
    });
    expect(ok.statusCode).toBe(303);
    const motion = (await t.services.monitor.commitments()).find((c) => c.title === 'Motie over opvang')!;
    expect(motion.actionCodes).toEqual(['3.1', '3.3']);
    expect(
      (
        await team.post('/monitor/commitments/update', {
          id: motion.id,
          status: 'done',
          answered_in: 'Voortgangsbrief najaar 2025',
        })
      ).statusCode,
    ).toBe(303);
    expect((await t.services.monitor.commitments()).find((c) => c.id === motion.id)).toMatchObject({
      status: 'done',
      answeredIn: 'Voortgangsbrief najaar 2025',
    });
    const page = await viewer.get(`/monitor/actions/${await actionId('3.1')}`);
    expect(page.body).toContain('Motie over opvang');
  });

  it('lists milestones past their planned date on the plan, for every reader', async () => {
    const page = await viewer.get('/monitor');
    expect(page.statusCode).toBe(200);
    const overdue = page.body.slice(
      page.body.indexOf('Mijlpalen over de geplande datum'),
      page.body.indexOf('>Alle acties</h2>'),
    );
    expect(overdue).toContain('Reactie op het onderzoek in de voortgangsbrief najaar 2025');
    expect(overdue).not.toContain('Lancering campagne #GeenBUIT');
    expect(page.body).toContain('id="plan-chart"');
  });

  it('lets an owner add an indicator to their action and the team a partner, each checked', async () => {
    const mine = await actionId('2.3');
    const reversed = await owner.post(`/monitor/actions/${mine}/indicators`, {
      name: 'Nieuwe meldingen',
      min: '10',
      max: '0',
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.body).toContain('De grootste waarde ligt onder de kleinste.');
    expect(
      (await viewer.post(`/monitor/actions/${mine}/indicators`, { name: 'Nieuwe meldingen' })).statusCode,
    ).toBe(403);
    expect(
      (
        await owner.post(`/monitor/actions/${mine}/indicators`, {
          name: 'Nieuwe meldingen',
          unit: 'meldingen',
          min: '0',
          max: '10',
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (await owner.post(`/monitor/actions/${mine}/partners`, { partner: '', partner_name: 'Stichting X' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await team.post(`/monitor/actions/${mine}/partners`, { partner: '', partner_name: 'Stichting X' }))
        .statusCode,
    ).toBe(303);
    const detail = (await t.services.monitor.action(mine))!;
    expect(detail.partners.map((p) => p.name)).toEqual(['Stichting X']);
    const added = detail.indicators.find((i) => i.name === 'Nieuwe meldingen')!;
    expect(added).toMatchObject({ unit: 'meldingen', min: 0, max: 10 });
  });

  it('lets the team correct an action: open rounds follow the change, the locked round keeps its copy', async () => {
    const id = await actionId('2.3');
    const entry = (status: 'open' | 'locked') =>
      t.database.db
        .selectFrom('monitor_round_entry as e')
        .innerJoin('monitor_round as r', 'r.id', 'e.round_id')
        .select(['e.action_title', 'e.line_code', 'e.owner_name', 'e.owner_organisation_id'])
        .where('e.action_id', '=', id)
        .where('r.status', '=', status)
        .executeTakeFirstOrThrow();
    const lockedBefore = await entry('locked');
    expect(
      (await team.post('/monitor/rounds', { name: 'correctieronde', deadline: '2026-12-20' })).statusCode,
    ).toBe(303);
    const lineOne = (await t.services.monitor.lines()).find((l) => l.code === '1')!;
    const comensha = (await t.services.monitor.organisations()).find((o) => o.name === 'CoMensha')!;
    const correction = {
      line: lineOne.id,
      title: 'Gecorrigeerde titel',
      description: 'Nieuwe beschrijving',
      owner: comensha.id,
      source: 'Kamerbrief, par. 2',
    };
    expect((await owner.post(`/monitor/actions/${id}/edit`, correction)).statusCode).toBe(403);
    expect((await viewer.post(`/monitor/actions/${id}/edit`, correction)).statusCode).toBe(403);
    const bad = await team.post(`/monitor/actions/${id}/edit`, { ...correction, title: 'x', line: 'nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain(`href="#f-title-${id}"`);
    expect(bad.body).toContain(`href="#f-line-${id}"`);
    expect((await t.services.monitor.action(id))!.title).not.toBe('x');
    expect((await team.post(`/monitor/actions/${id}/edit`, correction)).statusCode).toBe(303);
    expect(await t.services.monitor.action(id)).toMatchObject({
      title: 'Gecorrigeerde titel',
      description: 'Nieuwe beschrijving',
      lineId: lineOne.id,
      owner: { id: comensha.id },
      source: 'Kamerbrief, par. 2',
    });
    expect(await entry('open')).toEqual({
      action_title: 'Gecorrigeerde titel',
      line_code: '1',
      owner_name: 'CoMensha',
      owner_organisation_id: comensha.id,
    });
    expect(await entry('locked')).toEqual(lockedBefore);
    const audited = await t.database.db
      .selectFrom('audit_event')
      .select(['actor_user_id', 'detail'])
      .where('action', '=', 'monitor.action.update')
      .where('entity_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(audited.actor_user_id).toBe(teamId);
    expect(audited.detail).toEqual({ fields: ['line', 'title', 'description', 'owner', 'source'] });
  });

  it('removes an action that was never reported, and keeps one that was in a round', async () => {
    const reported = await actionId('2.3');
    const refused = await team.post(`/monitor/actions/${reported}/remove`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Zet de status op Gestopt');
    expect(await t.services.monitor.action(reported)).toBeDefined();
    expect((await team.get(`/monitor/actions/${reported}`)).body).not.toContain(
      `/monitor/actions/${reported}/remove"`,
    );
    const line = (await t.services.monitor.lines())[0]!;
    expect(
      (
        await team.post('/monitor/actions', {
          line: line.id,
          code: '9.9',
          title: 'Per vergissing toegevoegd',
          owner: '',
          owner_name: 'Stichting Vergissing',
          status: 'planned',
        })
      ).statusCode,
    ).toBe(303);
    const mistake = await actionId('9.9');
    expect(
      (
        await team.post(`/monitor/actions/${mistake}/milestones`, {
          title: 'Eerste stap',
          planned_date: '2027-01-01',
        })
      ).statusCode,
    ).toBe(303);
    expect((await team.get(`/monitor/actions/${mistake}`)).body).toContain(
      `/monitor/actions/${mistake}/remove"`,
    );
    expect((await owner.post(`/monitor/actions/${mistake}/remove`, {})).statusCode).toBe(403);
    const removed = await team.post(`/monitor/actions/${mistake}/remove`, {});
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toBe('/monitor?removed=9.9');
    expect((await team.get('/monitor?removed=9.9')).body).toContain('De actie 9.9 is verwijderd.');
    expect((await team.get(`/monitor/actions/${mistake}`)).statusCode).toBe(404);
    const milestones = await t.database.db
      .selectFrom('monitor_milestone')
      .select('id')
      .where('action_id', '=', mistake)
      .execute();
    expect(milestones).toEqual([]);
    expect((await team.post(`/monitor/actions/${mistake}/remove`, {})).statusCode).toBe(404);
  });

  it('lets the team rename an action line: open rounds follow, the locked round keeps the old name', async () => {
    const lineTwo = (await t.services.monitor.lines()).find((l) => l.code === '2')!;
    const titles = async (status: 'open' | 'locked') =>
      (
        await t.database.db
          .selectFrom('monitor_round_entry as e')
          .innerJoin('monitor_round as r', 'r.id', 'e.round_id')
          .select('e.line_title')
          .distinct()
          .where('e.line_code', '=', '2')
          .where('r.status', '=', status)
          .execute()
      ).map((r) => r.line_title);
    const lockedBefore = await titles('locked');
    expect((await owner.post('/monitor/lines/rename', { line: lineTwo.id, title: 'Nieuw' })).statusCode).toBe(
      403,
    );
    const bad = await team.post('/monitor/lines/rename', { line: lineTwo.id, title: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#f-lineRename-title"');
    expect(
      (await team.post('/monitor/lines/rename', { line: lineTwo.id, title: 'Meer meldingen' })).statusCode,
    ).toBe(303);
    expect((await t.services.monitor.lines()).find((l) => l.id === lineTwo.id)!.title).toBe('Meer meldingen');
    expect(await titles('open')).toEqual(['Meer meldingen']);
    expect(await titles('locked')).toEqual(lockedBefore);
    expect(lockedBefore).not.toContain('Meer meldingen');
  });
});
