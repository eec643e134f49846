// Steward pages (directory_steward or admin): dashboard with the stale list, service list, create/edit with
// server-side validation and optimistic concurrency, verify, retire, change history, organisations. The auth
// platform checks the CSRF token of every POST before these handlers run.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound, ValidationFailed, type FieldProblem } from '../../platform/http/errors.js';
import { requireRole } from '../../platform/auth/index.js';
import {
  buttonForm,
  FormField,
  formBody,
  formPost,
  pathParams,
  postedValues,
} from '../../platform/http/form-schema.js';
import type { NavLink } from '../../platform/web/layout.js';
import type { SafeHtml } from '../../platform/web/html.js';
import { draftToForm, emptyForm, isGroup, parseServiceForm, recordToDraft, withMoreRows } from './form.js';
import { queryText, resolveMunicipality } from './public-routes.js';
import {
  ORGANIZATIONS_QUERY,
  STEWARD_DASHBOARD_QUERY,
  STEWARD_LIST_QUERY,
  STEWARD_SERVICE_QUERY,
} from './query-schemas.js';
import { ServiceConflict, type DirectoryService } from './service.js';
import type { Actor, ServicePage, ServiceRecord, ServiceStatus } from './types.js';
import { EDITABLE_TAXONOMIES, SERVICE_STATUSES, type OrganizationDraft } from './validation.js';
import { ProblemList, valueOf, type FormValues } from '../../platform/web/components.js';
import { serviceForm } from './views/service-form.js';
import {
  dashboardPage,
  historyPage,
  organizationFormPage,
  organizationsPage,
  serviceListPage,
  serviceOverviewPage,
  type StewardContext,
  type StewardListFilters,
} from './views/steward.js';

export const STEWARD_PER_PAGE = 50;

// Shape and outer limits only: the service's validation names the real limits (LIMITS) in its own words, so these
// are set above them; the rows of phones, links, areas and opening hours (`phones[2].number`) are read by
// parseServiceForm and checked by the service.
const FREE_TEXT = 20_000;
const IdParams = pathParams(['id']);
const ServiceForm = formBody({
  _more: FormField.text(50),
  version: FormField.text(20),
  organization_id: FormField.text(200),
  name: FormField.text(FREE_TEXT),
  alternate_name: FormField.text(FREE_TEXT),
  description: FormField.text(FREE_TEXT),
  url: FormField.text(FREE_TEXT),
  email: FormField.text(FREE_TEXT),
  status: FormField.text(50),
  interpretation_services: FormField.text(FREE_TEXT),
  application_process: FormField.text(FREE_TEXT),
  fees_description: FormField.text(FREE_TEXT),
  wait_time: FormField.text(FREE_TEXT),
  accreditations: FormField.text(FREE_TEXT),
  eligibility_description: FormField.text(FREE_TEXT),
  minimum_age: FormField.text(50),
  maximum_age: FormField.text(50),
  alert: FormField.text(FREE_TEXT),
  always_open: FormField.text(10),
  languages: FormField.text(2000),
  taxonomy_term_ids: FormField.list({ maxItems: 500, maxLength: 200 }),
});
const OrganizationForm = formBody({
  name: FormField.text(FREE_TEXT),
  alternate_name: FormField.text(FREE_TEXT),
  description: FormField.text(FREE_TEXT),
  email: FormField.text(FREE_TEXT),
  website: FormField.text(FREE_TEXT),
  legal_status: FormField.text(FREE_TEXT),
});
const RetireForm = formBody({ reason: FormField.text(FREE_TEXT), version: FormField.text(20) });
const VerifyForm = formBody({ back: FormField.text(200) });

function actorOf(request: FastifyRequest): Actor {
  const user = request.user!;
  return { id: user.id, email: user.email, displayName: user.displayName };
}

export function stewardNav(request: FastifyRequest): NavLink[] {
  const { t } = request;
  return [
    { href: request.href('/steward'), label: t('directory.nav.dashboard') },
    { href: request.href('/steward/services'), label: t('directory.nav.services') },
    { href: request.href('/steward/services/new'), label: t('directory.nav.newService') },
    { href: request.href('/steward/organizations'), label: t('directory.nav.organizations') },
    // The account page (password, second factor), as on every staff page.
    { href: request.href('/account'), label: t('auth.nav.account') },
  ];
}

