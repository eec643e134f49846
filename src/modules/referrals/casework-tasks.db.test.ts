// Every task has a real owner (issue 20, point 3), tried through HTTP on the app's test clock: a manager gives an
// open task another owner (an active member of the case's team) or due date (today or later) with the case's
// version (stale: 409); an empty, forged, other team's or disabled owner is refused naming the field in nl and en,
// refilled, nothing written; a done task 409; a shelter 403; another region 404. A task whose owner left (account
// disabled, out of the team) says so in words on the case page and on "waiting on my team". An accepted transfer
// takes the open tasks to the new team, a merge to the continuing case; the audit names ids, never the title.
// Migration 0033 does the same for the open tasks that earlier transfers and merges left behind.
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { createUser, signIn } from '../../../test/auth.js';
import { TestClock, useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { loadReferralDemo } from '../../cli/seed.js';
import { splitStatements } from '../../db/migrate.js';
import type { User } from './core/context.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.js';
import type { SignalInput } from './service.js';

const account = (role: string) => {
  const a = DEMO_ACCOUNTS.find((x) => x.role === role)!;
  return { email: a.email, password: DEMO_PASSWORD, totpSecret: a.totp };
};
const TASK = 'QZXREASSIGN bel Anna over de tolk';
const MERGED_TASK = 'QZXMERGED vraag het dossier op';
const OWNER_LEFT = 'uitvoerder niet meer in het team';

const signal: SignalInput = {
  kind: 'signal',
  urgency: 'normal',
  consent: 'yes',
  vitalInterest: false,
  minor: 'no',
  forms: ['labour'],
  signals: ['no_id_documents'],
  recruitment: [],
  methodsOfControl: [],
  needs: [],
  sector: '',
  gender: 'female',
  ageGroup: '',
  citizenship: 'RO',
  summary: 'Fictief: signaal voor de taaktest.',
  contact: '',
  name: 'Ilinca Dragomirescu',
  dateOfBirth: '1988-06-23',
  municipality: '',
};

describeDb('tasks that always have a real owner (attack tests)', () => {
  // Monday 7 September 2026, 10:00 in Amsterdam.
  const clock = new TestClock('2026-09-07T08:00:00Z');
  const t = useTestApp({ clock });
  let caseId = '';
  let caseUrl = '';
  let taskId = '';
  let rotterdamTeam = '';
  /** The pair merged in the last test but one: the continuing (Amsterdam) and the merged (Rotterdam) case. */
  const pair = { keep: '', merged: '' };
  const users: Record<string, User> = {};
  const version = (body: string) => /name="version" value="(\d+)"/.exec(body)![1]!;
  const agent = (role: string) => signIn(t, account(role));
  const caseRow = (id = caseId) =>
    t.database.db.selectFrom('nrm_case').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const task = (id = taskId) =>
    t.database.db.selectFrom('nrm_task').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const events = (kind: string, id = caseId) =>
    t.database.db
      .selectFrom('nrm_case_event')
      .selectAll()
      .where('case_id', '=', id)
      .where('kind', '=', kind)
      .execute();
  const audits = (action: string) =>
    t.database.db.selectFrom('audit_event').selectAll().where('action', '=', action).orderBy('id').execute();
  /** An account in a team, optionally disabled. */
  async function member(team: string, name: string, disabled = false) {
    const user = await createUser(t.services, { role: 'nrm_coordinator', name });
    await t.database.db.insertInto('nrm_member').values({ user_id: user.id, team_id: team }).execute();
    if (disabled)
      await t.database.db
        .updateTable('app_user')
        .set({ disabled_at: clock.read() })
        .where('id', '=', user.id)
        .execute();
    return user;
  }
  async function addTask(id: string, title: string, ownerId: string, o: { by?: User; dueOn?: string } = {}) {
    await t.services.referrals.addTask(o.by ?? users.nrm_coordinator!, id, {
      version: (await caseRow(id)).version,
      title,
      ownerId,
      dueOn: o.dueOn ?? '2026-09-10',
    });
    return (
      await t.database.db
        .selectFrom('nrm_task')
        .select('id')
        .where('case_id', '=', id)
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow()
    ).id;
  }

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    await loadReferralDemo(t.services);
    for (const a of DEMO_ACCOUNTS) {
      users[a.role] = (await t.database.db
        .selectFrom('app_user')
        .select(['id', 'role'])
        .where('email', '=', a.email)
        .executeTakeFirstOrThrow()) as User;
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
    taskId = await addTask(caseId, TASK, users.nrm_regional_lead!.id);
  });

  it('refuses an empty, forged, other team’s or disabled owner, a past date, a stale form, a shelter and another region, writing nothing', async () => {
    const coordinator = await agent('nrm_coordinator');
    const page = await coordinator.get(caseUrl);
    // The small form of the open task, on the kit: owner and due date filled in.
    expect(page.body).toContain(`action="${caseUrl}/tasks/${taskId}"`);
    expect(page.body).toContain(`id="task-owner-${taskId}"`);
    expect(page.body).toContain('value="2026-09-10"');
    const v = version(page.body);
    const url = `${caseUrl}/tasks/${taskId}`;
    const before = await task();
    const eventsBefore = (await events('task_reassigned')).length + (await events('task_rescheduled')).length;

    const empty = await coordinator.post(url, { version: v, ownerId: '', dueOn: '2026-09-11' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Uitvoerder van de taak: Kies wie de taak uitvoert.');
    // Refilled: the task's form open again with what was typed.
    expect(empty.body).toMatch(/<details class="samen-details" open><summary>Uitvoerder of uiterste datum/);
    expect(empty.body).toContain('value="2026-09-11"');
    const english = await coordinator.post(`/en${url}`, { version: v, ownerId: '', dueOn: '' });
    expect(english.statusCode).toBe(400);
    expect(english.body).toContain('Owner of the task: Choose who owns the task.');

    const rotterdam = await member(rotterdamTeam, 'Rotterdam Coördinator');
    const ownTeam = (await caseRow()).owner_team_id;
    const disabled = await member(ownTeam, 'Uitgeschakeld Account', true);
    for (const ownerId of [
      rotterdam.id,
      disabled.id,
      users.nrm_shelter!.id,
      crypto.randomUUID(),
      'not-a-uuid',
    ]) {
      const refused = await coordinator.post(url, { version: v, ownerId, dueOn: '2026-09-10' });
      expect(refused.statusCode, ownerId).toBe(400);
      expect(refused.body).toContain(
        'Uitvoerder van de taak: Alleen een actief lid van het team van de zaak kan worden gekozen.',
      );
    }
    const past = await coordinator.post(`/en${url}`, {
      version: v,
      ownerId: users.nrm_coordinator!.id,
      dueOn: '2026-09-06',
    });
    expect(past.statusCode).toBe(400);
    expect(past.body).toContain('Due on: The due date cannot be in the past.');
    const badDate = await coordinator.post(url, {
      version: v,
      ownerId: users.nrm_coordinator!.id,
      dueOn: '2026-02-30',
    });
    expect(badDate.statusCode).toBe(400);

    const stale = await coordinator.post(url, {
      version: String(Number(v) - 1),
      ownerId: users.nrm_coordinator!.id,
      dueOn: '2026-09-10',
    });
    expect(stale.statusCode).toBe(409);
    const forgedTask = await coordinator.post(`${caseUrl}/tasks/${crypto.randomUUID()}`, {
      version: v,
      ownerId: users.nrm_coordinator!.id,
      dueOn: '2026-09-10',
    });
    expect(forgedTask.statusCode).toBe(404);

    const shelter = await agent('nrm_shelter');
    expect(
      (await shelter.post(url, { version: v, ownerId: users.nrm_shelter!.id, dueOn: '2026-09-10' }))
        .statusCode,
    ).toBe(403);
    const otherRegion = await signIn(t, rotterdam);
    expect(
      (await otherRegion.post(url, { version: v, ownerId: rotterdam.id, dueOn: '2026-09-10' })).statusCode,
    ).toBe(404);

    expect(await task()).toEqual(before);
    expect((await events('task_reassigned')).length + (await events('task_rescheduled')).length).toBe(
      eventsBefore,
    );
    expect(await audits('nrm.task.change')).toHaveLength(0);
  });

  it('gives the task another owner and due date, each a step in the timeline, audited without the title', async () => {
    const coordinator = await agent('nrm_coordinator');
    let page = await coordinator.get(caseUrl);
    const changed = await coordinator.post(`${caseUrl}/tasks/${taskId}`, {
      version: version(page.body),
      ownerId: users.nrm_coordinator!.id,
      dueOn: '2026-09-14',
    });
    expect(changed.statusCode).toBe(303);
    expect(changed.headers.location).toContain('done=taskChanged');
    const row = await task();
    expect(row.owner_user_id).toBe(users.nrm_coordinator!.id);
    expect(row.due_on).toBe('2026-09-14');
    expect(await events('task_reassigned')).toHaveLength(1);
    expect(await events('task_rescheduled')).toHaveLength(1);
    page = await coordinator.get(caseUrl);
    expect(page.body).toContain('Taak aan een andere uitvoerder gegeven');
    expect(page.body).toContain('Uiterste datum van een taak gewijzigd');
    const audit = await audits('nrm.task.change');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({
      task: taskId,
      previousOwner: users.nrm_regional_lead!.id,
      owner: users.nrm_coordinator!.id,
      previousDue: '2026-09-10',
      due: '2026-09-14',
    });
    expect(JSON.stringify(audit[0])).not.toContain('QZXREASSIGN');
    // The new owner has it on "waiting on me", the old one no longer.
    expect((await coordinator.get('/nvm/waiting?tab=me')).body).toContain(TASK);
    expect((await (await agent('nrm_regional_lead')).get('/nvm/waiting?tab=me')).body).not.toContain(TASK);

    // Only the owner changes: an overdue task keeps its (past) date, no "rescheduled" step.
    clock.set('2026-09-15T08:00:00Z');
    const later = await agent('nrm_coordinator');
    page = await later.get(caseUrl);
    const owner = await later.post(`${caseUrl}/tasks/${taskId}`, {
      version: version(page.body),
      ownerId: users.nrm_regional_lead!.id,
      dueOn: '2026-09-14',
    });
    expect(owner.statusCode).toBe(303);
    expect((await task()).owner_user_id).toBe(users.nrm_regional_lead!.id);
    expect(await events('task_reassigned')).toHaveLength(2);
    expect(await events('task_rescheduled')).toHaveLength(1);
  });

  it('says in words on the case page and the team’s dashboard when the owner left the team, until a manager chooses another', async () => {
    const coordinator = await agent('nrm_coordinator');
    const ownTeam = (await caseRow()).owner_team_id;
    const leaving = await member(ownTeam, 'Vertrekkende Collega');
    let page = await coordinator.get(caseUrl);
    expect(
      (
        await coordinator.post(`${caseUrl}/tasks/${taskId}`, {
          version: version(page.body),
          ownerId: leaving.id,
          dueOn: '2026-09-16',
        })
      ).statusCode,
    ).toBe(303);
    expect((await coordinator.get(caseUrl)).body).not.toContain(OWNER_LEFT);
    expect((await coordinator.get('/nvm/waiting?tab=team')).body).not.toContain(OWNER_LEFT);

    // The account is disabled: the task is nobody's until a manager chooses.
    await t.database.db
      .updateTable('app_user')
      .set({ disabled_at: clock.read() })
      .where('id', '=', leaving.id)
      .execute();
    page = await coordinator.get(caseUrl);
    expect(page.body).toContain(`Vertrekkende Collega <span class="utrecht-status-badge`);
    expect(page.body).toContain(OWNER_LEFT);
    const team = await coordinator.get('/nvm/waiting?tab=team');
    expect(team.body).toContain(TASK);
    expect(team.body).toContain(OWNER_LEFT);
    expect(team.body).toContain('1 open taak hieronder heeft een uitvoerder die niet meer in het team zit');
    expect((await coordinator.get('/en/nvm/waiting?tab=team')).body).toContain('owner no longer in the team');
    // Only a new date is not enough: the task needs a real owner (the one who left is not offered either).
    const dateOnly = await coordinator.post(`${caseUrl}/tasks/${taskId}`, {
      version: version(page.body),
      ownerId: leaving.id,
      dueOn: '2026-09-17',
    });
    expect(dateOnly.statusCode).toBe(400);
    expect(dateOnly.body).toContain('Uitvoerder van de taak: Alleen een actief lid');

    // Back, then out of the team: the same.
    await t.database.db
      .updateTable('app_user')
      .set({ disabled_at: null })
      .where('id', '=', leaving.id)
      .execute();
    expect((await coordinator.get(caseUrl)).body).not.toContain(OWNER_LEFT);
    await t.database.db.deleteFrom('nrm_member').where('user_id', '=', leaving.id).execute();
    expect((await coordinator.get(caseUrl)).body).toContain(OWNER_LEFT);
    expect((await coordinator.get('/nvm/waiting?tab=team')).body).toContain(OWNER_LEFT);

    page = await coordinator.get(caseUrl);
    const fixed = await coordinator.post(`${caseUrl}/tasks/${taskId}`, {
      version: version(page.body),
      ownerId: users.nrm_coordinator!.id,
      dueOn: '2026-09-16',
    });
    expect(fixed.statusCode).toBe(303);
    expect((await coordinator.get(caseUrl)).body).not.toContain(OWNER_LEFT);
    expect((await coordinator.get('/nvm/waiting?tab=team')).body).not.toContain(OWNER_LEFT);
    const audit = (await audits('nrm.task.change')).at(-1)!;
    expect(audit.detail).toMatchObject({ previousOwner: leaving.id, owner: users.nrm_coordinator!.id });
  });

  it('refuses to change a done task (409), writing nothing', async () => {
    const coordinator = await agent('nrm_coordinator');
    const doneId = await addTask(caseId, 'QZXDONE al gedaan', users.nrm_coordinator!.id, {
      dueOn: '2026-12-31',
    });
    expect((await coordinator.post(`${caseUrl}/tasks/${doneId}/done`, {})).statusCode).toBe(303);
    const page = await coordinator.get(caseUrl);
    expect(page.body).not.toContain(`action="${caseUrl}/tasks/${doneId}"`);
    const before = await task(doneId);
    const audited = (await audits('nrm.task.change')).length;
    const refused = await coordinator.post(`${caseUrl}/tasks/${doneId}`, {
      version: version(page.body),
      ownerId: users.nrm_regional_lead!.id,
      dueOn: '2026-09-20',
    });
    expect(refused.statusCode).toBe(409);
    expect(await task(doneId)).toEqual(before);
    expect(await audits('nrm.task.change')).toHaveLength(audited);
  });

  it('takes the open tasks along on an accepted transfer, owners outside the new team flagged there', async () => {
    const coordinator = await agent('nrm_coordinator');
    const receiver = await member(rotterdamTeam, 'Rotterdam Ontvanger');
    const rotterdam = await signIn(t, receiver);
    const doneBefore = await t.database.db
      .selectFrom('nrm_task')
      .select(['id', 'team_id'])
      .where('case_id', '=', caseId)
      .where('done_at', 'is not', null)
      .execute();
    const page = await coordinator.get(caseUrl);
    expect(
      (
        await coordinator.post(`${caseUrl}/refer`, {
          version: version(page.body),
          kind: 'transfer',
          toTeamId: rotterdamTeam,
          serviceType: 'coordination',
          reason: 'Verhuisd',
        })
      ).statusCode,
    ).toBe(303);
    const incoming = await rotterdam.get(caseUrl);
    const respond = /action="(\/nvm\/cases\/[0-9a-f-]{36}\/referrals\/[0-9a-f-]{36}\/respond)"/.exec(
      incoming.body,
    )![1]!;
    expect((await rotterdam.post(respond, { answer: 'accept', reason: '' })).statusCode).toBe(303);
    expect((await caseRow()).owner_team_id).toBe(rotterdamTeam);
    // The open task is Rotterdam's work now; the done one stays with the team that did it.
    expect((await task()).team_id).toBe(rotterdamTeam);
    for (const d of doneBefore) expect((await task(d.id)).team_id).toBe(d.team_id);
    const audit = (await audits('nrm.referral.respond')).at(-1)!;
    expect((audit.detail as { movedTasks: string[] }).movedTasks).toEqual([taskId]);
    expect(JSON.stringify(audit)).not.toContain('QZXREASSIGN');
    // On Rotterdam's dashboard and case page, its Amsterdam owner is flagged; off Amsterdam's dashboard.
    const team = await rotterdam.get('/nvm/waiting?tab=team');
    expect(team.body).toContain(TASK);
    expect(team.body).toContain(OWNER_LEFT);
    expect((await rotterdam.get(caseUrl)).body).toContain(OWNER_LEFT);
    expect((await coordinator.get('/nvm/waiting?tab=team')).body).not.toContain(TASK);
    // Rotterdam's manager gives it to one of theirs; an Amsterdam account is refused.
    let now = await rotterdam.get(caseUrl);
    const amsterdamOwner = await rotterdam.post(`${caseUrl}/tasks/${taskId}`, {
      version: version(now.body),
      ownerId: users.nrm_coordinator!.id,
      dueOn: '2026-09-16',
    });
    expect(amsterdamOwner.statusCode).toBe(400);
    now = await rotterdam.get(caseUrl);
    const mine = await rotterdam.post(`${caseUrl}/tasks/${taskId}`, {
      version: version(now.body),
      ownerId: receiver.id,
      dueOn: '2026-09-16',
    });
    expect(mine.statusCode).toBe(303);
    expect((await rotterdam.get('/nvm/waiting?tab=me')).body).toContain(TASK);
    expect((await rotterdam.get('/nvm/waiting?tab=team')).body).not.toContain(OWNER_LEFT);
  });

  it('moves the merged case’s open tasks to the continuing case, its title still readable, the owner flagged', async () => {
    const professional = users.nrm_professional!;
    clock.advance(60_000);
    const ams = await t.services.referrals.submitSignal(professional, {
      ...signal,
      municipality: 'GM0363',
    });
    clock.advance(60_000);
    const rdam = await t.services.referrals.submitSignal(professional, {
      ...signal,
      municipality: 'GM0599',
    });
    const rdamOwner = await member(rotterdamTeam, 'Rotterdam Taakhouder');
    expect((await caseRow(rdam.id)).owner_team_id).toBe(rotterdamTeam);
    const mergedTask = await addTask(rdam.id, MERGED_TASK, rdamOwner.id, {
      by: { id: rdamOwner.id, role: 'nrm_coordinator' },
      dueOn: '2026-12-31',
    });
    const national = await agent('nrm_national');
    const merged = await national.post('/nvm/duplicates/merge', {
      a: ams.id,
      b: rdam.id,
      keep: ams.id,
      versionA: String((await caseRow(ams.id)).version),
      versionB: String((await caseRow(rdam.id)).version),
    });
    expect(merged.statusCode).toBe(303);
    pair.keep = ams.id;
    pair.merged = rdam.id;
    const moved = await task(mergedTask);
    const amsTeam = (await caseRow(ams.id)).owner_team_id;
    expect(moved.case_id).toBe(ams.id);
    expect(moved.team_id).toBe(amsTeam);
    expect(moved.owner_user_id).toBe(rdamOwner.id);
    const audit = (await audits('nrm.duplicate.merge')).at(-1)!;
    expect((audit.detail as { movedTasks: string[] }).movedTasks).toEqual([mergedTask]);
    expect(JSON.stringify(audit)).not.toContain('QZXMERGED');
    // Amsterdam's managers read the title on the continuing case, its Rotterdam owner flagged.
    const coordinator = await agent('nrm_coordinator');
    const page = await coordinator.get(`/nvm/cases/${ams.id}`);
    expect(page.body).toContain(MERGED_TASK);
    expect(page.body).toContain(`Rotterdam Taakhouder <span class="utrecht-status-badge`);
    const team = await coordinator.get('/nvm/waiting?tab=team');
    expect(team.body).toContain(MERGED_TASK);
    expect(team.body).toContain(OWNER_LEFT);
    // Nothing of the plan's open work stays on the closed case.
    expect(
      await t.database.db
        .selectFrom('nrm_task')
        .select('id')
        .where('case_id', '=', rdam.id)
        .where('done_at', 'is', null)
        .execute(),
    ).toHaveLength(0);
  });

  it('migration 0033 moves the open tasks earlier transfers and merges left behind, not the done ones', async () => {
    const db = t.database.db;
    const amsTeam = (await caseRow(pair.keep)).owner_team_id;
    // As before 0033: the transferred case's open task still in Amsterdam's team, an open and a done task still on
    // the merged case in Rotterdam's.
    await db.updateTable('nrm_task').set({ team_id: amsTeam }).where('id', '=', taskId).execute();
    const row = (id: string, done: boolean) => ({
      id,
      case_id: pair.merged,
      team_id: rotterdamTeam,
      title_enc: null,
      owner_user_id: users.nrm_coordinator!.id,
      due_on: '2026-12-31',
      done_at: done ? clock.read() : null,
      done_by: null,
      created_at: clock.read(),
      created_by: null,
    });
    const [open, done] = [crypto.randomUUID(), crypto.randomUUID()];
    await db
      .insertInto('nrm_task')
      .values([row(open, false), row(done, true)])
      .execute();
    const file = new URL('../../db/migrations/0033_nrm_tasks_follow_case.sql', import.meta.url);
    for (const statement of splitStatements(readFileSync(file, 'utf8'))) await sql.raw(statement).execute(db);
    expect((await task()).team_id).toBe(rotterdamTeam);
    expect(await task(open)).toMatchObject({ case_id: pair.keep, team_id: amsTeam });
    expect(await task(done)).toMatchObject({ case_id: pair.merged, team_id: rotterdamTeam });
  });
});
