import formbody from '@fastify/formbody';
import { Type } from '@sinclair/typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { I18n } from '../i18n/index.js';
import type { FieldProblem } from './errors.js';
import { AJV_OPTIONS, digitsParam, FormField, formBody, formPost, postedValues } from './form-schema.js';
import webPlugin from './web.js';

const i18n = new I18n();
const FORM = 'application/x-www-form-urlencoded';

/** A form with each kind of field; `invalid` shows what it was given, the handler what it accepted. */
async function formApp(): Promise<{ app: FastifyInstance; handled: unknown[] }> {
  const app = Fastify({ logger: false, ajv: { customOptions: { ...AJV_OPTIONS } } });
  await app.register(formbody);
  await app.register(webPlugin, { i18n });
  const handled: unknown[] = [];
  const body = formBody({
    title: FormField.text(20, { required: true }),
    kind: FormField.choice(['consult', 'signal'] as const, { allowEmpty: true }),
    needs: FormField.list({ maxItems: 3, values: ['shelter', 'care', 'legal', 'work'] }),
    count: FormField.digits(4),
  });
  app.post(
    '/items/:id',
    formPost(
      {
        body,
        params: Type.Object({ id: digitsParam(6) }),
        invalid: (request, reply, problems: FieldProblem[]) =>
          reply.code(400).send({
            values: postedValues(request),
            problems,
            summary: problems.map((p) => `${p.field}: ${request.t(p.key, p.params)}`),
          }),
      },
      async (request) => {
        handled.push({ id: request.params.id, ...request.body });
        return { ok: true, needs: request.body.needs ?? [] };
      },
    ),
  );
  await app.ready();
  return { app, handled };
}

describe('form schemas', () => {
  let app: FastifyInstance;
  let handled: unknown[];
  beforeAll(async () => ({ app, handled } = await formApp()));
  afterAll(() => app.close());

  const post = (payload: string, url = '/items/7', lang = 'en') =>
    app.inject({ method: 'POST', url, payload, headers: { 'content-type': FORM, 'accept-language': lang } });

  it('hands a valid form to the handler; one ticked checkbox arrives as a list like several do', async () => {
    const one = await post('title=Hello&kind=signal&needs=care&count=12');
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual({ ok: true, needs: ['care'] });
    const several = await post('title=Hello&kind=&needs=care&needs=legal');
    expect(several.json()).toEqual({ ok: true, needs: ['care', 'legal'] });
    const none = await post('title=Hello');
    expect(none.json()).toEqual({ ok: true, needs: [] });
  });

  it('attack: a too long text, a forged choice and a fourth checkbox never reach the handler; the form is refilled', async () => {
    const before = handled.length;
    const response = await post(
      `title=${'x'.repeat(21)}&kind=admin&needs=care&needs=legal&needs=work&needs=shelter&count=1`,
    );
    expect(response.statusCode).toBe(400);
    expect(handled).toHaveLength(before);
    const { values, problems, summary } = response.json();
    expect(values).toEqual({
      title: 'x'.repeat(21),
      kind: 'admin',
      needs: ['care', 'legal', 'work', 'shelter'],
      count: '1',
    });
    expect(problems).toEqual([
      { field: 'title', key: 'errors.validation.maxLength', params: { limit: 20 } },
      { field: 'kind', key: 'errors.validation.choice' },
      { field: 'needs', key: 'errors.validation.maxItems', params: { limit: 3 } },
    ]);
    expect(summary).toEqual([
      'title: must be at most 20 characters long',
      'kind: is not one of the choices offered',
      'needs: may contain at most 3 items',
    ]);
  });

  it('names the problems in the user’s language, never Ajv’s words', async () => {
    const response = await post('title=ok&needs=care&needs=forged&needs=forged2', '/items/7', 'nl');
    expect(response.statusCode).toBe(400);
    expect(response.json().summary).toEqual(['needs: is niet een van de aangeboden keuzes']);
  });

  it('attack: an empty post and a post without any body are empty forms (400 naming the required field), not a 500', async () => {
    for (const payload of ['', undefined]) {
      const response = await app.inject({
        method: 'POST',
        url: '/items/7',
        headers: { 'accept-language': 'en', ...(payload === undefined ? {} : { 'content-type': FORM }) },
        ...(payload === undefined ? {} : { payload }),
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().problems).toEqual([{ field: 'title', key: 'errors.validation.required' }]);
    }
  });

  it('attack: a text field sent twice is refused, not silently cut to one of its values', async () => {
    const response = await post('title=a&title=b');
    expect(response.statusCode).toBe(400);
    expect(response.json().summary).toEqual(['title: was sent more than once']);
  });

  it('attack: an empty number is not taken as 0, and letters are not a number', async () => {
    expect((await post('title=a&count=')).statusCode).toBe(200);
    expect(handled.at(-1)).toMatchObject({ count: '' });
    const letters = await post('title=a&count=1e3');
    expect(letters.statusCode).toBe(400);
    expect(letters.json().problems).toEqual([{ field: 'count', key: 'errors.validation.pattern' }]);
  });

  it('attack: a bad path parameter is not the form’s fault: the error handler answers 400 naming it', async () => {
    const before = handled.length;
    const response = await post('title=a', '/items/abc');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().invalidParams).toEqual([
      { name: 'id', in: 'path', reason: 'does not have the right form' },
    ]);
    expect(handled).toHaveLength(before);
  });
});
