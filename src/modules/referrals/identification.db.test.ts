// Identification decisions (issue 20, point 1), tried through HTTP and the service on the app's test clock: the
// first decision is due five Dutch working days after the signal and shows overdue after that; a role the type
// does not name gets 403 and nothing is written; an empty form comes back with its problems in the user's language
// and nothing is written; the first responder learns the outcome and nothing else (no reasons, no person data, in
// the app or the mail); a negative decision is reconsidered on its own clock by someone else; another region's
// coordinator can neither see nor act; the letter is a PDF in the person's language.
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, expect, it } from 'vitest';
import { createUser, signIn } from '../../../test/auth.js';
import { TestClock, useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { loadReferralDemo } from '../../cli/seed.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.js';

const account = (role: string) => {
  const a = DEMO_ACCOUNTS.find((x) => x.role === role)!;
  return { email: a.email, password: DEMO_PASSWORD, totpSecret: a.totp };
};
const REASONS = 'QZXREASON Anna werkte 70 uur per week zonder loon';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describeDb('identification decisions (attack tests)', () => {
  // Friday 24 April 2026, 10:00 in Amsterdam: the weekend and King's Day (Monday 27 April) are not working days.
  const clock = new TestClock('2026-04-24T08:00:00Z');
  const t = useTestApp({ clock });
  let caseId = '';
  let caseUrl = '';
  const users: Record<string, { id: string; role: string }> = {};
  const version = (body: string) => /name="version" value="(\d+)"/.exec(body)![1]!;
  const agent = (role: string) => signIn(t, account(role));
  const decisions = () =>
    t.database.db.selectFrom('nrm_decision').selectAll().where('case_id', '=', caseId).execute();

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    await loadReferralDemo(t.services);
    for (const a of DEMO_ACCOUNTS) {
      const row = await t.database.db
        .selectFrom('app_user')
        .select(['id', 'role'])
        .where('email', '=', a.email)
        .executeTakeFirstOrThrow();
      users[a.role] = row;
    }
    const coordinator = await agent('nrm_coordinator');
    caseUrl = /href="(\/nvm\/cases\/[0-9a-f-]{36})"/.exec((await coordinator.get('/nvm')).body)![1]!;
    caseId = caseUrl.split('/').pop()!;
  });

  it('makes the first decision due in five working days, skipping the weekend and King’s Day, and overdue after', async () => {
    const read = async () =>
      (await t.services.referrals.getCase(users.nrm_coordinator as never, caseId)).identification.due;
    const [first] = await read();
    expect(first!.type.code).toBe('vermoedelijk_slachtoffer');
    // Tue 28, Wed 29, Thu 30 April, Fri 1 and Mon 4 May: due Monday 4 May 10:00 Amsterdam time.
    expect(first!.dueAt.toISOString()).toBe('2026-05-04T08:00:00.000Z');
    expect(first!.overdue).toBe(false);
    clock.set('2026-05-04T07:59:00Z');
    expect((await read())[0]!.overdue).toBe(false);
    clock.set('2026-05-04T08:01:00Z');
    expect((await read())[0]!.overdue).toBe(true);
    const page = await (await agent('nrm_coordinator')).get(caseUrl);
    expect(page.body).toContain('Vermoedelijk slachtoffer (redelijke gronden)');
    expect(page.body).toContain('Termijn verstreken');
  });

  it('refuses a role the decision type does not name with 403 and writes nothing', async () => {
    const lead = await agent('nrm_regional_lead');
    const page = await lead.get(caseUrl);
    const refused = await lead.post(`${caseUrl}/decisions`, {
      version: version(page.body),
      step: 'vermoedelijk_slachtoffer',
      outcome: 'positive',
      reasons: REASONS,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Uw rol mag dit besluit niet nemen');
    // A shelter may take no decision at all (the route's role guard).
    const shelter = await agent('nrm_shelter');
    const guarded = await shelter.post(`${caseUrl}/decisions`, {
      version: '1',
      step: 'vermoedelijk_slachtoffer',
      outcome: 'positive',
      reasons: REASONS,
    });
    expect(guarded.statusCode).toBe(403);
    expect(await decisions()).toHaveLength(0);
  });

  it('answers an empty or invalid form with the problems in the user’s language, refilled, and writes nothing', async () => {
    const coordinator = await agent('nrm_coordinator');
    let page = await coordinator.get(caseUrl);
    // Not while the signal waits in "received" (the first responder still sees the file then).
    const early = await coordinator.post(`${caseUrl}/decisions`, {
      version: version(page.body),
      step: 'vermoedelijk_slachtoffer',
      outcome: 'positive',
      reasons: REASONS,
    });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('eerst triage');
    expect(await decisions()).toHaveLength(0);
    const triaged = await coordinator.post(`${caseUrl}/transition`, {
      version: version(page.body),
      to: 'triage',
      reason: '',
    });
    expect(triaged.statusCode).toBe(303);
    page = await coordinator.get(caseUrl);
    const empty = await coordinator.post(`${caseUrl}/decisions`, {
      version: version(page.body),
      step: 'vermoedelijk_slachtoffer',
      outcome: '',
      reasons: '',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('samen-error-summary');
    expect(empty.body).toContain('Motivering: Schrijf op waarop het besluit rust.');
    expect(empty.body).toMatch(/<details class="samen-details" open><summary>Besluit nemen/);
    const english = await coordinator.post(`/en${caseUrl}/decisions`, {
      version: version(page.body),
      step: 'slachtoffer',
      outcome: 'maybe',
      reasons: 'Half a thought',
    });
    expect(english.statusCode).toBe(400);
    expect(english.body).toContain('Outcome: ');
    expect(english.body).toContain('Half a thought');
    expect(await decisions()).toHaveLength(0);
  });

  it('lets no coordinator of another region see or decide on the case', async () => {
    const rotterdamTeam = await t.database.db
      .selectFrom('nrm_team')
      .select('id')
      .where('kind', '=', 'care_coordination')
      .where('name', 'like', '%Rotterdam%')
      .executeTakeFirstOrThrow();
    const user = await createUser(t.services, { role: 'nrm_coordinator' });
    await t.database.db
      .insertInto('nrm_member')
      .values({ user_id: user.id, team_id: rotterdamTeam.id })
      .execute();
    const rotterdam = await signIn(t, user);
    expect((await rotterdam.get(caseUrl)).statusCode).toBe(404);
    const posted = await rotterdam.post(`${caseUrl}/decisions`, {
      version: '1',
      step: 'vermoedelijk_slachtoffer',
      outcome: 'positive',
      reasons: REASONS,
    });
    expect(posted.statusCode).toBe(404);
    expect((await rotterdam.get(`${caseUrl}/decisions/${caseId}/letter.pdf`)).statusCode).toBe(404);
    expect(await decisions()).toHaveLength(0);
  });

  it('records a decision with sealed reasons, audited, and tells the first responder the outcome only', async () => {
    const coordinator = await agent('nrm_coordinator');
    const page = await coordinator.get(caseUrl);
    const decided = await coordinator.post(`${caseUrl}/decisions`, {
      version: version(page.body),
      step: 'vermoedelijk_slachtoffer',
      outcome: 'positive',
      reasons: REASONS,
    });
    expect(decided.statusCode).toBe(303);
    const [row] = await decisions();
    expect(row!.outcome).toBe('positive');
    expect(row!.reasons_enc).toMatch(/^f1:/);
    expect(row!.decided_by).toBe(users.nrm_coordinator!.id);
    // Late: taken after the deadline of 4 May (the clock stands after it).
    expect(row!.decided_at!.getTime()).toBeGreaterThan(row!.due_at.getTime());
    const audit = await t.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'nrm.decision.record')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0])).not.toContain('QZXREASON');
    const shown = await coordinator.get(caseUrl);
    expect(shown.body).toContain(REASONS);
    expect(shown.body).toContain('Slachtoffer (doorslaggevende gronden)');

    // The first responder (the Enschede professional who raised the signal): a notification and a status line.
    const notice = await t.database.db
      .selectFrom('nrm_notification')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('kind', '=', 'decision')
      .execute();
    expect(notice).toHaveLength(1);
    const professional = await agent('nrm_professional');
    const list = await professional.get('/nvm/notifications');
    expect(list.body).toContain('Er is een besluit genomen over een signaal van uw team');
    const status = await professional.get(caseUrl);
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain('Vermoedelijk slachtoffer (redelijke gronden)');
    expect(status.body).toContain('Ja (positief)');
    for (const secret of ['QZXREASON', 'Voorbeeld Persoon A', 'Demo zorgcoördinator'])
      expect(status.body).not.toContain(secret);
    const mails = await t.database.db.selectFrom('mail_outbox').selectAll().execute();
    const decisionMail = mails.filter((m) => m.subject.includes('besluit genomen'));
    expect(decisionMail).toHaveLength(1);
    for (const m of decisionMail)
      for (const secret of ['QZXREASON', 'Voorbeeld Persoon A', 'positief', 'Vermoedelijk'])
        expect(`${m.subject} ${m.body_text}`).not.toContain(secret);
  });

  it('reconsiders a negative decision on its own clock, by someone other than who decided', async () => {
    const lead = await agent('nrm_regional_lead');
    let page = await lead.get(caseUrl);
    expect(
      (
        await lead.post(`${caseUrl}/decisions`, {
          version: version(page.body),
          step: 'slachtoffer',
          outcome: 'negative',
          reasons: 'Onvoldoende gronden gevonden',
        })
      ).statusCode,
    ).toBe(303);
    const negative = (await decisions()).find((d) => d.type_code === 'slachtoffer')!;
    // Thursday 7 May 10:00: reconsideration asked; ten working days later, Ascension Day (Thursday 14 May)
    // skipped, is Friday 22 May 10:00.
    clock.set('2026-05-07T08:00:00Z');
    const coordinator = await agent('nrm_coordinator');
    page = await coordinator.get(caseUrl);
    const asked = await coordinator.post(`${caseUrl}/decisions/reconsider`, {
      version: version(page.body),
      decision: negative.id,
    });
    expect(asked.statusCode).toBe(303);
    const waiting = (await decisions()).find((d) => d.reconsiders_id === negative.id)!;
    expect(waiting.outcome).toBeNull();
    expect(waiting.due_at.toISOString()).toBe('2026-05-22T08:00:00.000Z');
    // Asked twice: refused, nothing more written.
    page = await coordinator.get(caseUrl);
    const again = await coordinator.post(`${caseUrl}/decisions/reconsider`, {
      version: version(page.body),
      decision: negative.id,
    });
    expect(again.statusCode).toBe(400);
    expect(await decisions()).toHaveLength(3);
    clock.set('2026-05-22T08:01:00Z');
    const due = (await t.services.referrals.getCase(users.nrm_coordinator as never, caseId)).identification
      .due;
    expect(due.find((d) => d.decisionId === waiting.id)?.overdue).toBe(true);
    // The lead who took the negative decision may not reconsider it.
    const sameLead = await agent('nrm_regional_lead');
    page = await sameLead.get(caseUrl);
    const same = await sameLead.post(`${caseUrl}/decisions`, {
      version: version(page.body),
      step: `reconsider:${waiting.id}`,
      outcome: 'positive',
      reasons: 'Nieuwe verklaring',
    });
    expect(same.statusCode).toBe(403);
    expect((await decisions()).find((d) => d.id === waiting.id)!.outcome).toBeNull();
    // Another regional lead of the same team does; the outcome that stands becomes positive.
    const team = await t.database.db
      .selectFrom('nrm_member')
      .select('team_id')
      .where('user_id', '=', users.nrm_regional_lead!.id)
      .executeTakeFirstOrThrow();
    const other = await createUser(t.services, { role: 'nrm_regional_lead' });
    await t.database.db
      .insertInto('nrm_member')
      .values({ user_id: other.id, team_id: team.team_id })
      .execute();
    const otherLead = await signIn(t, other);
    page = await otherLead.get(caseUrl);
    const reconsidered = await otherLead.post(`${caseUrl}/decisions`, {
      version: version(page.body),
      step: `reconsider:${waiting.id}`,
      outcome: 'positive',
      reasons: 'Nieuwe verklaring',
    });
    expect(reconsidered.statusCode).toBe(303);
    const data = await t.services.referrals.getCase(users.nrm_coordinator as never, caseId);
    expect(data.identification.decisions.find((d) => d.id === negative.id)!.standing).toBe('positive');
    expect(data.identification.due).toHaveLength(0);
  });

  it('writes the letter as a PDF in the person’s language, for the owner only', async () => {
    const [first] = await decisions();
    const coordinator = await agent('nrm_coordinator');
    const pdf = await coordinator.get(`${caseUrl}/decisions/${first!.id}/letter.pdf?lang=fr`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), {
      mergePages: true,
    });
    expect(text).toContain('Décision concernant votre situation');
    expect(text).toContain('Victime présumée');
    expect(text).toContain('QZXREASON');
    expect(text).not.toMatch(UUID);
    expect(text).not.toContain('vermoedelijk_slachtoffer');
    const arabic = await coordinator.get(`${caseUrl}/decisions/${first!.id}/letter.pdf?lang=ar`);
    expect(arabic.statusCode).toBe(200);
    const letters = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'nrm.decision.letter')
      .execute();
    expect(letters).toHaveLength(2);
    const shelter = await agent('nrm_shelter');
    expect((await shelter.get(`${caseUrl}/decisions/${first!.id}/letter.pdf`)).statusCode).toBe(403);
    // The person's export lists every decision with its reasons and the reconsideration, in their language.
    const exported = await coordinator.get(`${caseUrl}/export?lang=bg`);
    expect(exported.statusCode).toBe(200);
    expect(exported.body).toContain('Решения относно вас и вашата подкрепа');
    expect(exported.body).toContain('Предполагаема жертва (разумни основания)');
    expect(exported.body).toContain('Преразглеждане на: Жертва (категорични основания)');
    expect(exported.body).toContain(REASONS);
  });
});
