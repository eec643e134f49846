// Case work's pages and forms: the dashboards ("waiting on me", "waiting on my team" at /nvm/waiting), and on the
// case page the case worker, the case plan's tasks and a referral's outcome.
import type { FastifyInstance } from 'fastify';
import { registerDraftForm, registerStaffArea } from '../../../platform/auth/index.js';
import {
  buttonForm,
  formBody,
  FormField,
  pathParams,
  textQuery,
} from '../../../platform/http/form-schema.js';
import { CASE_ROLES, MANAGERS, one, userOf, version, type Query, type RouteKit } from '../http.js';
import { waitingPage } from '../views/waiting.js';
import { CASE_ITEM_PARAMS, caseFormBody, type CasePages } from '../workflow/case-page.js';

const TASK_PARAMS = pathParams(['id', 'tid'], 100);

export function caseWorkRoutes(app: FastifyInstance, kit: RouteKit, cases: CasePages) {
  const { referrals, ctxOf, page, guard } = kit;
  registerStaffArea({ path: '/nvm/waiting', labelKey: 'referrals.nav.waiting', roles: CASE_ROLES });
  registerDraftForm({
    pattern: /^\/nvm\/cases\/([0-9a-f-]{36})\/(case-worker|tasks|tasks\/[0-9a-f-]{36}(\/title|\/cancel)?)$/,
    page: (m) => `/nvm/cases/${m[1]}`,
  });

  app.get(
    '/nvm/waiting',
    {
      ...guard(...CASE_ROLES),
      schema: {
        hide: true,
        querystring: textQuery(['tab', 'cases', 'tasks', 'referrals', 'unassigned', 'decisions'], 10),
      },
    },
    async (request, reply) => {
      const query = request.query as Query;
      const result = await referrals.waiting(userOf(request), query.tab ?? 'me', query);
      return page(
        reply,
        request.t(`referrals.waiting.title.${result.tab}`),
        waitingPage(ctxOf(request), result),
      );
    },
  );

  app.post(
    '/nvm/cases/:id/case-worker',
    cases.caseForm(
      MANAGERS,
      caseFormBody({ workerId: FormField.text(40) }),
      'caseWorker',
      (request, body, id) =>
        referrals.assignCaseWorker(userOf(request), id, {
          version: version(body),
          workerId: one(body, 'workerId', 40),
        }),
    ),
  );

  app.post(
    '/nvm/cases/:id/tasks',
    cases.caseForm(
      MANAGERS,
      caseFormBody({ title: FormField.text(400), ownerId: FormField.text(40), dueOn: FormField.text(20) }),
      'taskAdded',
      (request, body, id) =>
        referrals.addTask(userOf(request), id, {
          version: version(body),
          title: one(body, 'title', 400),
          ownerId: one(body, 'ownerId', 40),
          dueOn: one(body, 'dueOn', 20),
        }),
    ),
  );

  app.post(
    '/nvm/cases/:id/tasks/:tid',
    cases.caseForm(
      MANAGERS,
      caseFormBody({ ownerId: FormField.text(40), dueOn: FormField.text(20) }),
      'taskChanged',
      (request, body, id) =>
        referrals.changeTask(userOf(request), id, (request.params as { tid: string }).tid, {
          version: version(body),
          ownerId: one(body, 'ownerId', 40),
          dueOn: one(body, 'dueOn', 20),
        }),
      undefined,
      TASK_PARAMS,
    ),
  );

  app.post(
    '/nvm/cases/:id/tasks/:tid/title',
    cases.caseForm(
      MANAGERS,
      caseFormBody({ title: FormField.text(400) }),
      'taskRenamed',
      (request, body, id) =>
        referrals.renameTask(userOf(request), id, (request.params as { tid: string }).tid, {
          version: version(body),
          title: one(body, 'title', 400),
        }),
      undefined,
      TASK_PARAMS,
    ),
  );

  app.post(
    '/nvm/cases/:id/tasks/:tid/cancel',
    cases.caseForm(
      MANAGERS,
      caseFormBody({ cancelReason: FormField.text(40) }),
      'taskCancelled',
      (request, body, id) =>
        referrals.cancelTask(userOf(request), id, (request.params as { tid: string }).tid, {
          version: version(body),
          reason: one(body, 'cancelReason', 40),
        }),
      undefined,
      TASK_PARAMS,
    ),
  );

  app.post(
    '/nvm/cases/:id/tasks/:tid/done',
    cases.caseForm(
      MANAGERS,
      buttonForm,
      'taskDone',
      (request, _body, id) =>
        referrals.completeTask(userOf(request), id, (request.params as { tid: string }).tid),
      undefined,
      TASK_PARAMS,
    ),
  );

  app.post(
    '/nvm/cases/:id/referrals/:rid/outcome',
    cases.caseForm(
      CASE_ROLES,
      formBody({ outcome: FormField.text(20) }),
      'outcome',
      (request, body, id) =>
        referrals.recordReferralOutcome(userOf(request), id, (request.params as { rid: string }).rid, {
          outcome: one(body, 'outcome', 20),
        }),
      undefined,
      CASE_ITEM_PARAMS,
    ),
  );
}
