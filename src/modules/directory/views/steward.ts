// Steward pages other than the service form: the dashboard with the stale list, the service list with filters,
// one service with its verify and retire actions, its change history, and the organisations.
import type { FieldProblem } from '../../../platform/http/errors.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { SERVICE_HISTORY_FIELDS } from '../history.js';
import type { RegionLookup } from '../regions.js';
import type { HistoryEntry, Organization, ServicePage, ServiceRecord, TaxonomyTerm } from '../types.js';
import { SERVICE_STATUSES } from '../validation.js';
import {
  badge,
  buttonForm,
  checkboxField,
  csrfField,
  errorSummary,
  hiddenField,
  notice,
  pagination,
  ProblemList,
  queryString,
  selectField,
  submitButton,
  table,
  textareaField,
  textField,
  type Choice,
  type FormValues,
} from '../../../platform/web/components.js';
import { statusBadge } from './components.js';
import { coverageSummary, formatDate, formatDateTime, sourceLabel, termLabel, termsOf } from './format.js';

export interface StewardContext {
  t: Translate;
  locale: string;
  href: (path: string) => string;
  csrfToken: string;
  regions: RegionLookup;
  terms: Map<string, TaxonomyTerm>;
  today: string;
  isStale: (record: ServiceRecord) => boolean;
}

function csrf(ctx: StewardContext): SafeHtml {
  return csrfField(ctx.csrfToken);
}

function verifiedCell(record: ServiceRecord, ctx: StewardContext): SafeHtml {
  const { t } = ctx;
  const date = record.assured_date
    ? formatDate(record.assured_date, ctx.locale)
    : t('directory.steward.never');
  return ctx.isStale(record)
    ? html`${date} ${badge('warning', t('directory.steward.stale'))}`
    : html`${date}`;
}

function verifyButton(record: ServiceRecord, ctx: StewardContext, back: string): SafeHtml {
  return buttonForm({
    action: ctx.href(`/steward/services/${record.id}/verify`),
    csrfToken: ctx.csrfToken,
    hidden: { back },
    label: html`${ctx.t('directory.steward.verify')}<span class="samen-visually-hidden">: ${record.name}</span>`,
    className: 'samen-inline-form',
  });
}

function serviceLink(record: ServiceRecord, ctx: StewardContext): SafeHtml {
  return html`<a class="utrecht-link" href="${ctx.href(`/steward/services/${record.id}`)}">${record.name}</a>`;
}

export function dashboardPage(
  ctx: StewardContext,
  counts: { total: number; byStatus: Record<string, number>; stale: number },
  stale: ServiceRecord[],
  verified: ServiceRecord | undefined,
): SafeHtml {
  const { t } = ctx;
  return html`<h1 class="utrecht-heading-1">${t('directory.steward.dashboard')}</h1>
    ${verified ? notice(t('directory.steward.verifiedDone', { name: verified.name })) : ''}
    <ul class="samen-stats">
      <li><span class="samen-stats__n">${counts.total}</span> ${t('directory.steward.countTotal')}</li>
      ${SERVICE_STATUSES.map((s) => html`<li><span class="samen-stats__n">${counts.byStatus[s] ?? 0}</span> ${t(`directory.status.${s}`)}</li>`)}
      <li>
        <a class="utrecht-link" href="${ctx.href('/steward/services?stale=yes')}"
          ><span class="samen-stats__n">${counts.stale}</span> ${t('directory.steward.countStale')}</a
        >
      </li>
    </ul>
    <p class="samen-actions">
      <a class="utrecht-link" href="${ctx.href('/steward/services/new')}"
        >${t('directory.steward.newTitle')}</a
      >
      <a class="utrecht-link" href="${ctx.href('/steward/services')}"
        >${t('directory.steward.allServices')}</a
      >
    </p>
    <section aria-labelledby="stale-title">
      <h2 class="utrecht-heading-2" id="stale-title">${t('directory.steward.staleTitle')}</h2>
      <p class="utrecht-paragraph">${t('directory.steward.staleIntro')}</p>
      ${
        stale.length
          ? table({
              id: 'stale',
              labelledBy: 'stale-title',
              head: [
                t('directory.field.name'),
                t('directory.field.organization'),
                t('directory.steward.lastVerified'),
                t('directory.steward.actions'),
              ],
              rows: stale.map((r) => ({
                head: serviceLink(r, ctx),
                cells: [
                  r.organization.name,
                  r.assured_date ? formatDate(r.assured_date, ctx.locale) : t('directory.steward.never'),
                  verifyButton(r, ctx, '/steward'),
                ],
              })),
            })
          : html`<p class="utrecht-paragraph">${t('directory.steward.noStale')}</p>`
      }
    </section>`;
}

