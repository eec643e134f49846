// The person's rights and the privacy officer's pages: rectification, the subject-access export (JSON, a page
// and a PDF in the person's language), the lookup and break-the-glass, the privacy page with the flagged grants
// and the processing register, the audit log, and the review of a grant.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationFailed } from '../../../platform/errors.js';
import {
  buttonForm,
  formBody,
  FormField,
  formPost,
  pathParams,
  textQuery,
} from '../../../platform/http/form-schema.js';
import { subjectAccessPdf } from '../export-pdf.js';
import { bodyOf, MANAGERS, many, one, userOf, version, type Query, type RouteKit } from '../http.js';
import { PROCESSING_REGISTER } from '../register.js';
import { documentLocale, subjectAccessDocument } from '../subject-access.js';
import { auditLogPage } from '../views/audit-log.js';
import { lookupPage } from '../views/cases.js';
import { privacyPage } from '../views/overview.js';
import { subjectAccessPage } from '../views/subject-access.js';
import { CASE_PARAMS, caseFormBody, type CasePages } from '../workflow/case-page.js';

export function privacyRoutes(app: FastifyInstance, kit: RouteKit, cases: CasePages) {
  const { referrals, ctxOf, page, guard, i18n } = kit;

  app.post(
    '/nvm/cases/:id/person',
    cases.caseForm(
      MANAGERS,
      caseFormBody({
        name: FormField.text(200),
        dateOfBirth: FormField.text(100),
        contact: FormField.text(200),
        specialNotes: FormField.text(4000),
        languages: FormField.list({ maxItems: 20, maxLength: 20 }),
      }),
      'rectified',
      (request, body, id) =>
        referrals.rectify(userOf(request), id, {
          version: version(body),
          name: one(body, 'name', 1000),
          dateOfBirth: one(body, 'dateOfBirth', 100),
          contact: one(body, 'contact', 1000),
          specialNotes: one(body, 'specialNotes', 10_000),
          languages: many(body, 'languages'),
        }),
    ),
  );

  app.get(
    '/nvm/cases/:id/export.json',
    { ...guard(...MANAGERS), schema: { hide: true, params: CASE_PARAMS } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const data = await referrals.subjectAccess(userOf(request), id);
      return reply
        .header('content-disposition', `attachment; filename="inzage-${data.case.reference}.json"`)
        .header('cache-control', 'no-store')
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(data, null, 2));
    },
  );

  // The export the person is owed, in their language (`?lang=`, else the page's): a page and a PDF.
  const exportDocument = async (request: FastifyRequest) => {
    const { id } = request.params as { id: string };
    const lang = documentLocale((request.query as Query).lang, request.locale);
    const data = await referrals.subjectAccess(userOf(request), id);
    return { id, data, document: subjectAccessDocument(data, i18n.translator(lang), lang) };
  };
  const exportRoute = {
    ...guard(...MANAGERS),
    schema: { hide: true, params: CASE_PARAMS, querystring: textQuery(['lang'], 20) },
  };
  app.get('/nvm/cases/:id/export', exportRoute, async (request, reply) => {
    const { id, document } = await exportDocument(request);
    reply.header('cache-control', 'no-store');
    return page(reply, document.title, subjectAccessPage(ctxOf(request), { caseId: id, document }));
  });
  app.get('/nvm/cases/:id/export.pdf', exportRoute, async (request, reply) => {
    const { data, document } = await exportDocument(request);
    const pdf = await subjectAccessPdf(document);
    return reply
      .header('content-disposition', `attachment; filename="inzage-${data.case.reference}.pdf"`)
      .header('cache-control', 'no-store')
      .type('application/pdf')
      .send(pdf);
  });

  app.get(
    '/nvm/lookup',
    { ...guard(...MANAGERS), schema: { hide: true, querystring: textQuery(['reference'], 1000) } },
    async (request, reply) => {
      const reference = String((request.query as Query).reference ?? '').slice(0, 40);
      const found = reference ? await referrals.findByReference(userOf(request), reference) : undefined;
      if (found) {
        const viewer = await referrals.viewerOf(userOf(request));
        if (await referrals.canRead(viewer, found.id))
          return reply.redirect(request.href(`/nvm/cases/${found.id}`), 303);
      }
      return page(
        reply,
        request.t('referrals.lookup.title'),
        lookupPage(ctxOf(request), { reference, ...(found ? { found } : {}) }),
      );
    },
  );

  app.post(
    '/nvm/cases/:id/break-glass',
    formPost(
      {
        ...guard(...MANAGERS),
        params: CASE_PARAMS,
        body: formBody({ reason: FormField.text(4000) }),
        // The reason is the only field: the service's own words for it (at least 10 characters, at most 4000).
        invalid: (_request, _reply, problems) => {
          throw new ValidationFailed(problems);
        },
      },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        await referrals.breakGlass(userOf(request), id, one(bodyOf(request), 'reason'));
        return reply.redirect(request.href(`/nvm/cases/${id}`), 303);
      },
    ),
  );

  app.get(
    '/nvm/privacy',
    { ...guard('privacy_officer'), schema: { hide: true, querystring: textQuery(['verify'], 10) } },
    async (request, reply) => {
      const verify = (request.query as Query).verify === '1';
      const [grants, chain] = await Promise.all([
        referrals.flaggedAccess(),
        verify ? kit.audit.verify() : undefined,
      ]);
      return page(
        reply,
        request.t('referrals.privacy.title'),
        privacyPage(ctxOf(request), { register: PROCESSING_REGISTER, grants, audit: [], chain }),
      );
    },
  );

  // The audit log, filtered by case, person and period, every page reachable (audit-log.ts).
  app.get(
    '/nvm/privacy/audit',
    {
      ...guard('privacy_officer'),
      schema: { hide: true, querystring: textQuery(['case', 'person', 'from', 'to', 'before'], 1000) },
    },
    async (request, reply) => {
      const q = request.query as Query;
      const text = (name: string) => (typeof q[name] === 'string' ? q[name].slice(0, 300) : '');
      const values = { case: text('case'), person: text('person'), from: text('from'), to: text('to') };
      const title = request.t('referrals.auditLog.title');
      try {
        const result = await referrals.auditLog.page(request.user!, { ...values, before: text('before') });
        return page(
          reply,
          title,
          auditLogPage(ctxOf(request), { values, problems: [], ...result, paged: Boolean(text('before')) }),
        );
      } catch (error) {
        if (error instanceof ValidationFailed)
          return page(
            reply,
            title,
            auditLogPage(ctxOf(request), {
              values,
              problems: error.problems,
              rows: [],
              unknownCase: false,
              paged: false,
            }),
            400,
          );
        throw error;
      }
    },
  );

  app.post(
    '/nvm/privacy/grants/:gid/review',
    formPost(
      {
        ...guard('privacy_officer'),
        params: pathParams(['gid'], 100),
        body: buttonForm,
        // Only the CSRF token: a broken one is refused as bad input (400, the field named), never ignored.
        invalid: (_request, _reply, problems) => {
          throw new ValidationFailed(problems);
        },
      },
      async (request, reply) => {
        await referrals.reviewGrant(request.user!, (request.params as { gid: string }).gid);
        return reply.redirect(request.href('/nvm/privacy'), 303);
      },
    ),
  );
}
