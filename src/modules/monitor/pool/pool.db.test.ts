// The expert pool and the mirror group through their pages and roles: real identities only for the coordinator
// (audited), organisations see only their own assignments and a pseudonym, one rate card for the fee, and the
// mirror group's advice with what was done with it.
import { beforeAll, expect, it } from 'vitest';
import { createUser, signIn, type Agent } from '../../../../test/auth.js';
import { useTestApp } from '../../../../test/app.js';
import { describeDb } from '../../../../test/db-suite.js';

describeDb('the expert pool and the mirror group', () => {
  const t = useTestApp();
  let coordinator: Agent;
  let fairwork: Agent;
  let vng: Agent;
  let team: Agent;
  let viewer: Agent;
  let berk: string;
  let assignmentId: string;

  beforeAll(async () => {
    await t.services.monitor.loadSamplePlan();
    const teamUser = await createUser(t.services, { role: 'programme_team' });
    team = await signIn(t, teamUser);
    coordinator = await signIn(t, await createUser(t.services, { role: 'pool_coordinator' }));
    viewer = await signIn(t, await createUser(t.services, { role: 'monitor_viewer' }));
    const orgs = await t.services.monitor.organisations();
    const requesters: Agent[] = [];
    for (const name of ['FairWork', 'VNG']) {
      const user = await createUser(t.services, { role: 'requesting_organisation' });
      await t.services.monitor.linkOwner(user.id, orgs.find((o) => o.name === name)!.id, {
        id: teamUser.id,
        role: 'programme_team',
      });
      requesters.push(await signIn(t, user));
    }
    [fairwork, vng] = requesters as [Agent, Agent];
  });

  it('makes only the pool coordinator use a second factor', async () => {
    const roles = await t.services.auth.listRoles();
    const flag = (code: string) => roles.find((r) => r.code === code)?.seesPersonalData;
    expect(flag('pool_coordinator')).toBe(true);
    for (const code of ['programme_team', 'action_owner', 'requesting_organisation', 'monitor_viewer'])
      expect(flag(code)).toBe(false);
  });

  it('registers members under a pseudonym, refusing a pseudonym that is the real name', async () => {
    const same = await coordinator.post('/monitor/pool/experts', {
      pseudonym: 'Jan Jansen',
      real_name: 'jan jansen',
    });
    expect(same.statusCode).toBe(400);
    expect(same.body).toContain('Het pseudoniem mag niet de echte naam zijn.');
    for (const [pseudonym, realName, forms, languages, labour] of [
      ['Berk', 'Maria Kowalska', ['labour'], 'pl; nl', 'on'],
      ['Amber', 'Sara de Vries', ['sexual'], 'nl', ''],
    ] as const) {
      const response = await coordinator.post('/monitor/pool/experts', {
        pseudonym,
        real_name: realName,
        contact: `${pseudonym.toLowerCase()}@example.nl`,
        forms: [...forms],
        languages,
        ...(labour ? { labour_migration: labour } : {}),
      });
      expect(response.statusCode).toBe(303);
    }
    const page = await coordinator.get('/monitor/pool');
    expect(page.body).toContain('Berk');
    expect(page.body).not.toContain('Maria Kowalska');
    berk = (await t.services.monitor.experts({ id: 'x', role: 'pool_coordinator' })).find(
      (e) => e.pseudonym === 'Berk',
    )!.id;
  });

  it('shows a real identity to the coordinator only, and records every look in the audit trail', async () => {
    for (const agent of [team, viewer, fairwork])
      expect((await agent.get(`/monitor/pool/experts/${berk}`)).statusCode).toBe(403);
    const page = await coordinator.get(`/monitor/pool/experts/${berk}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Maria Kowalska');
    expect(page.headers['cache-control']).toContain('no-store');
    const events = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'entity_id', 'detail'])
      .where('action', '=', 'monitor.expert.identity_view')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.entity_id).toBe(berk);
    expect(JSON.stringify(events[0]!.detail)).not.toContain('Kowalska');
  });

  it('lets an organisation submit an assignment and see only its own', async () => {
    const bad = await fairwork.post('/monitor/pool/assignments', {
      title: 'x',
      hours_estimated: '0',
      languages: 'polish',
    });
    expect(bad.statusCode).toBe(400);
    const ok = await fairwork.post('/monitor/pool/assignments', {
      title: 'Voorlichting aan Poolse arbeidsmigranten',
      forms: ['labour'],
      labour_migration: 'on',
      languages: 'pl',
      hours_estimated: '4',
    });
    expect(ok.statusCode).toBe(303);
    assignmentId = (await t.services.monitor.assignments({ id: 'x', role: 'pool_coordinator' }))[0]!.id;
    expect((await fairwork.get('/monitor/pool')).body).toContain('Voorlichting aan Poolse arbeidsmigranten');
    expect((await vng.get('/monitor/pool')).body).not.toContain('Voorlichting aan Poolse arbeidsmigranten');
    expect((await vng.get(`/monitor/pool/assignments/${assignmentId}`)).statusCode).toBe(403);
    expect(
      (await fairwork.post(`/monitor/pool/assignments/${assignmentId}/assign`, { expert: berk })).statusCode,
    ).toBe(403);
  });

  it('suggests the best match first with reasons, and assigns', async () => {
    const page = await coordinator.get(`/monitor/pool/assignments/${assignmentId}`);
    const suggestions = page.body.slice(page.body.indexOf('id="suggestions-caption"'));
    expect(suggestions.indexOf('Berk')).toBeLessThan(suggestions.indexOf('Amber'));
    expect(suggestions).toContain('ervaring met arbeidsmigratie');
    expect(suggestions).toContain('spreekt geen van de gevraagde talen (pl)');
    expect(
      (await coordinator.post(`/monitor/pool/assignments/${assignmentId}/assign`, { expert: berk }))
        .statusCode,
    ).toBe(303);
    expect(
      (await coordinator.post(`/monitor/pool/assignments/${assignmentId}/answer`, { answer: 'accepted' }))
        .statusCode,
    ).toBe(303);
    const seen = await fairwork.get(`/monitor/pool/assignments/${assignmentId}`);
    expect(seen.body).toContain('Berk');
    expect(seen.body).not.toContain('Kowalska');
    expect(
      (await coordinator.post(`/monitor/pool/assignments/${assignmentId}/assign`, { expert: berk }))
        .statusCode,
    ).toBe(409);
  });

  it('pays by the one rate card: hours times the rate, then paid and fixed', async () => {
    expect(
      (
        await coordinator.post('/monitor/pool/rates', {
          code: 'advies',
          description: 'Advies en voorlichting',
          hourly_rate: '0',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await coordinator.post('/monitor/pool/rates', {
          code: 'advies',
          description: 'Advies en voorlichting',
          hourly_rate: '62,50',
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (
        await coordinator.post(`/monitor/pool/assignments/${assignmentId}/hours`, {
          hours_worked: '3,5',
          rate_code: 'nope',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await coordinator.post(`/monitor/pool/assignments/${assignmentId}/hours`, {
          hours_worked: '3,5',
          rate_code: 'advies',
        })
      ).statusCode,
    ).toBe(303);
    const [assignment] = await t.services.monitor.assignments({ id: 'x', role: 'pool_coordinator' });
    expect(assignment).toMatchObject({
      status: 'completed',
      hoursWorked: 3.5,
      feeCents: 21875,
      paymentStatus: 'due',
    });
    expect((await coordinator.post(`/monitor/pool/assignments/${assignmentId}/paid`, {})).statusCode).toBe(
      303,
    );
    expect(
      (
        await coordinator.post(`/monitor/pool/assignments/${assignmentId}/hours`, {
          hours_worked: '9',
          rate_code: 'advies',
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (await t.services.monitor.assignments({ id: 'x', role: 'pool_coordinator' }))[0]!.hoursWorked,
    ).toBe(3.5);
  });

  it('keeps the mirror group’s meetings and advice, and what the programme did with each', async () => {
    expect(
      (await coordinator.post('/monitor/mirror/meetings', { held_on: '2027-01-01', participants: '7' }))
        .statusCode,
    ).toBe(400);
    expect(
      (await viewer.post('/monitor/mirror/meetings', { held_on: '2026-10-01', participants: '7' }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await coordinator.post('/monitor/mirror/meetings', {
          held_on: '2026-10-01',
          participants: '7',
          topics: 'Opvang',
        })
      ).statusCode,
    ).toBe(303);
    const [meeting] = await t.services.monitor.mirror();
    const line3 = (await t.services.monitor.lines()).find((l) => l.code === '3')!;
    expect(
      (
        await coordinator.post(`/monitor/mirror/meetings/${meeting!.id}/advice`, {
          summary: 'Betrek ervaringsdeskundigen bij de opvangscenario’s.',
          line_id: line3.id,
          solicited: 'no',
        })
      ).statusCode,
    ).toBe(303);
    const advice = (await t.services.monitor.mirror())[0]!.advice[0]!;
    expect(advice).toMatchObject({ solicited: false, responseStatus: 'open', lineId: line3.id });
    expect(
      (
        await coordinator.post(`/monitor/mirror/advice/${advice.id}/respond`, {
          response_status: 'adopted',
          response: 'Gedaan.',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await team.post(`/monitor/mirror/advice/${advice.id}/respond`, {
          response_status: 'adopted',
          response: '',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await team.post(`/monitor/mirror/advice/${advice.id}/respond`, {
          response_status: 'partly_adopted',
          response: 'Twee leden denken mee in het ontwikkeltraject.',
        })
      ).statusCode,
    ).toBe(303);
    const page = await viewer.get('/monitor/mirror');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Deels overgenomen');
    expect(page.body).toContain('Twee leden denken mee');
    expect(page.body).toContain('7 deelnemers.');
  });
});