async function stewardContext(directory: DirectoryService, request: FastifyRequest): Promise<StewardContext> {
  const [regions, terms] = await Promise.all([directory.regions(), directory.taxonomyTerms()]);
  return {
    t: request.t,
    locale: request.locale,
    href: (p) => request.href(p),
    csrfToken: request.csrfToken(),
    regions,
    terms: new Map(terms.map((term) => [term.id, term])),
    today: directory.today(),
    isStale: (record) => directory.isStale(record),
  };
}

function page(request: FastifyRequest, reply: FastifyReply, title: string, body: SafeHtml, status = 200) {
  return reply.page({ title, body, nav: stewardNav(request), noindex: true }, status);
}

export async function stewardRoutes(
  app: FastifyInstance,
  options: { services: { directory: DirectoryService } },
) {
  const directory = options.services.directory;
  app.addHook('preHandler', requireRole('directory_steward', 'admin'));
  dashboardAndListRoutes(app, directory);
  serviceFormRoutes(app, directory);
  serviceRecordRoutes(app, directory);
  organizationRoutes(app, directory);
}

async function serviceOrNotFound(directory: DirectoryService, id: string): Promise<ServiceRecord> {
  const record = await directory.getService(id);
  if (!record) throw notFound();
  return record;
}

/** The dashboard (counts, the services due for verification) and the list of services with its filters. */
function dashboardAndListRoutes(app: FastifyInstance, directory: DirectoryService) {
  app.get(
    '/steward',
    { schema: { hide: true, querystring: STEWARD_DASHBOARD_QUERY } },
    async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const [ctx, counts, stale] = await Promise.all([
        stewardContext(directory, request),
        directory.dashboardCounts(),
        directory.staleServices(),
      ]);
      const verified = await directory.getService(queryText(query.verified, 36));
      return page(
        request,
        reply,
        request.t('directory.steward.dashboard'),
        dashboardPage(ctx, counts, stale, verified),
      );
    },
  );

  app.get(
    '/steward/services',
    { schema: { hide: true, querystring: STEWARD_LIST_QUERY } },
    async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const filters: StewardListFilters = {
        q: queryText(query.q),
        status: queryText(query.status, 30),
        stale: queryText(query.stale, 5) === 'yes',
        term: queryText(query.term, 36),
        municipality: queryText(query.municipality, 100),
        organization: queryText(query.organization, 36),
        page: Math.min(Math.max(Number.parseInt(queryText(query.page, 6), 10) || 1, 1), 10_000),
      };
      const ctx = await stewardContext(directory, request);
      const problems: FieldProblem[] = [];
      const municipality = await resolveMunicipality(directory, filters.municipality);
      if (filters.municipality && !municipality.resolved) {
        problems.push({
          field: 'municipality',
          key: municipality.suggestions.length
            ? 'directory.search.municipalityAmbiguous'
            : 'directory.search.municipalityUnknown',
          params: {
            input: filters.municipality,
            names: municipality.suggestions
              .slice(0, 5)
              .map((m) => m.name)
              .join(', '),
          },
        });
      }
      let result: ServicePage | undefined;
      if (problems.length === 0) {
        result = await directory.listServices({
          ...(filters.q ? { q: filters.q } : {}),
          ...(SERVICE_STATUSES.includes(filters.status as ServiceStatus)
            ? { statuses: [filters.status as ServiceStatus] }
            : {}),
          ...(filters.stale ? { stale: true } : {}),
          ...(ctx.terms.has(filters.term) ? { taxonomyTermIds: [filters.term] } : {}),
          ...(municipality.resolved ? { municipality: municipality.resolved.code } : {}),
          ...((await directory.getOrganization(filters.organization))
            ? { organizationId: filters.organization }
            : {}),
          page: filters.page,
          perPage: STEWARD_PER_PAGE,
        });
      }
      return page(
        request,
        reply,
        request.t('directory.steward.services'),
        serviceListPage(ctx, filters, result, problems),
        problems.length ? 400 : 200,
      );
    },
  );
}

