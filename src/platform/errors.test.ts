// Domain errors carry no HTTP; the platform's one mapping turns each kind into its status, keeping the message
// key and the fields, so a module can throw NotFound or Conflict and still answer as it always did.
import { describe, expect, it } from 'vitest';
import { Conflict, Forbidden, invalid, NotFound, Refused, Unavailable, ValidationFailed } from './errors.js';
import { HttpError, httpErrorOf } from './http/errors.js';

describe('domain errors mapped to HTTP in one place', () => {
  it('maps not found, forbidden, conflict and invalid input to 404, 403, 409 and 400', () => {
    expect(httpErrorOf(new NotFound())).toMatchObject({
      statusCode: 404,
      code: 'not_found',
      messageKey: 'errors.notFound',
    });
    expect(httpErrorOf(new Forbidden('monitor.error.notYourAction'))).toMatchObject({
      statusCode: 403,
      code: 'forbidden',
      messageKey: 'monitor.error.notYourAction',
    });
    const conflict = new Conflict('monitor.error.unreviewed', [{ field: 'round', key: 'x' }], 'round_busy');
    expect(httpErrorOf(conflict)).toMatchObject({
      statusCode: 409,
      code: 'round_busy',
      fields: [{ field: 'round' }],
    });
    expect(httpErrorOf(new Conflict())).toMatchObject({ statusCode: 409, code: 'conflict' });
    expect(httpErrorOf(invalid('deadline', 'monitor.error.date'))).toMatchObject({
      statusCode: 400,
      code: 'bad_request',
      fields: [{ field: 'deadline', key: 'monitor.error.date' }],
    });
  });

  it('maps a rule that refuses well-formed input to 422 and nobody available to 503, keeping code and fields', () => {
    const refused = new Refused(
      'referrals.errors.consentRequired',
      [{ field: 'share', key: 'k' }],
      'consent_required',
    );
    expect(httpErrorOf(refused)).toMatchObject({
      statusCode: 422,
      code: 'consent_required',
      messageKey: 'referrals.errors.consentRequired',
      fields: [{ field: 'share', key: 'k' }],
    });
    expect(httpErrorOf(new Unavailable('referrals.errors.noCoordinator'))).toMatchObject({
      statusCode: 503,
      code: 'unavailable',
      messageKey: 'referrals.errors.noCoordinator',
    });
  });

  it('passes an HttpError through and leaves other errors to the 500 path', () => {
    const http = new HttpError(429, 'too_many_requests', 'errors.tooMany');
    expect(httpErrorOf(http)).toBe(http);
    expect(httpErrorOf(new Error('boom'))).toBeUndefined();
    expect(httpErrorOf('not an error')).toBeUndefined();
  });

  it('keeps ValidationFailed one class, whichever door it is imported through', async () => {
    const viaHttp = await import('./http/errors.js');
    expect(viaHttp.ValidationFailed).toBe(ValidationFailed);
    expect(new ValidationFailed([])).toBeInstanceOf(Error);
  });
});
