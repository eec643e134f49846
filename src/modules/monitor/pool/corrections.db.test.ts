// Everything in the pool can be corrected, withdrawn or erased, with its history (issue 21 points 3 and 4, pool
// part), tried through the pages: an expert's profile opens with the stored values and a stale edit is refused
// (409) keeping what was typed; an erased expert's name and contact are in no table and on no page while their
// pseudonym keeps its assignments and fees; the expert's answer, reassigning and cancelling keep every step; an
// organisation withdraws only its own request (another organisation 403, a cancelled assignment 409).
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { createUser, signIn, type Agent } from '../../../../test/auth.js';
import { useTestApp } from '../../../../test/app.js';
import { describeDb } from '../../../../test/db-suite.js';

const NAME = 'WISNAAM-marker-5521 Jansen';
const CONTACT = 'WISCONTACT-marker-7734@example.nl';

describeDb('correcting, withdrawing and erasing in the pool', () => {
  const t = useTestApp();
  let coordinator: Agent;
  let fairwork: Agent;
  let vng: Agent;
  const expert: Record<string, string> = {};

  const coordinatorActor = { id: '', role: 'pool_coordinator' as const };
  const assignmentNamed = async (title: string) =>
    (await t.services.monitor.assignments(coordinatorActor)).find((a) => a.title === title)!;
  const post = (agent: Agent, id: string, step: string, body: Record<string, string> = {}) =>
    agent.post(`/monitor/pool/assignments/${id}/${step}`, body);

  beforeAll(async () => {
    await t.services.monitor.loadSamplePlan();
    const teamUser = await createUser(t.services, { role: 'programme_team' });
    const coordinatorUser = await createUser(t.services, { role: 'pool_coordinator' });
    coordinatorActor.id = coordinatorUser.id;
    coordinator = await signIn(t, coordinatorUser);
    const orgs = await t.services.monitor.organisations();
    const agents: Agent[] = [];
    for (const name of ['FairWork', 'VNG']) {
      const user = await createUser(t.services, { role: 'requesting_organisation' });
      await t.services.monitor.linkOwner(user.id, orgs.find((o) => o.name === name)!.id, {
        id: teamUser.id,
        role: 'programme_team',
      });
      agents.push(await signIn(t, user));
    }
    [fairwork, vng] = agents as [Agent, Agent];
    for (const [pseudonym, realName, contact] of [
      ['Wilg', NAME, CONTACT],
      ['Eik', 'Piet de Boer', 'eik@example.nl'],
      ['Linde', 'Ans Smit', ''],
    ] as const) {
      const response = await coordinator.post('/monitor/pool/experts', {
        pseudonym,
        real_name: realName,
        contact,
        forms: ['labour'],
        languages: 'nl',
        consent_on: '2026-01-15',
        retain_until: '2028-01-15',
      });
      expect(response.statusCode).toBe(303);
    }
    for (const e of await t.services.monitor.experts(coordinatorActor)) expert[e.pseudonym] = e.id;
    await t.services.monitor.setRate(
      { code: 'advies', description: 'Advies', hourly_rate: '50', effective_from: '2026-01-01' },
      coordinatorActor,
    );
  });

  it('opens the profile with its stored values, saves a correction, and audits only the names of what changed', async () => {
    const page = await coordinator.get(`/monitor/pool/experts/${expert.Eik}`);
    expect(page.body).toContain('value="Piet de Boer"');
    expect(page.body).toContain('value="2026-01-15"');
    expect(page.body).toContain('value="2028-01-15"');
    expect(page.body).toMatch(/name="available"\s+value="on"\s+checked/);
    const version = /name="version" value="([^"]+)"/.exec(page.body)![1]!;
    const saved = await coordinator.post(`/monitor/pool/experts/${expert.Eik}/edit`, {
      version,
      pseudonym: 'Eik',
      real_name: 'Piet de Boer',
      contact: 'nieuw-eik@example.nl',
      forms: ['labour'],
      languages: 'nl',
      consent_on: '2026-01-15',
      retain_until: '2027-06-30',
      // "available" left out: unticked, the member is marked unavailable.
    });
    expect(saved.statusCode).toBe(303);
    const eik = (await t.services.monitor.expertIdentity(expert.Eik!, coordinatorActor))!;
    expect(eik).toMatchObject({
      contact: 'nieuw-eik@example.nl',
      retainUntil: '2027-06-30',
      available: false,
    });
    const [event] = await t.database.db
      .selectFrom('audit_event')
      .select('detail')
      .where('action', '=', 'monitor.expert.update')
      .execute();
    expect(event!.detail).toEqual({ changed: ['available', 'retainUntil', 'contact'] });
    expect(JSON.stringify(event!.detail)).not.toContain('nieuw-eik');
  });

  it('refuses a stale edit with 409 and keeps what was typed, and a bad edit with 400 naming the field', async () => {
    const page = await coordinator.get(`/monitor/pool/experts/${expert.Linde}`);
    const version = /name="version" value="([^"]+)"/.exec(page.body)![1]!;
    const form = {
      pseudonym: 'Linde',
      real_name: 'Ans Smit',
      forms: ['labour'],
      languages: 'nl',
      available: 'on',
    };
    expect(
      (
        await coordinator.post(`/monitor/pool/experts/${expert.Linde}/edit`, {
          ...form,
          version,
          contact: 'eerst@example.nl',
        })
      ).statusCode,
    ).toBe(303);
    // A second form opened on the same version: someone saved meanwhile.
    const stale = await coordinator.post(`/monitor/pool/experts/${expert.Linde}/edit`, {
      ...form,
      version,
      contact: 'later-getypt@example.nl',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Iemand anders heeft dit profiel gewijzigd');
    expect(stale.body).toContain('value="later-getypt@example.nl"');
    expect(stale.body).toMatch(/id="error-summary" autofocus/);
    expect((await t.services.monitor.expertIdentity(expert.Linde!, coordinatorActor)).contact).toBe(
      'eerst@example.nl',
    );
    const bad = await coordinator.post(`/monitor/pool/experts/${expert.Linde}/edit`, {
      ...form,
      version,
      pseudonym: 'Eik',
      consent_on: '2027-01-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Dit pseudoniem is al in gebruik.');
    expect(bad.body).toContain('Deze datum ligt in de toekomst.');
    expect(bad.body).toContain('value="2027-01-01"');
    expect(bad.body).toContain('href="#f-consent_on"');
  });

  it('records the expert’s answer, reassigns and cancels with every step kept, and refuses to reassign a cancelled one', async () => {
    expect(
      (await fairwork.post('/monitor/pool/assignments', { title: 'Gastles mbo', hours_estimated: '3' }))
        .statusCode,
    ).toBe(303);
    const { id } = await assignmentNamed('Gastles mbo');
    expect((await post(coordinator, id, 'assign', { expert: expert.Wilg! })).statusCode).toBe(303);
    expect(
      (await post(coordinator, id, 'hours', { hours_worked: '2', rate_code: 'advies' })).statusCode,
    ).toBe(409);
    expect(
      (await post(coordinator, id, 'answer', { answer: 'declined', note: 'Geen tijd in december' }))
        .statusCode,
    ).toBe(303);
    expect(await assignmentNamed('Gastles mbo')).toMatchObject({ status: 'requested', expert: null });
    // Who declined is not suggested for it again.
    const page = await coordinator.get(`/monitor/pool/assignments/${id}`);
    expect(page.body).toContain('heeft deze opdracht eerder afgeslagen');
    expect((await post(coordinator, id, 'assign', { expert: expert.Wilg! })).statusCode).toBe(400);
    expect((await post(coordinator, id, 'assign', { expert: expert.Linde! })).statusCode).toBe(303);
    expect((await post(coordinator, id, 'answer', { answer: 'accepted' })).statusCode).toBe(303);
    expect(
      (await post(coordinator, id, 'reassign', { expert: expert.Wilg!, note: 'Linde ziek' })).statusCode,
    ).toBe(303);
    expect(await assignmentNamed('Gastles mbo')).toMatchObject({
      status: 'assigned',
      expert: { pseudonym: 'Wilg' },
      expertAnswer: 'pending',
    });
    expect((await post(coordinator, id, 'cancel', { note: 'School gesloten' })).statusCode).toBe(303);
    const reassign = await post(coordinator, id, 'reassign', {
      expert: expert.Linde!,
      note: 'NOTITIE-toch-8812',
    });
    expect(reassign.statusCode).toBe(409);
    expect(reassign.body).toContain('Alleen een lopende opdracht kan naar een andere ervaringsdeskundige');
    expect(reassign.body).toContain('NOTITIE-toch-8812');
    expect((await post(coordinator, id, 'cancel')).statusCode).toBe(409);
    expect((await post(fairwork, id, 'withdraw')).statusCode).toBe(409);
    const history = (await t.services.monitor.assignment(id, coordinatorActor)).history;
    expect(history.map((e) => [e.kind, e.expert?.pseudonym ?? null, e.note])).toEqual([
      ['requested', null, ''],
      ['assigned', 'Wilg', ''],
      ['declined', 'Wilg', 'Geen tijd in december'],
      ['assigned', 'Linde', ''],
      ['accepted', 'Linde', ''],
      ['reassigned', 'Wilg', 'Linde ziek'],
      ['cancelled', 'Wilg', 'School gesloten'],
    ]);
    // The requesting organisation sees the history under pseudonyms.
    const seen = await fairwork.get(`/monitor/pool/assignments/${id}`);
    expect(seen.body).toContain('opnieuw toegewezen aan Wilg');
    expect(seen.body).not.toContain('Jansen');
  });

  it('lets an organisation withdraw only its own request', async () => {
    expect(
      (
        await fairwork.post('/monitor/pool/assignments', {
          title: 'Training inspecteurs',
          hours_estimated: '2',
        })
      ).statusCode,
    ).toBe(303);
    const { id } = await assignmentNamed('Training inspecteurs');
    expect((await post(vng, id, 'withdraw')).statusCode).toBe(403);
    expect((await post(coordinator, id, 'withdraw')).statusCode).toBe(403);
    expect((await post(vng, '00000000-0000-4000-8000-000000000000', 'withdraw')).statusCode).toBe(404);
    expect((await assignmentNamed('Training inspecteurs')).status).toBe('requested');
    expect((await post(fairwork, id, 'withdraw', { note: 'Budget ingetrokken' })).statusCode).toBe(303);
    expect((await assignmentNamed('Training inspecteurs')).status).toBe('withdrawn');
    expect((await post(fairwork, id, 'withdraw')).statusCode).toBe(409);
    expect((await post(coordinator, id, 'assign', { expert: expert.Linde! })).statusCode).toBe(409);
    const page = await fairwork.get('/monitor/pool');
    expect(page.body).toContain('Ingetrokken');
  });

  it('erases a member: the name and contact in no table and on no page, the pseudonym keeps its work and fees', async () => {
    expect(
      (await fairwork.post('/monitor/pool/assignments', { title: 'Voorlichting Wilg', hours_estimated: '2' }))
        .statusCode,
    ).toBe(303);
    const { id } = await assignmentNamed('Voorlichting Wilg');
    await post(coordinator, id, 'assign', { expert: expert.Wilg! });
    expect((await coordinator.post(`/monitor/pool/experts/${expert.Wilg}/erase`)).statusCode).toBe(409);
    await post(coordinator, id, 'answer', { answer: 'accepted' });
    await post(coordinator, id, 'hours', { hours_worked: '2', worked_on: '2026-11-20', rate_code: 'advies' });
    const unpaid = await coordinator.post(`/monitor/pool/experts/${expert.Wilg}/erase`);
    expect(unpaid.statusCode).toBe(409);
    expect(unpaid.body).toContain('nog een honorarium tegoed');
    await post(coordinator, id, 'paid', { paid_on: '2026-11-27' });
    const sealedBefore = await t.database.db
      .selectFrom('monitor_expert')
      .select(['real_name_enc', 'contact_enc'])
      .where('id', '=', expert.Wilg!)
      .executeTakeFirstOrThrow();
    expect((await coordinator.get(`/monitor/pool/experts/${expert.Wilg}`)).body).toContain(NAME);
    expect((await coordinator.post(`/monitor/pool/experts/${expert.Wilg}/erase`)).statusCode).toBe(303);

    // No table holds the name, the contact or their former sealed values.
    const tables = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(t.database.db);
    const dump = (
      await Promise.all(
        tables.rows.map(async ({ name }) =>
          JSON.stringify((await sql`select * from ${sql.table(name)}`.execute(t.database.db)).rows),
        ),
      )
    ).join('\n');
    expect(dump).toContain('Wilg');
    for (const gone of [
      NAME,
      CONTACT,
      'WISNAAM-marker-5521',
      sealedBefore.real_name_enc!,
      sealedBefore.contact_enc!,
    ])
      expect(dump.includes(gone), gone).toBe(false);

    // No page shows them; the member's page says it was erased; the work and fee stay under the pseudonym.
    const memberPage = await coordinator.get(`/monitor/pool/experts/${expert.Wilg}`);
    expect(memberPage.statusCode).toBe(200);
    expect(memberPage.body).toContain('Dit lid is gewist');
    for (const path of [
      '/monitor/pool',
      `/monitor/pool/experts/${expert.Wilg}`,
      `/monitor/pool/assignments/${id}`,
    ]) {
      const body = (await coordinator.get(path)).body;
      expect(body).not.toContain('WISNAAM');
      expect(body).not.toContain('WISCONTACT');
    }
    const work = await assignmentNamed('Voorlichting Wilg');
    expect(work).toMatchObject({ expert: { pseudonym: 'Wilg' }, feeCents: 10000, paidCents: 10000 });
    const csv = (await coordinator.get('/monitor/pool/finance.csv?year=2026')).rawPayload.toString('utf8');
    expect(csv).toContain('Voorlichting Wilg;FairWork;Wilg;2;50,00');
    // Erased is final: no edit, no second erasure, not suggested.
    expect(
      (
        await coordinator.post(`/monitor/pool/experts/${expert.Wilg}/edit`, {
          version: 'x',
          pseudonym: 'Wilg',
          real_name: 'Terug',
        })
      ).statusCode,
    ).toBe(409);
    expect((await coordinator.post(`/monitor/pool/experts/${expert.Wilg}/erase`)).statusCode).toBe(409);
    expect(
      (
        await t.database.db
          .selectFrom('audit_event')
          .select('id')
          .where('action', '=', 'monitor.expert.erase')
          .execute()
      ).length,
    ).toBe(1);
    expect(
      (await fairwork.post('/monitor/pool/assignments', { title: 'Na het wissen', hours_estimated: '1' }))
        .statusCode,
    ).toBe(303);
    const after = await assignmentNamed('Na het wissen');
    expect((await post(coordinator, after.id, 'assign', { expert: expert.Wilg! })).statusCode).toBe(400);
  });

  it('keeps the follow-up typed on the mirror group page when it is refused', async () => {
    const team = await signIn(t, await createUser(t.services, { role: 'programme_team' }));
    await coordinator.post('/monitor/mirror/meetings', { held_on: '2026-10-01', participants: '7' });
    const [meeting] = await t.services.monitor.mirror();
    await coordinator.post(`/monitor/mirror/meetings/${meeting!.id}/advice`, {
      summary: 'Betrek ons eerder.',
    });
    const advice = (await t.services.monitor.mirror())[0]!.advice[0]!;
    const refused = await team.post(`/monitor/mirror/advice/${advice.id}/respond`, {
      response_status: 'not_adopted',
      response: '',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toMatch(/<option value="not_adopted" selected>/);
    expect(refused.body).toContain(`href="#f-response-${advice.id}"`);
    expect(refused.body).toMatch(/id="error-summary" autofocus/);
  });
});
