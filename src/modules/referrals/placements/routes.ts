// The placement forms: a request to a shelter (or the waiting list), the shelter's answer, and the shelter's
// exit step on its own page (the place back at once, then the shelter's places: post, redirect, get).
import { forwardedTo } from '../views/forwarded.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationFailed, type FieldProblem } from '../../../platform/errors.js';
import { NotFound } from '../../../platform/errors.js';
import { formBody, FormField, formPost, textQuery } from '../../../platform/http/form-schema.js';
import { bodyOf, formOf, MANAGERS, one, userOf, version, type RouteKit } from '../http.js';
import { attemptOf, refillFromDraft, refillValues, type Refill } from '../views/form-state.js';
import { exitPage } from '../views/placement-exit.js';
import { caseFormBody, PLACEMENT_PARAMS, type CasePages } from '../workflow/case-page.js';

interface ExitRefusal {
  problems?: FieldProblem[];
  attempt?: [string, string][];
  refill?: Refill;
  draft?: 'back' | 'gone';
}

export function placementRoutes(app: FastifyInstance, kit: RouteKit, cases: CasePages) {
  const { referrals, ctxOf, page, guard, draftOf } = kit;
  const { caseForm } = cases;

  app.post(
    '/nvm/cases/:id/placements',
    caseForm(
      MANAGERS,
      caseFormBody({
        shelterTeamId: FormField.text(40),
        category: FormField.text(40),
        reason: FormField.text(4000),
      }),
      'placement',
      (request, body, id) =>
        referrals.requestPlacement(userOf(request), id, {
          version: version(body),
          shelterTeamId: one(body, 'shelterTeamId', 40),
          category: one(body, 'category'),
          reason: one(body, 'reason'),
        }),
      (request, _body, id, result) => forwardedTo(request.href(`/nvm/cases/${id}`), result),
    ),
  );
  app.post(
    '/nvm/cases/:id/placements/:pid/respond',
    caseForm(
      ['nrm_shelter'],
      formBody({ answer: FormField.text(20), reason: FormField.text(4000) }),
      'answered',
      (request, body, id) =>
        referrals.respondPlacement(userOf(request), id, (request.params as { pid: string }).pid, {
          accept: one(body, 'answer') === 'accept',
          reason: one(body, 'reason'),
        }),
      // A declined request takes the case out of the shelter's sight, so it returns to its list.
      (request, body) => (one(body, 'answer') === 'accept' ? undefined : request.href('/nvm')),
      PLACEMENT_PARAMS,
    ),
  );

  async function showExit(
    request: FastifyRequest,
    reply: FastifyReply,
    refused: ExitRefusal | undefined,
    status = 200,
  ) {
    const { id, pid } = request.params as { id: string; pid: string };
    const data = await referrals.getCase(userOf(request), id);
    const placement = data.placements.find(
      (p) => p.id === pid && p.status === 'accepted' && p.shelter_team_id === data.viewer.teamId,
    );
    if (!placement) throw new NotFound();
    return page(
      reply,
      request.t('referrals.exit.title', { reference: data.row.reference }),
      exitPage(ctxOf(request), {
        caseId: id,
        reference: data.row.reference,
        placementId: pid,
        shelterName: placement.shelterName,
        category: placement.category,
        ...refused,
      }),
      status,
    );
  }
  /** The exit form again, filled with what was typed, with the problems in words (400). */
  const refusedExit = (request: FastifyRequest, reply: FastifyReply, problems: FieldProblem[]) => {
    const body = bodyOf(request);
    return showExit(
      request,
      reply,
      { problems, attempt: attemptOf(body), refill: { form: formOf(request), values: refillValues(body) } },
      400,
    );
  };

  app.get(
    '/nvm/cases/:id/placements/:pid/exit',
    {
      ...guard('nrm_shelter'),
      schema: { hide: true, params: PLACEMENT_PARAMS, querystring: textQuery(['draft'], 100) },
    },
    async (request, reply) => {
      const { id, pid } = request.params as { id: string; pid: string };
      const prefix = `/nvm/cases/${id}/`;
      const draft = await draftOf(request, (path) => path === `${prefix}placements/${pid}/exit`);
      return showExit(
        request,
        reply,
        draft?.state === 'back'
          ? { refill: refillFromDraft(prefix, draft), draft: 'back' }
          : draft
            ? { draft: 'gone' }
            : undefined,
      );
    },
  );
  app.post(
    '/nvm/cases/:id/placements/:pid/exit',
    formPost(
      {
        ...guard('nrm_shelter'),
        params: PLACEMENT_PARAMS,
        body: formBody({ exitReason: FormField.text(60), exitNote: FormField.text(4000) }),
        invalid: refusedExit,
      },
      async (request, reply) => {
        const { id, pid } = request.params as { id: string; pid: string };
        const body = bodyOf(request);
        try {
          await referrals.exitPlacement(userOf(request), id, pid, {
            reason: one(body, 'exitReason'),
            note: one(body, 'exitNote', 5000),
          });
        } catch (error) {
          if (error instanceof ValidationFailed) return refusedExit(request, reply, error.problems);
          throw error;
        }
        return reply.redirect(`${request.href('/nvm/shelter')}?done=exit`, 303);
      },
    ),
  );
}
