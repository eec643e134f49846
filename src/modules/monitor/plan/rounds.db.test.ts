// A reporting round from start to annex, through the pages as each role uses them: the programme team opens a
// round, three action owners update their own actions (and cannot touch others'), bad input changes nothing,
// the team asks for a change, accepts and locks, and the annex marks what changed since the previous round.
import { beforeAll, expect, it } from 'vitest';
import { createUser, signIn, type Agent } from '../../../../test/auth.js';
import { useTestApp } from '../../../../test/app.js';
import { describeDb } from '../../../../test/db-suite.js';
import type { Action } from '../types.js';

describeDb('a reporting round', () => {
  const t = useTestApp();
  let team: Agent;
  const owners: Record<string, Agent> = {};
  let viewer: Agent;
  let requester: Agent;
  let actions: Map<string, Action>;
  let previousId: string;
  let roundId: string;

  const entry = (code: string) => `/monitor/rounds/${roundId}/actions/${actions.get(code)!.id}`;
  const stateOf = async (code: string) =>
    (await t.services.monitor.roundView(await t.services.monitor.getRound(roundId))).entries.find(
      (e) => e.actionCode === code,
    )!;

  beforeAll(async () => {
    await t.services.monitor.loadSamplePlan();
    previousId = (await t.services.monitor.rounds())[0]!.id;
    actions = new Map((await t.services.monitor.plan()).flatMap((l) => l.actions).map((a) => [a.code, a]));
    const teamUser = await createUser(t.services, { role: 'programme_team', name: 'Team Lid' });
    team = await signIn(t, teamUser);
    const orgs = await t.services.monitor.organisations();
    for (const name of ['FairWork', 'CoMensha', 'VNG']) {
      const user = await createUser(t.services, { role: 'action_owner', name: `Eigenaar ${name}` });
      await t.services.monitor.linkOwner(user.id, orgs.find((o) => o.name === name)!.id, {
        id: teamUser.id,
        role: 'programme_team',
      });
      owners[name] = await signIn(t, user);
    }
    viewer = await signIn(t, await createUser(t.services, { role: 'monitor_viewer' }));
    requester = await signIn(t, await createUser(t.services, { role: 'requesting_organisation' }));
  });

  it('lets only the programme team open a round, and refuses impossible dates without creating anything', async () => {
    expect(
      (await viewer.post('/monitor/rounds', { name: 'najaar 2025', deadline: '2026-12-15' })).statusCode,
    ).toBe(403);
    expect(
      (await owners.FairWork!.post('/monitor/rounds', { name: 'x', deadline: '2026-12-15' })).statusCode,
    ).toBe(403);
    const impossible = await team.post('/monitor/rounds', { name: 'najaar 2025', deadline: '2026-02-30' });
    expect(impossible.statusCode).toBe(400);
    expect(impossible.body).toContain('id="f-deadline"');
    expect(impossible.body).toContain('Geef een bestaande datum');
    const past = await team.post('/monitor/rounds', { name: 'najaar 2025', deadline: '2026-01-01' });
    expect(past.statusCode).toBe(400);
    expect(past.body).toContain('De uiterste datum ligt in het verleden');
    expect(await t.services.monitor.rounds()).toHaveLength(1);

    const opened = await team.post('/monitor/rounds', {
      name: 'najaar 2025',
      deadline: '2026-12-15',
      letter: 'Kamerstuk 28 638',
    });
    expect(opened.statusCode).toBe(303);
    roundId = String(opened.headers.location).split('/').pop()!.split('?')[0]!;
    const round = await t.services.monitor.getRound(roundId);
    expect(round).toMatchObject({ name: 'najaar 2025', status: 'open', deadline: '2026-12-15' });
    expect((await stateOf('2.3')).reviewState).toBe('pending');
    const overview = await team.get(`/monitor/rounds/${roundId}`);
    expect(overview.body).toContain('Voortgang per actiehouder');
    const duplicate = await team.post('/monitor/rounds', { name: 'Najaar 2025', deadline: '2026-12-15' });
    expect(duplicate.statusCode).toBe(400);
  });

  it('shows an action owner only their own actions, and refuses edits to other owners’ actions', async () => {
    const page = await owners.FairWork!.get(`/monitor/rounds/${roundId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2.3 Outreach van FairWork');
    expect(page.body).not.toContain('4.1 Bouwstenen');
    const foreign = await owners.FairWork!.post(entry('4.1'), {
      status: 'stopped',
      narrative: 'Niet van mij',
    });
    expect(foreign.statusCode).toBe(403);
    expect((await owners.FairWork!.get(entry('4.1'))).statusCode).toBe(403);
    expect((await viewer.post(entry('2.3'), { status: 'stopped', narrative: '' })).statusCode).toBe(403);
    expect((await requester.get('/monitor')).statusCode).toBe(403);
    expect((await stateOf('4.1')).status).toBe('running');
  });

  it('refuses values outside an indicator’s range and unknown statuses, saving nothing', async () => {
    const indicator = (await t.services.monitor.action(actions.get('3.4')!.id))!.indicators[0]!;
    const tooMany = await owners.CoMensha!.post(entry('3.4'), {
      status: 'running',
      narrative: 'Spiegelgroep gestart.',
      indicator: [indicator.id],
      period: ['2025'],
      value: ['9'],
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.body).toContain('href="#f-values-0-value"');
    expect(tooMany.body).toContain('aria-invalid="true"');
    const badStatus = await owners.CoMensha!.post(entry('3.4'), { status: 'finished', narrative: 'x' });
    expect(badStatus.statusCode).toBe(400);
    expect(await stateOf('3.4')).toMatchObject({ reviewState: 'pending', status: 'running' });
  });

  it('takes the updates of three owners, asks for a change, accepts them and locks the round', async () => {
    const members = (await t.services.monitor.action(actions.get('3.4')!.id))!.indicators[0]!;
    const reach = (await t.services.monitor.action(actions.get('2.3')!.id))!.indicators[0]!;
    expect(
      (
        await owners.FairWork!.post(entry('2.3'), {
          status: 'completed',
          narrative: 'De outreach van 2024 is afgerond en geëvalueerd.',
          indicator: [reach.id],
          period: ['2025'],
          value: ['20000'],
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (
        await owners.CoMensha!.post(entry('3.4'), {
          status: 'running',
          narrative: 'De spiegelgroep is gestart met zeven leden.',
          indicator: [members.id],
          period: ['2025'],
          value: ['7'],
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (
        await owners.VNG!.post(entry('4.1'), {
          status: 'delayed',
          narrative: 'Afronding schuift naar begin 2026.',
        })
      ).statusCode,
    ).toBe(303);

    const early = await team.post(`/monitor/rounds/${roundId}/lock`, { confirm: 'yes' });
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain('2.3, 3.4, 4.1');

    const noNote = await team.post(`${entry('4.1')}/review`, { decision: 'request_changes', note: '' });
    expect(noNote.statusCode).toBe(400);
    expect(
      (
        await team.post(`${entry('4.1')}/review`, {
          decision: 'request_changes',
          note: 'Noem de nieuwe datum.',
        })
      ).statusCode,
    ).toBe(303);
    expect((await owners.VNG!.get(entry('4.1'))).body).toContain('Noem de nieuwe datum.');
    await owners.VNG!.post(entry('4.1'), {
      status: 'delayed',
      narrative: 'Afronding verwacht in maart 2026.',
    });
    for (const code of ['2.3', '3.4', '4.1'])
      expect((await team.post(`${entry(code)}/review`, { decision: 'accept', note: '' })).statusCode).toBe(
        303,
      );

    expect(
      (await owners.FairWork!.post(`/monitor/rounds/${roundId}/lock`, { confirm: 'yes' })).statusCode,
    ).toBe(403);
    expect((await team.post(`/monitor/rounds/${roundId}/lock`, { confirm: 'yes' })).statusCode).toBe(303);
    expect((await t.services.monitor.getRound(roundId)).status).toBe('locked');
    expect((await t.services.monitor.action(actions.get('2.3')!.id))!.status).toBe('completed');
  });

  it('refuses every change to the locked round', async () => {
    const late = await owners.FairWork!.post(entry('2.3'), { status: 'stopped', narrative: 'Te laat' });
    expect(late.statusCode).toBe(409);
    expect((await team.post(`${entry('2.3')}/review`, { decision: 'accept', note: '' })).statusCode).toBe(
      409,
    );
    expect((await team.post(`/monitor/rounds/${roundId}/lock`, { confirm: 'yes' })).statusCode).toBe(409);
    expect((await stateOf('2.3')).status).toBe('completed');
  });

  it('marks in the annex what changed since the previous round, in HTML, PDF and CSV', async () => {
    const annex = await t.services.monitor.annex(roundId);
    expect(annex.previous?.id).toBe(previousId);
    const byCode = new Map(annex.lines.flatMap((l) => l.actions).map((a) => [a.code, a]));
    expect(byCode.get('2.3')).toMatchObject({ status: 'completed', previousStatus: 'running' });
    expect(byCode.get('2.3')!.changes).toEqual(['status', 'narrative', 'indicators']);
    expect(byCode.get('3.4')!.changes).toEqual(['narrative', 'indicators']);
    expect(byCode.get('4.1')!.changes).toEqual(['status', 'narrative']);
    expect(byCode.get('1.1')).toMatchObject({ changes: [], carriedOver: true });
    expect(annex.changedCount).toBe(3);

    const page = await viewer.get(`/monitor/rounds/${roundId}/annex`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('status van Lopend naar Afgerond');
    expect(page.body.match(/class="monitor-change"/g)).toHaveLength(3);
    expect(page.body).toContain(`/monitor/compare?left=${previousId}&amp;right=${roundId}`);
    const pdf = await viewer.get(`/monitor/rounds/${roundId}/annex.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const csv = await viewer.get(`/en/monitor/rounds/${roundId}/annex.csv?dialect=en`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('status changed; narrative updated; indicators updated');
    // Without a dialect: Dutch values under Dutch headers, semicolons (issue 21 point 7).
    const dutch = await viewer.get(`/en/monitor/rounds/${roundId}/annex.csv`);
    expect(dutch.body.startsWith('\uFEFFactielijn;actielijn_titel;actie;')).toBe(true);
    expect(dutch.body).toContain('status gewijzigd; toelichting bijgewerkt; indicatoren bijgewerkt');
    expect(dutch.body).toContain(';Afgerond;Lopend;');
    // Another round id (the last digit changed: a round that does not exist) answers 404.
    const unknown = `${roundId.slice(0, -1)}${roundId.endsWith('0') ? '1' : '0'}`;
    expect((await viewer.get(`/monitor/rounds/${unknown}/annex`)).statusCode).toBe(404);
  });

  it('compares two rounds side by side', async () => {
    const page = await viewer.get(`/monitor/compare?left=${previousId}&right=${roundId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('3 van de');
    expect((await viewer.get('/monitor/compare?left=x')).statusCode).toBe(400);
  });

  it('reminds owners with updates still to give by e-mail, once a day, naming only the actions', async () => {
    const opened = await team.post('/monitor/rounds', { name: 'voorjaar 2026', deadline: '2026-12-31' });
    const next = String(opened.headers.location).split('/').pop()!.split('?')[0]!;
    // The daily job waits until the deadline is a week away; the team's button sends at once.
    expect((await t.services.monitor.sendReminders({ dueWithinDays: 7 })).mails).toBe(0);
    const before = await t.database.db.selectFrom('mail_outbox').select('id').execute();
    const sent = await team.post(`/monitor/rounds/${next}/remind`);
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toContain('reminded=3');
    const mails = await t.database.db
      .selectFrom('mail_outbox')
      .select(['recipients', 'subject', 'body_text'])
      .where('id', 'not in', before.length ? before.map((m) => m.id) : [0])
      .execute();
    expect(mails).toHaveLength(3);
    const fairwork = mails.find((m) => m.body_text.includes('2.3 Outreach van FairWork'))!;
    expect(fairwork.subject).toBe('Herinnering: rapportageronde voorjaar 2026');
    expect(fairwork.recipients as string[]).toHaveLength(1);
    expect(fairwork.body_text).not.toContain('Eigenaar');
    expect(fairwork.body_text).not.toContain('4.1');
    expect((await t.services.monitor.sendReminders()).mails).toBe(0);
    expect((await viewer.post(`/monitor/rounds/${next}/remind`)).statusCode).toBe(403);
    // The platform's job runner sends them by itself once the deadline is within a week.
    expect(t.services.jobs.list().map((j) => j.name)).toContain('monitor.reminders');
    t.clock.set('2026-12-26T08:00:00Z');
    const outcome = await t.services.jobs.run('monitor.reminders');
    expect(outcome).toMatchObject({ status: 'done', result: { mails: 3 } });
  });
});
