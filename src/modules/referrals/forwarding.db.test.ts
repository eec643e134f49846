// No placement request or referral without a reader (issue 18 point 2, the choice revisited): sent to a team
// where nobody can act on it, it goes to the next level instead (a placement request: CoMensha, which coordinates
// shelter placement nationally, as a referral for a place while the case waits on the category's list; a
// referral: the region's lead, then CoMensha), and the sender's screen names both the team chosen and the one
// that received it. Attack tests: a memberless shelter, a shelter whose only member is disabled, a shelter whose
// member lacks the acting role, a memberless coordination, and nobody left at all; a shelter with someone to
// answer still gets the request itself.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReferralDemo } from '../../cli/seed.js';
import { createUser, signIn, type Agent } from '../../../test/auth.js';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.js';

const account = (role: string) => {
  const a = DEMO_ACCOUNTS.find((x) => x.role === role)!;
  return { email: a.email, password: DEMO_PASSWORD, totpSecret: a.totp };
};
const version = (body: string) => /name="version" value="(\d+)"/.exec(body)?.[1] ?? '';
const noticeOf = (body: string) =>
  /role="status"\s*>\s*<div class="utrecht-alert__content">\s*<p class="utrecht-alert__message utrecht-paragraph">([^<]*)<\/p>/
    .exec(body)?.[1]
    ?.replace(/&#39;/g, "'") ?? '';

describeDb(
  'a placement request or referral nobody can answer goes to the next level, and the sender is told',
  () => {
    const t = useTestApp({ mailTransport: null });
    let coordinator: Agent;
    let national = { id: '', name: '' };
    const cosmShelters: { id: string; name: string }[] = [];
    let rotterdam = { id: '', name: '' };
    let fier = { id: '', name: '' };
    let professionalId = '';

    beforeAll(async () => {
      await t.services.directory.loadSampleDirectory();
      await loadReferralDemo(t.services);
      coordinator = await signIn(t, account('nrm_coordinator'));
      const teams = await t.database.db.selectFrom('nrm_team').select(['id', 'name', 'kind']).execute();
      national = teams.find((x) => x.kind === 'national')!;
      rotterdam = teams.find((x) => x.kind === 'care_coordination' && x.name.includes('Rotterdam'))!;
      fier = teams.find((x) => x.kind === 'shelter' && x.name.startsWith('Fier'))!;
      // Shelters with free COSM places and nobody in them (the demo has one; each attack takes its own).
      const withPlaces = await t.database.db
        .selectFrom('nrm_capacity')
        .innerJoin('nrm_team', 'nrm_team.id', 'nrm_capacity.team_id')
        .select(['nrm_team.id', 'nrm_team.name'])
        .where('nrm_capacity.category', '=', 'cosm')
        .where('nrm_capacity.available', '>', 0)
        .execute();
      cosmShelters.push(...withPlaces);
      professionalId = (
        await t.database.db
          .selectFrom('app_user')
          .select('id')
          .where('email', '=', account('nrm_professional').email)
          .executeTakeFirstOrThrow()
      ).id;
    });

    /** A fresh Amsterdam case (the demo coordinator's), its page URL. */
    async function freshCase(): Promise<string> {
      const created = await t.services.referrals.submitSignal(
        { id: professionalId, role: 'nrm_professional' },
        {
          kind: 'signal',
          municipality: 'Amsterdam',
          urgency: 'normal',
          minor: 'no',
          consent: 'yes',
          vitalInterest: false,
          forms: ['labour'],
          signals: [],
          methodsOfControl: [],
          recruitment: [],
          sector: '',
          needs: [],
          gender: 'unknown',
          ageGroup: 'unknown',
          citizenship: '',
          summary: '',
          name: '',
          dateOfBirth: '',
          contact: '',
        },
      );
      return `/nvm/cases/${created.id}`;
    }

    const post = async (url: string, path: string, form: Record<string, string>) =>
      coordinator.submit(`${url}${path}`, { version: version((await coordinator.get(url)).body), ...form });

    const available = async (teamId: string) =>
      (
        await t.database.db
          .selectFrom('nrm_capacity')
          .select('available')
          .where('team_id', '=', teamId)
          .where('category', '=', 'cosm')
          .executeTakeFirstOrThrow()
      ).available;

    /** Asks the shelter for a COSM place and checks it went to CoMensha, named on the screen, nothing lost. */
    async function expectForwardedToNational(shelter: { id: string; name: string }) {
      const url = await freshCase();
      const caseId = url.split('/').pop()!;
      const before = await available(shelter.id);
      const sent = await post(url, '/placements', {
        category: 'cosm',
        shelterTeamId: shelter.id,
        reason: '',
      });
      expect(sent.postStatus).toBe(303);
      expect(sent.statusCode).toBe(200);
      const notice = noticeOf(sent.body);
      expect(notice).toContain(shelter.name);
      expect(notice).toContain(national.name);
      expect(notice).toMatch(/wachtlijst|waiting list/);
      // The case waits on the COSM list; CoMensha has a referral for a place and a notification; no place taken.
      const placements = await t.database.db
        .selectFrom('nrm_placement')
        .select(['shelter_team_id', 'status', 'category'])
        .where('case_id', '=', caseId)
        .execute();
      expect(placements).toEqual([{ shelter_team_id: null, status: 'waiting', category: 'cosm' }]);
      const referrals = await t.database.db
        .selectFrom('nrm_referral')
        .select(['to_team_id', 'service_type', 'status'])
        .where('case_id', '=', caseId)
        .where('service_type', '=', 'shelter')
        .execute();
      expect(referrals).toEqual([{ to_team_id: national.id, service_type: 'shelter', status: 'pending' }]);
      const told = await t.database.db
        .selectFrom('nrm_notification')
        .select('team_id')
        .where('case_id', '=', caseId)
        .execute();
      expect(told.map((n) => n.team_id)).toContain(national.id);
      expect(told.map((n) => n.team_id)).not.toContain(shelter.id);
      expect(await available(shelter.id)).toBe(before);
      // CoMensha's coordinator sees it in its own queue.
      const comensha = await signIn(t, account('nrm_national'));
      expect((await comensha.get('/nvm?scope=received')).body).toContain(caseId);
      expect((await comensha.get(url)).statusCode).toBe(200);
    }

    it('sends a request to a memberless shelter to CoMensha, and names both on the sender’s screen', async () => {
      const shelter = cosmShelters[0]!;
      const members = await t.database.db
        .selectFrom('nrm_member')
        .select('user_id')
        .where('team_id', '=', shelter.id)
        .execute();
      expect(members).toHaveLength(0);
      await expectForwardedToNational(shelter);
    });

    it('does the same when the shelter’s only member is disabled', async () => {
      const shelter = cosmShelters[0]!;
      const intake = await createUser(t.services, { role: 'nrm_shelter' });
      await t.database.db
        .insertInto('nrm_member')
        .values({ user_id: intake.id, team_id: shelter.id })
        .execute();
      await t.database.db
        .updateTable('app_user')
        .set({ disabled_at: t.services.referrals.now() })
        .where('id', '=', intake.id)
        .execute();
      await expectForwardedToNational(shelter);
    });

    it('does the same when the shelter’s only active member lacks the role that answers requests', async () => {
      const shelter = cosmShelters[0]!;
      const notIntake = await createUser(t.services, { role: 'nrm_professional' });
      await t.database.db
        .insertInto('nrm_member')
        .values({ user_id: notIntake.id, team_id: shelter.id })
        .execute();
      await expectForwardedToNational(shelter);
    });

    it('still sends a request to a shelter where someone can answer to that shelter itself', async () => {
      const url = await freshCase();
      const sent = await post(url, '/placements', { category: 'women', shelterTeamId: fier.id, reason: '' });
      expect(sent.postStatus).toBe(303);
      expect(noticeOf(sent.body)).not.toContain(national.name);
      const placement = await t.database.db
        .selectFrom('nrm_placement')
        .select(['shelter_team_id', 'status'])
        .where('case_id', '=', url.split('/').pop()!)
        .executeTakeFirstOrThrow();
      expect(placement).toEqual({ shelter_team_id: fier.id, status: 'requested' });
    });

    it('sends a referral to a memberless coordination to the next level (CoMensha here), and says so', async () => {
      const url = await freshCase();
      const caseId = url.split('/').pop()!;
      const sent = await post(url, '/refer', {
        kind: 'refer',
        toTeamId: rotterdam.id,
        serviceType: 'care',
        sharePersonalData: 'no',
        reason: 'Familie woont in Rotterdam',
      });
      expect(sent.postStatus).toBe(303);
      const notice = noticeOf(sent.body);
      expect(notice).toContain(rotterdam.name);
      expect(notice).toContain(national.name);
      const referrals = await t.database.db
        .selectFrom('nrm_referral')
        .select('to_team_id')
        .where('case_id', '=', caseId)
        .where('service_type', '=', 'care')
        .execute();
      expect(referrals.map((r) => r.to_team_id)).toEqual([national.id]);
    });

    it('sends a referral to a memberless coordination to a lead of another coordination covering the place, naming both teams even before the teams cache knows them', async () => {
      // The region level: two more coordinations cover Amsterdam (the demo coordinator's own is the sender, so it
      // never receives its own referral): one with nobody in it, one whose only member is a regional lead.
      const amsterdam = await t.database.db
        .selectFrom('nrm_team')
        .selectAll()
        .where('kind', '=', 'care_coordination')
        .where('name', 'like', '%Amsterdam%')
        .executeTakeFirstOrThrow();
      const team = (name: string) => ({
        id: randomUUID(),
        kind: 'care_coordination',
        name,
        organisation_type: amsterdam.organisation_type,
        directory_service_id: amsterdam.directory_service_id,
        email: null,
      });
      // The case first, so the demo coordination owns it before the others cover its place.
      const url = await freshCase();
      const caseId = url.split('/').pop()!;
      const empty = team('Zorgcoördinatie zonder mensen (test)');
      const withLead = team('Zorgcoördinatie met regieregio (test)');
      await t.database.db.insertInto('nrm_team').values([empty, withLead]).execute();
      const lead = await createUser(t.services, { role: 'nrm_regional_lead' });
      await t.database.db
        .insertInto('nrm_member')
        .values({ user_id: lead.id, team_id: withLead.id })
        .execute();
      try {
        // Both new teams are unknown to the app's teams cache, and its coverage index must be rebuilt: the
        // referral is routed from the transaction, and the case page still names both teams.
        t.services.directory.invalidateCoverage();
        const sent = await post(url, '/refer', {
          kind: 'refer',
          toTeamId: empty.id,
          serviceType: 'care',
          sharePersonalData: 'no',
          reason: '',
        });
        expect(sent.postStatus).toBe(303);
        const notice = noticeOf(sent.body);
        expect(notice).toContain(empty.name);
        expect(notice).toContain(withLead.name);
        expect(notice).not.toContain(national.name);
        const referrals = await t.database.db
          .selectFrom('nrm_referral')
          .select('to_team_id')
          .where('case_id', '=', caseId)
          .execute();
        expect(referrals.map((r) => r.to_team_id)).toEqual([withLead.id]);
      } finally {
        await t.database.db.deleteFrom('nrm_member').where('team_id', '=', withLead.id).execute();
        await t.database.db
          .updateTable('nrm_team')
          .set({ directory_service_id: null })
          .where('id', 'in', [empty.id, withLead.id])
          .execute();
      }
    });

    it('forwards when the directory must first rebuild its coverage index (nothing queried outside the change)', async () => {
      // On the embedded engine's one connection, a query outside the change's transaction waits for the
      // transaction, which waits for the query: this request hung until the coverage was read before it.
      const url = await freshCase();
      const caseId = url.split('/').pop()!;
      const page = await coordinator.get(url);
      t.services.directory.invalidateCoverage();
      const sent = await coordinator.submit(`${url}/refer`, {
        version: version(page.body),
        kind: 'refer',
        toTeamId: rotterdam.id,
        serviceType: 'care',
        sharePersonalData: 'no',
        reason: '',
      });
      expect(sent.postStatus).toBe(303);
      expect(noticeOf(sent.body)).toContain(national.name);
      const placementPage = await coordinator.get(url);
      t.services.directory.invalidateCoverage();
      const placed = await coordinator.submit(`${url}/placements`, {
        version: version(placementPage.body),
        category: 'cosm',
        shelterTeamId: cosmShelters[0]!.id,
        reason: '',
      });
      expect(placed.postStatus).toBe(303);
      expect(noticeOf(placed.body)).toContain(national.name);
      const referrals = await t.database.db
        .selectFrom('nrm_referral')
        .select('service_type')
        .where('case_id', '=', caseId)
        .where('to_team_id', '=', national.id)
        .execute();
      expect(referrals.map((r) => r.service_type).sort()).toEqual(['care', 'shelter']);
    }, 20_000);

    describe('with nobody left at the next level either', () => {
      it('refuses, naming the team, and writes nothing', async () => {
        const url = await freshCase();
        const caseId = url.split('/').pop()!;
        const nationalMembers = await t.database.db
          .selectFrom('nrm_member')
          .select('user_id')
          .where('team_id', '=', national.id)
          .execute();
        const ids = nationalMembers.map((m) => m.user_id);
        const page = await coordinator.get(url);
        await t.database.db
          .updateTable('app_user')
          .set({ disabled_at: t.services.referrals.now() })
          .where('id', 'in', ids)
          .execute();
        try {
          const shelter = cosmShelters[0]!;
          const refused = await coordinator.post(`${url}/placements`, {
            version: version(page.body),
            category: 'cosm',
            shelterTeamId: shelter.id,
            reason: '',
          });
          expect(refused.statusCode).toBe(400);
          expect(refused.body).toContain(shelter.name);
          const referral = await coordinator.post(`${url}/refer`, {
            version: version(page.body),
            kind: 'refer',
            toTeamId: rotterdam.id,
            serviceType: 'care',
            sharePersonalData: 'no',
            reason: '',
          });
          expect(referral.statusCode).toBe(400);
          expect(referral.body).toContain(rotterdam.name);
          const written = await t.database.db
            .selectFrom('nrm_placement')
            .select('id')
            .where('case_id', '=', caseId)
            .execute();
          expect(written).toHaveLength(0);
        } finally {
          await t.database.db
            .updateTable('app_user')
            .set({ disabled_at: null })
            .where('id', 'in', ids)
            .execute();
        }
      });
    });
  },
);