/** A new service, and editing one: the form, its extra rows, validation and the check for a concurrent edit. */
function serviceFormRoutes(app: FastifyInstance, directory: DirectoryService) {
  const loadService = (id: string) => serviceOrNotFound(directory, id);

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    o: {
      values: FormValues;
      problems?: FieldProblem[];
      record?: ServiceRecord;
      conflict?: boolean;
      status?: number;
    },
  ) {
    const [regions, terms, organizations] = await Promise.all([
      directory.regions(),
      directory.taxonomyTerms(),
      directory.organizations(),
    ]);
    const { t } = request;
    const body = serviceForm({
      t,
      locale: request.locale,
      href: (p) => request.href(p),
      csrfToken: request.csrfToken(),
      regions,
      terms,
      organizations,
      values: o.values,
      problems: new ProblemList(o.problems ?? [], t),
      record: o.record,
      conflict: o.conflict ?? false,
    });
    const title = o.record
      ? t('directory.steward.editTitle', { name: o.record.name })
      : t('directory.steward.newTitle');
    return page(
      request,
      reply,
      o.problems?.length ? `${t('directory.form.errorTitlePrefix')} ${title}` : title,
      body,
      o.status ?? 200,
    );
  }

  async function editableTermIds(): Promise<Set<string>> {
    const editable = new Set<string>(EDITABLE_TAXONOMIES);
    return new Set(
      (await directory.taxonomyTerms()).filter((term) => editable.has(term.taxonomy)).map((term) => term.id),
    );
  }

  app.get('/steward/services/new', { schema: { hide: true } }, async (request, reply) => {
    return renderForm(request, reply, { values: emptyForm() });
  });

  /** The service form again with what was posted and the problems its schema found (400). */
  async function invalidServiceForm(request: FastifyRequest, reply: FastifyReply, problems: FieldProblem[]) {
    const { id } = (request.params ?? {}) as { id?: string };
    const record = id ? await loadService(id) : undefined;
    return renderForm(request, reply, { values: postedValues(request), problems, record, status: 400 });
  }

  app.post(
    '/steward/services/new',
    formPost({ body: ServiceForm, invalid: invalidServiceForm }, async (request, reply) => {
      const values = (request.body ?? {}) as FormValues;
      const more = valueOf(values, '_more');
      if (isGroup(more)) return renderForm(request, reply, { values: withMoreRows(values, more) });
      const parsed = parseServiceForm(values, await directory.regions());
      try {
        const created = await directory.createService(parsed.draft, actorOf(request));
        return reply.redirect(`${request.href(`/steward/services/${created.id}`)}?saved=1`, 303);
      } catch (error) {
        if (!(error instanceof ValidationFailed)) throw error;
        const problems = error.problems.map((p) => ({ ...p, field: parsed.formField(p.field) }));
        return renderForm(request, reply, { values, problems, status: 400 });
      }
    }),
  );

  app.get(
    '/steward/services/:id/edit',
    { schema: { hide: true, params: IdParams } },
    async (request, reply) => {
      const record = await loadService((request.params as { id: string }).id);
      return renderForm(request, reply, {
        values: draftToForm(recordToDraft(record), record.version, await editableTermIds()),
        record,
      });
    },
  );

  app.post(
    '/steward/services/:id/edit',
    formPost({ params: IdParams, body: ServiceForm, invalid: invalidServiceForm }, async (request, reply) => {
      const record = await loadService((request.params as { id: string }).id);
      const values = (request.body ?? {}) as FormValues;
      const more = valueOf(values, '_more');
      if (isGroup(more)) return renderForm(request, reply, { values: withMoreRows(values, more), record });
      const version = Number.parseInt(valueOf(values, 'version'), 10);
      if (!Number.isInteger(version)) {
        return renderForm(request, reply, {
          values: { ...values, version: String(record.version) },
          record,
          conflict: true,
          status: 409,
        });
      }
      const parsed = parseServiceForm(values, await directory.regions());
      try {
        await directory.updateService(record.id, parsed.draft, { version }, actorOf(request));
        return reply.redirect(`${request.href(`/steward/services/${record.id}`)}?saved=1`, 303);
      } catch (error) {
        if (error instanceof ServiceConflict) {
          // Keep what the steward typed; the form now carries the current version, so saving again is a
          // deliberate overwrite after seeing the warning, never a silent one.
          return renderForm(request, reply, {
            values: { ...values, version: String(error.currentVersion) },
            record,
            conflict: true,
            status: 409,
          });
        }
        if (!(error instanceof ValidationFailed)) throw error;
        const problems = error.problems.map((p) => ({ ...p, field: parsed.formField(p.field) }));
        return renderForm(request, reply, { values, problems, record, status: 400 });
      }
    }),
  );
}

