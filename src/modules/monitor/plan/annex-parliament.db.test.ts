// The annex for parliament (issue 21 points 5 and 6), through the pages as the team and an owner use them:
// carried-over text stays marked until its owner confirms or rewrites it; locking shows what will be frozen (and
// the texts nobody confirmed) and needs a ticked box; the annex lists the motions and commitments with their
// status, linked actions and where answered, frozen at lock, with a warning when one is "done" while a linked
// action is not; overdue milestones per action; indicator changes with old and new value; every action holder
// the letter names (line 6: Fier beside Defence for Children/ECPAT); the PDF has page numbers and a running header.
import { beforeAll, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { createUser, signIn, type Agent } from '../../../../test/auth.js';
import { useTestApp } from '../../../../test/app.js';
import { describeDb } from '../../../../test/db-suite.js';
import type { Action, MonitorActor } from '../types.js';

const MUTLUER = 'Motie Mutluer c.s. over landelijke aansturing en coördinatie';
const WARNING = `${MUTLUER} staat op afgedaan, maar gekoppelde actie G.1 (gepland) is niet afgerond.`;

describeDb('the annex for parliament', () => {
  const t = useTestApp();
  let team: Agent;
  let teamActor: MonitorActor;
  let fairwork: Agent;
  let viewer: Agent;
  let actions: Map<string, Action>;
  let roundId: string;

  const entry = (code: string) => `/monitor/rounds/${roundId}/actions/${actions.get(code)!.id}`;
  const stateOf = async (code: string) =>
    (await t.services.monitor.roundView(await t.services.monitor.getRound(roundId))).entries.find(
      (e) => e.actionCode === code,
    )!;
  /** 2.3's carried indicator values as its form sends them back (a form without them would clear them). */
  let figures: { indicator: string[]; period: string[]; value: string[] };
  const mutluer = async () => (await t.services.monitor.commitments()).find((c) => c.title === MUTLUER)!;

  beforeAll(async () => {
    await t.services.monitor.loadSamplePlan();
    actions = new Map((await t.services.monitor.plan()).flatMap((l) => l.actions).map((a) => [a.code, a]));
    const teamUser = await createUser(t.services, { role: 'programme_team', name: 'Team Lid' });
    teamActor = { id: teamUser.id, role: 'programme_team' };
    team = await signIn(t, teamUser);
    const owner = await createUser(t.services, { role: 'action_owner', name: 'Eigenaar FairWork' });
    const orgs = await t.services.monitor.organisations();
    await t.services.monitor.linkOwner(owner.id, orgs.find((o) => o.name === 'FairWork')!.id, teamActor);
    fairwork = await signIn(t, owner);
    viewer = await signIn(t, await createUser(t.services, { role: 'monitor_viewer' }));
    const opened = await team.post('/monitor/rounds', {
      name: 'najaar 2026',
      deadline: '2026-12-15',
      letter: 'Kamerstuk 28 638, nr. 270',
    });
    roundId = String(opened.headers.location).split('/').pop()!.split('?')[0]!;
    const view = await t.services.monitor.roundView(await t.services.monitor.getRound(roundId));
    const mine = view.values.filter((v) => v.actionId === actions.get('2.3')!.id);
    expect(mine.some((v) => v.value === 16915)).toBe(true);
    figures = {
      indicator: mine.map((v) => v.indicatorId),
      period: mine.map((v) => v.period),
      value: mine.map((v) => String(v.value)),
    };
  });

  it('keeps carried-over text marked until its owner confirms it or rewrites it', async () => {
    const carried = await stateOf('2.3');
    expect(carried.narrativeCarried).toBe(true);
    // Saved unchanged without the box: still marked, and the form offers the box.
    expect((await fairwork.get(entry('2.3'))).body).toContain('name="confirm_narrative"');
    await fairwork.post(entry('2.3'), { status: 'running', narrative: carried.narrative, ...figures });
    expect((await stateOf('2.3')).narrativeCarried).toBe(true);
    // Confirmed: no longer marked.
    await fairwork.post(entry('2.3'), {
      status: 'running',
      narrative: carried.narrative,
      confirm_narrative: 'yes',
      ...figures,
    });
    expect((await stateOf('2.3')).narrativeCarried).toBe(false);
    // Another organisation's action: 403, and its text stays marked.
    expect(
      (await fairwork.post(entry('4.1'), { status: 'running', narrative: 'x', confirm_narrative: 'yes' }))
        .statusCode,
    ).toBe(403);
    expect((await stateOf('4.1')).narrativeCarried).toBe(true);
  });

  it('shows the team what locking freezes, with the texts nobody confirmed, and locks only when confirmed', async () => {
    // An indicator value changed (2.3 reach 2024: 16,915 -> 17,250), the other values given as they stood.
    await fairwork.post(entry('2.3'), {
      status: 'running',
      narrative: 'In 2026 is de outreach uitgebreid naar Zeeland.',
      ...figures,
      value: figures.value.map((v) => (v === '16915' ? '17250' : v)),
    });
    expect((await team.post(`${entry('2.3')}/review`, { decision: 'accept', note: '' })).statusCode).toBe(
      303,
    );
    // Mutluer marked done (its reference kept) while its action G.1 is still planned.
    const m = await mutluer();
    await t.services.monitor.updateCommitment(m.id, { status: 'done', answered_in: m.answeredIn }, teamActor);

    const commitments = await team.get('/monitor/commitments');
    expect(commitments.body).toContain(WARNING);
    const csv = await viewer.get('/monitor/commitments.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFFSoort;Kamerstuk;Motie of toezegging;')).toBe(true);
    expect(csv.body).toContain('Afgedaan;G.1 (gepland);');
    expect(csv.body).toContain('Afgedaan, maar actie G.1 is niet afgerond');

    const preview = await team.get(`/monitor/rounds/${roundId}/lock`);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('overgenomen teksten zijn niet bevestigd of herschreven');
    expect(preview.body).toContain(`${actions.get('4.1')!.id}">4.1 `);
    expect(preview.body).not.toContain(`${actions.get('2.3')!.id}">2.3 `);
    expect(preview.body).toContain(WARNING);
    // Only the team: an owner and a viewer are refused the page and the lock.
    expect((await fairwork.get(`/monitor/rounds/${roundId}/lock`)).statusCode).toBe(403);
    expect((await viewer.get(`/monitor/rounds/${roundId}/lock`)).statusCode).toBe(403);
    expect((await fairwork.post(`/monitor/rounds/${roundId}/lock`, { confirm: 'yes' })).statusCode).toBe(403);
    // Without the box ticked: 400, the error summary names the box, and the round stays open.
    const unconfirmed = await team.post(`/monitor/rounds/${roundId}/lock`, {});
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.body).toContain('id="error-summary"');
    expect(unconfirmed.body).toContain('href="#f-confirm"');
    expect(unconfirmed.body).toContain('Vink aan dat u hebt gecontroleerd wat wordt vastgelegd.');
    expect((await t.services.monitor.getRound(roundId)).status).toBe('open');

    expect((await team.post(`/monitor/rounds/${roundId}/lock`, { confirm: 'yes' })).statusCode).toBe(303);
    expect((await t.services.monitor.getRound(roundId)).status).toBe('locked');
    expect((await team.get(`/monitor/rounds/${roundId}/lock`)).statusCode).toBe(409);
  });

  it('lists the motions and commitments as frozen at lock, with the warning for the team', async () => {
    const annex = await t.services.monitor.annex(roundId);
    expect(annex.register.frozen).toBe(true);
    const frozen = annex.register.commitments.find((c) => c.title === MUTLUER)!;
    expect(frozen).toMatchObject({ status: 'done', actions: [{ code: 'G.1', status: 'planned' }] });
    expect(frozen.answeredIn).toContain('Kamerstuk 28 638, nr. 257');
    const page = await team.get(`/monitor/rounds/${roundId}/annex`);
    expect(page.body).toContain(
      '<h2 class="utrecht-heading-2" id="register-title">Moties en toezeggingen</h2>',
    );
    expect(page.body).toContain(WARNING);

    // Later changes to the register do not change the locked round's annex.
    const m = await mutluer();
    await t.services.monitor.updateCommitment(
      m.id,
      { status: 'open', answered_in: 'iets anders' },
      teamActor,
    );
    const again = (await t.services.monitor.annex(roundId)).register.commitments.find(
      (c) => c.title === MUTLUER,
    )!;
    expect(again).toEqual(frozen);
    // The database refuses to change the frozen register, also by hand.
    await expect(
      t.database.db
        .updateTable('monitor_round_snapshot')
        .set({ commitments: '[]' })
        .where('round_id', '=', roundId)
        .execute(),
    ).rejects.toThrow(/frozen/);
    await expect(
      t.database.db.deleteFrom('monitor_round_snapshot').where('round_id', '=', roundId).execute(),
    ).rejects.toThrow(/frozen/);
  });

  it('names every holder, the overdue milestones, the changed indicator values and the unconfirmed texts', async () => {
    const annex = await t.services.monitor.annex(roundId);
    const byCode = new Map(annex.lines.flatMap((l) => l.actions).map((a) => [a.code, a]));
    expect(byCode.get('6.1')!.holders).toEqual(['Defence for Children–ECPAT', 'Fier']);
    expect(byCode.get('2.3')!.holders).toEqual(['FairWork']);
    expect(byCode.get('G.1')!.overdue.map((o) => o.title)).toContain(
      'Resultaten WODC-onderzoek opgeleverd (eind 2025)',
    );
    expect(byCode.get('2.3')!.indicatorChanges).toEqual([
      expect.objectContaining({ period: '2024', from: 16915, to: 17250 }),
    ]);
    expect(byCode.get('4.1')!.narrativeCarried).toBe(true);
    expect(byCode.get('2.3')!.narrativeCarried).toBe(false);

    const page = await viewer.get(`/monitor/rounds/${roundId}/annex`);
    expect(page.body).toContain('<dt>Actiehouders</dt><dd>Defence for Children–ECPAT, Fier</dd>');
    expect(page.body).toContain('Bereik online campagne FairWork (2024): 16.915 mensen → 17.250 mensen');
    expect(page.body).toContain(
      'Resultaten WODC-onderzoek opgeleverd (eind 2025) (gepland 31 december 2025)',
    );
    expect(page.body).toContain('Tekst overgenomen uit de vorige ronde en nog niet bevestigd');
    // The warning is for the team's eyes in the app; the register itself is in every reader's annex.
    expect(page.body).toContain(WARNING);

    const pdf = await viewer.get(`/monitor/rounds/${roundId}/annex.pdf`);
    const doc = await getDocumentProxy(new Uint8Array(pdf.rawPayload));
    const { text, totalPages } = await extractText(doc, { mergePages: false });
    expect(totalPages).toBeGreaterThan(2);
    text.forEach((pageText, i) => {
      expect(pageText).toContain(`Pagina ${i + 1} van ${totalPages}`);
      expect(pageText).toContain(
        'Kamerstuk 28 638, nr. 270 — Bijlage 1, stand van zaken acties — najaar 2026',
      );
    });
    const all = text.join('\n');
    expect(all).toContain('Moties en toezeggingen');
    expect(all).toContain(MUTLUER);
    expect(all).toContain('Actiehouders: Defence for Children–ECPAT, Fier');
  });

  it('says so when a round was locked before its register was frozen', async () => {
    const seeded = (await t.services.monitor.rounds())[0]!;
    expect(seeded.status).toBe('locked');
    expect((await t.services.monitor.annex(seeded.id)).register.frozen).toBe(false);
    expect((await viewer.get(`/monitor/rounds/${seeded.id}/annex`)).body).toContain(
      'is afgesloten voordat de stand van de moties en toezeggingen werd vastgelegd',
    );
  });

  it('lets the team name a partner as co-holder; the locked annex keeps the holders it froze', async () => {
    const a23 = actions.get('2.3')!.id;
    const orgs = await t.services.monitor.organisations();
    const comensha = orgs.find((o) => o.name === 'CoMensha')!;
    expect(
      (await fairwork.post(`/monitor/actions/${a23}/partners`, { partner: comensha.id, holder: 'yes' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await team.post(`/monitor/actions/${a23}/partners`, { partner: comensha.id, holder: 'yes' }))
        .statusCode,
    ).toBe(303);
    expect((await t.services.monitor.commitmentRegister()).holders[a23]).toEqual(['CoMensha']);
    const annex = await t.services.monitor.annex(roundId);
    expect(annex.lines.flatMap((l) => l.actions).find((a) => a.code === '2.3')!.holders).toEqual([
      'FairWork',
    ]);
  });
});
