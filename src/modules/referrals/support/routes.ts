// The support and criminal-justice track's form on the case page (recovery period, aangifte, B8, legal aid).
import type { FastifyInstance } from 'fastify';
import { FormField } from '../../../platform/http/form-schema.js';
import { MANAGERS, one, userOf, version, type RouteKit } from '../http.js';
import { caseFormBody, type CasePages } from '../workflow/case-page.js';

const FIELDS = [
  'recoveryStart',
  'recoveryDays',
  'aangifte',
  'aangifteOn',
  'aangiftePlace',
  'b8AppliedOn',
  'b8Outcome',
  'b8DecidedOn',
  'legalAidOn',
  'legalAid',
] as const;

export function supportRoutes(app: FastifyInstance, kit: RouteKit, cases: CasePages) {
  const { referrals } = kit;
  app.post(
    '/nvm/cases/:id/support',
    cases.caseForm(
      MANAGERS,
      caseFormBody(Object.fromEntries(FIELDS.map((f) => [f, FormField.text(400)]))),
      'support',
      (request, body, id) =>
        referrals.saveSupport(userOf(request), id, {
          version: version(body),
          ...(Object.fromEntries(FIELDS.map((f) => [f, one(body, f, 400)])) as Record<
            (typeof FIELDS)[number],
            string
          >),
        }),
    ),
  );
}
