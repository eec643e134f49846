// "Waiting on my team" lists the identification decisions due on ALL the team's open cases without a case worker
// (issue 20), paged by the due moment stored on the case (migration 0035), not only those of the cases on the
// current page of the urgency-sorted list: the most overdue decision of a case that sorts last by urgency comes
// first; the list pages on its own (`?decisions=`); a decision moves the case's moment to the next type, a negative
// one leaves nothing due until a reconsideration is requested; a closed case leaves the list and a reopened one
// comes back, an anonymised one has nothing due; a changed type deadline is picked up by the start's recompute; a bad page is a 400 naming the list
// with nothing audited; the page read is audited with the decision list's page and the references shown.
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { createUser, signIn } from '../../../test/auth.js';
import { TestClock, useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { loadReferralDemo } from '../../cli/seed.js';
import { addWorkingDays } from '../../platform/time/index.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.js';
import { anonymiseCase } from './jobs/repository.js';

const account = (role: string) => {
  const a = DEMO_ACCOUNTS.find((x) => x.role === role)!;
  return { email: a.email, password: DEMO_PASSWORD, totpSecret: a.totp };
};
const CASES = 30;
/** The case that sorts last by urgency (normal, the others acute) but whose decision is due first. */
const LAST = CASES - 1;
const reference = (i: number) => `NVM-T-${String(i).padStart(4, '0')}`;
const referencesIn = (html: string) => html.match(/NVM-T-\d{4}/g) ?? [];
/** The part of a page under a heading, up to the next heading. */
const section = (body: string, heading: string) => body.split(`>${heading}</h2>`)[1]?.split('<h2')[0] ?? '';
const DECISIONS = 'Beslissingen open bij zaken zonder casemanager';
const UNASSIGNED = 'Open zaken zonder casemanager';

describeDb('decisions due on the team dashboard', () => {
  // Monday 7 September 2026, 10:00 in Amsterdam.
  const clock = new TestClock('2026-09-07T08:00:00Z');
  const t = useTestApp({ clock });
  const ids: string[] = [];
  let coordinator = { id: '', role: 'nrm_coordinator' };
  let teamId = '';
  const audits = () =>
    t.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'nrm.waiting.read')
      .orderBy('id')
      .execute();
  const stored = (id: string) =>
    t.database.db
      .selectFrom('nrm_case')
      .select(['next_decision_due_at', 'next_decision_code', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const decide = async (id: string, step: string, outcome: string, role = 'nrm_coordinator') => {
    const user = (await t.database.db
      .selectFrom('app_user')
      .select(['id', 'role'])
      .where('email', '=', account(role).email)
      .executeTakeFirstOrThrow()) as never;
    return t.services.referrals.decide(user, id, {
      version: (await stored(id)).version,
      step,
      outcome,
      reasons: 'QZXREASON redelijke gronden',
    });
  };

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    await loadReferralDemo(t.services);
    coordinator = await t.database.db
      .selectFrom('app_user')
      .select(['id', 'role'])
      .where('email', '=', account('nrm_coordinator').email)
      .executeTakeFirstOrThrow();
    teamId = (
      await t.database.db
        .selectFrom('nrm_member')
        .select('team_id')
        .where('user_id', '=', coordinator.id)
        .executeTakeFirstOrThrow()
    ).team_id;
    // The demo's own cases get a case worker: the thirty below are the team's only cases without one.
    await t.database.db
      .updateTable('nrm_case')
      .set({ case_worker_id: coordinator.id })
      .where('owner_team_id', '=', teamId)
      .execute();
    const template = await t.database.db
      .selectFrom('nrm_case')
      .selectAll()
      .where('owner_team_id', '=', teamId)
      .where('kind', '=', 'signal')
      .where('status', '<>', 'closed')
      .executeTakeFirstOrThrow();
    // The signals the demo made through the service have their moment from the start (the first type's clock).
    expect(template.next_decision_code).not.toBeNull();
    await t.services.referrals.recomputeNextDecisions();
    // Thirty signals in triage written around the code (as an import would): 29 acute ones from Tuesday 1 September,
    // a minute apart, and one of normal urgency from Monday 3 August, whose first decision is long overdue.
    const { urgency_rank: _rank, ...copy } = template;
    const rows = Array.from({ length: CASES }, (_, i) => {
      const createdAt =
        i === LAST
          ? new Date('2026-08-03T08:00:00Z')
          : new Date(Date.parse('2026-09-01T08:00:00Z') + i * 60_000);
      return {
        ...copy,
        id: randomUUID(),
        reference: reference(i),
        status: 'triage',
        urgency: i === LAST ? 'normal' : 'acute',
        case_worker_id: null,
        submission_token: null,
        summary_enc: null,
        next_decision_due_at: null,
        next_decision_code: null,
        version: 1,
        created_at: createdAt,
        updated_at: createdAt,
      };
    });
    await t.database.db.insertInto('nrm_case').values(rows).execute();
    ids.push(...rows.map((r) => r.id));
    // The start's check finds open signals without their moment and recomputes (the fingerprint is unchanged).
    expect((await t.services.referrals.recomputeNextDecisions()).cases).toBeGreaterThanOrEqual(CASES);
  });

  it('puts the most overdue decision first though its case sorts last by urgency, 25 a page', async () => {
    const agent = await signIn(t, account('nrm_coordinator'));
    const page = await agent.get('/nvm/waiting?tab=team');
    expect(page.statusCode).toBe(200);
    const decisions = section(page.body, DECISIONS);
    const listed = referencesIn(decisions);
    expect(listed).toHaveLength(25);
    expect(listed[0]).toBe(reference(LAST));
    expect(listed.slice(1)).toEqual(Array.from({ length: 24 }, (_, i) => reference(i)));
    // Its case is not on the first page of the cases without a case worker (most urgent first).
    expect(referencesIn(section(page.body, UNASSIGNED))).not.toContain(reference(LAST));
    // Overdue on the app's clock: only the one due on Monday 10 August (the others are due Tuesday 8 September).
    expect(decisions.match(/Te laat/g)).toHaveLength(1);
    expect(decisions).toContain('Identificatiebesluiten 1 tot en met 25');
    expect(page.body).toContain('href="/nvm/waiting?tab=team&amp;decisions=2"');
    const stored0 = await stored(ids[LAST]!);
    expect(stored0.next_decision_code).toBe('vermoedelijk_slachtoffer');
    expect(stored0.next_decision_due_at!.toISOString()).toBe('2026-08-10T08:00:00.000Z');
  });

  it('shows the rest on page 2 and audits the decision list page with the references shown', async () => {
    const agent = await signIn(t, account('nrm_coordinator'));
    const page = await agent.get('/nvm/waiting?tab=team&decisions=2');
    expect(page.statusCode).toBe(200);
    const listed = referencesIn(section(page.body, DECISIONS));
    expect(listed).toEqual([24, 25, 26, 27, 28].map(reference));
    expect(section(page.body, DECISIONS)).toContain('Identificatiebesluiten 26 tot en met 30');
    const read = (await audits()).at(-1)!;
    expect(read.detail).toMatchObject({ tab: 'team', pages: ['decisions:2'] });
    expect((read.detail as { cases: string[] }).cases).toEqual(expect.arrayContaining(listed));
  });

  it('refuses a bad decisions page with a 400 naming the list, in nl and en, and audits nothing', async () => {
    const agent = await signIn(t, account('nrm_coordinator'));
    const before = (await audits()).length;
    for (const query of [
      'decisions=0',
      'decisions=abc',
      'decisions=-2',
      'decisions=1.5',
      'decisions=99999',
    ]) {
      const response = await agent.get(`/nvm/waiting?tab=team&${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.body, query).toContain('Kies een paginanummer vanaf 1.');
      expect(response.body, query).toContain(
        '<span class="samen-code">decisions</span>: Kies een paginanummer',
      );
    }
    const english = await agent.get('/en/nvm/waiting?tab=team&decisions=0');
    expect(english.statusCode).toBe(400);
    expect(english.body).toContain('Choose a page number from 1.');
    expect((await audits()).length).toBe(before);
  });

  it('moves the moment to the next type after a positive decision, and to nothing after a negative one', async () => {
    clock.set('2026-09-07T09:00:00Z');
    await decide(ids[LAST]!, 'vermoedelijk_slachtoffer', 'positive');
    const next = await stored(ids[LAST]!);
    expect(next.next_decision_code).toBe('slachtoffer');
    expect(next.next_decision_due_at!.toISOString()).toBe(
      addWorkingDays(new Date('2026-09-07T09:00:00Z'), 30).toISOString(),
    );
    // Now due last of all: it leaves page 1 of the decisions list.
    const agent = await signIn(t, account('nrm_coordinator'));
    const page = await agent.get('/nvm/waiting?tab=team');
    expect(referencesIn(section(page.body, DECISIONS))[0]).toBe(reference(0));

    await decide(ids[0]!, 'vermoedelijk_slachtoffer', 'negative');
    expect(await stored(ids[0]!)).toMatchObject({ next_decision_due_at: null, next_decision_code: null });
    const after = await agent.get('/nvm/waiting?tab=team');
    expect(referencesIn(section(after.body, DECISIONS))).not.toContain(reference(0));

    // A reconsideration requested: its own clock (ten working days from the request) is the case's next decision.
    const decision = await t.database.db
      .selectFrom('nrm_decision')
      .select('id')
      .where('case_id', '=', ids[0]!)
      .executeTakeFirstOrThrow();
    await t.services.referrals.requestReconsideration(coordinator as never, ids[0]!, {
      version: (await stored(ids[0]!)).version,
      decision: decision.id,
    });
    const again = await stored(ids[0]!);
    expect(again.next_decision_code).toBe('heroverweging');
    expect(again.next_decision_due_at!.toISOString()).toBe(
      addWorkingDays(new Date('2026-09-07T09:00:00Z'), 10).toISOString(),
    );
  });

  it('takes a closed case off the list, brings a reopened one back, and clears an anonymised one', async () => {
    const id = ids[1]!;
    await t.services.referrals.transition(coordinator as never, id, {
      version: (await stored(id)).version,
      to: 'closed',
      closeReason: 'no_trafficking',
      reason: '',
      withdrawOpen: true,
    });
    expect(await stored(id)).toMatchObject({ next_decision_due_at: null, next_decision_code: null });
    const agent = await signIn(t, account('nrm_coordinator'));
    const page = await agent.get('/nvm/waiting?tab=team');
    expect(referencesIn(section(page.body, DECISIONS))).not.toContain(reference(1));
    await t.services.referrals.transition(coordinator as never, id, {
      version: (await stored(id)).version,
      to: 'assessment',
      reason: '',
    });
    expect((await stored(id)).next_decision_code).toBe('vermoedelijk_slachtoffer');
    // The retention job's anonymisation clears it with the person's data.
    await t.database.db.transaction().execute((trx) => anonymiseCase(trx, ids[4]!, clock.read()));
    expect(await stored(ids[4]!)).toMatchObject({ next_decision_due_at: null, next_decision_code: null });
  });

  it('refuses a step not due, a stale version, another region and a shelter, leaving the moment and audit as they were', async () => {
    const id = ids[2]!;
    const before = await stored(id);
    const recorded = () =>
      t.database.db
        .selectFrom('audit_event')
        .select('id')
        .where('action', '=', 'nrm.decision.record')
        .execute();
    const audited = (await recorded()).length;
    // The second type is not due before the first stands positive.
    await expect(decide(id, 'slachtoffer', 'positive', 'nrm_regional_lead')).rejects.toMatchObject({
      kind: 'invalid',
    });
    await expect(
      t.services.referrals.decide(coordinator as never, id, {
        version: before.version - 1,
        step: 'vermoedelijk_slachtoffer',
        outcome: 'positive',
        reasons: 'QZXREASON',
      }),
    ).rejects.toMatchObject({ kind: 'conflict' });
    // A coordinator of another region does not see the case; a shelter may take no decision.
    const rotterdamTeam = await t.database.db
      .selectFrom('nrm_team')
      .select('id')
      .where('kind', '=', 'care_coordination')
      .where('name', 'like', '%Rotterdam%')
      .executeTakeFirstOrThrow();
    const foreign = await createUser(t.services, { role: 'nrm_coordinator' });
    await t.database.db
      .insertInto('nrm_member')
      .values({ user_id: foreign.id, team_id: rotterdamTeam.id })
      .execute();
    await expect(
      t.services.referrals.decide({ id: foreign.id, role: 'nrm_coordinator' } as never, id, {
        version: before.version,
        step: 'vermoedelijk_slachtoffer',
        outcome: 'positive',
        reasons: 'QZXREASON',
      }),
    ).rejects.toMatchObject({ kind: 'not_found' });
    await expect(decide(id, 'vermoedelijk_slachtoffer', 'positive', 'nrm_shelter')).rejects.toMatchObject({
      kind: 'forbidden',
    });
    // Another region's dashboard does not list the team's decisions.
    const rotterdam = await signIn(t, foreign);
    const theirs = await rotterdam.get('/nvm/waiting?tab=team');
    expect(theirs.statusCode).toBe(200);
    expect(referencesIn(theirs.body)).toHaveLength(0);
    expect(await stored(id)).toEqual(before);
    const decisions = await t.database.db
      .selectFrom('nrm_decision')
      .select('id')
      .where('case_id', '=', id)
      .execute();
    expect(decisions).toHaveLength(0);
    expect((await recorded()).length).toBe(audited);
  });

  it('recomputes every open case on start when a type deadline changed', async () => {
    const id = ids[3]!;
    expect((await stored(id)).next_decision_due_at!.toISOString()).toBe(
      addWorkingDays(new Date(Date.parse('2026-09-01T08:00:00Z') + 3 * 60_000), 5).toISOString(),
    );
    // Nothing changed: the start's check does nothing.
    expect((await t.services.referrals.recomputeNextDecisions()).cases).toBe(0);
    await t.database.db
      .updateTable('nrm_decision_type')
      .set({ deadline_working_days: 8 })
      .where('code', '=', 'vermoedelijk_slachtoffer')
      .execute();
    expect((await t.services.referrals.recomputeNextDecisions()).cases).toBeGreaterThanOrEqual(CASES - 3);
    expect((await stored(id)).next_decision_due_at!.toISOString()).toBe(
      addWorkingDays(new Date(Date.parse('2026-09-01T08:00:00Z') + 3 * 60_000), 8).toISOString(),
    );
    const basis = await t.database.db
      .selectFrom('nrm_next_decision_basis')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(basis.computed_at.toISOString()).toBe(clock.read().toISOString());
    expect((await t.services.referrals.recomputeNextDecisions()).cases).toBe(0);
  });
});