/** One service: its overview, verifying it, retiring it, and its change history. */
function serviceRecordRoutes(app: FastifyInstance, directory: DirectoryService) {
  const loadService = (id: string) => serviceOrNotFound(directory, id);

  app.get(
    '/steward/services/:id',
    { schema: { hide: true, params: IdParams, querystring: STEWARD_SERVICE_QUERY } },
    async (request, reply) => {
      const record = await loadService((request.params as { id: string }).id);
      const query = request.query as Record<string, unknown>;
      const ctx = await stewardContext(directory, request);
      return page(
        request,
        reply,
        record.name,
        serviceOverviewPage(ctx, record, {
          saved: 'saved' in query,
          verified: 'verified' in query,
          retired: 'retired' in query,
        }),
      );
    },
  );

  app.post(
    '/steward/services/:id/verify',
    { schema: { hide: true, params: IdParams, body: VerifyForm } },
    async (request, reply) => {
      const record = await loadService((request.params as { id: string }).id);
      await directory.verifyService(record.id, actorOf(request));
      const back = valueOf((request.body ?? {}) as FormValues, 'back');
      const target =
        back === '/steward'
          ? `${request.href('/steward')}?verified=${record.id}`
          : `${request.href(`/steward/services/${record.id}`)}?verified=1`;
      return reply.redirect(target, 303);
    },
  );

  /** The retire form broke its schema: the overview again with the reason as typed and the problem (400). */
  async function invalidRetireForm(request: FastifyRequest, reply: FastifyReply, problems: FieldProblem[]) {
    const record = await loadService((request.params as { id: string }).id);
    const ctx = await stewardContext(directory, request);
    const retireValues = postedValues(request);
    return page(
      request,
      reply,
      record.name,
      serviceOverviewPage(ctx, record, { retireValues, retireProblems: problems }),
      400,
    );
  }

  app.post(
    '/steward/services/:id/retire',
    formPost({ params: IdParams, body: RetireForm, invalid: invalidRetireForm }, async (request, reply) => {
      const record = await loadService((request.params as { id: string }).id);
      const values = (request.body ?? {}) as FormValues;
      const version = Number.parseInt(valueOf(values, 'version'), 10);
      try {
        await directory.retireService(
          record.id,
          valueOf(values, 'reason'),
          actorOf(request),
          Number.isInteger(version) ? { version } : {},
        );
        return reply.redirect(`${request.href(`/steward/services/${record.id}`)}?retired=1`, 303);
      } catch (error) {
        let problems: FieldProblem[];
        let status = 400;
        if (error instanceof ServiceConflict) {
          problems = [{ field: 'reason', key: 'directory.errors.conflictRetire' }];
          status = 409;
        } else if (error instanceof ValidationFailed) {
          problems = error.problems;
        } else throw error;
        const ctx = await stewardContext(directory, request);
        const current = await loadService(record.id);
        return page(
          request,
          reply,
          record.name,
          serviceOverviewPage(ctx, current, { retireValues: values, retireProblems: problems }),
          status,
        );
      }
    }),
  );

  app.get(
    '/steward/services/:id/history',
    { schema: { hide: true, params: IdParams } },
    async (request, reply) => {
      const record = await loadService((request.params as { id: string }).id);
      const [ctx, entries] = await Promise.all([
        stewardContext(directory, request),
        directory.history(record.id),
      ]);
      return page(
        request,
        reply,
        request.t('directory.steward.historyTitle', { name: record.name }),
        historyPage(ctx, record, entries),
      );
    },
  );
}

