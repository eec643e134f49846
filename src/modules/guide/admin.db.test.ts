// Routing rules as data, managed by an admin: only admins get in; a draft is checked and tried without changing
// anything for visitors; publishing needs a note, refuses invalid rules with their paths and a stale base with a
// 409; every publish and rollback is audited and takes effect at once.
import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.js';
import { createUser, signIn, type Agent } from '../../../test/auth.js';
import { describeDb } from '../../../test/db-suite.js';
import { BUNDLED_RULES_FILE } from './service.js';

const bundled = readFileSync(BUNDLED_RULES_FILE, 'utf8');
/** The bundled rules with Meld Misdaad Anoniem no longer kept in every result. */
const withoutAnonymousAlways = bundled.replace(
  /(- id: always-anonymous[\s\S]*?)score: 2\n {4}always: true\n/,
  '$1score: 0\n',
);

describeDb('routing rules admin', () => {
  const t = useTestApp();
  let admin: Agent;

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    admin = await signIn(t, await createUser(t.services, { role: 'admin' }));
  });

  const advice = async (query: string) =>
    (await t.app.inject({ method: 'GET', url: `/api/v1/guide/advice${query}` })).json() as {
      desks: { name: string }[];
      ruleSetVersion: string;
    };

  it('is for admins only: stewards are refused and visitors sent to sign in', async () => {
    const steward = await signIn(t, await createUser(t.services, { role: 'directory_steward' }));
    expect((await steward.get('/admin/guide')).statusCode).toBe(403);
    const visitor = await t.app.inject({
      method: 'GET',
      url: '/admin/guide',
      headers: { accept: 'text/html' },
    });
    expect(visitor.statusCode).toBe(303);
    expect(visitor.headers.location).toMatch(/^\/login\?next=/);
  });

  it('shows the active rules and their versions', async () => {
    const res = await admin.get('/admin/guide');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('always-112');
    expect(res.body).toContain('Versie 1');
  });

  it('tries a draft on any answers and shows the ranked desks with the rules that fired, changing nothing', async () => {
    await admin.get('/admin/guide/edit');
    const res = await admin.post('/admin/guide/try', {
      source: withoutAnonymousAlways,
      based_on: '1',
      note: '',
      audience: 'self',
      form: ['labour'],
      municipality: 'GM0599',
      minor: 'no',
      need: ['police'],
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Uitkomst van het concept');
    expect(res.body).toContain('labour-report');
    expect(res.body).toContain('Nederlandse Arbeidsinspectie');
    expect((await advice('?audience=self&form=labour')).ruleSetVersion).toBe('1');
  });

  it('reports an invalid draft with where the problem is, and publishes nothing', async () => {
    await admin.get('/admin/guide/edit');
    const res = await admin.post('/admin/guide/publish', {
      source: bundled.replace('select: { need: [acute_danger] }', 'select: { need: [acute_dangr] }'),
      based_on: '1',
      note: 'typo',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('rules[0].select.need[0]');
    expect(res.body).toContain('“acute_dangr” is geen term');
    const noNote = await admin.post('/admin/guide/publish', { source: bundled, based_on: '1', note: ' ' });
    expect(noNote.statusCode).toBe(400);
    expect((await advice('')).ruleSetVersion).toBe('1');
  });

  it('attack: a note over its limit or a version that is not a number never reaches publishing; the editor comes back filled', async () => {
    await admin.get('/admin/guide/edit');
    const res = await admin.post('/admin/guide/publish', {
      source: bundled,
      based_on: '1x',
      note: `${'lang '.repeat(100)}!`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('note</span>: mag hoogstens 500 tekens lang zijn');
    expect(res.body).toContain('based_on</span>: heeft niet de juiste vorm');
    // The editor is filled again with what was posted.
    expect(res.body).toContain('always-112');
    expect((await advice('')).ruleSetVersion).toBe('1');
  });

  it('publishes a new version that takes effect at once, audited, and refuses a publish based on an old version', async () => {
    expect((await advice('?audience=professional')).desks.some((d) => d.name.includes('Meld Misdaad'))).toBe(
      true,
    );
    await admin.get('/admin/guide/edit');
    const res = await admin.post('/admin/guide/publish', {
      source: withoutAnonymousAlways,
      based_on: '1',
      note: 'Meld Misdaad Anoniem only when an anonymous tip is asked for',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/guide?published=2');
    const after = await advice('?audience=professional');
    expect(after.ruleSetVersion).toBe('2');
    expect(after.desks.some((d) => d.name.includes('Meld Misdaad'))).toBe(false);

    await admin.get('/admin/guide/edit');
    const stale = await admin.post('/admin/guide/publish', { source: bundled, based_on: '1', note: 'late' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Versie 2 is gepubliceerd');

    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'entity_id'])
      .where('action', 'like', 'guide.rules.%')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'guide.rules.install', entity_id: '1' },
      { action: 'guide.rules.publish', entity_id: '2' },
    ]);
  });

  it('rolls back by activating an earlier version, audited', async () => {
    await admin.get('/admin/guide');
    const res = await admin.post('/admin/guide/versions/1/activate', {});
    expect(res.statusCode).toBe(303);
    expect((await advice('')).ruleSetVersion).toBe('1');
    const page = await admin.get('/admin/guide/versions/2');
    expect(page.body).toContain('Meld Misdaad Anoniem only when');
    expect((await admin.post('/admin/guide/versions/99/activate', {})).statusCode).toBe(404);
    const last = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'entity_id', 'detail'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'guide.rules.activate', entity_id: '1' });
  });

  it('refuses a form post without the CSRF token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/guide/publish',
      payload: 'source=x&note=y&based_on=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(403);
  });
});
