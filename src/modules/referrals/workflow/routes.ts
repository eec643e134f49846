// The case list (queue), the case page, and the workflow's forms on it: a step (transition), the assessment,
// consent (overall, per recipient, its withdrawal) and the correction of "minor".
import { forwardedNotice } from '../views/forwarded.js';
import type { FastifyInstance } from 'fastify';
import { FormField, textQuery } from '../../../platform/http/form-schema.js';
import { CASE_ROLES, many, MANAGERS, one, userOf, version, type Query, type RouteKit } from '../http.js';
import { queuePage } from '../views/cases.js';
import { refillFromDraft } from '../views/form-state.js';
import { CASE_PARAMS, caseFormBody, type CasePages } from './case-page.js';

const CHOICES = { maxItems: 50, maxLength: 100 };

export function workflowRoutes(app: FastifyInstance, kit: RouteKit, cases: CasePages) {
  const { referrals, ctxOf, page, guard, draftOf } = kit;
  const { showCase, caseForm } = cases;

  app.get(
    '/nvm',
    {
      ...guard(...CASE_ROLES),
      schema: { hide: true, querystring: textQuery(['scope', 'status', 'page'], 40) },
    },
    async (request, reply) => {
      const q = request.query as Query;
      const scope = ['owner', 'origin', 'received', 'shelter'].includes(q.scope ?? '')
        ? (q.scope as 'owner')
        : undefined;
      const result = await referrals.queue(userOf(request), {
        ...(scope ? { scope } : {}),
        ...(q.status ? { status: q.status } : {}),
        page: Number(q.page) || 1,
      });
      const role = request.user!.role;
      const scopes =
        role === 'nrm_professional'
          ? ['origin', 'received']
          : role === 'nrm_shelter'
            ? ['shelter', 'received']
            : ['owner', 'received'];
      return page(
        reply,
        request.t('referrals.queue.title'),
        queuePage(ctxOf(request), {
          rows: result.rows,
          total: result.total,
          page: result.page,
          scope: result.scope,
          status: result.status,
          scopes,
          teamName: result.team?.name ?? request.t('referrals.noTeam'),
          newNotifications: result.newNotifications,
          decisions: result.decisions,
        }),
      );
    },
  );

  app.get(
    '/nvm/cases/:id',
    {
      ...guard(...CASE_ROLES),
      schema: {
        hide: true,
        params: CASE_PARAMS,
        querystring: textQuery(['done', 'draft', 'meant', 'to'], 100),
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const notice = (request.query as Query).done;
      const prefix = `/nvm/cases/${id}/`;
      const draft = await draftOf(request, (path) => path.startsWith(prefix) && !path.endsWith('/exit'));
      return showCase(request, reply, id, {
        ...(notice && /^[a-z_]{1,30}$/.test(notice) ? { notice } : {}),
        ...forwardedNotice(request.query),
        ...(draft ? { draft: draft.state } : {}),
        ...(draft?.state === 'back' ? { refill: refillFromDraft(prefix, draft) } : {}),
      });
    },
  );

  app.post(
    '/nvm/cases/:id/transition',
    caseForm(
      MANAGERS,
      caseFormBody({
        to: FormField.text(40),
        reason: FormField.text(5000),
        closeReason: FormField.text(60),
        withdrawOpen: FormField.text(10),
      }),
      'moved',
      (request, body, id) =>
        referrals.transition(userOf(request), id, {
          to: one(body, 'to'),
          reason: one(body, 'reason'),
          closeReason: one(body, 'closeReason'),
          withdrawOpen: one(body, 'withdrawOpen') === 'yes',
          version: version(body),
        }),
    ),
  );
  app.post(
    '/nvm/cases/:id/assess',
    caseForm(
      MANAGERS,
      caseFormBody({
        forms: FormField.list(CHOICES),
        signals: FormField.list(CHOICES),
        methodsOfControl: FormField.list(CHOICES),
        recruitment: FormField.list(CHOICES),
        needs: FormField.list(CHOICES),
        sector: FormField.text(100),
        gender: FormField.text(40),
        ageGroup: FormField.text(40),
        citizenship: FormField.text(20),
        reflectionStart: FormField.text(20),
      }),
      'assessed',
      (request, body, id) =>
        referrals.assess(userOf(request), id, {
          version: version(body),
          forms: many(body, 'forms'),
          signals: many(body, 'signals'),
          methodsOfControl: many(body, 'methodsOfControl'),
          recruitment: many(body, 'recruitment'),
          needs: many(body, 'needs'),
          sector: one(body, 'sector'),
          gender: one(body, 'gender'),
          ageGroup: one(body, 'ageGroup'),
          citizenship: one(body, 'citizenship', 20).toUpperCase(),
          reflectionStart: one(body, 'reflectionStart', 20),
        }),
    ),
  );
  app.post(
    '/nvm/cases/:id/consent',
    caseForm(
      MANAGERS,
      caseFormBody({ consent: FormField.text(40), vitalInterest: FormField.text(10) }),
      'consent',
      (request, body, id) =>
        referrals.recordConsent(userOf(request), id, {
          version: version(body),
          consent: one(body, 'consent'),
          vitalInterest: one(body, 'vitalInterest') === 'yes',
        }),
    ),
  );
  app.post(
    '/nvm/cases/:id/consents',
    caseForm(
      MANAGERS,
      caseFormBody({
        consentTeamId: FormField.text(40),
        consentPurpose: FormField.text(40),
        consentAnswer: FormField.text(40),
        consentMethod: FormField.text(40),
      }),
      'consent_recorded',
      (request, body, id) =>
        referrals.recordRecipientConsent(userOf(request), id, {
          version: version(body),
          teamId: one(body, 'consentTeamId', 40),
          purpose: one(body, 'consentPurpose', 40),
          answer: one(body, 'consentAnswer', 40),
          method: one(body, 'consentMethod', 40),
        }),
    ),
  );
  app.post(
    '/nvm/cases/:id/consents/withdraw',
    caseForm(
      MANAGERS,
      caseFormBody({ consentId: FormField.text(40), withdrawalNote: FormField.text(2100) }),
      'consent_withdrawn',
      (request, body, id) =>
        referrals.withdrawConsent(userOf(request), id, {
          version: version(body),
          consent: one(body, 'consentId', 40),
          note: one(body, 'withdrawalNote', 2100),
        }),
    ),
  );
  app.post(
    '/nvm/cases/:id/minor',
    caseForm(
      MANAGERS,
      caseFormBody({ minor: FormField.text(40), reason: FormField.text(5000) }),
      'corrected',
      (request, body, id) =>
        referrals.correctMinor(userOf(request), id, {
          version: version(body),
          minor: one(body, 'minor'),
          reason: one(body, 'reason'),
        }),
    ),
  );
}