/** The organisations services belong to: list, new, edit, delete. */
function organizationRoutes(app: FastifyInstance, directory: DirectoryService) {
  app.get(
    '/steward/organizations',
    { schema: { hide: true, querystring: ORGANIZATIONS_QUERY } },
    async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const [ctx, organizations] = await Promise.all([
        stewardContext(directory, request),
        directory.organizations(),
      ]);
      const notice =
        'deleted' in query
          ? 'directory.steward.organizationDeleted'
          : 'saved' in query
            ? 'directory.steward.organizationSaved'
            : undefined;
      return page(
        request,
        reply,
        request.t('directory.steward.organizations'),
        organizationsPage(ctx, organizations, notice),
      );
    },
  );

  function organizationDraft(values: FormValues): OrganizationDraft {
    const opt = (name: string) => valueOf(values, name).trim() || null;
    return {
      name: valueOf(values, 'name').trim(),
      alternate_name: opt('alternate_name'),
      description: valueOf(values, 'description').trim(),
      email: opt('email'),
      website: opt('website'),
      legal_status: opt('legal_status'),
    };
  }

  /** The organisation form broke its schema: again with what was posted and the problems (400). */
  async function invalidOrganizationForm(
    request: FastifyRequest,
    reply: FastifyReply,
    problems: FieldProblem[],
  ) {
    const { id } = (request.params ?? {}) as { id?: string };
    const existing = id ? (await directory.organizations()).find((o) => o.id === id) : undefined;
    if (id && !existing) throw notFound();
    const ctx = await stewardContext(directory, request);
    return page(
      request,
      reply,
      request.t('directory.steward.organizations'),
      organizationFormPage(ctx, existing, postedValues(request), problems),
      400,
    );
  }

  async function saveOrganization(request: FastifyRequest, reply: FastifyReply, id: string | undefined) {
    const values = (request.body ?? {}) as FormValues;
    const existing = id ? (await directory.organizations()).find((o) => o.id === id) : undefined;
    if (id && !existing) throw notFound();
    try {
      await directory.saveOrganization(id, organizationDraft(values), actorOf(request));
      return reply.redirect(`${request.href('/steward/organizations')}?saved=1`, 303);
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      const ctx = await stewardContext(directory, request);
      return page(
        request,
        reply,
        request.t('directory.steward.organizations'),
        organizationFormPage(ctx, existing, values, error.problems),
        400,
      );
    }
  }

  app.get('/steward/organizations/new', { schema: { hide: true } }, async (request, reply) => {
    const ctx = await stewardContext(directory, request);
    return page(
      request,
      reply,
      request.t('directory.steward.newOrganization'),
      organizationFormPage(ctx, undefined, {}, []),
    );
  });

  app.post(
    '/steward/organizations/new',
    formPost({ body: OrganizationForm, invalid: invalidOrganizationForm }, async (request, reply) =>
      saveOrganization(request, reply, undefined),
    ),
  );

  app.get(
    '/steward/organizations/:id/edit',
    { schema: { hide: true, params: IdParams } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const organization = (await directory.organizations()).find((o) => o.id === id);
      if (!organization) throw notFound();
      const ctx = await stewardContext(directory, request);
      const values: FormValues = {
        name: organization.name,
        alternate_name: organization.alternate_name ?? '',
        description: organization.description,
        email: organization.email ?? '',
        website: organization.website ?? '',
        legal_status: organization.legal_status ?? '',
      };
      return page(request, reply, organization.name, organizationFormPage(ctx, organization, values, []));
    },
  );

  app.post(
    '/steward/organizations/:id/edit',
    formPost(
      { params: IdParams, body: OrganizationForm, invalid: invalidOrganizationForm },
      async (request, reply) => saveOrganization(request, reply, request.params.id),
    ),
  );

  app.post(
    '/steward/organizations/:id/delete',
    { schema: { hide: true, params: IdParams, body: buttonForm } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      // An organisation that still has services is a 409 (from the service), shown as an error page.
      await directory.deleteOrganization(id, actorOf(request));
      return reply.redirect(`${request.href('/steward/organizations')}?deleted=1`, 303);
    },
  );
}
