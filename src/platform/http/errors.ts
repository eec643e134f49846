// Errors that carry an HTTP status, a stable code and a message key, translated where they are rendered, so
// bad input gets a clear 4xx in the user's language naming the field and the reason.
import type { Params } from '../i18n/index.js';

export interface FieldProblem {
  /** Where the problem is, e.g. `body.name` or `query.municipality` or, for imports, `services[3].name`. */
  field: string;
  /** Message key (translated when rendered) and its parameters. */
  key: string;
  params?: Params;
}

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

/** A domain rule broken by input: the service layer throws this, routes turn it into a 400 or 422. */
export class ValidationFailed extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super('validation failed');
    this.name = 'ValidationFailed';
  }
}
