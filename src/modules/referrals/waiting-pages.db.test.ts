// The dashboards page (issue 20, point 3): each list of "waiting on me" and "waiting on my team" shows 25 rows a
// page, the next page reached by a link that keeps the other lists where they were; every row is on exactly one
// page; a page number that is not a whole number from 1 is a 400 naming the list in the reader's language, with
// nothing audited; a page past the end says so instead of "nothing waits"; each page read is audited with the
// page and the references it showed.
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { signIn } from '../../../test/auth.js';
import { TestClock, useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { loadReferralDemo } from '../../cli/seed.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.js';

const account = (role: string) => {
  const a = DEMO_ACCOUNTS.find((x) => x.role === role)!;
  return { email: a.email, password: DEMO_PASSWORD, totpSecret: a.totp };
};
const TASKS = 30;
const title = (i: number) => `QZXPAGE-${String(i).padStart(2, '0')}`;
const titlesIn = (body: string) => body.match(/QZXPAGE-\d\d/g) ?? [];
const unescape = (href: string) => href.replaceAll('&amp;', '&');
/** The href of a list's previous or next link, in the navigation that list's label names. */
function link(body: string, label: string, rel: 'prev' | 'next'): string | undefined {
  const nav = new RegExp(`<nav class="samen-pagination" aria-label="${label}">([\\s\\S]*?)</nav>`).exec(
    body,
  )?.[1];
  const href = nav && new RegExp(`rel="${rel}" href="([^"]+)"`).exec(nav)?.[1];
  return href ? unescape(href) : undefined;
}

describeDb('dashboard pages', () => {
  // Monday 7 September 2026, 10:00 in Amsterdam.
  const clock = new TestClock('2026-09-07T08:00:00Z');
  const t = useTestApp({ clock });
  const audits = () =>
    t.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'nrm.waiting.read')
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    await loadReferralDemo(t.services);
    const coordinator = await t.database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', account('nrm_coordinator').email)
      .executeTakeFirstOrThrow();
    const team = await t.database.db
      .selectFrom('nrm_member')
      .select('team_id')
      .where('user_id', '=', coordinator.id)
      .executeTakeFirstOrThrow();
    const open = await t.database.db
      .selectFrom('nrm_case')
      .select('id')
      .where('owner_team_id', '=', team.team_id)
      .where('status', '<>', 'closed')
      .executeTakeFirstOrThrow();
    // Thirty open tasks the coordinator owns, due on three days (ties broken by creation, then id).
    await t.database.db
      .insertInto('nrm_task')
      .values(
        Array.from({ length: TASKS }, (_, i) => {
          const id = randomUUID();
          return {
            id,
            case_id: open.id,
            team_id: team.team_id,
            title_enc: t.services.referrals.sealing.seal('nrm_task', 'title_enc', id, title(i)),
            owner_user_id: coordinator.id,
            due_on: `2026-09-${String(10 + (i % 3)).padStart(2, '0')}`,
            created_at: new Date(clock.read().getTime() + i * 1000),
            created_by: coordinator.id,
          };
        }),
      )
      .execute();
  });

  it('shows 25 tasks a page, each task on exactly one page, the other lists kept where they were', async () => {
    const coordinator = await signIn(t, account('nrm_coordinator'));
    const first = await coordinator.get('/nvm/waiting');
    expect(first.statusCode).toBe(200);
    const onFirst = titlesIn(first.body);
    expect(onFirst).toHaveLength(25);
    // The caption says which of the tasks these are, never that there are 25.
    expect(first.body).toContain('Open taken 1 tot en met 25, op uiterste datum');
    expect(first.body).not.toContain('25 open taken');
    expect(link(first.body, 'Pagina&#39;s: taken', 'prev')).toBeUndefined();
    const next = link(first.body, 'Pagina&#39;s: taken', 'next');
    expect(next).toBe('/nvm/waiting?tasks=2');
    // The cases list has one page: no navigation for it.
    expect(first.body).not.toContain('aria-label="Pagina&#39;s: zaken waaraan u werkt"');

    const second = await coordinator.get(next!);
    expect(second.statusCode).toBe(200);
    const onSecond = titlesIn(second.body);
    expect(onSecond).toHaveLength(TASKS - 25);
    expect(second.body).toContain('Open taken 26 tot en met 30, op uiterste datum');
    expect(new Set([...onFirst, ...onSecond]).size).toBe(TASKS);
    expect(link(second.body, 'Pagina&#39;s: taken', 'next')).toBeUndefined();
    expect(link(second.body, 'Pagina&#39;s: taken', 'prev')).toBe('/nvm/waiting');
    expect(second.body).toContain('<span aria-current="page">Pagina 2</span>');

    // Audited with the page and the references it showed.
    const read = (await audits()).at(-1)!;
    expect(read.detail).toMatchObject({ tab: 'me', pages: ['tasks:2'] });

    // The team's list pages the same way, its links keeping the tab.
    const team = await coordinator.get('/nvm/waiting?tab=team');
    expect(titlesIn(team.body)).toHaveLength(25);
    expect(link(team.body, 'Pagina&#39;s: taken', 'next')).toBe('/nvm/waiting?tab=team&tasks=2');
    const teamSecond = await coordinator.get('/nvm/waiting?tab=team&tasks=2&referrals=1');
    expect(titlesIn(teamSecond.body)).toHaveLength(TASKS - 25);
  });

  it('says a page past the end is empty, not that nothing waits, and links back', async () => {
    const coordinator = await signIn(t, account('nrm_coordinator'));
    const past = await coordinator.get('/nvm/waiting?tasks=7');
    expect(past.statusCode).toBe(200);
    expect(titlesIn(past.body)).toHaveLength(0);
    expect(past.body).toContain('Deze pagina van de lijst is leeg');
    expect(link(past.body, 'Pagina&#39;s: taken', 'prev')).toBe('/nvm/waiting?tasks=6');
  });

  it('refuses a page that is not a whole number from 1, naming the list, in nl and en, with nothing audited', async () => {
    const coordinator = await signIn(t, account('nrm_coordinator'));
    const before = (await audits()).length;
    for (const query of [
      'tasks=0',
      'tasks=abc',
      'cases=-1',
      'referrals=1.5',
      'tab=team&unassigned=99999',
      'tasks=12345678901',
    ]) {
      const response = await coordinator.get(`/nvm/waiting?${query}`);
      expect(response.statusCode, query).toBe(400);
      if (!query.startsWith('tasks=123'))
        expect(response.body, query).toContain('Kies een paginanummer vanaf 1.');
    }
    const english = await coordinator.get('/en/nvm/waiting?tasks=0');
    expect(english.statusCode).toBe(400);
    expect(english.body).toContain('Choose a page number from 1.');
    expect((await audits()).length).toBe(before);
  });
});
