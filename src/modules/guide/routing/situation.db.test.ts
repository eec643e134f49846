// The situation answer on the age question: links that set it (and replace it when the age is answered again),
// the result and the API that honour it, and a 400 naming it when it is manipulated.
import { beforeAll, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { describeDb } from '../../../../test/db-suite.js';

describeDb('the situation answer', () => {
  const t = useTestApp();
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { 'accept-language': 'nl' } });

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
  });

  it('is offered on the age question without adding a step', async () => {
    const res = await get('/guide/age?audience=self&form=sexual&danger=no&municipality=GM0599');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Vraag 5 van 6');
    expect(res.body).toContain(
      'href="/guide/need?audience=self&amp;form=sexual&amp;danger=no&amp;municipality=GM0599&amp;minor=yes&amp;situation=unaccompanied"',
    );
    expect(res.body).toContain(
      'href="/guide/need?audience=self&amp;form=sexual&amp;danger=no&amp;municipality=GM0599&amp;minor=no&amp;situation=asylum"',
    );
    // Answering the age again from a link that carried a situation replaces it.
    const again = await get('/guide/age?audience=self&municipality=GM0599&minor=yes&situation=unaccompanied');
    expect(again.body).toContain('href="/guide/need?audience=self&amp;municipality=GM0599&amp;minor=no"');
    expect(again.body).toMatch(/situation=unaccompanied"[^>]*aria-current="true"/);
  });

  it('brings Nidos for an unaccompanied minor and COA for someone in asylum reception, on the page and in the API', async () => {
    const minor = await get(
      '/guide/result?audience=self&form=sexual&municipality=GM0599&minor=yes&situation=unaccompanied&need=shelter',
    );
    expect(minor.body).toContain('Nidos');
    expect(minor.body).toContain('zonder ouders in Nederland');
    const plain = await get(
      '/guide/result?audience=self&form=sexual&municipality=GM0599&minor=yes&need=shelter',
    );
    expect(plain.body).not.toContain('Nidos');
    const api = await get(
      '/api/v1/guide/advice?audience=self&form=sexual&minor=no&need=rights&situation=asylum',
    );
    expect(
      api
        .json()
        .desks.map((d: { name: string }) => d.name)
        .join('|'),
    ).toContain('COA');
    const none = await get('/api/v1/guide/advice?audience=self&form=sexual&minor=no&need=rights');
    expect(
      none
        .json()
        .desks.map((d: { name: string }) => d.name)
        .join('|'),
    ).not.toContain('COA');
  });

  it('refuses an unknown or repeated situation with a 400 naming it', async () => {
    const api = await get('/api/v1/guide/advice?situation=tourist');
    expect(api.statusCode).toBe(400);
    expect(api.json().error.fields.map((f: { field: string }) => f.field)).toContain('querystring.situation');
    const page = await get('/guide/result?situation=asylum&situation=unaccompanied');
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('situation');
  });
});
