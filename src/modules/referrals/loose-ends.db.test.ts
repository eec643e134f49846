// No loose ends (issue 18, point 6): closing a case with a referral awaiting an answer or a placement request
// open is refused with the list unless the coordinator chooses to withdraw them as part of closing (then they are
// withdrawn, in the timeline and the audit, and the receivers lose sight of the case); a person still placed
// blocks closing; the shelter's exit step ends the placement with a reason and a sealed note and gives the place
// back at once (the live places and the history follow).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReferralDemo } from '../../cli/seed.js';
import { signIn, type Agent } from '../../../test/auth.js';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.js';

const account = (role: string) => {
  const a = DEMO_ACCOUNTS.find((x) => x.role === role)!;
  return { email: a.email, password: DEMO_PASSWORD, totpSecret: a.totp };
};
const version = (body: string) => /name="version" value="(\d+)"/.exec(body)?.[1] ?? '';
const summaryOf = (body: string) => /<div class="samen-error-summary"[\s\S]*?<\/div>/.exec(body)?.[0] ?? '';

describeDb('no loose ends: closing and the shelter exit', () => {
  const t = useTestApp({ mailTransport: null });
  let professional: Agent;
  let national: Agent;
  let amsterdam: Agent;
  let shelter: Agent;
  let fier: { id: string; name: string };
  let amsterdamTeam: { id: string; name: string };

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    await loadReferralDemo(t.services);
    professional = await signIn(t, account('nrm_professional'));
    national = await signIn(t, account('nrm_national'));
    amsterdam = await signIn(t, account('nrm_coordinator'));
    shelter = await signIn(t, account('nrm_shelter'));
    const teams = await t.database.db.selectFrom('nrm_team').select(['id', 'name', 'kind']).execute();
    fier = teams.find((x) => x.kind === 'shelter' && x.name.startsWith('Fier'))!;
    const member = await t.database.db
      .selectFrom('nrm_member')
      .innerJoin('app_user', 'app_user.id', 'nrm_member.user_id')
      .select('nrm_member.team_id')
      .where('app_user.email', '=', account('nrm_coordinator').email)
      .executeTakeFirstOrThrow();
    amsterdamTeam = teams.find((x) => x.id === member.team_id)!;
  });

  /** A new signal about a minor in Enschede (CoMensha owns it), moved on to the referral step. */
  async function caseInReferral(): Promise<string> {
    const form = await professional.get('/nvm/signal');
    const sent = await professional.submit('/nvm/signal', {
      kind: 'signal',
      municipality: 'Enschede',
      urgency: 'normal',
      minor: 'yes',
      consent: 'not_asked',
      forms: 'labour',
      summary: 'Losse eindjes',
      submission: /name="submission" value="([0-9a-f-]{36})"/.exec(form.body)![1]!,
    });
    const url = /href="(\/nvm\/cases\/[0-9a-f-]{36})"/.exec(sent.body)![1]!;
    for (const to of ['triage', 'assessment', 'referral']) {
      const page = await national.get(url);
      expect(
        (await national.post(`${url}/transition`, { version: version(page.body), to, reason: '' }))
          .statusCode,
      ).toBe(303);
    }
    return url;
  }
  const idOf = (url: string) => url.split('/').pop()!;
  const freeMinors = async () =>
    (
      await t.database.db
        .selectFrom('nrm_capacity')
        .select(['available', 'maximum'])
        .where('team_id', '=', fier.id)
        .where('category', '=', 'minors')
        .executeTakeFirstOrThrow()
    ).available;

  describe('closing with a referral and a placement request open', () => {
    let url = '';
    beforeAll(async () => {
      url = await caseInReferral();
      let page = await national.get(url);
      expect(
        (
          await national.post(`${url}/refer`, {
            version: version(page.body),
            kind: 'refer',
            toTeamId: amsterdamTeam.id,
            serviceType: 'care',
            reason: 'Graag meedenken',
          })
        ).statusCode,
      ).toBe(303);
      page = await national.get(url);
      expect(
        (
          await national.post(`${url}/placements`, {
            version: version(page.body),
            category: 'minors',
            shelterTeamId: fier.id,
            reason: '',
          })
        ).statusCode,
      ).toBe(303);
      expect((await amsterdam.get(url)).statusCode).toBe(200);
    });

    it('lists what is still open at the close form, by team name', async () => {
      const page = await national.get(url);
      const start = page.body.indexOf('id="loose-ends"');
      const loose = page.body.slice(start, page.body.indexOf('</form>', start));
      expect(start).toBeGreaterThan(0);
      expect(loose).toContain(amsterdamTeam.name);
      expect(loose).toContain(fier.name);
      expect(page.body).toContain('name="withdrawOpen"');
    });

    it('refuses a close that does not say what happens to them, keeping what was typed and changing nothing', async () => {
      const page = await national.get(url);
      const refused = await national.post(`${url}/transition`, {
        version: version(page.body),
        to: 'closed',
        closeReason: 'lost_contact',
        reason: 'Geen contact meer sinds maart',
      });
      expect(refused.statusCode).toBe(400);
      expect(summaryOf(refused.body)).toMatch(/nog 2 open|2 still open/);
      expect(summaryOf(refused.body)).not.toMatch(/withdrawOpen|looseEnds/);
      expect(refused.body).toMatch(/id="move-reason"[^>]*>Geen contact meer sinds maart<\/textarea>/);
      expect(refused.body).toContain('<option value="lost_contact" selected>');
      const row = await t.database.db
        .selectFrom('nrm_case')
        .select('status')
        .where('id', '=', idOf(url))
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('referral');
      const referrals = await t.database.db
        .selectFrom('nrm_referral')
        .select('status')
        .where('case_id', '=', idOf(url))
        .execute();
      expect(referrals.map((r) => r.status)).toEqual(['pending']);
    });

    it('closes and withdraws them when the coordinator ticks it: timeline, audit, and the receivers lose sight', async () => {
      const page = await national.get(url);
      const closed = await national.post(`${url}/transition`, {
        version: version(page.body),
        to: 'closed',
        closeReason: 'lost_contact',
        withdrawOpen: 'yes',
        reason: '',
      });
      expect(closed.statusCode).toBe(303);
      const id = idOf(url);
      const referrals = await t.database.db
        .selectFrom('nrm_referral')
        .select('status')
        .where('case_id', '=', id)
        .execute();
      expect(referrals.map((r) => r.status)).toEqual(['withdrawn']);
      const placements = await t.database.db
        .selectFrom('nrm_placement')
        .select('status')
        .where('case_id', '=', id)
        .execute();
      expect(placements.map((p) => p.status)).toEqual(['cancelled']);
      const events = await t.database.db
        .selectFrom('nrm_case_event')
        .select('kind')
        .where('case_id', '=', id)
        .execute();
      expect(events.map((e) => e.kind)).toEqual(
        expect.arrayContaining(['referral_withdrawn', 'placement_cancelled']),
      );
      const audit = await t.database.db
        .selectFrom('audit_event')
        .select('detail')
        .where('entity_id', '=', id)
        .where('action', '=', 'nrm.case.transition')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      const detail = audit.detail as {
        to: string;
        withdrawnReferrals: string[];
        cancelledPlacements: string[];
      };
      expect(detail.to).toBe('closed');
      expect(detail.withdrawnReferrals).toHaveLength(1);
      expect(detail.cancelledPlacements).toHaveLength(1);
      expect((await amsterdam.get(url)).statusCode).toBe(404);
      expect((await shelter.get(url)).statusCode).toBe(404);
      const timeline = await national.get(url);
      expect(timeline.body).toMatch(/Plaatsingsverzoek ingetrokken|Placement request withdrawn/);
    });
  });

  describe('a person placed in a shelter', () => {
    let url = '';
    let before = 0;
    let exitUrl = '';
    beforeAll(async () => {
      url = await caseInReferral();
      before = await freeMinors();
      const page = await national.get(url);
      await national.post(`${url}/placements`, {
        version: version(page.body),
        category: 'minors',
        shelterTeamId: fier.id,
        reason: '',
      });
      const asShelter = await shelter.get(url);
      const respond = /action="(\/nvm\/cases\/[0-9a-f-]{36}\/placements\/[0-9a-f-]{36}\/respond)"/.exec(
        asShelter.body,
      )![1]!;
      expect((await shelter.post(respond, { answer: 'accept', reason: '' })).statusCode).toBe(303);
      expect(await freeMinors()).toBe(before - 1);
      exitUrl = respond.replace(/\/respond$/, '/exit');
    });

    it('cannot close while the person is placed, even when withdrawing what is open', async () => {
      const page = await national.get(url);
      const refused = await national.post(`${url}/transition`, {
        version: version(page.body),
        to: 'closed',
        closeReason: 'placed_and_stable',
        withdrawOpen: 'yes',
        reason: '',
      });
      expect(refused.statusCode).toBe(400);
      expect(summaryOf(refused.body)).toMatch(/nog geplaatst|still placed/);
      expect(await freeMinors()).toBe(before - 1);
    });

    it('offers the exit only to the shelter that holds the placement', async () => {
      expect((await shelter.get(url)).body).toContain(`href="${exitUrl}"`);
      expect((await shelter.get(exitUrl)).statusCode).toBe(200);
      expect((await national.get(exitUrl)).statusCode).toBe(403);
      expect((await professional.post(exitUrl, { exitReason: 'other' })).statusCode).toBe(403);
    });

    it('refuses an exit without a reason with the form filled in again and nothing changed', async () => {
      const refused = await shelter.post(exitUrl, { exitNote: 'Vertrokken naar tante in Almelo' });
      expect(refused.statusCode).toBe(400);
      expect(summaryOf(refused.body)).toMatch(/Reden van vertrek|Reason for leaving/);
      expect(summaryOf(refused.body)).not.toContain('exitReason');
      expect(refused.body).toMatch(/id="exit-note"[^>]*>Vertrokken naar tante in Almelo<\/textarea>/);
      expect(await freeMinors()).toBe(before - 1);
    });

    it('ends the placement, gives the place back at once and keeps it in the history; the note is sealed', async () => {
      const done = await shelter.submit(exitUrl, {
        exitReason: 'family_or_network',
        exitNote: 'Vertrokken naar tante in Almelo',
      });
      expect(done.postStatus).toBe(303);
      expect(done.body).toMatch(/plek is weer vrij|place is free again/);
      expect(await freeMinors()).toBe(before);
      const history = await t.database.db
        .selectFrom('nrm_capacity_history')
        .select(['team_id', 'available', 'reason'])
        .where('team_id', '=', fier.id)
        .where('category', '=', 'minors')
        .orderBy('id', 'desc')
        .execute()
        // The capacity lines' reasons are sealed to the shelter (migration 0019): never stored as typed.
        .then((rows) => {
          for (const r of rows) expect(r.reason).toMatch(/^f1:/);
          return t.services.referrals.sealing
            .openCapacityHistory(rows)
            .map(({ available, reason }) => ({ available, reason }));
        });
      expect(history[0]).toEqual({ available: before, reason: 'exit' });
      expect(history[1]).toEqual({ available: before - 1, reason: 'placement' });
      expect(done.body).toMatch(/Een persoon vertrok|A person left/);
      // The live places follow: the coordinator's places page and the directory's published capacity.
      const places = await national.get('/nvm/places?category=minors');
      expect(places.body).toContain(fier.name);
      const placement = await t.database.db
        .selectFrom('nrm_placement')
        .selectAll()
        .where('case_id', '=', idOf(url))
        .executeTakeFirstOrThrow();
      expect(placement.status).toBe('exited');
      // The exit reason is sealed to the placement like every reason column (migration 0019), and opens to the code.
      expect(placement.exit_reason).toMatch(/^f1:/);
      expect(t.services.referrals.sealing.openPlacement(placement).exit_reason).toBe('family_or_network');
      expect(placement.exit_note_enc).not.toContain('Almelo');
      expect(placement.exit_note_enc).toMatch(/^f1:/);
      const asCoordinator = await national.get(url);
      expect(asCoordinator.body).toMatch(
        /Naar familie of eigen netwerk: Vertrokken naar tante in Almelo|Went to family or own network: Vertrokken naar tante in Almelo/,
      );
      // The shelter no longer sees the case; a second exit changes nothing.
      expect((await shelter.post(exitUrl, { exitReason: 'other' })).statusCode).toBe(404);
      expect(await freeMinors()).toBe(before);
    });

    it('closes once the person has left', async () => {
      const page = await national.get(url);
      const closed = await national.post(`${url}/transition`, {
        version: version(page.body),
        to: 'closed',
        closeReason: 'placed_and_stable',
        reason: '',
      });
      expect(closed.statusCode).toBe(303);
    });
  });

  describe('a shelter with a referral and a placement request open for one person', () => {
    let url = '';
    let before = 0;
    beforeAll(async () => {
      url = await caseInReferral();
      before = await freeMinors();
      let page = await national.get(url);
      await national.post(`${url}/refer`, {
        version: version(page.body),
        kind: 'refer',
        toTeamId: fier.id,
        serviceType: 'shelter',
        reason: '',
      });
      page = await national.get(url);
      await national.post(`${url}/placements`, {
        version: version(page.body),
        category: 'minors',
        shelterTeamId: fier.id,
        reason: '',
      });
    });

    it('shows one form for both, and no separate answer forms', async () => {
      const page = await shelter.get(url);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`action="${url}/answer-together"`);
      expect(page.body).not.toMatch(/\/referrals\/[0-9a-f-]{36}\/respond"/);
      expect(page.body).not.toMatch(/\/placements\/[0-9a-f-]{36}\/respond"/);
    });

    it('refuses declining both without a reason, with the form filled in again and nothing answered', async () => {
      const page = await shelter.get(url);
      const referral = /name="referral" value="([0-9a-f-]{36})"/.exec(page.body)![1]!;
      const placement = /name="placement" value="([0-9a-f-]{36})"/.exec(page.body)![1]!;
      const refused = await shelter.post(`${url}/answer-together`, {
        referral,
        placement,
        answer: 'decline',
        reason: '',
      });
      expect(refused.statusCode).toBe(400);
      expect(summaryOf(refused.body)).toMatch(/Toelichting|Reason|reden/i);
      const statuses = await t.database.db
        .selectFrom('nrm_referral')
        .select('status')
        .where('case_id', '=', idOf(url))
        .execute();
      expect(statuses.map((x) => x.status)).toEqual(['pending']);
    });

    it('accepts both in one step: the referral accepted, the place taken, one audit entry', async () => {
      const page = await shelter.get(url);
      const referral = /name="referral" value="([0-9a-f-]{36})"/.exec(page.body)![1]!;
      const placement = /name="placement" value="([0-9a-f-]{36})"/.exec(page.body)![1]!;
      const done = await shelter.post(`${url}/answer-together`, {
        referral,
        placement,
        answer: 'accept',
        reason: '',
      });
      expect(done.statusCode).toBe(303);
      const id = idOf(url);
      const r = await t.database.db
        .selectFrom('nrm_referral')
        .select('status')
        .where('id', '=', referral)
        .executeTakeFirstOrThrow();
      const p = await t.database.db
        .selectFrom('nrm_placement')
        .select('status')
        .where('id', '=', placement)
        .executeTakeFirstOrThrow();
      expect([r.status, p.status]).toEqual(['accepted', 'accepted']);
      expect(await freeMinors()).toBe(before - 1);
      const audit = await t.database.db
        .selectFrom('audit_event')
        .select('action')
        .where('entity_id', '=', id)
        .where('action', '=', 'nrm.answer.together')
        .execute();
      expect(audit).toHaveLength(1);
      // Answered once: a second post is refused and takes no second place.
      const again = await shelter.post(`${url}/answer-together`, {
        referral,
        placement,
        answer: 'accept',
        reason: '',
      });
      expect(again.statusCode).toBe(409);
      expect(await freeMinors()).toBe(before - 1);
    });
  });
});
