// The children's route's form on the case page: the guardian appointed (organisation and day).
import type { FastifyInstance } from 'fastify';
import { FormField } from '../../../platform/http/form-schema.js';
import { MANAGERS, one, userOf, version, type RouteKit } from '../http.js';
import { caseFormBody, type CasePages } from '../workflow/case-page.js';

export function childRouteRoutes(app: FastifyInstance, kit: RouteKit, cases: CasePages) {
  const { referrals } = kit;
  app.post(
    '/nvm/cases/:id/guardian',
    cases.caseForm(
      MANAGERS,
      caseFormBody({ organisation: FormField.text(400), appointedOn: FormField.text(40) }),
      'guardian',
      (request, body, id) =>
        referrals.recordGuardian(userOf(request), id, {
          version: version(body),
          organisation: one(body, 'organisation', 400),
          appointedOn: one(body, 'appointedOn', 40),
        }),
    ),
  );
}
