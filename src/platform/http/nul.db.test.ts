// NUL characters (issue 16): every route of the app, fuzzed with %00 in its path parameters, its query and its
// form body, answers below 500 on both engines; a NUL gets a 400 naming the field, in the user's language.
import { beforeAll, expect, it } from 'vitest';
import { signIn, createUser, type Agent } from '../../../test/auth.js';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';

/** Every (method, path) of the app, from Fastify's route tree (printRoutes). */
function routesOf(tree: string): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (.+?) \(([A-Z, ]+)\)$/.exec(line.replace(/\u00a0/g, ' '));
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const parent = depth === 0 ? '' : stack[depth - 1]!;
    const path = parent === '/' ? `/${match[2]}` : `${parent}${match[2]}`;
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of match[3]!.split(', ')) if (method !== 'HEAD') out.push({ method, path });
  }
  return out;
}

describeDb('NUL characters in input', () => {
  const t = useTestApp({ mailTransport: null });
  let admin: Agent;

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    admin = await signIn(t, await createUser(t.services, { role: 'admin' }));
  });

  it('finds the routes to fuzz', () => {
    const routes = routesOf(t.app.printRoutes({ commonPrefix: false }));
    expect(routes.length).toBeGreaterThan(100);
    expect(routes).toContainEqual({ method: 'GET', path: '/directory' });
    expect(routes).toContainEqual({ method: 'POST', path: '/nvm/cases/:id/referrals/:rid/respond' });
  });

  it('answers every route below 500 with %00 in path, query and form fields, and 400 where it reaches a field', async () => {
    const routes = routesOf(t.app.printRoutes({ commonPrefix: false }));
    // Every field name any page of the app shows (as the admin sees them), each sent with a NUL in it.
    const names = new Set(['name', 'q', 'title', 'email']);
    for (const { method, path } of routes) {
      if (method !== 'GET' || path.includes(':')) continue;
      const page = await admin.get(path);
      for (const m of page.body.matchAll(/<(?:input|textarea|select)[^>]*\sname="([^"]+)"/g))
        if (m[1] !== '_csrf') names.add(m[1]!);
    }
    const poisoned = Object.fromEntries([...names].map((n) => [n, 'a\u0000b']));
    const failures: string[] = [];
    for (const { method, path } of routes) {
      if (path === '/logout') continue;
      const withNulParams = path.replace(/:[A-Za-z]+/g, 'a%00b');
      const withPlainParams = path.replace(/:[A-Za-z]+/g, '1');
      // One query field at a time, so that a bad `page` does not hide what `q` would do.
      const queries = ['q', 'name', 'municipality', 'page', 'next', 'step', 'category'].map(
        (f) => `?${f}=a%00b`,
      );
      const attempts =
        method === 'GET'
          ? [admin.get(withNulParams), ...queries.map((q) => admin.get(withPlainParams + q))]
          : [
              admin.post(withNulParams, { name: 'x' }),
              admin.post(withPlainParams + queries[0], { name: 'x' }),
              admin.post(withPlainParams, poisoned),
            ];
      for (const [i, attempt] of attempts.entries()) {
        const res = await attempt;
        if (res.statusCode >= 500) failures.push(`${method} ${path} (#${i}): ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('GET /directory?q=%00 is a 400 naming q, in Dutch, in English and as JSON', async () => {
    const nl = await t.app.inject({ url: '/directory?q=%00', headers: { accept: 'text/html' } });
    expect(nl.statusCode).toBe(400);
    expect(nl.body).toContain('query.q');
    expect(nl.body).toContain('bevat een NUL-teken');
    const en = await t.app.inject({ url: '/en/directory?q=ab%00', headers: { accept: 'text/html' } });
    expect(en.statusCode).toBe(400);
    expect(en.body).toContain('contains a NUL character');
    const api = await t.app.inject({ url: '/api/v1/services?q=%00' });
    expect(api.statusCode).toBe(400);
    expect(api.json()).toMatchObject({ error: { code: 'bad_request', fields: [{ field: 'query.q' }] } });
  });

  it('a NUL in a JSON body is a 400 naming its path', async () => {
    const professional = await signIn(t, await createUser(t.services, { role: 'nrm_professional' }));
    await professional.get('/nvm/signal');
    const res = await professional.postJson('/nvm/signal', { summary: 'x', person: { name: 'a\u0000' } });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('body.person.name');
  });

  it('leaves other input alone', async () => {
    const res = await t.app.inject({ url: '/directory?q=%2500', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
  });
});
