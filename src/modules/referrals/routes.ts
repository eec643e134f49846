// The referral mechanism's pages (all behind sign-in with a second factor; noindex; CSRF on every form). Routes
// read the form, call the service and render; who may see what is decided in the service (404 for a case one
// may not see, so its existence is not revealed).
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  registerDraftForm,
  registerStaffArea,
  requireRole,
  type FormDrafts,
  type Role,
} from '../../platform/auth/index.js';
import { staffNav } from '../../platform/auth/http.js';
import { HttpError, notFound, ValidationFailed, type FieldProblem } from '../../platform/http/errors.js';
import { attemptOf, draftNotice, refillFromDraft, refillValues, type Refill } from './views/form-state.js';
import { html } from '../../platform/web/html.js';
import type { SafeHtml } from '../../platform/web/html.js';
import type { AuditService } from '../../platform/audit/service.js';
import type { DirectoryService } from '../directory/index.js';
import type { ReferralService } from './service.js';
import type { FormValues } from '../directory/index.js';
import { subjectAccessPdf } from './export-pdf.js';
import { documentLocale, subjectAccessDocument } from './subject-access.js';
import { subjectAccessPage } from './views/subject-access.js';
import { forwardedNotice, forwardedTo } from './views/forwarded.js';
import { I18n } from '../../platform/i18n/index.js';
import { PROCESSING_REGISTER } from './register.js';
import { CaseConflict, type SignalInput } from './service.js';
import { adminPage } from './views/admin.js';
import { routesPage } from './views/admin-routes.js';
import { casePage, lookupPage, notificationsPage, queuePage } from './views/cases.js';
import type { ViewContext } from './views/common.js';
import {
  bottlenecksPage,
  placesPage,
  privacyPage,
  registrationsPage,
  shelterPage,
} from './views/overview.js';
import { signalForm, signalSent } from './views/signal.js';
import { exitPage } from './views/placement-exit.js';
import { auditLogPage } from './views/audit-log.js';
import { firstLineStatusPage } from './views/consent.js';

/** What the referral mechanism's routes use. */
export interface ReferralRouteServices {
  referrals: ReferralService;
  directory: DirectoryService;
  audit: AuditService;
  /** Forms kept when a session ended, given back after signing in again. */
  drafts: FormDrafts;
}

const CASE_ROLES: Role[] = [
  'nrm_professional',
  'nrm_coordinator',
  'nrm_regional_lead',
  'nrm_national',
  'nrm_shelter',
];
const MANAGERS: Role[] = ['nrm_coordinator', 'nrm_regional_lead', 'nrm_national'];

