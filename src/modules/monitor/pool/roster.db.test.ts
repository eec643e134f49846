// The mirror group's roster, attendance and corrections through the pages (issue 21 point 3): members by
// pseudonym with the days they joined and left, attendance recorded per meeting (only members on that day), the
// quarters without a meeting flagged up to the app clock's quarter, a meeting corrected or withdrawn with its
// history kept; only the pool coordinator changes anything (the team, an owner and a viewer 403).
import { beforeAll, expect, it } from 'vitest';
import { createUser, signIn, type Agent } from '../../../../test/auth.js';
import { useTestApp } from '../../../../test/app.js';
import { describeDb } from '../../../../test/db-suite.js';

describeDb('the mirror group’s roster and attendance', () => {
  const t = useTestApp();
  let coordinator: Agent;
  let team: Agent;
  let viewer: Agent;
  let owner: Agent;
  const roster = () => t.services.monitor.mirrorRoster();
  const memberId = async (pseudonym: string) =>
    (await roster()).members.find((m) => m.pseudonym === pseudonym)!.id;

  beforeAll(async () => {
    t.clock.set('2026-11-28T10:00:00Z');
    await t.services.monitor.loadSamplePlan();
    coordinator = await signIn(t, await createUser(t.services, { role: 'pool_coordinator' }));
    team = await signIn(t, await createUser(t.services, { role: 'programme_team' }));
    viewer = await signIn(t, await createUser(t.services, { role: 'monitor_viewer' }));
    owner = await signIn(t, await createUser(t.services, { role: 'action_owner' }));
  });

  it('flags an empty group and adds members by pseudonym; bad input and the wrong role write nothing', async () => {
    const empty = await viewer.get('/en/monitor/mirror/roster');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('0 members today. Fewer than the letter');
    for (const agent of [team, viewer, owner])
      expect(
        (await agent.post('/monitor/mirror/members', { pseudonym: 'Eik', joined_on: '2026-01-05' }))
          .statusCode,
      ).toBe(403);
    const bad = await coordinator.post('/en/monitor/mirror/members', {
      pseudonym: 'E',
      joined_on: '2026-13-05',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#f-pseudonym"');
    expect(bad.body).toContain('href="#f-joined_on"');
    expect(bad.body).toContain('value="2026-13-05"');
    for (const name of ['Eik', 'Beuk', 'Linde', 'Wilg', 'Els', 'Hazelaar'])
      expect(
        (await coordinator.post('/monitor/mirror/members', { pseudonym: name, joined_on: '2026-01-05' }))
          .statusCode,
      ).toBe(303);
    const taken = await coordinator.post('/monitor/mirror/members', {
      pseudonym: 'eik',
      joined_on: '2026-01-05',
    });
    expect(taken.statusCode).toBe(400);
    expect(
      (await coordinator.post('/monitor/mirror/members', { pseudonym: 'Late', joined_on: '2026-06-01' }))
        .statusCode,
    ).toBe(303);
    expect((await roster()).members).toHaveLength(7);
    expect((await roster()).status.size).toBeNull();
  });

  it('records attendance of members on the meeting’s day; the head count follows; history kept', async () => {
    expect(
      (await coordinator.post('/monitor/mirror/meetings', { held_on: '2026-02-10', participants: '5' }))
        .statusCode,
    ).toBe(303);
    const meeting = (await roster()).meetings[0]!;
    const page = await coordinator.get(`/monitor/mirror/meetings/${meeting.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="2026-02-10"');
    // 'Late' joined after the meeting: not offered, and refused when sent anyway.
    expect(page.body).not.toContain('>Late</label>');
    const late = await coordinator.post(`/en/monitor/mirror/meetings/${meeting.id}/edit`, {
      version: String(meeting.version),
      held_on: '2026-02-10',
      attended: [await memberId('Eik'), await memberId('Late')],
      topics: 'Werkwijze NVM',
    });
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('Only members on the day of the meeting can be present.');
    expect(late.body).toContain('Werkwijze NVM');
    const present = await Promise.all(['Eik', 'Beuk', 'Linde', 'Wilg'].map(memberId));
    for (const agent of [team, viewer])
      expect(
        (
          await agent.post(`/monitor/mirror/meetings/${meeting.id}/edit`, {
            version: '1',
            held_on: '2026-02-10',
            attended: present,
          })
        ).statusCode,
      ).toBe(403);
    const saved = await coordinator.post(`/monitor/mirror/meetings/${meeting.id}/edit`, {
      version: String(meeting.version),
      held_on: '2026-02-10',
      attended: present,
      topics: 'Werkwijze NVM',
    });
    expect(saved.statusCode).toBe(303);
    const after = (await roster()).meetings[0]!;
    expect(after).toMatchObject({ participants: 4, topics: 'Werkwijze NVM', version: meeting.version + 1 });
    expect(after.attended.sort()).toEqual([...present].sort());
    const stale = await coordinator.post(`/monitor/mirror/meetings/${meeting.id}/edit`, {
      version: String(meeting.version),
      held_on: '2026-02-11',
      attended: present,
      topics: 'Overschreven-4410',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Overschreven-4410');
    expect((await roster()).meetings[0]!.heldOn).toBe('2026-02-10');
    const history = await t.services.monitor.mirrorHistory('monitor_mirror_meeting', meeting.id);
    expect(history.map((h) => h.kind)).toEqual(['created', 'edited']);
    expect(history[1]!.fields.sort()).toEqual(['attended', 'participants', 'topics']);
    expect(history[1]!.previous).toMatchObject({ participants: 5, topics: '' });
    const shown = await viewer.get('/en/monitor/mirror/roster');
    expect(shown.body).toContain('Beuk, Eik, Linde, Wilg');
  });

  it('flags the quarters without a meeting up to the app clock’s, and a group that shrank below six', async () => {
    const status = (await roster()).status;
    expect(status.quarters.map((q) => q.quarter)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(status.missed).toEqual(['2026-Q2', '2026-Q3']);
    expect(status.currentWithout).toBe(true);
    const page = await viewer.get('/en/monitor/mirror/roster');
    expect(page.body).toContain('No meeting in: 2026-Q2, 2026-Q3.');
    const els = (await roster()).members.find((m) => m.pseudonym === 'Els')!;
    const hazelaar = (await roster()).members.find((m) => m.pseudonym === 'Hazelaar')!;
    for (const m of [els, hazelaar])
      expect(
        (
          await coordinator.post(`/monitor/mirror/members/${m.id}/edit`, {
            version: String(m.version),
            pseudonym: m.pseudonym,
            joined_on: m.joinedOn,
            left_on: '2026-09-30',
          })
        ).statusCode,
      ).toBe(303);
    expect((await roster()).status.current).toHaveLength(5);
    expect((await viewer.get('/en/monitor/mirror/roster')).body).toContain(
      '5 members today. Fewer than the letter',
    );
    // Leaving before a meeting one attended is refused: the attendance would lie.
    const eik = (await roster()).members.find((m) => m.pseudonym === 'Eik')!;
    const refused = await coordinator.post(`/monitor/mirror/members/${eik.id}/edit`, {
      version: String(eik.version),
      pseudonym: 'Eik',
      joined_on: '2026-01-05',
      left_on: '2026-01-31',
    });
    expect(refused.statusCode).toBe(400);
    expect(
      (await t.services.monitor.mirrorHistory('monitor_mirror_member', els.id)).map((h) => h.kind),
    ).toEqual(['created', 'edited']);
  });

  it('withdraws a meeting: kept with its reason, gone from the mirror page and the quarters', async () => {
    const meeting = (await roster()).meetings[0]!;
    expect(
      (
        await coordinator.post(`/monitor/mirror/meetings/${meeting.id}/withdraw`, {
          version: String(meeting.version),
          reason: '',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await team.post(`/monitor/mirror/meetings/${meeting.id}/withdraw`, {
          version: String(meeting.version),
          reason: 'dubbel',
        })
      ).statusCode,
    ).toBe(403);
    const done = await coordinator.post(`/monitor/mirror/meetings/${meeting.id}/withdraw`, {
      version: String(meeting.version),
      reason: 'Dubbel ingevoerd',
    });
    expect(done.statusCode).toBe(303);
    expect((await t.services.monitor.mirror()).map((m) => m.id)).not.toContain(meeting.id);
    expect((await roster()).status.missed).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
    const page = await viewer.get('/en/monitor/mirror/roster');
    expect(page.body).toContain('Withdrawn: Dubbel ingevoerd');
    const again = await coordinator.post(`/monitor/mirror/meetings/${meeting.id}/edit`, {
      version: String(meeting.version + 1),
      held_on: '2026-02-10',
    });
    expect(again.statusCode).toBe(409);
  });
});
