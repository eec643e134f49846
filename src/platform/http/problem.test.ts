import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../i18n/index.js';
import { invalidParam, PROBLEM_TYPES, problemDetails } from './problem.js';

describe('problem details (RFC 9457)', () => {
  it('names each invalid parameter by its own name and where it was', () => {
    expect(invalidParam({ field: 'querystring.perPage', message: 'too big' })).toEqual({
      name: 'perPage',
      in: 'query',
      reason: 'too big',
    });
    expect(invalidParam({ field: 'params.id', message: 'x' })).toMatchObject({ name: 'id', in: 'path' });
    expect(invalidParam({ field: 'body.services.3.name', message: 'x' })).toMatchObject({
      name: 'services.3.name',
      in: 'body',
    });
    expect(invalidParam({ field: 'headers.x-csrf-token', message: 'x' })).toMatchObject({ in: 'header' });
    // A field the service layer names without a location stays as it is, with no guessed location.
    expect(invalidParam({ field: 'municipality', message: 'x' })).toEqual({
      name: 'municipality',
      reason: 'x',
    });
  });

  it('has the members the API Design Rules require, and the earlier form beside them', () => {
    const problem = problemDetails({
      origin: 'https://samen.example.nl',
      status: 400,
      code: 'bad_request',
      title: 'Bad input',
      message: 'Something is wrong',
      fields: [
        { field: 'querystring.q', message: 'is too long' },
        { field: 'params.code', message: 'has the wrong form' },
      ],
      path: '/api/v1/x',
    });
    expect(problem).toEqual({
      type: 'https://samen.example.nl/api/docs#problem-bad_request',
      title: 'Bad input',
      status: 400,
      detail: 'Something is wrong: q is too long; code has the wrong form.',
      instance: '/api/v1/x',
      code: 'bad_request',
      invalidParams: [
        { name: 'q', in: 'query', reason: 'is too long' },
        { name: 'code', in: 'path', reason: 'has the wrong form' },
      ],
      error: {
        code: 'bad_request',
        message: 'Something is wrong',
        fields: [
          { field: 'querystring.q', message: 'is too long' },
          { field: 'params.code', message: 'has the wrong form' },
        ],
      },
    });
  });

  it('has a title in every language for every problem type', () => {
    for (const { code } of LOCALES) {
      const messages = JSON.parse(
        readFileSync(new URL(`../locales/${code}.json`, import.meta.url), 'utf8'),
      ) as Record<string, string>;
      for (const [type, { title }] of Object.entries(PROBLEM_TYPES))
        expect(messages[title], `${code} ${type}`).toBeTruthy();
    }
  });
});
