// Identification decisions on the case page: a decision (its step, outcome and reasons), a reconsideration asked
// for a negative one, and the outcome letter for the person as a PDF in their language (`?lang=`).
import type { FastifyInstance } from 'fastify';
import { FormField, pathParams, textQuery } from '../../../platform/http/form-schema.js';
import { subjectAccessPdf } from '../export-pdf.js';
import { MANAGERS, one, userOf, version, type Query, type RouteKit } from '../http.js';
import { documentLocale } from '../subject-access.js';
import { caseFormBody, type CasePages } from '../workflow/case-page.js';
import { decisionLetterDocument } from './letter.js';

export function identificationRoutes(app: FastifyInstance, kit: RouteKit, cases: CasePages) {
  const { referrals, guard, i18n } = kit;

  app.post(
    '/nvm/cases/:id/decisions',
    cases.caseForm(
      MANAGERS,
      caseFormBody({ step: FormField.text(80), outcome: FormField.text(20), reasons: FormField.text(5000) }),
      'decided',
      (request, body, id) =>
        referrals.decide(userOf(request), id, {
          version: version(body),
          step: one(body, 'step', 80),
          outcome: one(body, 'outcome', 20),
          reasons: one(body, 'reasons'),
        }),
    ),
  );

  app.post(
    '/nvm/cases/:id/decisions/reconsider',
    cases.caseForm(
      MANAGERS,
      caseFormBody({ decision: FormField.text(40) }),
      'reconsideration',
      (request, body, id) =>
        referrals.requestReconsideration(userOf(request), id, {
          version: version(body),
          decision: one(body, 'decision', 40),
        }),
    ),
  );

  app.get(
    '/nvm/cases/:id/decisions/:did/letter.pdf',
    {
      ...guard(...MANAGERS),
      schema: { hide: true, params: pathParams(['id', 'did'], 100), querystring: textQuery(['lang'], 20) },
    },
    async (request, reply) => {
      const { id, did } = request.params as { id: string; did: string };
      const lang = documentLocale((request.query as Query).lang, request.locale);
      const letter = await referrals.decisionLetter(userOf(request), id, did);
      const pdf = await subjectAccessPdf(decisionLetterDocument(letter, i18n.translator(lang), lang));
      return reply
        .header('content-disposition', `attachment; filename="besluit-${letter.reference}.pdf"`)
        .header('cache-control', 'no-store')
        .type('application/pdf')
        .send(pdf);
    },
  );
}
