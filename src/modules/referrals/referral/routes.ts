// The referral forms on the case page: refer or transfer, the receiver's answer, a shelter's joint answer to a
// referral and placement request, and the owner's withdrawal.
import { forwardedTo } from '../views/forwarded.js';
import type { FastifyInstance } from 'fastify';
import { buttonForm, formBody, FormField } from '../../../platform/http/form-schema.js';
import { CASE_ROLES, MANAGERS, one, userOf, version, type RouteKit } from '../http.js';
import { CASE_ITEM_PARAMS, caseFormBody, type CasePages } from '../workflow/case-page.js';

/** An answer: accept or decline, and a reason (required when declining; the service says so). */
const ANSWER = { answer: FormField.text(20), reason: FormField.text(4000) };

export function referralStepRoutes(app: FastifyInstance, kit: RouteKit, cases: CasePages) {
  const { referrals } = kit;
  const { caseForm } = cases;

  app.post(
    '/nvm/cases/:id/refer',
    caseForm(
      MANAGERS,
      caseFormBody({
        kind: FormField.text(20),
        toTeamId: FormField.text(40),
        serviceType: FormField.text(60),
        sharePersonalData: FormField.text(10),
        reason: FormField.text(4000),
      }),
      'referred',
      (request, body, id) =>
        referrals.refer(userOf(request), id, {
          version: version(body),
          kind: one(body, 'kind'),
          toTeamId: one(body, 'toTeamId', 40),
          serviceType: one(body, 'serviceType'),
          sharePersonalData: one(body, 'sharePersonalData') === 'yes',
          reason: one(body, 'reason'),
        }),
      (request, _body, id, result) => forwardedTo(request.href(`/nvm/cases/${id}`), result),
    ),
  );
  app.post(
    '/nvm/cases/:id/referrals/:rid/respond',
    caseForm(
      CASE_ROLES,
      formBody(ANSWER),
      'answered',
      (request, body, id) =>
        referrals.respondReferral(userOf(request), id, (request.params as { rid: string }).rid, {
          accept: one(body, 'answer') === 'accept',
          reason: one(body, 'reason'),
        }),
      undefined,
      CASE_ITEM_PARAMS,
    ),
  );
  // A shelter answers a person's referral and placement request together (both open for it): one form, one step.
  app.post(
    '/nvm/cases/:id/answer-together',
    caseForm(
      ['nrm_shelter'],
      formBody({ referral: FormField.text(40), placement: FormField.text(40), ...ANSWER }),
      'answered',
      (request, body, id) =>
        referrals.respondTogether(userOf(request), id, {
          referralId: one(body, 'referral', 40),
          placementId: one(body, 'placement', 40),
          accept: one(body, 'answer') === 'accept',
          reason: one(body, 'reason'),
        }),
      (request, body) => (one(body, 'answer') === 'accept' ? undefined : request.href('/nvm')),
    ),
  );
  app.post(
    '/nvm/cases/:id/referrals/:rid/withdraw',
    caseForm(
      MANAGERS,
      buttonForm,
      'withdrawn',
      (request, _body, id) =>
        referrals.withdrawReferral(userOf(request), id, (request.params as { rid: string }).rid),
      undefined,
      CASE_ITEM_PARAMS,
    ),
  );
}
