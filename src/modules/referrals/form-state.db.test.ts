// Forms never lose work (issue 18, point 5): a refused staff form comes back with the problems in words (no
// internal field names such as shelterTeamId) and what was typed; the signal form is idempotent: a double post,
// one after the other or at the same moment, makes one case and one national registration.
import { beforeAll, expect, it } from 'vitest';
import { loadReferralDemo } from '../../cli/seed.js';
import { signIn, type Agent } from '../../../test/auth.js';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.js';

const account = (role: string) => {
  const a = DEMO_ACCOUNTS.find((x) => x.role === role)!;
  return { email: a.email, password: DEMO_PASSWORD, totpSecret: a.totp };
};
const summaryOf = (body: string) => /<div class="samen-error-summary"[\s\S]*?<\/div>/.exec(body)?.[0] ?? '';
/** The form with this action, from its opening tag to its end. */
const formAt = (body: string, action: string) => {
  const start = body.indexOf(`action="${action}"`);
  return start < 0 ? '' : body.slice(start, body.indexOf('</form>', start));
};
const version = (body: string) => /name="version" value="(\d+)"/.exec(body)?.[1] ?? '';

describeDb('forms that keep what was typed', () => {
  const t = useTestApp({ mailTransport: null });
  let professional: Agent;
  let coordinator: Agent;
  let shelter: Agent;
  let caseUrl = '';

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    await loadReferralDemo(t.services);
    professional = await signIn(t, account('nrm_professional'));
    coordinator = await signIn(t, account('nrm_coordinator'));
    shelter = await signIn(t, account('nrm_shelter'));
  });

  const signalForm = async () => {
    const form = await professional.get('/nvm/signal');
    const submission = /name="submission" value="([0-9a-f-]{36})"/.exec(form.body)![1]!;
    return {
      kind: 'signal',
      municipality: 'Amsterdam',
      urgency: 'normal',
      minor: 'no',
      consent: 'not_asked',
      gender: 'unknown',
      ageGroup: 'unknown',
      forms: 'labour',
      summary: 'Dubbel verstuurd?',
      submission,
    };
  };
  const casesWith = (summaryless: string) =>
    t.database.db.selectFrom('nrm_case').select('id').where('submission_token', '=', summaryless).execute();

  it('makes one case and one registration from a form posted twice, and shows the existing case the second time', async () => {
    const form = await signalForm();
    // Post, redirect, get: the post answers 303 to the receipt; a reload of the receipt posts nothing.
    const first = await professional.submit('/nvm/signal', form);
    expect(first.postStatus).toBe(303);
    expect(first.statusCode).toBe(200);
    const second = await professional.submit('/nvm/signal', form);
    expect(second.postStatus).toBe(303);
    expect(second.statusCode).toBe(200);
    const reference = /NVM-\d{4}-\d{6}/.exec(first.body)![0];
    expect(second.body).toContain(reference);
    expect(second.body).toMatch(/al verstuurd|already sent/);
    const cases = await casesWith(form.submission);
    expect(cases).toHaveLength(1);
    const registrations = await t.database.db
      .selectFrom('nrm_registration')
      .select('pseudonym')
      .where('pseudonym', '=', t.services.referrals.pseudonymOf(cases[0]!.id))
      .execute();
    expect(registrations).toHaveLength(1);
    caseUrl = `/nvm/cases/${cases[0]!.id}`;
  });

  it('makes one case when the same form arrives twice at the same moment', async () => {
    const form = await signalForm();
    const before = (await t.database.db.selectFrom('nrm_registration').select('pseudonym').execute()).length;
    const answers = await Promise.all([
      professional.post('/nvm/signal', form),
      professional.post('/nvm/signal', form),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([303, 303]);
    // Both land on the receipt of the one case; one of them says it was already sent.
    const locations = answers.map((a) => String(a.headers.location));
    expect(new Set(locations.map((l) => l.split('?')[0])).size).toBe(1);
    expect(locations.filter((l) => l.endsWith('?again=1'))).toHaveLength(1);
    expect(await casesWith(form.submission)).toHaveLength(1);
    expect((await t.database.db.selectFrom('nrm_registration').select('pseudonym').execute()).length).toBe(
      before + 1,
    );
  });

  it("gives another account's post with the same token its own case, never the first one", async () => {
    const form = await signalForm();
    const first = await professional.submit('/nvm/signal', form);
    const firstId = /href="\/nvm\/cases\/([0-9a-f-]{36})"/.exec(first.body)![1]!;
    const other = await t.database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', account('nrm_coordinator').email)
      .executeTakeFirstOrThrow();
    const made = await t.services.referrals.submitSignal(
      { id: other.id, role: 'nrm_professional' },
      {
        ...form,
        kind: 'signal',
        forms: ['labour'],
        signals: [],
        methodsOfControl: [],
        recruitment: [],
        needs: [],
        sector: '',
        citizenship: '',
        name: '',
        dateOfBirth: '',
        contact: '',
        vitalInterest: false,
      },
    );
    expect(made.id).not.toBe(firstId);
    expect(made.repeated).toBeUndefined();
  });

  it('answers a refused placement request with the form, the problem in words and what was typed', async () => {
    const page = await coordinator.get(caseUrl);
    // A shelter where someone can answer but with no place of this kind (a memberless one is not refused: the
    // request goes to CoMensha, forwarding.db.test.ts).
    const emptyShelter = (
      await t.database.db
        .selectFrom('nrm_team')
        .select(['id', 'name'])
        .where('kind', '=', 'shelter')
        .execute()
    ).find((x) => x.name.startsWith('Fier'))!;
    const refused = await coordinator.post(`${caseUrl}/placements`, {
      version: version(page.body),
      shelterTeamId: emptyShelter.id,
      category: 'multi_problem',
      reason: 'Bijzondere notitie: heeft medicatie nodig',
    });
    expect(refused.statusCode).toBe(400);
    const summary = summaryOf(refused.body);
    expect(summary).toContain(emptyShelter.name);
    expect(summary).toContain('Bijzondere notitie: heeft medicatie nodig');
    expect(summary).not.toMatch(/shelterTeamId|multi_problem/);
    expect(refused.body).toContain(`action="${caseUrl}/placements"`);
    // The form itself comes back filled in: the shelter chosen, the category, the reason typed.
    const form = formAt(refused.body, `${caseUrl}/placements`);
    expect(form).toMatch(new RegExp(`<option value="${emptyShelter.id}" selected>`));
    expect(form).toContain('<option value="multi_problem" selected>');
    expect(form).toMatch(/id="placement-reason"[^>]*>Bijzondere notitie: heeft medicatie nodig<\/textarea>/);
  });

  it('answers the consent gate (422) and a close without a reason with the case page and what was typed', async () => {
    const page = await coordinator.get(caseUrl);
    const national = (
      await t.database.db
        .selectFrom('nrm_team')
        .select('id')
        .where('kind', '=', 'national')
        .executeTakeFirstOrThrow()
    ).id;
    const gate = await coordinator.post(`${caseUrl}/refer`, {
      version: version(page.body),
      kind: 'refer',
      toTeamId: national,
      serviceType: 'care',
      sharePersonalData: 'yes',
      reason: 'Graag overnemen, zie notities',
    });
    expect(gate.statusCode).toBe(422);
    const summary = summaryOf(gate.body);
    expect(summary).toContain('Graag overnemen, zie notities');
    expect(summary).not.toMatch(/sharePersonalData|toTeamId/);
    expect(summary).toContain('CoMensha');

    const close = await coordinator.post(`${caseUrl}/transition`, {
      version: version(page.body),
      to: 'closed',
      closeReason: '',
      reason: 'Mijn lange toelichting bij het sluiten',
    });
    expect(close.statusCode).toBe(400);
    expect(summaryOf(close.body)).toContain('Mijn lange toelichting bij het sluiten');
    expect(summaryOf(close.body)).not.toContain('closeReason');
    expect(formAt(close.body, `${caseUrl}/transition`)).toMatch(
      /id="move-reason"[^>]*>Mijn lange toelichting bij het sluiten<\/textarea>/,
    );
    const refer = formAt(gate.body, `${caseUrl}/refer`);
    expect(refer).toMatch(new RegExp(`<option value="${national}" selected>`));
    expect(refer).toMatch(/name="sharePersonalData"\s+value="yes"[^>]*checked/);
    expect(refer).toMatch(/id="refer-reason"[^>]*>Graag overnemen, zie notities<\/textarea>/);
  });

  it('answers a bad rectification and bad shelter numbers with the problem in words and what was typed', async () => {
    const page = await coordinator.get(caseUrl);
    const rect = await coordinator.post(`${caseUrl}/person`, {
      version: version(page.body),
      name: 'Nieuwe Naam Getypt',
      dateOfBirth: '2001-02-30',
      contact: '',
      specialNotes: 'Gevoelige notitie die niet verloren mag gaan',
    });
    expect(rect.statusCode).toBe(400);
    expect(summaryOf(rect.body)).toContain('Gevoelige notitie die niet verloren mag gaan');
    expect(summaryOf(rect.body)).not.toContain('dateOfBirth');
    const person = formAt(rect.body, `${caseUrl}/person`);
    expect(person).toContain('value="Nieuwe Naam Getypt"');
    expect(person).toContain('value="2001-02-30"');
    expect(person).toMatch(/>Gevoelige notitie die niet verloren mag gaan<\/textarea>/);
    // The rectification form is folded away normally: it is opened when it comes back.
    expect(rect.body).toMatch(
      /<details class="samen-details" open><summary>[^<]*<\/summary>\s*<form method="post" action="[^"]*\/person"/,
    );

    const capacity = await shelter.post('/nvm/shelter/capacity', {
      category: 'women',
      available: '12',
      maximum: '3',
      reason: 'Na verbouwing',
    });
    expect(capacity.statusCode).toBe(400);
    expect(summaryOf(capacity.body)).toContain('Na verbouwing');
    expect(capacity.body).toContain('action="/nvm/shelter/capacity"');
    const statement = formAt(capacity.body, '/nvm/shelter/capacity');
    expect(statement).toContain('<option value="women" selected>');
    expect(statement).toMatch(/name="available"\s+value="12"/);
    expect(statement).toMatch(/name="maximum"\s+value="3"/);
    expect(statement).toContain('value="Na verbouwing"');
  });
  it('refuses a case form that breaks its schema (a reason over 4000 characters) with the case page filled in, changing nothing', async () => {
    const page = await coordinator.get(caseUrl);
    const id = caseUrl.split('/').pop()!;
    const before = await t.database.db
      .selectFrom('nrm_case')
      .select(['version', 'minor'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const long = `Lange reden ${'x'.repeat(4000)}`;
    const refused = await coordinator.post(`${caseUrl}/minor`, {
      version: version(page.body),
      minor: 'yes',
      reason: long,
    });
    expect(refused.statusCode).toBe(400);
    const summary = summaryOf(refused.body);
    expect(summary).toMatch(/4[.,]?000/);
    expect(summary).not.toMatch(/maxLength|errors\.validation/);
    expect(formAt(refused.body, `${caseUrl}/minor`)).toContain('Lange reden xxx');
    const after = await t.database.db
      .selectFrom('nrm_case')
      .select(['version', 'minor'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });

  it('refuses a signal form with a field sent twice or too long by its schema: the form again, filled, and no case', async () => {
    const form = await signalForm();
    const refused = await professional.post('/nvm/signal', {
      ...form,
      urgency: ['normal', 'acute'],
      summary: `Te lang ${'y'.repeat(4000)}`,
    });
    expect(refused.statusCode).toBe(400);
    const summary = summaryOf(refused.body);
    expect(summary).not.toMatch(/errors\.validation|maxLength/);
    expect(refused.body).toContain('action="/nvm/signal"');
    expect(refused.body).toContain('Te lang yyy');
    expect(await casesWith(form.submission)).toHaveLength(0);
  });
});
