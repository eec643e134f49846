// Money that stays as it was (issue 21 point 2), through the pages: the exact repro (6.5 h at EUR 65 =
// EUR 422.50; the rate raised to EUR 70 before paying and EUR 75 after) leaves the fee and the payment as they
// were, for the coordinator and for the requesting organisation, and the database itself refuses to change a paid
// fee; 4.25 hours stays 4.25 and 4.3 is refused with a reason, nothing written; each expert's yearly total against
// the volunteer-allowance limit; the finance export in the Dutch spreadsheet dialect, with no real name, audited.
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { createUser, signIn, type Agent } from '../../../../test/auth.js';
import { useTestApp } from '../../../../test/app.js';
import { describeDb } from '../../../../test/db-suite.js';

const REAL_NAME = 'Maria Kowalska-GELDTEST';
const CONTACT = 'geldtest-contact@example.nl';
/** Amounts are formatted with a no-break space after the euro sign: compared as plain spaces. */
const plain = (body: string) => body.replace(/\u00a0/g, ' ');

describeDb('the pool’s money', () => {
  const t = useTestApp();
  let coordinator: Agent;
  let fairwork: Agent;
  let vng: Agent;
  let berk: string;

  beforeAll(async () => {
    await t.services.monitor.loadSamplePlan();
    const teamUser = await createUser(t.services, { role: 'programme_team' });
    coordinator = await signIn(t, await createUser(t.services, { role: 'pool_coordinator' }));
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
    expect(
      (
        await coordinator.post('/monitor/pool/experts', {
          pseudonym: 'Berk',
          real_name: REAL_NAME,
          contact: CONTACT,
          forms: ['labour'],
          languages: 'pl',
        })
      ).statusCode,
    ).toBe(303);
    berk = (await t.services.monitor.experts({ id: 'x', role: 'pool_coordinator' }))[0]!.id;
  });

  /** A FairWork request, assigned to Berk who accepted: ready for hours. Returns its id. */
  async function acceptedAssignment(title: string): Promise<string> {
    expect(
      (
        await fairwork.post('/monitor/pool/assignments', {
          title,
          hours_estimated: '4,25',
          forms: ['labour'],
        })
      ).statusCode,
    ).toBe(303);
    const id = (await t.services.monitor.assignments({ id: 'x', role: 'pool_coordinator' })).find(
      (a) => a.title === title,
    )!.id;
    expect(
      (await coordinator.post(`/monitor/pool/assignments/${id}/assign`, { expert: berk })).statusCode,
    ).toBe(303);
    expect(
      (await coordinator.post(`/monitor/pool/assignments/${id}/answer`, { answer: 'accepted' })).statusCode,
    ).toBe(303);
    return id;
  }

  const setRate = (hourly: string, from: string) =>
    coordinator.post('/monitor/pool/rates', {
      code: 'advies',
      description: 'Advies en voorlichting',
      hourly_rate: hourly,
      effective_from: from,
    });

  it('keeps the issue’s EUR 422.50 for 6.5 hours at EUR 65 when the rate is raised before and after paying', async () => {
    expect((await setRate('65', '2026-01-01')).statusCode).toBe(303);
    const id = await acceptedAssignment('Voorlichting Poolse arbeidsmigranten');
    expect(
      (
        await coordinator.post(`/monitor/pool/assignments/${id}/hours`, {
          hours_worked: '6,5',
          worked_on: '2026-11-20',
          rate_code: 'advies',
        })
      ).statusCode,
    ).toBe(303);
    // EUR 70 from a day before the work: the fee was fixed when the hours were recorded, it stays.
    expect((await setRate('70', '2026-11-01')).statusCode).toBe(303);
    const unpaid = plain((await coordinator.get(`/monitor/pool/assignments/${id}`)).body);
    expect(unpaid).toContain('€ 422,50 (Te betalen)');
    expect(unpaid).not.toContain('455');
    expect(
      (await coordinator.post(`/monitor/pool/assignments/${id}/paid`, { paid_on: '2026-11-27' })).statusCode,
    ).toBe(303);
    expect((await setRate('75', '2026-11-01')).statusCode).toBe(303);
    for (const agent of [coordinator, fairwork]) {
      const page = plain((await agent.get(`/monitor/pool/assignments/${id}`)).body);
      expect(page).toContain('€ 422,50 betaald op 27 november 2026');
      expect(page).not.toContain('487,50');
      expect(page).not.toContain('455,00');
    }
    const row = await t.database.db
      .selectFrom('monitor_assignment')
      .select(['fee_cents', 'paid_cents', 'paid_on', 'rate_cents', 'hours_worked'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      fee_cents: 42250,
      paid_cents: 42250,
      paid_on: '2026-11-27',
      rate_cents: 6500,
    });
    expect(Number(row.hours_worked)).toBe(6.5);
    // The rate card kept every rate with its day: 65 from 1 January; 75 replaced 70 on 1 November (same day).
    const [card] = await t.services.monitor.rates();
    expect(card!.periods).toEqual([
      { effectiveFrom: '2026-01-01', hourlyRateCents: 6500 },
      { effectiveFrom: '2026-11-01', hourlyRateCents: 7500 },
    ]);
    // Hours again, paid again: 409, nothing changes.
    expect(
      (
        await coordinator.post(`/monitor/pool/assignments/${id}/hours`, {
          hours_worked: '9',
          worked_on: '2026-11-20',
          rate_code: 'advies',
        })
      ).statusCode,
    ).toBe(409);
    expect((await coordinator.post(`/monitor/pool/assignments/${id}/paid`, {})).statusCode).toBe(409);
    // And the database refuses it too, by hand in SQL.
    await expect(
      sql`update monitor_assignment set fee_cents = 48750 where id = ${id}`.execute(t.database.db),
    ).rejects.toThrow(/paid and its fee cannot change/);
    await expect(
      sql`update monitor_assignment set paid_on = '2026-11-28' where id = ${id}`.execute(t.database.db),
    ).rejects.toThrow(/paid/);
    await expect(sql`delete from monitor_assignment where id = ${id}`.execute(t.database.db)).rejects.toThrow(
      /paid/,
    );
  });

  it('takes the rate in force on the day worked, keeps 4.25 hours exact and refuses 4.3 without writing', async () => {
    const id = await acceptedAssignment('Training gemeenten');
    const refused = await coordinator.post(`/monitor/pool/assignments/${id}/hours`, {
      hours_worked: '4,3',
      worked_on: '2026-10-15',
      rate_code: 'advies',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Geef de uren op in kwartieren');
    // What was typed stays, the summary is on top and takes the focus.
    expect(refused.body).toContain('value="4,3"');
    expect(refused.body).toMatch(/id="error-summary" autofocus/);
    expect(refused.body.indexOf('id="error-summary"')).toBeLessThan(refused.body.indexOf('<dl'));
    expect(
      (await t.services.monitor.assignments({ id: 'x', role: 'pool_coordinator' })).find((a) => a.id === id),
    ).toMatchObject({ hoursWorked: null, feeCents: null, paymentStatus: 'not_due' });
    expect(
      (
        await coordinator.post(`/monitor/pool/assignments/${id}/hours`, {
          hours_worked: '4,25',
          worked_on: '2026-10-15',
          rate_code: 'advies',
        })
      ).statusCode,
    ).toBe(303);
    const stored = (await t.services.monitor.assignments({ id: 'x', role: 'pool_coordinator' })).find(
      (a) => a.id === id,
    )!;
    // 15 October lies before the rate of 1 November: EUR 65, so 4.25 x 65 = 276.25.
    expect(stored).toMatchObject({
      hoursWorked: 4.25,
      rateCents: 6500,
      feeCents: 27625,
      rateEffectiveFrom: '2026-01-01',
    });
    // The correction form opens with what is stored.
    const page = await coordinator.get(`/monitor/pool/assignments/${id}`);
    expect(page.body).toContain('value="4,25"');
    expect(page.body).toContain('value="2026-10-15"');
    // A day before any rate: refused with the field named.
    const early = await coordinator.post(`/monitor/pool/assignments/${id}/hours`, {
      hours_worked: '2',
      worked_on: '2025-06-01',
      rate_code: 'advies',
    });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('Dit tarief gold op die dag nog niet.');
  });

  it('refuses a third decimal in a rate instead of rounding it', async () => {
    const response = await setRate('65,005', '2026-12-01');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('hoogstens twee decimalen');
    expect(response.body).toContain('value="65,005"');
    expect((await t.services.monitor.rates())[0]!.periods).toHaveLength(2);
  });

  it('shows each expert’s yearly total against the volunteer-allowance limit, and says when none is known', async () => {
    const page = plain((await coordinator.get('/monitor/pool?year=2026')).body);
    const totals = page.slice(page.indexOf('id="year-totals-caption"'));
    // 422.50 + 276.25 = 698.75 in 2026, under EUR 2,200 a year; the highest month is November (EUR 422.50 > 220).
    expect(totals).toContain('€ 698,75');
    expect(totals).toContain('€ 422,50 (2026-11)');
    expect(totals).toContain('boven het maximum');
    expect(page).toContain('hoogstens € 220,00 per maand en € 2.200,00 per jaar');
    const none = await coordinator.get('/monitor/pool?year=2024');
    expect(none.body).toContain('Voor 2024 is geen maximum');
    // The coordinator corrects a year's maxima; bad input names the field and keeps what was typed.
    const bad = await coordinator.post('/monitor/pool/allowance', {
      limit_year: '2026',
      monthly: '500',
      yearly: '100',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Het maximum per jaar ligt onder het maximum per maand.');
    expect(bad.body).toContain('value="500"');
    expect(
      (
        await coordinator.post('/monitor/pool/allowance', {
          limit_year: '2026',
          monthly: '500',
          yearly: '5000',
        })
      ).statusCode,
    ).toBe(303);
    const within = await coordinator.get('/monitor/pool?year=2026');
    expect(within.body.slice(within.body.indexOf('id="year-totals-caption"'))).toContain(
      'binnen het maximum',
    );
    expect((await fairwork.get('/monitor/pool')).body).not.toContain('year-totals');
  });

  it('exports the year’s fees for finance in the Dutch dialect, with no real name, audited, to the coordinator only', async () => {
    for (const agent of [fairwork, vng])
      expect((await agent.get('/monitor/pool/finance.csv?year=2026')).statusCode).toBe(403);
    const response = await coordinator.get('/monitor/pool/finance.csv?year=2026');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toContain('honoraria-2026.csv');
    const csv = response.rawPayload.toString('utf8');
    expect(csv.startsWith('\ufeffDatum werk;Opdracht;Organisatie;Pseudoniem;Uren;')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(
      '15-10-2026;Training gemeenten;FairWork;Berk;4,25;65,00;01-01-2026;276,25;te betalen;;',
    );
    expect(lines[2]).toBe(
      '20-11-2026;Voorlichting Poolse arbeidsmigranten;FairWork;Berk;6,5;65,00;01-01-2026;422,50;betaald;422,50;27-11-2026',
    );
    expect(csv).not.toContain(REAL_NAME);
    expect(csv).not.toContain(CONTACT);
    const events = await t.database.db
      .selectFrom('audit_event')
      .select(['detail'])
      .where('action', '=', 'monitor.pool.finance_export')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.detail).toMatchObject({ year: 2026, rows: 2 });
    expect((await coordinator.get('/monitor/pool/finance.csv?year=2024')).rawPayload.toString('utf8')).toBe(
      '\ufeffDatum werk;Opdracht;Organisatie;Pseudoniem;Uren;Tarief per uur (EUR);Tarief geldig vanaf;Honorarium (EUR);Betaalstatus;Betaald (EUR);Betaald op\r\n',
    );
  });

  it('exports the same fees in the English dialect on request (commas, English headers and values)', async () => {
    const response = await coordinator.get('/monitor/pool/finance.csv?year=2026&dialect=en');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('fees-2026.csv');
    const lines = response.rawPayload.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'Date of work,Assignment,Organisation,Pseudonym,Hours,Hourly rate (EUR),Rate in force from,Fee (EUR),Payment status,Paid (EUR),Paid on',
    );
    expect(lines[1]).toBe('2026-10-15,Training gemeenten,FairWork,Berk,4.25,65.00,2026-01-01,276.25,due,,');
    expect(lines[2]).toBe(
      '2026-11-20,Voorlichting Poolse arbeidsmigranten,FairWork,Berk,6.5,65.00,2026-01-01,422.50,paid,422.50,2026-11-27',
    );
  });
});