type Body = Record<string, unknown>;
const one = (body: Body, name: string, max = 5000): string => {
  const v = body[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first.slice(0, max) : '';
};
const many = (body: Body, name: string): string[] => {
  const v = body[name];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.filter((x): x is string => typeof x === 'string').slice(0, 50);
};
const version = (body: Body) => {
  const v = Number(one(body, 'version', 12));
  if (!Number.isInteger(v) || v < 1)
    throw new ValidationFailed([{ field: 'version', key: 'referrals.errors.version' }]);
  return v;
};
const userOf = (request: FastifyRequest) => ({ id: request.user!.id, role: request.user!.role });
/** A case form's name: its action below the case (`assess`, `referrals/<id>/respond`, …), from the route. */
const formOf = (request: FastifyRequest) => {
  const params = request.params as Record<string, string>;
  return (request.routeOptions.url ?? '')
    .replace(/^\/nvm\/cases\/:id\//, '')
    .replace(/:(rid|pid)/, (_m, name: string) => params[name] ?? '');
};

export async function referralRoutes(
  app: FastifyInstance,
  options: { services: ReferralRouteServices; i18n?: I18n },
) {
  const { referrals, directory } = options.services;
  const i18n = options.i18n ?? new I18n();
  registerStaffArea({ path: '/nvm', labelKey: 'referrals.nav.area', roles: CASE_ROLES });
  registerStaffArea({ path: '/nvm/privacy', labelKey: 'referrals.nav.privacy', roles: ['privacy_officer'] });
  // Forms posted after the session ended come back on their page after signing in again (platform/auth/drafts).
  registerDraftForm({ pattern: /^\/nvm\/signal$/, page: () => '/nvm/signal' });
  registerDraftForm({ pattern: /^\/nvm\/shelter\/capacity$/, page: () => '/nvm/shelter' });
  registerDraftForm({
    pattern: /^\/nvm\/cases\/([0-9a-f-]{36})\/placements\/([0-9a-f-]{36})\/exit$/,
    page: (m) => `/nvm/cases/${m[1]}/placements/${m[2]}/exit`,
  });
  registerDraftForm({
    pattern:
      /^\/nvm\/cases\/([0-9a-f-]{36})\/(transition|assess|consent|minor|refer|placements|person|answer-together|(referrals|placements)\/[0-9a-f-]{36}\/respond)$/,
    page: (m) => `/nvm/cases/${m[1]}`,
  });
  const drafts = options.services.drafts;
  /** The form kept for this user when their session ended, if `?draft=` names one posted to a path `accept`s. */
  const draftOf = async (request: FastifyRequest, accept: (path: string) => boolean) => {
    const id = (request.query as Record<string, unknown>).draft;
    if (typeof id !== 'string') return undefined;
    const draft = await drafts.take(request.user!.id, id.slice(0, 40), accept);
    return draft ? { state: 'back' as const, ...draft } : { state: 'gone' as const };
  };

  const ctxOf = (request: FastifyRequest): ViewContext => ({
    t: request.t,
    locale: request.locale,
    href: (p) => request.href(p),
    csrfToken: request.csrfToken(),
    role: request.user!.role,
    now: referrals.now(),
  });
  const page = (reply: FastifyReply, title: string, body: SafeHtml, status = 200) =>
    reply.page({ title, body, noindex: true, nav: staffNav(reply.request) }, status);
  const guard = (...roles: Role[]) => ({ schema: { hide: true }, preHandler: requireRole(...roles) });

  app.get('/nvm', guard(...CASE_ROLES), async (request, reply) => {
    const q = request.query as Record<string, string>;
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
      }),
    );
  });

  app.get('/nvm/notifications', guard(...CASE_ROLES), async (request, reply) => {
    const result = await referrals.notifications(userOf(request));
    return page(
      reply,
      request.t('referrals.notifications.title'),
      notificationsPage(ctxOf(request), {
        items: result.items,
        newCount: result.newCount,
        teamName: result.team?.name ?? request.t('referrals.noTeam'),
      }),
    );
  });

  app.post('/nvm/notifications/seen', guard(...CASE_ROLES), async (request, reply) => {
    await referrals.markNotificationsSeen(userOf(request));
    return reply.redirect(request.href('/nvm/notifications'), 303);
  });

  async function municipalityNames() {
    return (await directory.regions()).municipalities.map((m) => m.name);
  }

  app.get('/nvm/signal', guard('nrm_professional'), async (request, reply) => {
    // A signal typed before the session ended comes back as typed, with its own one-time token (that post was
    // refused, so the token is unused; sending it twice still makes one case).
    const draft = await draftOf(request, (path) => path === '/nvm/signal');
    const kept = draft?.state === 'back' ? draft.values : undefined;
    const asked = kept ? kept.kind?.[0] : (request.query as Record<string, string>).kind;
    const kind = asked === 'consult' ? 'consult' : 'signal';
    const { _csrf, ...typed } = kept ?? {};
    void _csrf;
    return page(
      reply,
      request.t(kind === 'consult' ? 'referrals.signal.consultTitle' : 'referrals.signal.title'),
      html`${draft ? draftNotice(ctxOf(request), draft.state) : ''}${signalForm(ctxOf(request), {
        kind,
        values: kept
          ? { ...typed, submission: typed.submission?.[0] ?? randomUUID() }
          : {
              urgency: 'normal',
              minor: 'unknown',
              consent: 'not_asked',
              gender: 'unknown',
              ageGroup: 'unknown',
              submission: randomUUID(),
            },
        problems: [],
        municipalities: await municipalityNames(),
      })}`,
    );
  });

  app.post('/nvm/signal', guard('nrm_professional'), async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const kind = one(body, 'kind') === 'consult' ? 'consult' : 'signal';
    const input: SignalInput = {
      kind,
      municipality: one(body, 'municipality', 200),
      urgency: one(body, 'urgency'),
      minor: one(body, 'minor'),
      consent: one(body, 'consent'),
      vitalInterest: one(body, 'vitalInterest') === 'yes',
      forms: many(body, 'forms'),
      signals: many(body, 'signals'),
      methodsOfControl: many(body, 'methodsOfControl'),
      recruitment: many(body, 'recruitment'),
      sector: one(body, 'sector'),
      needs: many(body, 'needs'),
      gender: one(body, 'gender'),
      ageGroup: one(body, 'ageGroup'),
      citizenship: one(body, 'citizenship', 20).toUpperCase(),
      summary: one(body, 'summary', 10_000),
      name: one(body, 'name', 1000),
      dateOfBirth: one(body, 'dateOfBirth', 100),
      contact: one(body, 'contact', 1000),
      submission: one(body, 'submission', 40),
    };
    try {
      const created = await referrals.submitSignal(userOf(request), input);
      // Post, redirect, get: a reload shows the receipt, never a second post; a resubmitted form (the same
      // one-time token) lands on the receipt of the case the first one made, saying so.
      return reply.redirect(
        `${request.href(`/nvm/signal/sent/${created.id}`)}${created.repeated ? '?again=1' : ''}`,
        303,
      );
    } catch (error) {
      if (error instanceof ValidationFailed) {
        const values: FormValues = {};
        for (const [k, v] of Object.entries(body))
          if (k !== '_csrf' && (typeof v === 'string' || Array.isArray(v)))
            values[k] = v as string | string[];
        return page(
          reply,
          request.t('referrals.signal.title'),
          signalForm(ctxOf(request), {
            kind,
            values,
            problems: error.problems,
            municipalities: await municipalityNames(),
          }),
          400,
        );
      }
      throw error;
    }
  });

  app.get('/nvm/signal/sent/:id', guard('nrm_professional'), async (request, reply) => {
    const { id } = request.params as { id: string };
    const receipt = await referrals.signalReceipt(request.user!, id);
    if (!receipt) throw notFound();
    const consult = receipt.kind === 'consult';
    return page(
      reply,
      request.t(consult ? 'referrals.signal.consultSent' : 'referrals.signal.sent'),
      signalSent(ctxOf(request), {
        reference: receipt.reference,
        caseId: receipt.id,
        teamName: receipt.team_name,
        consult,
        repeated: (request.query as Record<string, string>).again === '1',
      }),
    );
  });

  async function showCase(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    o: {
      notice?: string;
      forwarded?: { meant: string; to: string };
      conflict?: boolean;
      attempt?: [string, string][];
      problems?: FieldProblem[];
      refill?: Refill;
      draft?: 'back' | 'gone';
    } = {},
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

  app.get('/nvm/cases/:id', guard(...CASE_ROLES), async (request, reply) => {
    const { id } = request.params as { id: string };
    const notice = (request.query as Record<string, string>).done;
    const prefix = `/nvm/cases/${id}/`;
    const draft = await draftOf(request, (path) => path.startsWith(prefix) && !path.endsWith('/exit'));
    return showCase(request, reply, id, {
      ...(notice && /^[a-z_]{1,30}$/.test(notice) ? { notice } : {}),
      ...forwardedNotice(request.query),
      ...(draft ? { draft: draft.state } : {}),
      ...(draft?.state === 'back' ? { refill: refillFromDraft(prefix, draft) } : {}),
    });
  });

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
    const body = (request.body ?? {}) as Body;
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
      const problems =
        error instanceof ValidationFailed
          ? error.problems
          : error instanceof HttpError && error.statusCode === 422 && error.fields.length > 0
            ? error.fields
            : undefined;
      if (problems) {
        // The same form again, filled with what was typed; its name is its action below the case.
        const form = formOf(request);
        return showCase(
          request,
          reply,
          id,
          {
            problems,
            attempt: attemptOf(body),
            refill: { form, values: refillValues(body), version: one(body, 'version', 12) },
          },
          error instanceof HttpError ? error.statusCode : 400,
        );
      }
      throw error;
    }
    return reply.redirect(
      after?.(body, id, result) ?? `${request.href(`/nvm/cases/${id}`)}?done=${notice}`,
      303,
    );
  }

  app.post('/nvm/cases/:id/transition', guard(...MANAGERS), (request, reply) =>
    act(request, reply, 'moved', (body, id) =>
      referrals.transition(userOf(request), id, {
        to: one(body, 'to'),
        reason: one(body, 'reason'),
        closeReason: one(body, 'closeReason'),
        withdrawOpen: one(body, 'withdrawOpen') === 'yes',
        version: version(body),
      }),
    ),
  );
  app.post('/nvm/cases/:id/assess', guard(...MANAGERS), (request, reply) =>
    act(request, reply, 'assessed', (body, id) =>
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
  app.post('/nvm/cases/:id/consent', guard(...MANAGERS), (request, reply) =>
    act(request, reply, 'consent', (body, id) =>
      referrals.recordConsent(userOf(request), id, {
        version: version(body),
        consent: one(body, 'consent'),
        vitalInterest: one(body, 'vitalInterest') === 'yes',
      }),
    ),
  );
  app.post('/nvm/cases/:id/consents', guard(...MANAGERS), (request, reply) =>
    act(request, reply, 'consent_recorded', (body, id) =>
      referrals.recordRecipientConsent(userOf(request), id, {
        version: version(body),
        teamId: one(body, 'consentTeamId', 40),
        purpose: one(body, 'consentPurpose', 40),
        answer: one(body, 'consentAnswer', 40),
        method: one(body, 'consentMethod', 40),
      }),
    ),
  );
  app.post('/nvm/cases/:id/consents/withdraw', guard(...MANAGERS), (request, reply) =>
    act(request, reply, 'consent_withdrawn', (body, id) =>
      referrals.withdrawConsent(userOf(request), id, {
        version: version(body),
        consent: one(body, 'consentId', 40),
        note: one(body, 'withdrawalNote', 2100),
      }),
    ),
  );
  app.post('/nvm/cases/:id/minor', guard(...MANAGERS), (request, reply) =>
    act(request, reply, 'corrected', (body, id) =>
      referrals.correctMinor(userOf(request), id, {
        version: version(body),
        minor: one(body, 'minor'),
        reason: one(body, 'reason'),
      }),
    ),
  );
  app.post('/nvm/cases/:id/refer', guard(...MANAGERS), (request, reply) =>
    act(
      request,
      reply,
      'referred',
      (body, id) =>
        referrals.refer(userOf(request), id, {
          version: version(body),
          kind: one(body, 'kind'),
          toTeamId: one(body, 'toTeamId', 40),
          serviceType: one(body, 'serviceType'),
          sharePersonalData: one(body, 'sharePersonalData') === 'yes',
          reason: one(body, 'reason'),
        }),
      (_body, id, result) => forwardedTo(request.href(`/nvm/cases/${id}`), result),
    ),
  );
  app.post('/nvm/cases/:id/referrals/:rid/respond', guard(...CASE_ROLES), (request, reply) =>
    act(request, reply, 'answered', (body, id) =>
      referrals.respondReferral(userOf(request), id, (request.params as { rid: string }).rid, {
        accept: one(body, 'answer') === 'accept',
        reason: one(body, 'reason'),
      }),
    ),
  );
  // A shelter answers a person's referral and placement request together (both open for it): one form, one step.
  app.post('/nvm/cases/:id/answer-together', guard('nrm_shelter'), (request, reply) =>
    act(
      request,
      reply,
      'answered',
      (body, id) =>
        referrals.respondTogether(userOf(request), id, {
          referralId: one(body, 'referral', 40),
          placementId: one(body, 'placement', 40),
          accept: one(body, 'answer') === 'accept',
          reason: one(body, 'reason'),
        }),
      (body) => (one(body, 'answer') === 'accept' ? undefined : request.href('/nvm')),
    ),
  );
  app.post('/nvm/cases/:id/referrals/:rid/withdraw', guard(...MANAGERS), (request, reply) =>
    act(request, reply, 'withdrawn', (_body, id) =>
      referrals.withdrawReferral(userOf(request), id, (request.params as { rid: string }).rid),
    ),
  );
  app.post('/nvm/cases/:id/placements', guard(...MANAGERS), (request, reply) =>
    act(
      request,
      reply,
      'placement',
      (body, id) =>
        referrals.requestPlacement(userOf(request), id, {
          version: version(body),
          shelterTeamId: one(body, 'shelterTeamId', 40),
          category: one(body, 'category'),
          reason: one(body, 'reason'),
        }),
      (_body, id, result) => forwardedTo(request.href(`/nvm/cases/${id}`), result),
    ),
  );
  app.post('/nvm/cases/:id/placements/:pid/respond', guard('nrm_shelter'), (request, reply) =>
    act(
      request,
      reply,
      'answered',
      (body, id) =>
        referrals.respondPlacement(userOf(request), id, (request.params as { pid: string }).pid, {
          accept: one(body, 'answer') === 'accept',
          reason: one(body, 'reason'),
        }),
      // A declined request takes the case out of the shelter's sight, so it returns to its list.
      (body) => (one(body, 'answer') === 'accept' ? undefined : request.href('/nvm')),
    ),
  );
  // The shelter's exit step: its own page, the place back at once, then the shelter's places (post, redirect, get).
  async function showExit(
    request: FastifyRequest,
    reply: FastifyReply,
    refused:
      | { problems?: FieldProblem[]; attempt?: [string, string][]; refill?: Refill; draft?: 'back' | 'gone' }
      | undefined,
    status = 200,
  ) {
    const { id, pid } = request.params as { id: string; pid: string };
    const data = await referrals.getCase(userOf(request), id);
    const placement = data.placements.find(
      (p) => p.id === pid && p.status === 'accepted' && p.shelter_team_id === data.viewer.teamId,
    );
    if (!placement) throw notFound();
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
  app.get('/nvm/cases/:id/placements/:pid/exit', guard('nrm_shelter'), async (request, reply) => {
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
  });
  app.post('/nvm/cases/:id/placements/:pid/exit', guard('nrm_shelter'), async (request, reply) => {
    const { id, pid } = request.params as { id: string; pid: string };
    const body = (request.body ?? {}) as Body;
    try {
      await referrals.exitPlacement(userOf(request), id, pid, {
        reason: one(body, 'exitReason'),
        note: one(body, 'exitNote', 5000),
      });
    } catch (error) {
      if (error instanceof ValidationFailed)
        return showExit(
          request,
          reply,
          {
            problems: error.problems,
            attempt: attemptOf(body),
            refill: { form: formOf(request), values: refillValues(body) },
          },
          400,
        );
      throw error;
    }
    return reply.redirect(`${request.href('/nvm/shelter')}?done=exit`, 303);
  });

  app.post('/nvm/cases/:id/person', guard(...MANAGERS), (request, reply) =>
    act(request, reply, 'rectified', (body, id) =>
      referrals.rectify(userOf(request), id, {
        version: version(body),
        name: one(body, 'name', 1000),
        dateOfBirth: one(body, 'dateOfBirth', 100),
        contact: one(body, 'contact', 1000),
        specialNotes: one(body, 'specialNotes', 10_000),
      }),
    ),
  );
  app.get('/nvm/cases/:id/export.json', guard(...MANAGERS), async (request, reply) => {
    const { id } = request.params as { id: string };
    const data = await referrals.subjectAccess(userOf(request), id);
    return reply
      .header('content-disposition', `attachment; filename="inzage-${data.case.reference}.json"`)
      .header('cache-control', 'no-store')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });

  // The export the person is owed, in their language (`?lang=`, else the page's): a page and a PDF.
  const exportDocument = async (request: FastifyRequest) => {
    const { id } = request.params as { id: string };
    const lang = documentLocale((request.query as Record<string, unknown>).lang, request.locale);
    const data = await referrals.subjectAccess(userOf(request), id);
    return { id, data, document: subjectAccessDocument(data, i18n.translator(lang), lang) };
  };
  app.get('/nvm/cases/:id/export', guard(...MANAGERS), async (request, reply) => {
    const { id, document } = await exportDocument(request);
    reply.header('cache-control', 'no-store');
    return page(reply, document.title, subjectAccessPage(ctxOf(request), { caseId: id, document }));
  });
  app.get('/nvm/cases/:id/export.pdf', guard(...MANAGERS), async (request, reply) => {
    const { data, document } = await exportDocument(request);
    const pdf = await subjectAccessPdf(document);
    return reply
      .header('content-disposition', `attachment; filename="inzage-${data.case.reference}.pdf"`)
      .header('cache-control', 'no-store')
      .type('application/pdf')
      .send(pdf);
  });

  app.get('/nvm/lookup', guard(...MANAGERS), async (request, reply) => {
    const reference = String((request.query as Record<string, string>).reference ?? '').slice(0, 40);
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
  });

  app.post('/nvm/cases/:id/break-glass', guard(...MANAGERS), async (request, reply) => {
    const { id } = request.params as { id: string };
    await referrals.breakGlass(userOf(request), id, one((request.body ?? {}) as Body, 'reason'));
    return reply.redirect(request.href(`/nvm/cases/${id}`), 303);
  });

  app.get('/nvm/places', guard(...MANAGERS), async (request, reply) => {
    const q = request.query as Record<string, string>;
    const regions = (await directory.regions()).safetyRegions;
    const category = typeof q.category === 'string' ? q.category.slice(0, 30) : '';
    const region = typeof q.region === 'string' && regions.some((r) => r.code === q.region) ? q.region : '';
    const [places, waiting] = await Promise.all([
      referrals.freePlaces({
        ...(category ? { category } : {}),
        ...(region ? { safetyRegion: region } : {}),
      }),
      referrals.waitingList(),
    ]);
    return page(
      reply,
      request.t('referrals.places.title'),
      placesPage(ctxOf(request), { places, category, region, regions, waiting }),
    );
  });

  async function showShelter(
    request: FastifyRequest,
    reply: FastifyReply,
    o: {
      notice?: string;
      refused?: { problems: FieldProblem[]; attempt: [string, string][] };
      typed?: [string, string][];
      draft?: 'back' | 'gone';
    },
    status = 200,
  ) {
    const team = await referrals.teamOf(request.user!.id);
    if (!team) throw notFound();
    const { current, history } = await referrals.capacityOf(team.id);
    return page(
      reply,
      request.t('referrals.shelter.title', { team: team.name }),
      shelterPage(ctxOf(request), { teamName: team.name, current, history, ...o }),
      status,
    );
  }
  app.get('/nvm/shelter', guard('nrm_shelter'), async (request, reply) => {
    const done = (request.query as Record<string, string>).done;
    const draft = await draftOf(request, (path) => path === '/nvm/shelter/capacity');
    if (draft)
      return showShelter(request, reply, {
        draft: draft.state,
        ...(draft.state === 'back' ? { typed: attemptOf(draft.values) } : {}),
      });
    return showShelter(request, reply, done === 'capacity' || done === 'exit' ? { notice: done } : {});
  });

  app.post('/nvm/shelter/capacity', guard('nrm_shelter'), async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const number = (name: string) => {
      const raw = one(body, name, 12).trim();
      return /^\d{1,6}$/.test(raw) ? Number(raw) : -1;
    };
    try {
      await referrals.setCapacity(userOf(request), {
        category: one(body, 'category'),
        available: number('available'),
        maximum: number('maximum'),
        reason: one(body, 'reason', 300),
      });
    } catch (error) {
      if (error instanceof ValidationFailed)
        return showShelter(
          request,
          reply,
          { refused: { problems: error.problems, attempt: attemptOf(body) } },
          400,
        );
      throw error;
    }
    return reply.redirect(`${request.href('/nvm/shelter')}?done=capacity`, 303);
  });

  app.get('/nvm/registrations', guard('nrm_national'), async (request, reply) => {
    const rows = await referrals.registrations(request.user!);
    const regions = await directory.regions();
    const regionNames = Object.fromEntries(
      [...new Set(rows.map((r) => r.safety_region_code))].map((code) => [
        code,
        regions.safetyRegion(code)?.name ?? request.t('referrals.unknown'),
      ]),
    );
    return page(
      reply,
      request.t('referrals.registrations.title'),
      registrationsPage(ctxOf(request), regionNames, rows),
    );
  });

  app.get('/nvm/bottlenecks', guard(...MANAGERS), async (request, reply) => {
    const data = await referrals.bottleneckView(request.user!);
    return page(reply, request.t('referrals.bottlenecks.title'), bottlenecksPage(ctxOf(request), data));
  });

  registerStaffArea({ path: '/admin/nrm', labelKey: 'referrals.admin.nav', roles: ['admin'] });
  async function adminView(
    request: FastifyRequest,
    reply: FastifyReply,
    o: { values?: FormValues; problems?: FieldProblem[]; notice?: string } = {},
    status = 200,
  ) {
    const teams = await referrals.teamOverview();
    return page(
      reply,
      request.t('referrals.admin.title'),
      adminPage(ctxOf(request), {
        teams,
        values: o.values ?? {},
        problems: o.problems ?? [],
        ...(o.notice ? { notice: o.notice } : {}),
      }),
      status,
    );
  }
  app.get('/admin/nrm', guard('admin'), async (request, reply) => {
    const done = (request.query as Record<string, string>).done;
    return adminView(request, reply, done === 'team' || done === 'member' ? { notice: done } : {});
  });
  app.get('/admin/nrm/routes', guard('admin'), async (request, reply) => {
    const findings = await referrals.routeCheck((kind) => request.t(`referrals.teamKind.${kind}`));
    return page(reply, request.t('referrals.check.title'), routesPage(ctxOf(request), findings));
  });
  app.post('/admin/nrm/teams', guard('admin'), async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    try {
      await referrals.createTeam(request.user!.id, {
        kind: one(body, 'kind'),
        name: one(body, 'name', 300),
        organisationType: one(body, 'organisationType'),
        directoryServiceId: one(body, 'directoryServiceId', 60),
        email: one(body, 'teamEmail', 300),
      });
    } catch (error) {
      if (error instanceof ValidationFailed)
        return adminView(
          request,
          reply,
          {
            values: body as FormValues,
            problems: error.problems.map((p) => (p.field === 'email' ? { ...p, field: 'teamEmail' } : p)),
          },
          400,
        );
      throw error;
    }
    return reply.redirect(`${request.href('/admin/nrm')}?done=team`, 303);
  });
  app.post('/admin/nrm/members', guard('admin'), async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    try {
      await referrals.setMembership(request.user!.id, {
        email: one(body, 'email', 300),
        teamId: one(body, 'teamId', 60),
      });
    } catch (error) {
      if (error instanceof ValidationFailed)
        return adminView(request, reply, { values: body as FormValues, problems: error.problems }, 400);
      throw error;
    }
    return reply.redirect(`${request.href('/admin/nrm')}?done=member`, 303);
  });

  app.get('/nvm/privacy', guard('privacy_officer'), async (request, reply) => {
    const verify = (request.query as Record<string, string>).verify === '1';
    const [grants, chain] = await Promise.all([
      referrals.flaggedAccess(),
      verify ? options.services.audit.verify() : undefined,
    ]);
    return page(
      reply,
      request.t('referrals.privacy.title'),
      privacyPage(ctxOf(request), { register: PROCESSING_REGISTER, grants, audit: [], chain }),
    );
  });

  // The audit log, filtered by case, person and period, every page reachable (audit-log.ts).
  app.get('/nvm/privacy/audit', guard('privacy_officer'), async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    const text = (name: string) => (typeof q[name] === 'string' ? (q[name] as string).slice(0, 300) : '');
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
  });

  app.post('/nvm/privacy/grants/:gid/review', guard('privacy_officer'), async (request, reply) => {
    await referrals.reviewGrant(request.user!, (request.params as { gid: string }).gid);
    return reply.redirect(request.href('/nvm/privacy'), 303);
  });
}
