// A referral is closed only with its outcome (issue 20): an accepted referral without one is a loose end of its
// case. The close form names it in words (service, receiving team) and links to its outcome form on the case
// page; closing is refused (400 naming the field, in the reader's language, nothing written, the case still
// open) until the outcome is recorded; then the close succeeds. A stale close form is still a 409.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReferralDemo } from '../../cli/seed.js';
import { signIn, type Agent } from '../../../test/auth.js';
import { TestClock, useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.js';

const account = (role: string) => {
  const a = DEMO_ACCOUNTS.find((x) => x.role === role)!;
  return { email: a.email, password: DEMO_PASSWORD, totpSecret: a.totp };
};
const version = (body: string) => /name="version" value="(\d+)"/.exec(body)?.[1] ?? '';
const summaryOf = (body: string) => /<div class="samen-error-summary"[\s\S]*?<\/div>/.exec(body)?.[0] ?? '';

describeDb('closing a case needs the outcome of its accepted referrals', () => {
  const clock = new TestClock('2026-09-07T08:00:00Z');
  const t = useTestApp({ clock, mailTransport: null });
  let professional: Agent;
  let national: Agent;
  let shelter: Agent;
  let fier: { id: string; name: string };
  let url = '';
  let caseId = '';
  let referralId = '';

  const caseRow = () =>
    t.database.db
      .selectFrom('nrm_case')
      .select(['status', 'closed_at', 'closed_reason', 'version'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
  const closings = () =>
    t.database.db
      .selectFrom('nrm_case_event')
      .select('id')
      .where('case_id', '=', caseId)
      .where('to_status', '=', 'closed')
      .execute();
  const closeAudits = async () =>
    (
      await t.database.db
        .selectFrom('audit_event')
        .select('detail')
        .where('action', '=', 'nrm.case.transition')
        .where('entity_id', '=', caseId)
        .execute()
    ).filter((a) => JSON.stringify(a.detail).includes('"to":"closed"'));

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    await loadReferralDemo(t.services);
    professional = await signIn(t, account('nrm_professional'));
    national = await signIn(t, account('nrm_national'));
    shelter = await signIn(t, account('nrm_shelter'));
    fier = (await t.database.db
      .selectFrom('nrm_team')
      .select(['id', 'name'])
      .where('kind', '=', 'shelter')
      .where('name', 'like', 'Fier%')
      .executeTakeFirstOrThrow())!;
    // A minor's signal in Enschede (CoMensha owns it), referred to Fier for shelter, which accepts.
    const form = await professional.get('/nvm/signal');
    const sent = await professional.submit('/nvm/signal', {
      kind: 'signal',
      municipality: 'Enschede',
      urgency: 'normal',
      minor: 'yes',
      consent: 'not_asked',
      forms: 'labour',
      summary: 'Uitkomst voor sluiten',
      submission: /name="submission" value="([0-9a-f-]{36})"/.exec(form.body)![1]!,
    });
    url = /href="(\/nvm\/cases\/[0-9a-f-]{36})"/.exec(sent.body)![1]!;
    caseId = url.split('/').pop()!;
    for (const to of ['triage', 'assessment', 'referral']) {
      const page = await national.get(url);
      expect(
        (await national.post(`${url}/transition`, { version: version(page.body), to, reason: '' }))
          .statusCode,
      ).toBe(303);
    }
    const page = await national.get(url);
    expect(
      (
        await national.post(`${url}/refer`, {
          version: version(page.body),
          kind: 'refer',
          toTeamId: fier.id,
          serviceType: 'shelter',
          reason: '',
        })
      ).statusCode,
    ).toBe(303);
    referralId = (
      await t.database.db
        .selectFrom('nrm_referral')
        .select('id')
        .where('case_id', '=', caseId)
        .where('to_team_id', '=', fier.id)
        .executeTakeFirstOrThrow()
    ).id;
    expect(
      (await shelter.post(`${url}/referrals/${referralId}/respond`, { answer: 'accept', reason: '' }))
        .statusCode,
    ).toBe(303);
  });

  describe('while the accepted referral has no outcome', () => {
    it('names it at the close form (service, receiving team) and links to its outcome form on the page', async () => {
      const page = await national.get(url);
      const start = page.body.indexOf('id="loose-ends"');
      expect(start).toBeGreaterThan(0);
      const loose = page.body.slice(start, page.body.indexOf('</form>', start));
      expect(loose).toContain(`Opvang bij ${fier.name}: geaccepteerd, uitkomst nog niet vastgelegd`);
      expect(loose).toContain(`href="#ro-${referralId}"`);
      // The link lands on the owner's outcome form in the referrals' table.
      expect(page.body).toContain(`id="ro-${referralId}"`);
      expect(page.body).toContain(`action="${url}/referrals/${referralId}/outcome"`);
      const english = await national.get(`/en${url}`);
      expect(english.body).toContain(`Shelter at ${fier.name}: accepted, outcome not yet recorded`);
    });

    it('refuses the close naming the field, in Dutch and English, with nothing written and the case open', async () => {
      const before = await caseRow();
      for (const [prefix, text] of [
        ['', 'Uitkomst: Een geaccepteerde verwijzing heeft nog geen uitkomst'],
        ['/en', 'Outcome: An accepted referral has no outcome yet'],
      ] as const) {
        const page = await national.get(`${prefix}${url}`);
        // Ticking "withdraw what is open" does not help: an accepted referral is not withdrawn, it gets its outcome.
        const refused = await national.post(`${prefix}${url}/transition`, {
          version: version(page.body),
          to: 'closed',
          closeReason: 'placed_and_stable',
          reason: 'Afgerond',
          withdrawOpen: 'yes',
        });
        expect(refused.statusCode).toBe(400);
        expect(summaryOf(refused.body)).toContain(text);
        expect(summaryOf(refused.body)).not.toMatch(/referralOutcome|looseEnds/);
        expect(refused.body).toMatch(/id="move-reason"[^>]*>Afgerond<\/textarea>/);
      }
      expect(await caseRow()).toEqual(before);
      expect(before.status).toBe('referral');
      expect(await closings()).toHaveLength(0);
      expect(await closeAudits()).toHaveLength(0);
      const referral = await t.database.db
        .selectFrom('nrm_referral')
        .select(['status', 'outcome'])
        .where('id', '=', referralId)
        .executeTakeFirstOrThrow();
      expect(referral).toEqual({ status: 'accepted', outcome: null });
    });
  });

  describe('once the outcome is recorded', () => {
    let stale = '';
    beforeAll(async () => {
      // The close form as it was before the outcome: its version is stale afterwards.
      stale = version((await national.get(url)).body);
      const recorded = await national.post(`${url}/referrals/${referralId}/outcome`, { outcome: 'refused' });
      expect(recorded.statusCode).toBe(303);
    });

    it('no longer lists it at the close form', async () => {
      const page = await national.get(url);
      expect(page.body).not.toContain('uitkomst nog niet vastgelegd');
      expect(page.body).not.toContain(`href="#ro-${referralId}"`);
    });

    it('answers a stale close form with 409 and closes nothing', async () => {
      const conflict = await national.post(`${url}/transition`, {
        version: stale,
        to: 'closed',
        closeReason: 'placed_and_stable',
        reason: '',
      });
      expect(conflict.statusCode).toBe(409);
      expect((await caseRow()).status).toBe('referral');
      expect(await closings()).toHaveLength(0);
    });

    it('closes the case', async () => {
      const page = await national.get(url);
      const closed = await national.post(`${url}/transition`, {
        version: version(page.body),
        to: 'closed',
        closeReason: 'placed_and_stable',
        reason: '',
      });
      expect(closed.statusCode).toBe(303);
      const row = await caseRow();
      expect(row.status).toBe('closed');
      expect(row.closed_reason).toBe('placed_and_stable');
      expect(await closings()).toHaveLength(1);
      expect(await closeAudits()).toHaveLength(1);
      const referral = await t.database.db
        .selectFrom('nrm_referral')
        .select(['status', 'outcome'])
        .where('id', '=', referralId)
        .executeTakeFirstOrThrow();
      expect(referral).toEqual({ status: 'accepted', outcome: 'refused' });
    });
  });
});