export interface StewardListFilters {
  q: string;
  status: string;
  stale: boolean;
  term: string;
  municipality: string;
  organization: string;
  page: number;
}

export function serviceListPage(
  ctx: StewardContext,
  filters: StewardListFilters,
  result: ServicePage | undefined,
  problems: FieldProblem[],
): SafeHtml {
  const { t } = ctx;
  const termOptions: Choice[] = [
    { value: '', label: t('directory.filter.any') },
    ...[...ctx.terms.values()]
      .map((term) => ({
        value: term.id,
        label: termLabel(term, ctx.locale),
        group: t(`directory.taxonomy.${term.taxonomy}`),
      }))
      .sort(
        (a, b) => a.group.localeCompare(b.group, ctx.locale) || a.label.localeCompare(b.label, ctx.locale),
      ),
  ];
  const statusOptions: Choice[] = [
    { value: '', label: t('directory.filter.anyStatus') },
    ...SERVICE_STATUSES.map((s) => ({ value: s, label: t(`directory.status.${s}`) })),
  ];
  const list = new ProblemList(problems, t);
  const href = (page: number) =>
    ctx.href(
      `/steward/services${queryString({
        q: filters.q,
        status: filters.status,
        stale: filters.stale ? 'yes' : undefined,
        term: filters.term,
        municipality: filters.municipality,
        organization: filters.organization,
        page: page > 1 ? page : undefined,
      })}`,
    );
  const f = { values: { ...filters, page: undefined, stale: undefined }, problems: list };
  return html`<h1 class="utrecht-heading-1">${t('directory.steward.services')}</h1>
    <p class="samen-actions">
      <a class="utrecht-link" href="${ctx.href('/steward/services/new')}"
        >${t('directory.steward.newTitle')}</a
      >
    </p>
    <form
      class="samen-filters"
      method="get"
      action="${ctx.href('/steward/services')}"
      role="search"
      aria-label="${t('directory.search.label')}"
    >
      ${textField({ ...f, name: 'q', id: 's-q', label: t('directory.search.q'), type: 'search', maxlength: 200 }, t)}
      ${selectField({ ...f, name: 'status', id: 's-status', label: t('directory.field.status'), choices: statusOptions }, t)}
      ${selectField({ ...f, name: 'term', id: 's-term', label: t('directory.filter.term'), choices: termOptions }, t)}
      ${textField({ ...f, name: 'municipality', id: 's-municipality', label: t('directory.search.municipality'), maxlength: 100 }, t)}
      ${checkboxField({ name: 'stale', id: 's-stale', label: t('directory.filter.staleOnly'), checked: filters.stale })}
      ${hiddenField('organization', filters.organization)}
      <div class="samen-actions">${submitButton(t('directory.search.submit'))}</div>
    </form>
    ${
      result
        ? html`<h2 class="utrecht-heading-2" id="results-title">
              ${t('directory.results.count', { count: result.total })}
            </h2>
            ${
              result.items.length
                ? table({
                    id: 'results',
                    labelledBy: 'results-title',
                    head: [
                      t('directory.field.name'),
                      t('directory.field.organization'),
                      t('directory.field.status'),
                      t('directory.field.coverage'),
                      t('directory.steward.lastVerified'),
                    ],
                    rows: result.items.map((r) => ({
                      head: serviceLink(r, ctx),
                      cells: [
                        r.organization.name,
                        statusBadge(r.status, t),
                        coverageSummary(r, ctx.regions, t),
                        verifiedCell(r, ctx),
                      ],
                    })),
                  })
                : html`<p class="utrecht-paragraph">${t('directory.results.none')}</p>`
            }
            ${pagination({ page: result.page, perPage: result.perPage, total: result.total, href }, t)}`
        : ''
    }`;
}

