// Errors that carry an HTTP status, a stable code and a message key, translated where they are rendered, so
// bad input gets a clear 4xx in the user's language naming the field and the reason.
import { DomainError, ValidationFailed, type FieldProblem } from '../errors.js';
import type { Params } from '../i18n/index.js';

export { ValidationFailed, type FieldProblem };

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly messageKey: string,
    readonly fields: FieldProblem[] = [],
    readonly params: Params = {},
  ) {
    super(code);
    this.name = 'HttpError';
  }
}

export const badRequest = (fields: FieldProblem[], messageKey = 'errors.badRequest') =>
  new HttpError(400, 'bad_request', messageKey, fields);
export const notFound = (messageKey = 'errors.notFound') => new HttpError(404, 'not_found', messageKey);
export const forbidden = () => new HttpError(403, 'forbidden', 'errors.forbidden');
export const conflict = (messageKey = 'errors.conflict', fields: FieldProblem[] = []) =>
  new HttpError(409, 'conflict', messageKey, fields);
export const unauthorized = () => new HttpError(401, 'unauthorized', 'errors.unauthorized');

/**
 * The one place where domain errors become HTTP: not found 404, forbidden 403, conflict 409, invalid input 400,
 * refused by a rule 422, nobody available 503.
 * The error handler renders the result as a page or JSON in the user's language.
 */
export function httpErrorOf(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (!(error instanceof DomainError)) return undefined;
  switch (error.kind) {
    case 'not_found':
      return new HttpError(404, 'not_found', error.messageKey);
    case 'forbidden':
      return new HttpError(403, 'forbidden', error.messageKey);
    case 'conflict':
      return new HttpError(409, error.code ?? 'conflict', error.messageKey, error.problems);
    case 'invalid':
      return new HttpError(400, 'bad_request', error.messageKey, error.problems);
    case 'refused':
      return new HttpError(422, error.code ?? 'refused', error.messageKey, error.problems);
    case 'unavailable':
      return new HttpError(503, error.code ?? 'unavailable', error.messageKey);
  }
}
