// A case plan's task is renamed and cancelled (issue 20, point 3), tried through HTTP on the app's test clock. The
// owning team's managers give an open task another title (checked as at creation: empty, only spaces, too long is
// a 400 naming the title in nl and en; sealed bound to the task) or cancel it with a reason code from a fixed list
// (none or an unknown one: 400 naming the reason), with the case's version (stale: 409). A forged task id or
// another case's task is a 404, a done or cancelled task a 409, a shelter and a case worker who is no manager 403,
// another region's manager 404, a manager of a team the case is only referred to 403; after every refusal the task,
// the timeline and the audit are as before. A cancelled task leaves both dashboards and the case's open work, stays
// on the case page with its reason and date, is never done, and its audit entry names ids and codes, never a title.
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { createUser, signIn } from '../../../test/auth.js';
import { TestClock, useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { loadReferralDemo } from '../../cli/seed.js';
import { fieldContext } from '../../platform/crypto/index.js';
import { moveOpenTasks } from './casework/repository.js';
import type { User } from './core/context.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.js';
import type { SignalInput } from './service.js';

const account = (role: string) => {
  const a = DEMO_ACCOUNTS.find((x) => x.role === role)!;
  return { email: a.email, password: DEMO_PASSWORD, totpSecret: a.totp };
};
const TASK = 'QZXRENAME bel Anna over de tolk';
const RENAMED = 'QZXNEWTITLE bel Anna terug over de tolk';
const CANCELLED = 'QZXCANCEL vraag het dossier op bij de gemeente';

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
  summary: 'Fictief: signaal voor de test van taken hernoemen en annuleren.',
  contact: '',
  name: 'Ilinca Dragomirescu',
  dateOfBirth: '1988-06-23',
  municipality: 'GM0363',
};