export function serviceOverviewPage(
  ctx: StewardContext,
  record: ServiceRecord,
  state: {
    saved?: boolean;
    verified?: boolean;
    retired?: boolean;
    retireValues?: FormValues;
    retireProblems?: FieldProblem[];
  },
): SafeHtml {
  const { t } = ctx;
  const retireProblems = new ProblemList(state.retireProblems ?? [], t);
  const desk = termsOf(record, ctx.terms, 'desk_type', ctx.locale);
  const done = state.saved
    ? 'directory.steward.saved'
    : state.verified
      ? 'directory.steward.verifiedDone'
      : state.retired
        ? 'directory.steward.retiredDone'
        : undefined;
  return html`<p class="samen-breadcrumb">
      <a class="utrecht-link" href="${ctx.href('/steward/services')}">${t('directory.steward.backToList')}</a>
    </p>
    <h1 class="utrecht-heading-1">${record.name}</h1>
    ${done ? notice(t(done, { name: record.name })) : ''}
    ${errorSummary(retireProblems, (field) => t(`directory.field.${field}`), t)}
    <dl class="samen-dl">
      <dt>${t('directory.field.organization')}</dt>
      <dd>${record.organization.name}</dd>
      <dt>${t('directory.field.status')}</dt>
      <dd>${statusBadge(record.status, t)}</dd>
      ${
        desk.length
          ? html`<dt>${t('directory.field.deskType')}</dt>
              <dd>${desk.join(', ')}</dd>`
          : ''
      }
      <dt>${t('directory.field.coverage')}</dt>
      <dd>${coverageSummary(record, ctx.regions, t)}</dd>
      <dt>${t('directory.steward.lastVerified')}</dt>
      <dd>
        ${verifiedCell(record, ctx)}${record.assurer_email ? html` <span class="samen-meta">(${record.assurer_email})</span>` : ''}
      </dd>
      <dt>${t('directory.steward.verifiedBy')}</dt>
      <dd>${record.assured_by ?? t('directory.steward.verifiedByUnknown')}</dd>
      <dt>${t('directory.steward.source')}</dt><dd>${sourceLabel(record, t, ctx.locale)}</dd>
      <dt>${t('directory.steward.lastModified')}</dt>
      <dd>${formatDateTime(record.last_modified, ctx.locale)}</dd>
      ${
        record.is_sample
          ? html`<dt>${t('directory.sample')}</dt>
              <dd>${t('directory.steward.sampleRecord')}</dd>`
          : ''
      }
    </dl>
    <ul class="samen-actions samen-plain-list">
      <li>
        <a class="utrecht-link" href="${ctx.href(`/steward/services/${record.id}/edit`)}"
          >${t('directory.steward.edit')}</a
        >
      </li>
      <li>
        <a class="utrecht-link" href="${ctx.href(`/steward/services/${record.id}/history`)}"
          >${t('directory.steward.history')}</a
        >
      </li>
      <li>
        <a class="utrecht-link" href="${ctx.href(`/directory/services/${record.id}`)}"
          >${t('directory.steward.publicPage')}</a
        >
      </li>
    </ul>
    <section aria-labelledby="verify-title" class="samen-card">
      <h2 class="utrecht-heading-2" id="verify-title">${t('directory.steward.verifyTitle')}</h2>
      <p class="utrecht-paragraph">${t('directory.steward.verifyIntro')}</p>
      ${verifyButton(record, ctx, `/steward/services/${record.id}`)}
    </section>
    ${
      record.status !== 'defunct'
        ? html`<section aria-labelledby="retire-title" class="samen-card">
            <h2 class="utrecht-heading-2" id="retire-title">${t('directory.steward.retireTitle')}</h2>
            <p class="utrecht-paragraph">${t('directory.steward.retireIntro')}</p>
            <form method="post" action="${ctx.href(`/steward/services/${record.id}/retire`)}" novalidate>
              ${csrf(ctx)}${hiddenField('version', record.version)}
              ${textareaField({ name: 'reason', label: t('directory.field.reason'), values: state.retireValues ?? {}, problems: retireProblems, required: true, rows: 3 }, t)}
              <div class="samen-actions">
                ${submitButton(t('directory.steward.retire'), { variant: 'danger', confirm: t('directory.steward.retireConfirm') })}
              </div>
            </form>
          </section>`
        : ''
    }`;
}

export function historyPage(ctx: StewardContext, record: ServiceRecord, entries: HistoryEntry[]): SafeHtml {
  const { t } = ctx;
  return html`<p class="samen-breadcrumb">
      <a class="utrecht-link" href="${ctx.href(`/steward/services/${record.id}`)}"
        >${t('directory.steward.backToService')}</a
      >
    </p>
    <h1 class="utrecht-heading-1">${t('directory.steward.historyTitle', { name: record.name })}</h1>
    ${
      entries.length
        ? table({
            id: 'history',
            caption: t('directory.steward.historyCaption'),
            className: 'samen-history',
            head: [
              t('directory.history.when'),
              t('directory.history.who'),
              t('directory.history.action'),
              t('directory.history.field'),
              t('directory.history.previous'),
              t('directory.history.replacement'),
            ],
            rows: entries.map((e) => ({
              head: formatDateTime(e.at, ctx.locale),
              cells: [
                e.updatedByName ??
                  (e.updatedBy === 'system'
                    ? t('directory.history.system')
                    : t('directory.history.unknownUser')),
                t(`directory.action.${knownAction(e.action)}`),
                fieldName(e.field, t),
                { value: e.previous || emptyValue(t), className: 'samen-history__value' },
                {
                  value:
                    e.field === 'record' && e.replacement === 'created'
                      ? t('directory.history.recordCreated')
                      : e.replacement || emptyValue(t),
                  className: 'samen-history__value',
                },
              ],
            })),
          })
        : html`<p class="utrecht-paragraph">${t('directory.history.none')}</p>`
    }`;
}

