// The case page and the forms below it. Every form on the case page posts to `/nvm/cases/:id/<action>` and
// comes back the same way when refused: by its schema (a field too long, sent twice) or by the service (a rule,
// the consent gate's 422), the case page shows again with the problems in words and the form refilled with
// what was typed; a stale form (409) shows the case as it is now beside what the user tried to save.
import type { TObject, TProperties } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../../platform/auth/index.js';
import { Refused, ValidationFailed, type FieldProblem } from '../../../platform/errors.js';
import { formBody, FormField, formPost, pathParams } from '../../../platform/http/form-schema.js';
import { CaseConflict } from '../core/context.js';
import { bodyOf, formOf, one, userOf, type Body, type RouteKit } from '../http.js';
import { casePage } from '../views/cases.js';
import { firstLineStatusPage } from '../views/consent.js';
import type { ForwardedNotice } from '../views/forwarded.js';
import { attemptOf, refillValues, type Refill } from '../views/form-state.js';

/** A case's path: its id (what it names, and whether the viewer may see it, is the service's: else 404). */
export const CASE_PARAMS = pathParams(['id'], 100);
/** A request below a case: a referral (`rid`) or a placement (`pid`). */
export const CASE_ITEM_PARAMS = pathParams(['id', 'rid'], 100);
export const PLACEMENT_PARAMS = pathParams(['id', 'pid'], 100);

/** A case form's body: the version the user saw (the service checks it) and the form's own fields. */
export const caseFormBody = <P extends TProperties>(fields: P) =>
  formBody({ version: FormField.digits(12), ...fields });

export interface CaseView {
  notice?: string;
  /** A referral or placement request passed on to the next level: the team meant and the team that has it. */
  forwarded?: ForwardedNotice;
  conflict?: boolean;
  attempt?: [string, string][];
  problems?: FieldProblem[];
  refill?: Refill;
  draft?: 'back' | 'gone';
}

export type CasePages = ReturnType<typeof casePages>;

export function casePages(kit: RouteKit) {
  const { referrals, ctxOf, page, guard } = kit;

  async function showCase(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    o: CaseView = {},
    status = 200,
  ) {
    // The professional who raised a handed-over signal gets its stage only, whatever form led here.
    const stage = await referrals.firstLineStatus(userOf(request), id);
    if (stage)
      return page(
        reply,
        request.t('referrals.case.title', { reference: stage.reference }),
        firstLineStatusPage(ctxOf(request), stage),
        status,
      );
    const data = await referrals.getCase(userOf(request), id);
    return page(
      reply,
      request.t('referrals.case.title', { reference: data.row.reference }),
      casePage(ctxOf(request), data, o),
      status,
    );
  }

  /** The same form again on the case page, filled with what was typed; its name is its action below the case. */
  function refusedCase(request: FastifyRequest, reply: FastifyReply, problems: FieldProblem[], status = 400) {
    const { id } = request.params as { id: string };
    const body = bodyOf(request);
    return showCase(
      request,
      reply,
      id,
      {
        problems,
        attempt: attemptOf(body),
        refill: { form: formOf(request), values: refillValues(body), version: one(body, 'version', 12) },
      },
      status,
    );
  }

  /** Runs a case action; a stale form (409) shows the current case with a merge notice, the input is kept in the message. */
  async function act(
    request: FastifyRequest,
    reply: FastifyReply,
    notice: string,
    run: (body: Body, id: string) => Promise<unknown>,
    /** Where to go after success when not back to the case (post, redirect, get in every case). */
    after?: (body: Body, id: string, result: unknown) => string | undefined,
  ) {
    const { id } = request.params as { id: string };
    const body = bodyOf(request);
    let result: unknown;
    try {
      result = await run(body, id);
    } catch (error) {
      if (error instanceof CaseConflict) {
        // The merge view: the case as it is now, with what this user tried to save beside it (nothing lost).
        const attempt: [string, string][] = [];
        for (const [k, v] of Object.entries(body))
          if (k !== '_csrf' && k !== 'version')
            attempt.push([k, (Array.isArray(v) ? v : [v]).map(String).join(', ')]);
        return showCase(request, reply, id, { conflict: true, attempt }, 409);
      }
      // A refused form (bad input, the consent gate's 422): the case page again, with the problems in words and
      // what was typed, so nothing is lost.
      if (error instanceof ValidationFailed) return refusedCase(request, reply, error.problems, 400);
      if (error instanceof Refused && error.problems.length > 0)
        return refusedCase(request, reply, error.problems, 422);
      throw error;
    }
    return reply.redirect(
      after?.(body, id, result) ?? `${request.href(`/nvm/cases/${id}`)}?done=${notice}`,
      303,
    );
  }

  /**
   * A form below a case: who may post it, its body's schema (a refused body shows the case page again, 400),
   * and the action, run through `act`.
   */
  function caseForm<B extends TObject>(
    roles: Role[],
    body: B,
    notice: string,
    run: (request: FastifyRequest, body: Body, id: string) => Promise<unknown>,
    after?: (request: FastifyRequest, body: Body, id: string, result: unknown) => string | undefined,
    params: TObject = CASE_PARAMS,
  ) {
    return formPost(
      {
        ...guard(...roles),
        body,
        params,
        invalid: (request, reply, problems) => refusedCase(request, reply, problems),
      },
      (request, reply) =>
        act(
          request,
          reply,
          notice,
          (b, id) => run(request, b, id),
          after ? (b, id, result) => after(request, b, id, result) : undefined,
        ),
    );
  }

  return { showCase, act, caseForm };
}
