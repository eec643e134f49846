// The demo's case work (issue 20) as a fresh start shows it, and what the queue and "waiting on my team" say of
// identification decisions: per case the next decision due (type, date, overdue in words) and the one decided
// last (outcome, by which role and team); the team's cases without a case worker with their decisions due. Only
// the owning team's queue says it (not the professional's own signals, not a shelter's list).
import { beforeAll, expect, it } from 'vitest';
import { signIn } from '../../../test/auth.js';
import { TestClock, useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { loadCaseWorkDemoFor, loadReferralDemo } from '../../cli/seed.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.js';

const account = (role: string) => {
  const a = DEMO_ACCOUNTS.find((x) => x.role === role)!;
  return { email: a.email, password: DEMO_PASSWORD, totpSecret: a.totp };
};
/** The queue's or a table's row that links to this case. */
const rowOf = (body: string, caseId: string) =>
  [...body.matchAll(/<tr[\s>][\s\S]*?<\/tr>/g)]
    .map((m) => m[0])
    .find((r) => r.includes(`/nvm/cases/${caseId}"`)) ?? '';
/** A section of a page from its heading to the next heading of the same level. */
const sectionOf = (body: string, heading: string) => {
  const start = body.indexOf(`${heading}</h2>`);
  if (start < 0) return '';
  const end = body.indexOf('<h2', start);
  return body.slice(start, end < 0 ? undefined : end);
};

describeDb('the case work demo, the queue’s decisions and the team’s decisions due', () => {
  // Monday 7 September 2026, 10:00 in Amsterdam.
  const clock = new TestClock('2026-09-07T08:00:00Z');
  const t = useTestApp({ clock, mailTransport: null });
  const cases: Record<'waiting' | 'decided' | 'second', { id: string; reference: string }> = {} as never;
  let teamName = '';

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    await loadReferralDemo(t.services);
    expect(await loadCaseWorkDemoFor(t.services)).toEqual({ cases: 2, tasks: 4 });
    const rows = await t.database.db
      .selectFrom('nrm_case as c')
      .innerJoin('nrm_person as p', 'p.case_id', 'c.id')
      .innerJoin('nrm_team as tm', 'tm.id', 'c.owner_team_id')
      .select(['c.id', 'c.reference', 'c.case_worker_id', 'tm.name', 'c.municipality_code'])
      .where('tm.kind', '=', 'care_coordination')
      .orderBy('c.reference')
      .execute();
    expect(rows).toHaveLength(3);
    const decided = await t.database.db.selectFrom('nrm_decision').select('case_id').execute();
    expect(decided).toHaveLength(1);
    cases.decided = rows.find((r) => r.id === decided[0]!.case_id)!;
    cases.waiting = rows.find((r) => r.case_worker_id === null)!;
    cases.second = rows.find((r) => r.id !== cases.decided.id && r.id !== cases.waiting.id)!;
    teamName = rows[0]!.name;
  });

  it('gives two demo cases a case worker and a case plan whose tasks all have an owner and a due date, one overdue', async () => {
    const tasks = await t.database.db.selectFrom('nrm_task').selectAll().execute();
    expect(tasks).toHaveLength(4);
    expect(tasks.every((x) => x.owner_user_id && x.due_on && x.title_enc?.startsWith('f1:'))).toBe(true);
    expect(tasks.filter((x) => x.due_on < '2026-09-07')).toHaveLength(1);
    const coordinator = await signIn(t, account('nrm_coordinator'));
    const mine = await coordinator.get('/nvm/waiting');
    expect(mine.statusCode).toBe(200);
    expect(rowOf(mine.body, cases.decided.id)).toContain('Slachtoffer (doorslaggevende gronden)');
    const overdue = [...mine.body.matchAll(/<tr[\s>][\s\S]*?<\/tr>/g)]
      .map((m) => m[0])
      .find((r) => r.includes('Intakegesprek met tolk'));
    expect(overdue).toContain('Te laat');
    const lead = await signIn(t, account('nrm_regional_lead'));
    expect((await lead.get('/nvm/waiting')).body).toContain('Advocaat strafrecht zoeken voor de aangifte');
  });

  it('shows in the queue what was decided last, by which role and team, and the next decision due', async () => {
    const coordinator = await signIn(t, account('nrm_coordinator'));
    const queue = await coordinator.get('/nvm');
    expect(queue.body).toContain('scope="col">Volgende beslissing</th>');
    expect(queue.body).toContain('scope="col">Laatst beslist</th>');
    const decided = rowOf(queue.body, cases.decided.id);
    expect(decided).toMatch(
      new RegExp(
        `Vermoedelijk slachtoffer \\(redelijke gronden\\): Ja \\(positief\\), door Regionaal zorgcoördinator, ${teamName.replace(/[()]/g, '\\$&')}, `,
      ),
    );
    // Thirty working days after the decision: 19 October 2026.
    expect(decided).toMatch(/Slachtoffer \(doorslaggevende gronden\), uiterlijk 19 okt/);
    expect(decided).not.toContain('Te laat');
    const waiting = rowOf(queue.body, cases.waiting.id);
    expect(waiting).toContain('Nog niets beslist');
    expect(waiting).toMatch(/Vermoedelijk slachtoffer \(redelijke gronden\), uiterlijk 14 sep/);
    const english = await coordinator.get('/en/nvm');
    expect(rowOf(english.body, cases.decided.id)).toMatch(
      /Presumed victim \(reasonable grounds\): Yes \(positive\), by Regional care coordinator, /,
    );
    expect(rowOf(english.body, cases.waiting.id)).toContain('Nothing decided yet');
    // Not the professional's own signals (the stage only), not a shelter's list.
    const professional = await signIn(t, account('nrm_professional'));
    const own = await professional.get('/nvm');
    expect(own.body).toContain(cases.decided.reference);
    expect(own.body).not.toContain('Volgende beslissing');
    expect(own.body).not.toContain('redelijke gronden');
  });

  it('lists the decisions due on the team’s cases without a case worker, and only those', async () => {
    const coordinator = await signIn(t, account('nrm_coordinator'));
    const team = await coordinator.get('/nvm/waiting?tab=team');
    const section = sectionOf(team.body, 'Beslissingen open bij zaken zonder casemanager');
    expect(section).toContain(cases.waiting.reference);
    expect(rowOf(section, cases.waiting.id)).toContain('Vermoedelijk slachtoffer (redelijke gronden)');
    expect(rowOf(section, cases.waiting.id)).not.toContain('Te laat');
    // The second demo case has its decision due too, but a case worker: it waits on them, not on the team.
    expect(section).not.toContain(cases.second.reference);
    expect(section).not.toContain(cases.decided.reference);
  });

  it('marks a decision overdue in words once its day has passed on the app’s clock', async () => {
    clock.set('2026-09-14T08:01:00Z');
    const coordinator = await signIn(t, account('nrm_coordinator'));
    const team = await coordinator.get('/nvm/waiting?tab=team');
    const section = sectionOf(team.body, 'Beslissingen open bij zaken zonder casemanager');
    expect(rowOf(section, cases.waiting.id)).toContain('Te laat');
    const queue = await coordinator.get('/nvm');
    expect(rowOf(queue.body, cases.waiting.id)).toMatch(
      /Te laat<\/span> Vermoedelijk slachtoffer \(redelijke gronden\), uiterlijk 14 sep/,
    );
    expect(rowOf(queue.body, cases.decided.id)).not.toContain('Te laat');
  });
});
