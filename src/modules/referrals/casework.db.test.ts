// Case work (issue 20, point 3), tried through HTTP on the app's test clock: a case worker is an active member of
// the case's team (another team's account, a disabled account, an empty or forged value: 4xx and nothing written;
// a shelter: 403; another region: 404); every assignment is a step in the timeline and an audit entry; a task of
// the case plan has an owner in the team and a due date (an empty form refused in nl and en, refilled), its title
// sealed, overdue marked; "waiting on me" and "waiting on my team" show what waits and never another team's task;
// an accepted referral waits for its outcome until its receiver records it, once.
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
const TASK = 'QZXTASK bel Anna over haar afspraak';
const OTHER_TASK = 'QZXOTHER taak van een ander team';

describeDb('case workers, case plans, dashboards and referral outcomes (attack tests)', () => {
  // Monday 7 September 2026, 10:00 in Amsterdam.
  const clock = new TestClock('2026-09-07T08:00:00Z');
  const t = useTestApp({ clock });
  let caseId = '';
  let caseUrl = '';
  let rotterdamTeam = '';
  const users: Record<string, { id: string; role: string }> = {};
  const version = (body: string) => /name="version" value="(\d+)"/.exec(body)![1]!;
  const agent = (role: string) => signIn(t, account(role));
  const caseRow = () =>
    t.database.db.selectFrom('nrm_case').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
  const events = (kind: string) =>
    t.database.db
      .selectFrom('nrm_case_event')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('kind', '=', kind)
      .execute();
  const audits = (action: string) =>
    t.database.db.selectFrom('audit_event').selectAll().where('action', '=', action).orderBy('id').execute();
  const tasks = () =>
    t.database.db.selectFrom('nrm_task').selectAll().where('case_id', '=', caseId).execute();
  /** A coordinator of the Rotterdam region (another team). */
  async function rotterdamCoordinator() {
    const user = await createUser(t.services, { role: 'nrm_coordinator', name: 'Rotterdam Coördinator' });
    await t.database.db
      .insertInto('nrm_member')
      .values({ user_id: user.id, team_id: rotterdamTeam })
      .execute();
    return user;
  }

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
    rotterdamTeam = (
      await t.database.db
        .selectFrom('nrm_team')
        .select('id')
        .where('kind', '=', 'care_coordination')
        .where('name', 'like', '%Rotterdam%')
        .executeTakeFirstOrThrow()
    ).id;
  });

  it('refuses a case worker from another team, a disabled account, an empty or forged value, with nothing written', async () => {
    const coordinator = await agent('nrm_coordinator');
    const page = await coordinator.get(caseUrl);
    expect(page.body).toContain('Nog geen casemanager');
    const v = version(page.body);
    const other = await rotterdamCoordinator();
    const disabled = await createUser(t.services, { role: 'nrm_coordinator', name: 'Uitgeschakeld Account' });
    const ownTeam = (await caseRow()).owner_team_id;
    await t.database.db.insertInto('nrm_member').values({ user_id: disabled.id, team_id: ownTeam }).execute();
    await t.database.db
      .updateTable('app_user')
      .set({ disabled_at: clock.read() })
      .where('id', '=', disabled.id)
      .execute();
    // The disabled account is not offered either.
    expect((await coordinator.get(caseUrl)).body).not.toContain('Uitgeschakeld Account');
    for (const workerId of [other.id, disabled.id, users.nrm_shelter!.id, 'not-a-uuid']) {
      const refused = await coordinator.post(`${caseUrl}/case-worker`, { version: v, workerId });
      expect(refused.statusCode, workerId).toBe(400);
      expect(refused.body).toContain(
        'Casemanager: Alleen een actief lid van het team van de zaak kan worden gekozen.',
      );
    }
    const empty = await coordinator.post(`${caseUrl}/case-worker`, { version: v, workerId: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Casemanager: Kies het teamlid dat casemanager wordt.');
    const english = await coordinator.post(`/en${caseUrl}/case-worker`, { version: v, workerId: '' });
    expect(english.statusCode).toBe(400);
    expect(english.body).toContain('Case worker: Choose the team member who becomes case worker.');
    // A shelter may not assign (the role guard); another region's coordinator does not see the case.
    const shelter = await agent('nrm_shelter');
    expect(
      (await shelter.post(`${caseUrl}/case-worker`, { version: v, workerId: users.nrm_shelter!.id }))
        .statusCode,
    ).toBe(403);
    const rotterdam = await signIn(t, other);
    expect(
      (await rotterdam.post(`${caseUrl}/case-worker`, { version: v, workerId: other.id })).statusCode,
    ).toBe(404);
    expect((await caseRow()).case_worker_id).toBeNull();
    expect(await events('case_worker_assigned')).toHaveLength(0);
    expect(await audits('nrm.case.assign')).toHaveLength(0);
  });

  it('assigns and reassigns the case worker, each a step in the timeline and an audit entry', async () => {
    const coordinator = await agent('nrm_coordinator');
    let page = await coordinator.get(caseUrl);
    const assigned = await coordinator.post(`${caseUrl}/case-worker`, {
      version: version(page.body),
      workerId: users.nrm_regional_lead!.id,
    });
    expect(assigned.statusCode).toBe(303);
    expect((await caseRow()).case_worker_id).toBe(users.nrm_regional_lead!.id);
    page = await coordinator.get(caseUrl);
    expect(page.body).toContain('Casemanager toegewezen');
    // A stale form (the version before the assignment) is a conflict, not a silent overwrite.
    const stale = await coordinator.post(`${caseUrl}/case-worker`, {
      version: String(Number(version(page.body)) - 1),
      workerId: users.nrm_coordinator!.id,
    });
    expect(stale.statusCode).toBe(409);
    const reassigned = await coordinator.post(`${caseUrl}/case-worker`, {
      version: version(page.body),
      workerId: users.nrm_coordinator!.id,
    });
    expect(reassigned.statusCode).toBe(303);
    expect((await caseRow()).case_worker_id).toBe(users.nrm_coordinator!.id);
    expect(await events('case_worker_assigned')).toHaveLength(1);
    expect(await events('case_worker_changed')).toHaveLength(1);
    const audit = await audits('nrm.case.assign');
    expect(audit.map((a) => (a.detail as { worker: string }).worker)).toEqual([
      users.nrm_regional_lead!.id,
      users.nrm_coordinator!.id,
    ]);
    expect((audit[1]!.detail as { previous: string }).previous).toBe(users.nrm_regional_lead!.id);
  });

  it('refuses an empty or wrong task in nl and en, refilled, and writes nothing', async () => {
    const coordinator = await agent('nrm_coordinator');
    const page = await coordinator.get(caseUrl);
    const v = version(page.body);
    const empty = await coordinator.post(`${caseUrl}/tasks`, {
      version: v,
      title: '',
      ownerId: '',
      dueOn: '',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('samen-error-summary');
    expect(empty.body).toContain('Uitvoerder van de taak: Kies wie de taak uitvoert.');
    expect(empty.body).toContain('Uiterste datum: ');
    expect(empty.body).toMatch(/<details class="samen-details" open><summary>Taak toevoegen/);
    const english = await coordinator.post(`/en${caseUrl}/tasks`, {
      version: v,
      title: 'Half a task',
      ownerId: users.nrm_coordinator!.id,
      dueOn: '2026-09-06',
    });
    expect(english.statusCode).toBe(400);
    expect(english.body).toContain('Due on: The due date cannot be in the past.');
    expect(english.body).toContain('value="Half a task"');
    const other = await rotterdamCoordinator();
    for (const ownerId of [other.id, users.nrm_shelter!.id]) {
      const wrongOwner = await coordinator.post(`${caseUrl}/tasks`, {
        version: v,
        title: TASK,
        ownerId,
        dueOn: '2026-09-10',
      });
      expect(wrongOwner.statusCode).toBe(400);
      expect(wrongOwner.body).toContain('Uitvoerder van de taak: Alleen een actief lid');
    }
    const badDate = await coordinator.post(`${caseUrl}/tasks`, {
      version: v,
      title: TASK,
      ownerId: users.nrm_coordinator!.id,
      dueOn: '2026-02-30',
    });
    expect(badDate.statusCode).toBe(400);
    const shelter = await agent('nrm_shelter');
    expect(
      (
        await shelter.post(`${caseUrl}/tasks`, {
          version: v,
          title: TASK,
          ownerId: users.nrm_shelter!.id,
          dueOn: '2026-09-10',
        })
      ).statusCode,
    ).toBe(403);
    expect(await tasks()).toHaveLength(0);
  });

  it('adds a task with a sealed title, shows it on the case and on its owner’s dashboard, overdue after its day', async () => {
    const coordinator = await agent('nrm_coordinator');
    const page = await coordinator.get(caseUrl);
    const added = await coordinator.post(`${caseUrl}/tasks`, {
      version: version(page.body),
      title: TASK,
      ownerId: users.nrm_regional_lead!.id,
      dueOn: '2026-09-08',
    });
    expect(added.statusCode).toBe(303);
    const [task] = await tasks();
    expect(task!.title_enc).toMatch(/^f1:/);
    expect(task!.team_id).toBe((await caseRow()).owner_team_id);
    expect(await events('task_added')).toHaveLength(1);
    const audit = await audits('nrm.task.add');
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0])).not.toContain('QZXTASK');
    expect((await coordinator.get(caseUrl)).body).toContain(TASK);

    const lead = await agent('nrm_regional_lead');
    let mine = await lead.get('/nvm/waiting');
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain(TASK);
    expect(mine.body).not.toContain('Te laat');
    // The coordinator owns no task: not on their "waiting on me", but on the team's.
    expect((await coordinator.get('/nvm/waiting?tab=me')).body).not.toContain(TASK);
    expect((await coordinator.get('/nvm/waiting?tab=team')).body).toContain(TASK);
    // Wednesday 9 September: the task of the 8th is overdue.
    clock.set('2026-09-09T08:00:00Z');
    const later = await agent('nrm_regional_lead');
    mine = await later.get('/nvm/waiting');
    expect(mine.body).toMatch(/Te laat<\/span>/);
    // Done: off the dashboards, still on the case page as done (by the case's manager, once).
    const done = await later.post(`${caseUrl}/tasks/${task!.id}/done`, {});
    expect(done.statusCode).toBe(303);
    expect((await later.post(`${caseUrl}/tasks/${task!.id}/done`, {})).statusCode).toBe(409);
    expect((await later.get('/nvm/waiting')).body).not.toContain(TASK);
    expect((await (await agent('nrm_coordinator')).get(caseUrl)).body).toContain('Gedaan');
    expect(await events('task_done')).toHaveLength(1);
  });

  it('shows the case worker their cases with the next decision due, the team its unassigned cases, never another team’s task', async () => {
    const coordinator = await agent('nrm_coordinator');
    const reference = (await caseRow()).reference;
    // While the signal waits for triage, triage is what is due next; after it, the first decision.
    let mine = await coordinator.get('/nvm/waiting?tab=me');
    expect(mine.body).toContain(reference);
    if ((await caseRow()).status === 'received') {
      expect(mine.body).toContain('<td class="utrecht-table__cell">Triage</td>');
      const page = await coordinator.get(caseUrl);
      const triaged = await coordinator.post(`${caseUrl}/transition`, {
        version: version(page.body),
        to: 'triage',
        reason: '',
      });
      expect(triaged.statusCode).toBe(303);
      mine = await coordinator.get('/nvm/waiting?tab=me');
    }
    expect(mine.body).toContain('Vermoedelijk slachtoffer (redelijke gronden)');
    const team = await coordinator.get('/nvm/waiting?tab=team');
    // The assigned case is not among the unassigned; the team's other open cases are, counted.
    const unassignedPart = team.body.split('Open taken van het team')[0]!;
    expect(unassignedPart).not.toContain(`>${reference}<`);
    const openUnassigned = await t.database.db
      .selectFrom('nrm_case')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('owner_team_id', '=', (await caseRow()).owner_team_id)
      .where('status', '<>', 'closed')
      .where('case_worker_id', 'is', null)
      .executeTakeFirstOrThrow();
    const n = Number(openUnassigned.n);
    expect(team.body).toContain(
      n === 0
        ? 'Elke open zaak van het team heeft een casemanager.'
        : n === 1
          ? '1 zaak zonder casemanager'
          : `${n} zaken zonder casemanager`,
    );
    // Without its case worker, the case is among the team's unassigned cases.
    await t.database.db
      .updateTable('nrm_case')
      .set({ case_worker_id: null })
      .where('id', '=', caseId)
      .execute();
    const unassigned = await coordinator.get('/nvm/waiting?tab=team');
    expect(unassigned.body.split('Open taken van het team')[0]).toContain(`>${reference}<`);
    expect(unassigned.body).toContain(
      n === 0 ? '1 zaak zonder casemanager' : `${n + 1} zaken zonder casemanager`,
    );
    await t.database.db
      .updateTable('nrm_case')
      .set({ case_worker_id: users.nrm_coordinator!.id })
      .where('id', '=', caseId)
      .execute();
    // The listing is audited with the references shown.
    const read = await audits('nrm.waiting.read');
    expect(read.length).toBeGreaterThan(0);
    expect(JSON.stringify(read.at(-1)!.detail)).toContain('"tab":"team"');

    // Another team's case and task: a demo case moved to Rotterdam, planned there.
    const other = await rotterdamCoordinator();
    const moved = await t.database.db
      .selectFrom('nrm_case')
      .select(['id', 'version', 'owner_team_id'])
      .where('id', '<>', caseId)
      .where('status', '<>', 'closed')
      .executeTakeFirstOrThrow();
    await t.database.db
      .updateTable('nrm_case')
      .set({ owner_team_id: rotterdamTeam })
      .where('id', '=', moved.id)
      .execute();
    await t.services.referrals.addTask({ id: other.id, role: 'nrm_coordinator' }, moved.id, {
      version: moved.version,
      title: OTHER_TASK,
      ownerId: other.id,
      dueOn: '2026-09-09',
    });
    const rotterdam = await signIn(t, other);
    expect((await rotterdam.get('/nvm/waiting')).body).toContain(OTHER_TASK);
    expect((await rotterdam.get('/nvm/waiting?tab=team')).body).toContain(OTHER_TASK);
    for (const tab of ['me', 'team'])
      expect((await coordinator.get(`/nvm/waiting?tab=${tab}`)).body).not.toContain(OTHER_TASK);
    // A task made while the case was the team's is not the team's work once the case went elsewhere.
    await t.database.db
      .updateTable('nrm_case')
      .set({ owner_team_id: (await caseRow()).owner_team_id })
      .where('id', '=', moved.id)
      .execute();
    expect((await coordinator.get('/nvm/waiting?tab=team')).body).not.toContain(OTHER_TASK);
    expect((await rotterdam.get('/nvm/waiting?tab=team')).body).not.toContain(OTHER_TASK);
    await t.database.db
      .updateTable('nrm_case')
      .set({ owner_team_id: moved.owner_team_id })
      .where('id', '=', moved.id)
      .execute();
  });

  it('answers an account without a team, a team with nobody in it and a bad tab without a 500', async () => {
    // A coordinator in no team: the page says so.
    const loner = await createUser(t.services, { role: 'nrm_coordinator' });
    const alone = await signIn(t, loner);
    const page = await alone.get('/nvm/waiting');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Geen team');
    expect((await alone.get('/nvm/waiting?tab=team')).statusCode).toBe(200);
    expect((await alone.get('/nvm/waiting?tab=nobody')).statusCode).toBe(400);
    // A team with nobody active in it: its case has nobody to choose, and no id is accepted.
    const empty = await t.database.db
      .insertInto('nrm_team')
      .values({
        id: '00000000-0000-4000-8000-0000000000e1',
        kind: 'care_coordination',
        name: 'Leeg team',
        organisation_type: 'care_coordination',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.database.db.insertInto('nrm_member').values({ user_id: loner.id, team_id: empty.id }).execute();
    await t.database.db
      .updateTable('app_user')
      .set({ disabled_at: clock.read() })
      .where('id', '=', loner.id)
      .execute();
    const target = await t.database.db
      .selectFrom('nrm_case')
      .select(['id', 'version'])
      .where('status', '<>', 'closed')
      .where('id', '<>', caseId)
      .where('owner_team_id', '<>', rotterdamTeam)
      .executeTakeFirstOrThrow();
    await t.database.db
      .updateTable('nrm_case')
      .set({ owner_team_id: empty.id })
      .where('id', '=', target.id)
      .execute();
    const lead = await createUser(t.services, { role: 'nrm_regional_lead' });
    await t.database.db.insertInto('nrm_member').values({ user_id: lead.id, team_id: empty.id }).execute();
    await expect(
      t.services.referrals.assignCaseWorker({ id: loner.id, role: 'nrm_coordinator' }, target.id, {
        version: target.version,
        workerId: loner.id,
      }),
    ).rejects.toThrow();
    await expect(
      t.services.referrals.assignCaseWorker({ id: lead.id, role: 'nrm_regional_lead' }, target.id, {
        version: target.version,
        workerId: loner.id,
      }),
    ).rejects.toMatchObject({
      problems: [{ field: 'workerId', key: 'referrals.casework.errors.notInTeam' }],
    });
    const after = await t.database.db
      .selectFrom('nrm_case')
      .select('case_worker_id')
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow();
    expect(after.case_worker_id).toBeNull();
  });

  it('keeps an accepted referral waiting on its receiver until the outcome is recorded, once', async () => {
    const coordinator = await agent('nrm_coordinator');
    let page = await coordinator.get(caseUrl);
    const shelterTeam = (await t.services.referrals.teamOf(users.nrm_shelter!.id))!;
    const referred = await coordinator.post(`${caseUrl}/refer`, {
      version: version(page.body),
      kind: 'refer',
      toTeamId: shelterTeam.id,
      serviceType: 'shelter',
      reason: '',
    });
    expect(referred.statusCode).toBe(303);
    const referral = await t.database.db
      .selectFrom('nrm_referral')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('to_team_id', '=', shelterTeam.id)
      .executeTakeFirstOrThrow();
    const shelter = await agent('nrm_shelter');
    // Pending: to answer; no outcome yet.
    expect((await shelter.get('/nvm/waiting')).body).toContain('Beantwoorden (aannemen of afwijzen)');
    expect(
      (await shelter.post(`${caseUrl}/referrals/${referral.id}/outcome`, { outcome: 'delivered' }))
        .statusCode,
    ).toBe(409);
    const accepted = await shelter.post(`${caseUrl}/referrals/${referral.id}/respond`, {
      answer: 'accept',
      reason: '',
    });
    expect(accepted.statusCode).toBe(303);
    expect((await shelter.get('/nvm/waiting')).body).toContain('Uitkomst vastleggen');
    // The receiver reads the case, not the owning team's case plan.
    const received = await shelter.get(caseUrl);
    expect(received.statusCode).toBe(200);
    expect(received.body).not.toContain(TASK);
    expect(received.body).not.toContain('Plan van aanpak</h3>');
    page = await coordinator.get(caseUrl);
    expect(page.body).toContain(TASK);
    expect(page.body).toContain('uitkomst nog niet vastgelegd');
    // A made-up outcome, another region: refused, nothing written.
    const bogus = await shelter.post(`${caseUrl}/referrals/${referral.id}/outcome`, { outcome: 'maybe' });
    expect(bogus.statusCode).toBe(400);
    const rotterdam = await signIn(t, await rotterdamCoordinator());
    expect(
      (await rotterdam.post(`${caseUrl}/referrals/${referral.id}/outcome`, { outcome: 'delivered' }))
        .statusCode,
    ).toBe(404);
    const still = await t.database.db
      .selectFrom('nrm_referral')
      .select(['outcome', 'outcome_at'])
      .where('id', '=', referral.id)
      .executeTakeFirstOrThrow();
    expect(still).toEqual({ outcome: null, outcome_at: null });
    // The receiver records it: the referral is closed, off the dashboard, a step and an audit entry.
    const closed = await shelter.post(`${caseUrl}/referrals/${referral.id}/outcome`, {
      outcome: 'delivered',
    });
    expect(closed.statusCode).toBe(303);
    const row = await t.database.db
      .selectFrom('nrm_referral')
      .select(['outcome', 'outcome_by'])
      .where('id', '=', referral.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ outcome: 'delivered', outcome_by: users.nrm_shelter!.id });
    expect(await events('referral_outcome_delivered')).toHaveLength(1);
    expect(await audits('nrm.referral.outcome')).toHaveLength(1);
    expect((await shelter.get('/nvm/waiting')).body).not.toContain('Uitkomst vastleggen');
    expect((await coordinator.get(caseUrl)).body).toContain('Geaccepteerd: Dienst geleverd');
    expect(
      (await coordinator.post(`${caseUrl}/referrals/${referral.id}/outcome`, { outcome: 'refused' }))
        .statusCode,
    ).toBe(409);
  });
});
