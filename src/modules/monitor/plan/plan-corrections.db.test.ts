// Correcting and removing parts of the plan: milestones and indicators (the action's owner or the team), partners
// and commitments (the team). Bad input writes nothing; what a locked round reported (an indicator's name, unit and
// values) stays; every change is audited with the fields it changed.
import { beforeAll, expect, it } from 'vitest';
import { createUser, signIn, type Agent } from '../../../../test/auth.js';
import { useTestApp } from '../../../../test/app.js';
import { describeDb } from '../../../../test/db-suite.js';

describeDb('correcting and removing parts of the plan', () => {
  const t = useTestApp();
  let team: Agent;
  let owner: Agent;
  let viewer: Agent;
  let teamId: string;
  let ownerId: string;
  const actionId = async (code: string) =>
    (await t.services.monitor.plan()).flatMap((l) => l.actions).find((a) => a.code === code)!.id;
  const lastAudit = (action: string) =>
    t.database.db
      .selectFrom('audit_event')
      .select(['actor_user_id', 'entity_id', 'detail'])
      .where('action', '=', action)
      .orderBy('id', 'desc')
      .executeTakeFirst();

  beforeAll(async () => {
    await t.services.monitor.loadSamplePlan();
    const teamUser = await createUser(t.services, { role: 'programme_team' });
    team = await signIn(t, teamUser);
    teamId = teamUser.id;
    const ownerUser = await createUser(t.services, { role: 'action_owner' });
    ownerId = ownerUser.id;
    const fairwork = (await t.services.monitor.organisations()).find((o) => o.name === 'FairWork')!;
    await t.services.monitor.linkOwner(ownerUser.id, fairwork.id, { id: teamId, role: 'programme_team' });
    owner = await signIn(t, ownerUser);
    viewer = await signIn(t, await createUser(t.services, { role: 'monitor_viewer' }));
  });

  it('lets an owner correct and remove a milestone of their own action only; bad input writes nothing', async () => {
    const mine = await actionId('2.3');
    expect(
      (
        await owner.post(`/monitor/actions/${mine}/milestones`, {
          title: 'Evaluatie',
          planned_date: '2026-03-01',
        })
      ).statusCode,
    ).toBe(303);
    const milestone = (await t.services.monitor.action(mine))!.milestones.find(
      (m) => m.title === 'Evaluatie',
    )!;
    const form = await owner.get(`/monitor/milestones/${milestone.id}/edit`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Evaluatie"');
    expect(form.body).toContain('value="2026-03-01"');
    // The action page links to it, with the milestone's title in the link's name.
    expect((await owner.get(`/monitor/actions/${mine}`)).body).toContain(
      `href="/monitor/milestones/${milestone.id}/edit">Wijzigen<span class="samen-visually-hidden"> Evaluatie</span>`,
    );

    // Someone else's action, a reader, malformed and unknown ids.
    const theirs = await actionId('4.1');
    await team.post(`/monitor/actions/${theirs}/milestones`, { title: 'Handreiking gemeenten' });
    const other = (await t.services.monitor.action(theirs))!.milestones.find(
      (m) => m.title === 'Handreiking gemeenten',
    )!;
    expect((await owner.get(`/monitor/milestones/${other.id}/edit`)).statusCode).toBe(403);
    expect((await owner.post(`/monitor/milestones/${other.id}/remove`, {})).statusCode).toBe(403);
    expect((await viewer.get(`/monitor/milestones/${milestone.id}/edit`)).statusCode).toBe(403);
    expect((await owner.get('/monitor/milestones/not-an-id/edit')).statusCode).toBe(404);
    expect(
      (
        await owner.post('/monitor/milestones/00000000-0000-4000-8000-000000000000/edit', {
          title: 'Evaluatie',
        })
      ).statusCode,
    ).toBe(404);

    const bad = await owner.post(`/monitor/milestones/${milestone.id}/edit`, {
      title: 'x',
      planned_date: '2026-02-30',
      actual_date: '2999-01-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Gebruik 3 tot 300 tekens.');
    expect(bad.body).toContain('Geef een bestaande datum (jjjj-mm-dd).');
    expect(bad.body).toContain('Deze datum ligt in de toekomst.');
    expect(bad.body).toContain('href="#f-planned_date"');
    expect(
      (await t.services.monitor.action(mine))!.milestones.find((m) => m.id === milestone.id),
    ).toMatchObject({
      title: 'Evaluatie',
      plannedDate: '2026-03-01',
    });

    const saved = await owner.post(`/monitor/milestones/${milestone.id}/edit`, {
      title: 'Evaluatie voorlichting',
      planned_date: '2026-04-01',
      actual_date: '',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/monitor/actions/${mine}`);
    expect(
      (await t.services.monitor.action(mine))!.milestones.find((m) => m.id === milestone.id),
    ).toMatchObject({
      title: 'Evaluatie voorlichting',
      plannedDate: '2026-04-01',
      actualDate: null,
    });
    expect(await lastAudit('monitor.milestone.update')).toMatchObject({
      actor_user_id: ownerId,
      entity_id: milestone.id,
      detail: { fields: ['title', 'planned_date'] },
    });

    expect((await owner.post(`/monitor/milestones/${milestone.id}/remove`, {})).statusCode).toBe(303);
    expect((await t.services.monitor.action(mine))!.milestones.some((m) => m.id === milestone.id)).toBe(
      false,
    );
    expect(await lastAudit('monitor.milestone.delete')).toMatchObject({
      actor_user_id: ownerId,
      entity_id: milestone.id,
    });
    expect((await owner.post(`/monitor/milestones/${milestone.id}/remove`, {})).statusCode).toBe(404);
  });

  it('keeps the name and unit of an indicator a locked round reported, and lets its range change only around its values', async () => {
    const action = (await Promise.all(
      (await t.services.monitor.plan()).flatMap((l) => l.actions).map((a) => t.services.monitor.action(a.id)),
    ))!.find((a) => a!.indicators.some((i) => i.name === 'Meldpunten mensenhandel'))!;
    const indicator = action.indicators.find((i) => i.name === 'Meldpunten mensenhandel')!;
    expect(indicator.values.map((v) => v.value)).toEqual([95]);

    const form = await team.get(`/monitor/indicators/${indicator.id}/edit`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Deze indicator staat in een afgesloten ronde.');
    expect(form.body).not.toContain(`/monitor/indicators/${indicator.id}/remove`);
    // The action page's link to it, for the team; a reader sees none.
    expect((await team.get(`/monitor/actions/${action.id}`)).body).toContain(
      `href="/monitor/indicators/${indicator.id}/edit"`,
    );
    expect((await viewer.get(`/monitor/actions/${action.id}`)).body).not.toContain(
      `/monitor/indicators/${indicator.id}/edit`,
    );

    const renamed = await team.post(`/monitor/indicators/${indicator.id}/edit`, {
      name: 'Meldpunten',
      unit: 'meldpunten',
      min: '0',
    });
    expect(renamed.statusCode).toBe(409);
    expect(renamed.body).toContain('de naam en de eenheid liggen vast');
    const narrowed = await team.post(`/monitor/indicators/${indicator.id}/edit`, {
      name: indicator.name,
      unit: indicator.unit,
      min: '100',
    });
    expect(narrowed.statusCode).toBe(400);
    expect(narrowed.body).toContain('De waarde 95 voor 2024 valt buiten dit bereik.');
    expect(narrowed.body).toContain('href="#f-min"');
    expect(
      (await t.services.monitor.indicatorForEdit(indicator.id, { id: teamId, role: 'programme_team' }))
        .indicator,
    ).toMatchObject({
      name: 'Meldpunten mensenhandel',
      min: 0,
      max: null,
    });

    const widened = await team.post(`/monitor/indicators/${indicator.id}/edit`, {
      name: indicator.name,
      unit: indicator.unit,
      min: '0',
      max: '1000',
    });
    expect(widened.statusCode).toBe(303);
    expect(
      (await t.services.monitor.indicatorForEdit(indicator.id, { id: teamId, role: 'programme_team' }))
        .indicator.max,
    ).toBe(1000);
    expect(await lastAudit('monitor.indicator.update')).toMatchObject({ detail: { fields: ['max'] } });

    expect((await team.post(`/monitor/indicators/${indicator.id}/remove`, {})).statusCode).toBe(409);
    expect(
      (await t.services.monitor.action(action.id))!.indicators.find((i) => i.id === indicator.id)?.values,
    ).toHaveLength(1);
  });

  it('lets an owner correct an indicator no locked round reported, and remove it with its values', async () => {
    const mine = await actionId('2.3');
    await owner.post(`/monitor/actions/${mine}/indicators`, {
      name: 'Bereikte werknemers',
      unit: 'mensen',
      min: '0',
    });
    const indicator = (await t.services.monitor.action(mine))!.indicators.find(
      (i) => i.name === 'Bereikte werknemers',
    )!;
    // A figure recorded outside rounds (as a letter's baseline figures are).
    await t.database.db
      .insertInto('monitor_indicator_value')
      .values({
        id: crypto.randomUUID(),
        indicator_id: indicator.id,
        round_id: null,
        period: '2025',
        value: 120,
      })
      .execute();

    const tooNarrow = await owner.post(`/monitor/indicators/${indicator.id}/edit`, {
      name: 'Bereikte arbeidsmigranten',
      unit: 'mensen',
      min: '0',
      max: '10',
    });
    expect(tooNarrow.statusCode).toBe(400);
    expect(tooNarrow.body).toContain('De waarde 120 voor 2025 valt buiten dit bereik.');
    // What was typed stays in the form.
    expect(tooNarrow.body).toContain('value="Bereikte arbeidsmigranten"');
    expect((await t.services.monitor.action(mine))!.indicators.find((i) => i.id === indicator.id)!.name).toBe(
      'Bereikte werknemers',
    );

    const saved = await owner.post(`/monitor/indicators/${indicator.id}/edit`, {
      name: 'Bereikte arbeidsmigranten',
      unit: 'mensen',
      min: '0',
      max: '',
    });
    expect(saved.statusCode).toBe(303);
    expect(
      (await t.services.monitor.action(mine))!.indicators.find((i) => i.id === indicator.id),
    ).toMatchObject({
      name: 'Bereikte arbeidsmigranten',
      max: null,
    });
    expect(await lastAudit('monitor.indicator.update')).toMatchObject({
      actor_user_id: ownerId,
      detail: { fields: ['name'] },
    });

    expect((await viewer.post(`/monitor/indicators/${indicator.id}/remove`, {})).statusCode).toBe(403);
    expect((await owner.post(`/monitor/indicators/${indicator.id}/remove`, {})).statusCode).toBe(303);
    expect((await t.services.monitor.action(mine))!.indicators.some((i) => i.id === indicator.id)).toBe(
      false,
    );
    const left = await t.database.db
      .selectFrom('monitor_indicator_value')
      .select('id')
      .where('indicator_id', '=', indicator.id)
      .execute();
    expect(left).toEqual([]);
    expect(await lastAudit('monitor.indicator.delete')).toMatchObject({
      entity_id: indicator.id,
      detail: { actionId: mine, values: 1 },
    });
  });

  it('lets the team end a partnership; an owner gets 403 and an organisation that is no partner 404', async () => {
    const id = await actionId('4.1');
    const partners = (await t.services.monitor.action(id))!.partners;
    expect(partners.map((p) => p.name)).toEqual(expect.arrayContaining(['CCV', 'CoMensha', 'DSP-groep']));
    const ccv = partners.find((p) => p.name === 'CCV')!;
    const page = await team.get(`/monitor/actions/${id}`);
    expect(page.body).toContain('Verwijderen<span class="samen-visually-hidden"> (CCV als partner)</span>');

    expect((await owner.post(`/monitor/actions/${id}/partners/remove`, { partner: ccv.id })).statusCode).toBe(
      403,
    );
    const fairwork = (await t.services.monitor.organisations()).find((o) => o.name === 'FairWork')!;
    expect(
      (await team.post(`/monitor/actions/${id}/partners/remove`, { partner: fairwork.id })).statusCode,
    ).toBe(404);
    expect((await team.post(`/monitor/actions/${id}/partners/remove`, { partner: 'x' })).statusCode).toBe(
      404,
    );
    expect((await team.post(`/monitor/actions/${id}/partners/remove`, { partner: ccv.id })).statusCode).toBe(
      303,
    );
    expect((await t.services.monitor.action(id))!.partners.map((p) => p.name)).not.toContain('CCV');
    expect(await lastAudit('monitor.action.partnerRemoved')).toMatchObject({
      actor_user_id: teamId,
      entity_id: id,
      detail: { organisationId: ccv.id },
    });
  });

  it('lets the team correct every field of a motion or commitment and remove one; unknown actions write nothing', async () => {
    const [first] = await t.services.monitor.commitments();
    const commitment = first!;
    expect((await owner.get(`/monitor/commitments/${commitment.id}/edit`)).statusCode).toBe(403);
    expect((await viewer.post(`/monitor/commitments/${commitment.id}/remove`, {})).statusCode).toBe(403);
    expect((await team.get('/monitor/commitments/nope/edit')).statusCode).toBe(404);
    const form = await team.get(`/monitor/commitments/${commitment.id}/edit`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`value="${commitment.actionCodes.join(', ')}"`);
    expect((await team.get('/monitor/commitments')).body).toContain(
      `href="/monitor/commitments/${commitment.id}/edit"`,
    );

    const fields = {
      kind: 'request',
      number: '28 638, nr. 999',
      title: 'Verzoek over opvangplekken',
      made_on: '2025-06-01',
      summary: 'De Kamer vraagt om een overzicht van de opvangplekken per regio.',
      owner: '',
      // Another state than it has, so the audit must name it.
      status: commitment.status === 'in_progress' ? 'done' : 'in_progress',
      answered_in: 'Voortgangsbrief najaar 2025',
      actions: '2.3, 4.1',
    };
    const unknown = await team.post(`/monitor/commitments/${commitment.id}/edit`, {
      ...fields,
      actions: '2.3, 9.9',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Onbekende acties: 9.9.');
    expect((await t.services.monitor.commitments()).find((c) => c.id === commitment.id)).toEqual(commitment);

    expect((await team.post(`/monitor/commitments/${commitment.id}/edit`, fields)).statusCode).toBe(303);
    expect((await t.services.monitor.commitments()).find((c) => c.id === commitment.id)).toMatchObject({
      kind: 'request',
      number: '28 638, nr. 999',
      title: 'Verzoek over opvangplekken',
      madeOn: '2025-06-01',
      owner: null,
      status: fields.status,
      answeredIn: 'Voortgangsbrief najaar 2025',
      actionCodes: ['2.3', '4.1'],
    });
    const audited = await lastAudit('monitor.commitment.update');
    expect(audited).toMatchObject({ actor_user_id: teamId, entity_id: commitment.id });
    expect((audited!.detail as { fields: string[] }).fields).toEqual(
      expect.arrayContaining(['kind', 'number', 'title', 'summary', 'status', 'actions']),
    );

    expect((await team.post(`/monitor/commitments/${commitment.id}/remove`, {})).statusCode).toBe(303);
    expect((await t.services.monitor.commitments()).some((c) => c.id === commitment.id)).toBe(false);
    const links = await t.database.db
      .selectFrom('monitor_commitment_action')
      .select('action_id')
      .where('commitment_id', '=', commitment.id)
      .execute();
    expect(links).toEqual([]);
    expect(await lastAudit('monitor.commitment.delete')).toMatchObject({ entity_id: commitment.id });
  });
});