const emptyValue = (t: Translate) => html`<span class="samen-meta">${t('directory.history.empty')}</span>`;

const ACTIONS = ['create', 'update', 'verify', 'retire', 'import'];
function knownAction(action: string): string {
  return ACTIONS.includes(action) ? action : 'other';
}

// Field names with a label: the service's own (from the history module) plus those of retirements and
// organisations.
const HISTORY_FIELDS = new Set([...SERVICE_HISTORY_FIELDS, 'reason', 'legal_status', 'website']);

function fieldName(field: string, t: Translate): string {
  // An import records a new record as one line with field 'record' rather than one line per field.
  if (field === 'record') return t('directory.history.wholeRecord');
  return HISTORY_FIELDS.has(field) ? t(`directory.field.${field}`) : field;
}

export function organizationsPage(
  ctx: StewardContext,
  organizations: (Organization & { serviceCount: number })[],
  done?: string,
): SafeHtml {
  const { t } = ctx;
  return html`<h1 class="utrecht-heading-1">${t('directory.steward.organizations')}</h1>
    ${done ? notice(t(done)) : ''}
    <p class="samen-actions">
      <a class="utrecht-link" href="${ctx.href('/steward/organizations/new')}"
        >${t('directory.steward.newOrganization')}</a
      >
    </p>
    ${table({
      id: 'org',
      caption: t('directory.steward.organizationsCaption', { count: organizations.length }),
      head: [t('directory.field.name'), t('directory.steward.serviceCount'), t('directory.field.website')],
      rows: organizations.map((o) => ({
        head: html`<a class="utrecht-link" href="${ctx.href(`/steward/organizations/${o.id}/edit`)}">${o.name}</a>`,
        cells: [
          html`<a class="utrecht-link" href="${ctx.href(`/steward/services${queryString({ organization: o.id })}`)}"
            >${o.serviceCount}</a
          >`,
          o.website ?? '',
        ],
      })),
    })}`;
}

export function organizationFormPage(
  ctx: StewardContext,
  organization: (Organization & { serviceCount?: number }) | undefined,
  values: FormValues,
  problems: FieldProblem[],
): SafeHtml {
  const { t } = ctx;
  const list = new ProblemList(problems, t);
  const f = { values, problems: list };
  const action = organization
    ? ctx.href(`/steward/organizations/${organization.id}/edit`)
    : ctx.href('/steward/organizations/new');
  return html`<p class="samen-breadcrumb">
      <a class="utrecht-link" href="${ctx.href('/steward/organizations')}"
        >${t('directory.steward.backToOrganizations')}</a
      >
    </p>
    <h1 class="utrecht-heading-1">
      ${organization ? t('directory.steward.editTitle', { name: organization.name }) : t('directory.steward.newOrganization')}
    </h1>
    ${errorSummary(list, (field) => t(`directory.field.${field}`), t)}
    <form method="post" action="${action}" novalidate>
      ${csrf(ctx)} ${textField({ ...f, name: 'name', label: t('directory.field.name'), required: true }, t)}
      ${textField({ ...f, name: 'alternate_name', label: t('directory.field.alternate_name') }, t)}
      ${textareaField({ ...f, name: 'description', label: t('directory.field.description'), rows: 4 }, t)}
      ${textField({ ...f, name: 'website', label: t('directory.field.website'), type: 'url', inputmode: 'url' }, t)}
      ${textField({ ...f, name: 'email', label: t('directory.field.email'), type: 'email', inputmode: 'email' }, t)}
      ${textField({ ...f, name: 'legal_status', label: t('directory.field.legal_status') }, t)}
      <div class="samen-actions">
        ${submitButton(t('directory.form.save'))}
        <a class="utrecht-link" href="${ctx.href('/steward/organizations')}">${t('directory.form.cancel')}</a>
      </div>
    </form>
    ${
      organization && organization.serviceCount === 0
        ? buttonForm({
            action: ctx.href(`/steward/organizations/${organization.id}/delete`),
            csrfToken: ctx.csrfToken,
            className: 'samen-card',
            intro: t('directory.steward.deleteOrganizationIntro'),
            label: t('directory.steward.deleteOrganization'),
            variant: 'danger',
            confirm: t('directory.steward.deleteOrganizationConfirm'),
          })
        : ''
    }`;
}