describeDb('renaming and cancelling a task of the case plan (attack tests)', () => {
  // Monday 7 September 2026, 10:00 in Amsterdam.
  const clock = new TestClock('2026-09-07T08:00:00Z');
  const t = useTestApp({ clock });
  let caseId = '';
  let caseUrl = '';
  let taskId = '';
  let cancelId = '';
  /** A task of another case of the same team: never reachable through this case's path. */
  let otherCaseTask = '';
  let rotterdamTeam = '';
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
  /** A coordinator in Rotterdam's team: another region, so the Amsterdam case is not theirs to see. */
  async function rotterdamManager(name: string) {
    const user = await createUser(t.services, { role: 'nrm_coordinator', name });
    await t.database.db
      .insertInto('nrm_member')
      .values({ user_id: user.id, team_id: rotterdamTeam })
      .execute();
    return user;
  }
  async function addTask(id: string, title: string, ownerId: string, dueOn = '2026-09-10') {
    // A moment later than the last one, so the newest task of the case is this one.
    clock.advance(1000);
    await t.services.referrals.addTask(users.nrm_coordinator!, id, {
      version: (await caseRow(id)).version,
      title,
      ownerId,
      dueOn,
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
    cancelId = await addTask(caseId, CANCELLED, users.nrm_regional_lead!.id, '2026-09-09');
    clock.advance(60_000);
    const other = await t.services.referrals.submitSignal(users.nrm_professional!, signal);
    expect((await caseRow(other.id)).owner_team_id).toBe((await caseRow()).owner_team_id);
    otherCaseTask = await addTask(other.id, 'QZXOTHER taak van een andere zaak', users.nrm_coordinator!.id);
  });

  it('refuses an empty, blank or over-long title, a forged id, another case’s task, a stale form and those who may not, writing nothing', async () => {
    const coordinator = await agent('nrm_coordinator');
    const page = await coordinator.get(caseUrl);
    // The open task's rename and cancel forms, on the kit, with the title filled in.
    const url = `${caseUrl}/tasks/${taskId}/title`;
    expect(page.body).toContain(`action="${url}"`);
    expect(page.body).toContain(`action="${caseUrl}/tasks/${taskId}/cancel"`);
    expect(page.body).toContain(`id="task-title-${taskId}"`);
    expect(page.body).toContain(`value="${TASK}"`);
    const v = version(page.body);
    const before = await task();
    const otherBefore = await task(otherCaseTask);

    const empty = await coordinator.post(url, { version: v, title: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('samen-error-summary');
    expect(empty.body).toContain('Taak: Dit is verplicht.');
    // Refilled: the task's rename form open again.
    expect(empty.body).toMatch(/<details class="samen-details" open><summary>Titel wijzigen/);
    const blank = await coordinator.post(`/en${url}`, { version: v, title: '   \t ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('Task: This is required.');
    const long = await coordinator.post(url, { version: v, title: `QZXLONG ${'x'.repeat(200)}` });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('Taak: Hoogstens 200 tekens.');
    // Beyond what the form's schema takes at all: still a 400 on the case page, never a 500.
    const huge = await coordinator.post(url, { version: v, title: 'y'.repeat(5000) });
    expect(huge.statusCode).toBe(400);

    const stale = await coordinator.post(url, { version: String(Number(v) - 1), title: RENAMED });
    expect(stale.statusCode).toBe(409);
    for (const forged of [crypto.randomUUID(), 'not-a-uuid', otherCaseTask]) {
      const refused = await coordinator.post(`${caseUrl}/tasks/${forged}/title`, {
        version: v,
        title: RENAMED,
      });
      expect(refused.statusCode, forged).toBe(404);
    }

    const shelter = await agent('nrm_shelter');
    expect((await shelter.post(url, { version: v, title: RENAMED })).statusCode).toBe(403);
    // The case worker, a first-line professional of the owning team, works on the case but does not plan it.
    const worker = await createUser(t.services, {
      role: 'nrm_professional',
      name: 'Casewerker Zonder Beheer',
    });
    await t.database.db
      .insertInto('nrm_member')
      .values({ user_id: worker.id, team_id: (await caseRow()).owner_team_id })
      .execute();
    await t.services.referrals.assignCaseWorker(users.nrm_coordinator!, caseId, {
      version: (await caseRow()).version,
      workerId: worker.id,
    });
    const asWorker = await signIn(t, worker);
    const now = version((await coordinator.get(caseUrl)).body);
    expect((await asWorker.post(url, { version: now, title: RENAMED })).statusCode).toBe(403);
    const otherRegion = await signIn(t, await rotterdamManager('Rotterdam Hernoemer'));
    expect((await otherRegion.post(url, { version: now, title: RENAMED })).statusCode).toBe(404);

    expect(await task()).toEqual(before);
    expect(await task(otherCaseTask)).toEqual(otherBefore);
    expect(await events('task_renamed')).toHaveLength(0);
    expect(await audits('nrm.task.rename')).toHaveLength(0);
  });

  it('renames the task: sealed bound to the task, a step in the timeline, audited without either title', async () => {
    const coordinator = await agent('nrm_coordinator');
    let page = await coordinator.get(caseUrl);
    const before = await task();
    const renamed = await coordinator.post(`${caseUrl}/tasks/${taskId}/title`, {
      version: version(page.body),
      title: `  ${RENAMED}  `,
    });
    expect(renamed.statusCode).toBe(303);
    expect(renamed.headers.location).toContain('done=taskRenamed');
    const row = await task();
    expect(row.title_enc).toMatch(/^f1:/);
    expect(row.title_enc).not.toBe(before.title_enc);
    expect(row.title_enc).not.toContain('QZX');
    expect({ ...row, title_enc: before.title_enc }).toEqual(before);
    // Sealed bound to this task: it opens with the task's id, not another's.
    const open = (id: string) =>
      t.services.fieldCrypto.decryptField(row.title_enc!, fieldContext('nrm_task', 'title_enc', id));
    expect(open(taskId)).toBe(RENAMED);
    expect(() => open(otherCaseTask)).toThrow();
    page = await coordinator.get(caseUrl);
    expect(page.body).toContain(RENAMED);
    expect(page.body).not.toContain(TASK);
    expect(page.body).toContain('Titel van een taak gewijzigd');
    expect(await events('task_renamed')).toHaveLength(1);
    const audit = await audits('nrm.task.rename');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ task: taskId, unchanged: false });
    expect(JSON.stringify(audit[0])).not.toContain('QZX');
    expect(JSON.stringify(await events('task_renamed'))).not.toContain('QZX');
    // Its owner reads the new title on "waiting on me".
    const mine = (await (await agent('nrm_regional_lead')).get('/nvm/waiting?tab=me')).body;
    expect(mine).toContain(RENAMED);
    expect(mine).not.toContain(TASK);

    // The same title again: nothing to say in the timeline.
    const same = await coordinator.post(`${caseUrl}/tasks/${taskId}/title`, {
      version: version(page.body),
      title: RENAMED,
    });
    expect(same.statusCode).toBe(303);
    expect(await events('task_renamed')).toHaveLength(1);
    expect((await audits('nrm.task.rename')).at(-1)!.detail).toMatchObject({ task: taskId, unchanged: true });
  });

  it('refuses a cancellation without a reason or with an unknown one, a forged id, a stale form and those who may not, writing nothing', async () => {
    const coordinator = await agent('nrm_coordinator');
    const page = await coordinator.get(caseUrl);
    const url = `${caseUrl}/tasks/${cancelId}/cancel`;
    expect(page.body).toContain(`id="task-cancel-${cancelId}"`);
    expect(page.body).toContain('Elders of door een andere organisatie gedaan');
    const v = version(page.body);
    const before = await task(cancelId);

    const none = await coordinator.post(url, { version: v, cancelReason: '' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('samen-error-summary');
    expect(none.body).toContain('Reden van annuleren: Kies een van de mogelijkheden.');
    expect(none.body).toMatch(/<details class="samen-details" open><summary>Taak annuleren/);
    for (const reason of ['finished', 'NOT_NEEDED', ' duplicate-ish']) {
      const unknown = await coordinator.post(`/en${url}`, { version: v, cancelReason: reason });
      expect(unknown.statusCode, reason).toBe(400);
      expect(unknown.body).toContain('Reason for cancelling: Choose one of the options.');
    }
    // Longer than the form's schema takes: a 400 on the case page too, never a 500.
    expect((await coordinator.post(url, { version: v, cancelReason: 'x'.repeat(100) })).statusCode).toBe(400);
    const stale = await coordinator.post(url, { version: String(Number(v) - 1), cancelReason: 'not_needed' });
    expect(stale.statusCode).toBe(409);
    for (const forged of [crypto.randomUUID(), 'not-a-uuid', otherCaseTask]) {
      const refused = await coordinator.post(`${caseUrl}/tasks/${forged}/cancel`, {
        version: v,
        cancelReason: 'not_needed',
      });
      expect(refused.statusCode, forged).toBe(404);
    }
    const shelter = await agent('nrm_shelter');
    expect((await shelter.post(url, { version: v, cancelReason: 'not_needed' })).statusCode).toBe(403);
    const professional = await agent('nrm_professional');
    expect((await professional.post(url, { version: v, cancelReason: 'not_needed' })).statusCode).toBe(403);
    const otherRegion = await signIn(t, await rotterdamManager('Rotterdam Annuleerder'));
    expect((await otherRegion.post(url, { version: v, cancelReason: 'not_needed' })).statusCode).toBe(404);

    expect(await task(cancelId)).toEqual(before);
    expect((await task(otherCaseTask)).cancelled_at).toBeNull();
    expect(await events('task_cancelled')).toHaveLength(0);
    expect(await audits('nrm.task.cancel')).toHaveLength(0);
  });

  it('cancels the task: off both dashboards and the open work, on the case page with reason and date, never done', async () => {
    const lead = await agent('nrm_regional_lead');
    expect((await lead.get('/nvm/waiting?tab=me')).body).toContain(CANCELLED);
    expect((await (await agent('nrm_coordinator')).get('/nvm/waiting?tab=team')).body).toContain(CANCELLED);
    // Wednesday 9 September, 14:00: the day the task was due (signed in again: the sessions went idle).
    clock.set('2026-09-09T12:00:00Z');
    const coordinator = await agent('nrm_coordinator');
    let page = await coordinator.get(caseUrl);
    const cancelled = await coordinator.post(`${caseUrl}/tasks/${cancelId}/cancel`, {
      version: version(page.body),
      cancelReason: 'done_elsewhere',
    });
    expect(cancelled.statusCode).toBe(303);
    expect(cancelled.headers.location).toContain('done=taskCancelled');
    const row = await task(cancelId);
    expect(row.cancelled_at).toEqual(clock.read());
    expect(row.cancelled_by).toBe(users.nrm_coordinator!.id);
    expect(row.cancelled_reason).toBe('done_elsewhere');
    expect(row.done_at).toBeNull();
    expect(row.done_by).toBeNull();
    expect(await events('task_cancelled')).toHaveLength(1);
    const audit = await audits('nrm.task.cancel');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ task: cancelId, reason: 'done_elsewhere', due: '2026-09-09' });
    expect(JSON.stringify(audit[0])).not.toContain('QZX');

    // Off "waiting on me" and "waiting on my team"; the other open task stays on both.
    const mine = (await (await agent('nrm_regional_lead')).get('/nvm/waiting?tab=me')).body;
    expect(mine).not.toContain(CANCELLED);
    expect(mine).toContain(RENAMED);
    const team = (await coordinator.get('/nvm/waiting?tab=team')).body;
    expect(team).not.toContain(CANCELLED);
    expect(team).toContain(RENAMED);
    // Still on the case page, as cancelled with its reason and date, without forms; never as done.
    page = await coordinator.get(caseUrl);
    expect(page.body).toContain(CANCELLED);
    expect(page.body).toContain('Geannuleerd 9 sep');
    expect(page.body).toMatch(/Geannuleerd [^<]*: Elders of door een andere organisatie gedaan/);
    expect(page.body).toContain('Taak geannuleerd');
    expect(page.body).not.toContain(`action="${caseUrl}/tasks/${cancelId}/`);
    expect(page.body).not.toContain(`action="${caseUrl}/tasks/${cancelId}"`);
    expect(page.body).not.toContain('Gedaan 9 sep');
    const english = (await coordinator.get(`/en${caseUrl}`)).body;
    expect(english).toMatch(/Cancelled [^<]*: Done elsewhere or by another organisation/);

    // An ended task is not open work: done, renamed, changed or cancelled again, each a 409 that writes nothing.
    const v = version(page.body);
    const before = await task(cancelId);
    const tries = [
      coordinator.post(`${caseUrl}/tasks/${cancelId}/done`, {}),
      coordinator.post(`${caseUrl}/tasks/${cancelId}/title`, { version: v, title: RENAMED }),
      coordinator.post(`${caseUrl}/tasks/${cancelId}/cancel`, { version: v, cancelReason: 'duplicate' }),
      coordinator.post(`${caseUrl}/tasks/${cancelId}`, {
        version: v,
        ownerId: users.nrm_coordinator!.id,
        dueOn: '2026-09-20',
      }),
    ];
    for (const refused of tries) {
      const answer = await refused;
      expect(answer.statusCode).toBe(409);
    }
    expect(await task(cancelId)).toEqual(before);
    expect(await events('task_cancelled')).toHaveLength(1);
    expect(await events('task_done')).toHaveLength(0);
    expect(await audits('nrm.task.done')).toHaveLength(0);

    // A done task is not cancelled or renamed either.
    const doneId = await addTask(caseId, 'QZXDONE al gedaan', users.nrm_coordinator!.id, '2026-12-31');
    expect((await coordinator.post(`${caseUrl}/tasks/${doneId}/done`, {})).statusCode).toBe(303);
    const doneRow = await task(doneId);
    const fresh = version((await coordinator.get(caseUrl)).body);
    expect(
      (
        await coordinator.post(`${caseUrl}/tasks/${doneId}/cancel`, {
          version: fresh,
          cancelReason: 'duplicate',
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (await coordinator.post(`${caseUrl}/tasks/${doneId}/title`, { version: fresh, title: RENAMED }))
        .statusCode,
    ).toBe(409);
    expect(await task(doneId)).toEqual(doneRow);
    expect(await audits('nrm.task.cancel')).toHaveLength(1);
    expect(await audits('nrm.task.rename')).toHaveLength(2);

    // A transfer or merge takes the open tasks along, not the cancelled one (tried and rolled back).
    const moved = await t.database.db
      .transaction()
      .execute(async (trx) => {
        const ids = await moveOpenTasks(trx, { caseId }, { teamId: rotterdamTeam });
        throw Object.assign(new Error('roll back'), { ids });
      })
      .catch((e: { ids: string[] }) => e.ids);
    expect(moved).toEqual([taskId]);
    expect((await task(cancelId)).team_id).toBe(before.team_id);

    // Saturday 12 September: the cancelled task's day has passed, yet it is not overdue (no work waits on it).
    clock.set('2026-09-12T08:00:00Z');
    const later = (await (await agent('nrm_coordinator')).get(caseUrl)).body;
    const cancelledRow = new RegExp(
      `<tr[^>]*>(?:(?!</tr>)[\\s\\S])*${CANCELLED}(?:(?!</tr>)[\\s\\S])*</tr>`,
    ).exec(later)?.[0];
    expect(cancelledRow).toContain('Geannuleerd');
    expect(cancelledRow).not.toContain('Te laat');
  });

  it('refuses a manager of a team the case is only referred to (403), writing nothing', async () => {
    const coordinator = await agent('nrm_coordinator');
    const page = await coordinator.get(caseUrl);
    // A transfer to Rotterdam, not yet answered: its managers read the case but do not plan it.
    const referred = await coordinator.post(`${caseUrl}/refer`, {
      version: version(page.body),
      kind: 'transfer',
      toTeamId: rotterdamTeam,
      serviceType: 'coordination',
      reason: 'Verhuist mogelijk',
    });
    expect(referred.statusCode).toBe(303);
    const receiver = await signIn(t, await rotterdamManager('Rotterdam Ontvanger'));
    expect((await receiver.get(caseUrl)).statusCode).toBe(200);
    const v = String((await caseRow()).version);
    const before = await task();
    const rename = await receiver.post(`${caseUrl}/tasks/${taskId}/title`, {
      version: v,
      title: 'QZXTHEIRS',
    });
    expect(rename.statusCode).toBe(403);
    const cancel = await receiver.post(`${caseUrl}/tasks/${taskId}/cancel`, {
      version: v,
      cancelReason: 'not_needed',
    });
    expect(cancel.statusCode).toBe(403);
    expect(await task()).toEqual(before);
    expect(await events('task_renamed')).toHaveLength(1);
    expect(await events('task_cancelled')).toHaveLength(1);
    expect(await audits('nrm.task.rename')).toHaveLength(2);
    expect(await audits('nrm.task.cancel')).toHaveLength(1);
  });

  it('holds a task done or cancelled, never both, and a reason only from the list (migration 0034)', async () => {
    const db = t.database.db;
    const update = (set: Record<string, unknown>) =>
      db
        .updateTable('nrm_task')
        .set(set)
        .where('id', '=', taskId)
        .execute()
        .then(
          () => 'written',
          () => 'refused',
        );
    const before = await task();
    expect(await update({ cancelled_at: clock.read(), cancelled_reason: 'bored' })).toBe('refused');
    expect(await update({ cancelled_at: clock.read() })).toBe('refused');
    expect(await update({ cancelled_reason: 'duplicate' })).toBe('refused');
    expect(
      await update({ done_at: clock.read(), cancelled_at: clock.read(), cancelled_reason: 'duplicate' }),
    ).toBe('refused');
    expect(await task()).toEqual(before);
    // The dashboards' partial indexes leave cancelled tasks out, as done ones.
    const indexes = await sql<{ indexdef: string }>`
      select indexdef from pg_indexes
      where tablename = 'nrm_task' and indexname in ('nrm_task_owner_idx', 'nrm_task_team_idx')
    `.execute(db);
    expect(indexes.rows).toHaveLength(2);
    for (const { indexdef } of indexes.rows) expect(indexdef).toMatch(/cancelled_at IS NULL/);
  });
});
