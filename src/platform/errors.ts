// Domain errors: what a service throws when a rule says no, without knowing about HTTP. One place in the
// platform (`http/errors.ts`, `httpErrorOf`) maps them to a status; a CLI maps them to its own words. Each carries
// a message key (translated where it is rendered) and, where input was wrong, the fields and reasons.
import type { Params } from './i18n/index.js';

export interface FieldProblem {
  /** Where the problem is, e.g. `body.name` or `query.municipality` or, for imports, `services[3].name`. */
  field: string;
  /** Message key (translated when rendered) and its parameters. */
  key: string;
  params?: Params;
}

export abstract class DomainError extends Error {
  abstract readonly kind: 'not_found' | 'forbidden' | 'conflict' | 'invalid' | 'refused' | 'unavailable';
  constructor(
    readonly messageKey: string,
    readonly problems: FieldProblem[] = [],
    /** A stable code for machine readers (the JSON error's `code`); by default the kind. */
    readonly code?: string,
  ) {
    super(messageKey);
    this.name = new.target.name;
  }
}

/** The thing asked for does not exist (or is not recognisable as an id). */
export class NotFound extends DomainError {
  readonly kind = 'not_found';
  constructor(messageKey = 'errors.notFound') {
    super(messageKey);
  }
}

/** The actor may not do this (role, organisation, ownership). */
export class Forbidden extends DomainError {
  readonly kind = 'forbidden';
  constructor(messageKey = 'errors.forbidden') {
    super(messageKey);
  }
}

/** The request clashes with the state of things (locked, already done, still in use). */
export class Conflict extends DomainError {
  readonly kind = 'conflict';
  constructor(messageKey = 'errors.conflict', problems: FieldProblem[] = [], code?: string) {
    super(messageKey, problems, code);
  }
}

/** A domain rule broken by input: each problem names the field and the reason (a 400 over HTTP). */
export class ValidationFailed extends DomainError {
  readonly kind = 'invalid';
  constructor(problems: FieldProblem[]) {
    super('errors.badRequest', problems);
  }
}

/**
 * Well-formed input that a rule refuses on the state of things (a 422 over HTTP), e.g. sharing personal data
 * without consent: each problem names the field and the reason, so the form comes back with it.
 */
export class Refused extends DomainError {
  readonly kind = 'refused';
  constructor(messageKey: string, problems: FieldProblem[], code = 'refused') {
    super(messageKey, problems, code);
  }
}

/** Nobody can take this now (no team to receive a signal): a 503 over HTTP, never a silent drop. */
export class Unavailable extends DomainError {
  readonly kind = 'unavailable';
  constructor(messageKey: string, code = 'unavailable') {
    super(messageKey, [], code);
  }
}

/** One field is wrong: `invalid('deadline', 'monitor.error.date')`. */
export const invalid = (field: string, key: string, params?: Params) =>
  new ValidationFailed([{ field, key, ...(params ? { params } : {}) }]);
