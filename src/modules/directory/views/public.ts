// The public directory pages: the searchable list and one service with all its details. No login, no cookies,
// no JavaScript needed.
import type { Translate } from '../../../platform/i18n/index.js';
import { badge } from '../../../platform/web/components.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import type { MunicipalityInfo, RegionLookup } from '../regions.js';
import type { ServicePage, ServiceRecord, TaxonomyTerm } from '../types.js';
import {
  alertBlock,
  pagination,
  ProblemList,
  queryString,
  selectField,
  submitButton,
  textField,
  type Choice,
} from '../../../platform/web/components.js';
import { statusBadge } from './components.js';
import {
  ageRange,
  areaLabel,
  coverageSummary,
  describeHoursParts,
  formatDate,
  hasTerm,
  languageName,
  localTermLabel,
  phoneLink,
  termsOf,
  urlText,
} from './format.js';
import { internationalLink, phoneFacts } from '../phone-facts.js';
import { phoneFactsLine, type AbroadAlternative } from './phone.js';

export interface ViewContext {
  t: Translate;
  locale: string;
  href: (path: string) => string;
  regions: RegionLookup;
  terms: Map<string, TaxonomyTerm>;
}

export interface DirectoryFilters {
  q: string;
  desk: string;
  form: string;
  audience: string;
  municipality: string;
  page: number;
}

export interface MunicipalityChoice {
  resolved?: MunicipalityInfo | undefined;
  /** With the town or village typed, when it is not the municipality's own name ("Westland (Naaldwijk)"). */
  suggestions: (MunicipalityInfo & { place?: string })[];
}

/**
 * The directory's own texts (names, descriptions, notes) are written in Dutch: on a page in another language
 * they carry lang="nl", so a screen reader reads them in a Dutch voice and nobody mistakes them for a
 * translation.
 */
function dutch(ctx: Pick<ViewContext, 'locale'>): SafeHtml {
  return ctx.locale === 'nl' ? html`` : html` lang="nl" dir="ltr"`;
}

function dutchText(ctx: Pick<ViewContext, 'locale'>, text: string): SafeHtml {
  return ctx.locale === 'nl' ? html`${text}` : html`<span lang="nl" dir="ltr">${text}</span>`;
}

function hoursList(ctx: ViewContext, parts: { text: string; note?: string }[]): SafeHtml[] {
  return parts.map((p) => (p.note ? html`${p.text} (${dutchText(ctx, p.note)})` : html`${p.text}`));
}

function termChoices(ctx: ViewContext, taxonomy: TaxonomyTerm['taxonomy'], anyLabel: string): Choice[] {
  const list = [...ctx.terms.values()]
    .filter((term) => term.taxonomy === taxonomy)
    .map((term) => ({ value: term.code, label: localTermLabel(term, ctx.t, ctx.locale) }))
    .sort((a, b) => a.label.localeCompare(b.label, ctx.locale));
  return [{ value: '', label: anyLabel }, ...list];
}

function verifiedLine(record: ServiceRecord, ctx: ViewContext): string {
  return record.assured_date
    ? ctx.t('directory.verifiedOn', { date: formatDate(record.assured_date, ctx.locale) })
    : ctx.t('directory.notVerified');
}

function serviceCard(record: ServiceRecord, ctx: ViewContext): SafeHtml {
  const { t } = ctx;
  const desk = termsOf(record, ctx.terms, 'desk_type', ctx.locale, t);
  return html`<li class="samen-card samen-service-card">
    <h3 class="utrecht-heading-3">
      <a class="utrecht-link" href="${ctx.href(`/directory/services/${record.id}`)}"${dutch(ctx)}>${record.name}</a>
    </h3>
    <dl class="samen-dl">
      <dt>${t('directory.field.organization')}</dt>
      <dd${dutch(ctx)}>${record.organization.name}</dd>
      ${
        desk.length
          ? html`<dt>${t('directory.field.deskType')}</dt>
              <dd>${desk.join(', ')}</dd>`
          : ''
      }
      <dt>${t('directory.field.coverage')}</dt>
      <dd>${coverageSummary(record, ctx.regions, t)}</dd>
    </dl>
    <p class="samen-meta">
      ${record.status !== 'active' ? html`${statusBadge(record.status, t)} ` : ''}
      ${record.is_sample ? html`${badge('neutral', t('directory.sample'))} ` : ''}
      ${verifiedLine(record, ctx)}
    </p>
  </li>`;
}

export function directoryPage(
  ctx: ViewContext,
  filters: DirectoryFilters,
  result: ServicePage | undefined,
  municipality: MunicipalityChoice,
): SafeHtml {
  const { t } = ctx;
  const pageHref = (page: number) =>
    ctx.href(
      `/directory${queryString({
        q: filters.q,
        desk: filters.desk,
        form: filters.form,
        audience: filters.audience,
        municipality: filters.municipality,
        page: page > 1 ? page : undefined,
      })}`,
    );
  const select = (name: keyof DirectoryFilters, label: string, taxonomy: TaxonomyTerm['taxonomy']) =>
    selectField(
      {
        name,
        id: `filter-${name}`,
        label,
        values: { [name]: String(filters[name]) },
        problems: new ProblemList([], t),
        choices: termChoices(ctx, taxonomy, t('directory.filter.any')),
      },
      t,
    );
  const unknownMunicipality = filters.municipality && !municipality.resolved;
  return html`<h1 class="utrecht-heading-1">${t('directory.title')}</h1>
    <p class="utrecht-paragraph utrecht-paragraph--lead">${t('directory.intro')}</p>
    <form
      class="samen-filters samen-search"
      method="get"
      action="${ctx.href('/directory')}"
      role="search"
      aria-label="${t('directory.search.label')}"
    >
      <div class="samen-search__q">
        ${textField({ name: 'q', id: 'filter-q', label: t('directory.search.q'), type: 'search', maxlength: 200, value: filters.q, errors: [] }, t)}
      </div>
      ${textField(
        {
          name: 'municipality',
          id: 'filter-municipality',
          label: t('directory.search.municipality'),
          description: t('directory.search.municipalityHelp'),
          maxlength: 100,
          autocomplete: 'address-level2',
          value: filters.municipality,
          errors: [],
          ...(unknownMunicipality ? { errorId: 'filter-municipality-error' } : {}),
        },
        t,
      )}
      ${select('desk', t('directory.filter.deskType'), 'desk_type')}
      ${select('form', t('directory.filter.exploitationForm'), 'exploitation_form')}
      ${select('audience', t('directory.filter.audience'), 'audience')}
      <div class="samen-actions">
        ${submitButton(t('directory.search.submit'))}
        <a class="utrecht-link" href="${ctx.href('/directory')}">${t('directory.search.reset')}</a>
      </div>
    </form>
    ${
      unknownMunicipality
        ? alertBlock('warning', {
            id: 'filter-municipality-error',
            role: 'status',
            message: municipality.suggestions.length
              ? t('directory.search.municipalityChoose', { input: filters.municipality })
              : t('directory.search.municipalityUnknown', { input: filters.municipality }),
            more: municipality.suggestions.length
              ? html`<ul class="utrecht-unordered-list">
                    ${municipality.suggestions.slice(0, 10).map(
                      (m) =>
                        html`<li>
                          <a
                            class="utrecht-link"
                            href="${ctx.href(`/directory${queryString({ ...filters, page: undefined, municipality: m.code })}`)}"
                            >${m.place ? `${m.name} (${m.place})` : m.name} (${m.province})</a
                          >
                        </li>`,
                    )}
                  </ul>`
              : html``,
          })
        : ''
    }
    ${
      result
        ? html`<section aria-labelledby="results-title">
            <h2 class="utrecht-heading-2" id="results-title">
              ${
                municipality.resolved
                  ? t('directory.results.inMunicipality', {
                      count: result.total,
                      municipality: municipality.resolved.name,
                    })
                  : t('directory.results.count', { count: result.total })
              }
            </h2>
            ${
              result.items.length
                ? html`<ul class="samen-card-list">
                    ${result.items.map((r) => serviceCard(r, ctx))}
                  </ul>`
                : html`<p class="utrecht-paragraph">${t('directory.results.none')}</p>`
            }
            ${pagination({ page: result.page, perPage: result.perPage, total: result.total, href: pageHref }, t)}
          </section>`
        : ''
    }`;
}

/** What works from abroad when a number does not: a number that does, WhatsApp, or the desk's web address. */
function abroadAlternative(record: ServiceRecord, t: Translate): AbroadAlternative | undefined {
  const phone = record.phones.find((p) => p.channel === 'whatsapp' || phoneFacts(p.number).fromAbroad);
  if (phone) {
    const international = phoneFacts(phone.number).international;
    return phone.channel === 'whatsapp' || !international
      ? { label: t(`directory.channel.${phone.channel}`), value: phone.number, href: phoneLink(phone) }
      : {
          label: t(`directory.channel.${phone.channel}`),
          value: international,
          href: internationalLink(international),
        };
  }
  const url = record.urls[0]?.url ?? record.url;
  const channel = record.urls[0]?.channel ?? 'website';
  return url ? { label: t(`directory.channel.${channel}`), value: url, href: url } : undefined;
}

function contactList(record: ServiceRecord, ctx: ViewContext): SafeHtml {
  const { t } = ctx;
  const items: SafeHtml[] = [
    ...record.phones.map(
      (p) =>
        html`<li>
          <span class="samen-channel">${t(`directory.channel.${p.channel}`)}:</span>
          <a class="utrecht-link" href="${phoneLink(p)}" dir="ltr">${p.number}</a
          >${p.description ? html` <span class="samen-meta"${dutch(ctx)}>(${p.description})</span>` : ''}
          ${p.channel === 'whatsapp' ? '' : phoneFactsLine(p.number, t, abroadAlternative(record, t))}
        </li>`,
    ),
    ...record.urls.map(
      (u) =>
        html`<li>
          <span class="samen-channel">${t(`directory.channel.${u.channel}`)}:</span>
          <a class="utrecht-link" href="${u.url}" rel="noopener noreferrer">${urlText(u)}</a>
        </li>`,
    ),
    ...(record.url && !record.urls.some((u) => u.url === record.url)
      ? [
          html`<li>
            <span class="samen-channel">${t('directory.channel.website')}:</span>
            <a class="utrecht-link" href="${record.url}" rel="noopener noreferrer"
              >${urlText({ url: record.url, label: null })}</a
            >
          </li>`,
        ]
      : []),
    ...(record.email
      ? [
          html`<li>
            <span class="samen-channel">${t('directory.channel.email')}:</span>
            <a class="utrecht-link" href="mailto:${record.email}">${record.email}</a>
          </li>`,
        ]
      : []),
    ...record.contacts
      .filter((c) => c.email)
      .map(
        (c) =>
          html`<li>
            <span class="samen-channel"
              >${[c.name, c.department].filter(Boolean).length ? dutchText(ctx, [c.name, c.department].filter(Boolean).join(', ')) : t('directory.channel.email')}:</span
            >
            <a class="utrecht-link" href="mailto:${c.email!}">${c.email}</a>
          </li>`,
      ),
  ];
  return items.length
    ? html`<ul class="samen-contact-list">
        ${items}
      </ul>`
    : html`<p class="utrecht-paragraph">${t('directory.detail.noContact')}</p>`;
}

export function servicePage(record: ServiceRecord, ctx: ViewContext): SafeHtml {
  const { t, locale } = ctx;
  const hours = hoursList(ctx, describeHoursParts(record.schedules, t, locale));
  const audiences = termsOf(record, ctx.terms, 'audience', locale, t);
  const forms = termsOf(record, ctx.terms, 'exploitation_form', locale, t);
  const needs = termsOf(record, ctx.terms, 'need', locale, t);
  const desk = termsOf(record, ctx.terms, 'desk_type', locale, t);
  const ages = ageRange(record, t);
  const free = hasTerm(record, ctx.terms, 'access', 'free');
  const anonymous = hasTerm(record, ctx.terms, 'access', 'anonymous_possible');
  const confidential = hasTerm(record, ctx.terms, 'access', 'confidential');
  const walkIn = record.locations.filter((l) => l.addresses.length > 0);
  return html`<p class="samen-breadcrumb">
      <a class="utrecht-link" href="${ctx.href('/directory')}">${t('directory.detail.back')}</a>
    </p>
    <h1 class="utrecht-heading-1"${dutch(ctx)}>${record.name}</h1>
    ${record.alternate_name ? html`<p class="samen-meta"${dutch(ctx)}>${record.alternate_name}</p>` : ''}
    <p class="utrecht-paragraph">
      ${t('directory.detail.offeredBy', { organization: record.organization.name })}${desk.length ? ` · ${desk.join(', ')}` : ''}
    </p>
    ${
      record.status !== 'active'
        ? alertBlock('warning', {
            message: html`${statusBadge(record.status, t)} ${t(`directory.detail.status.${record.status}`)}`,
          })
        : ''
    }
    ${record.alert ? alertBlock('info', { message: dutchText(ctx, record.alert) }) : ''}
    ${record.description ? html`<p class="utrecht-paragraph samen-prose"${dutch(ctx)}>${record.description}</p>` : ''}

    <h2 class="utrecht-heading-2">${t('directory.detail.contact')}</h2>
    ${contactList(record, ctx)}
    ${
      hours.length
        ? html`<h3 class="utrecht-heading-3">${t('directory.detail.hours')}</h3>
            <ul class="utrecht-unordered-list">
              ${hours.map((h) => html`<li>${h}</li>`)}
            </ul>`
        : ''
    }
    ${
      walkIn.length
        ? html`<h3 class="utrecht-heading-3">${t('directory.detail.visit')}</h3>
            ${walkIn.map(
              (l) =>
                html`<div class="samen-card">
                  ${l.name ? html`<p class="utrecht-paragraph"${dutch(ctx)}><strong>${l.name}</strong></p>` : ''}
                  ${l.addresses.map((a) => html`<address class="samen-address">${a.address_1}${a.address_2 ? html`<br />${a.address_2}` : ''}<br />${a.postal_code} ${a.city}</address>`)}
                  ${hoursList(ctx, describeHoursParts(l.schedules, t, locale)).map((h) => html`<p class="samen-meta">${h}</p>`)}
                </div>`,
            )}`
        : ''
    }

    <h2 class="utrecht-heading-2">${t('directory.detail.about')}</h2>
    <dl class="samen-dl">
      ${
        audiences.length
          ? html`<dt>${t('directory.field.audience')}</dt>
              <dd>${audiences.join(', ')}</dd>`
          : ''
      }
      ${
        ages
          ? html`<dt>${t('directory.field.ages')}</dt>
              <dd>${ages}</dd>`
          : ''
      }
      ${
        record.eligibility_description
          ? html`<dt>${t('directory.field.eligibility_description')}</dt>
              <dd${dutch(ctx)}>${record.eligibility_description}</dd>`
          : ''
      }
      ${
        forms.length
          ? html`<dt>${t('directory.field.exploitationForm')}</dt>
              <dd>${forms.join(', ')}</dd>`
          : ''
      }
      ${
        needs.length
          ? html`<dt>${t('directory.field.need')}</dt>
              <dd>${needs.join(', ')}</dd>`
          : ''
      }
      <dt>${t('directory.field.costs')}</dt>
      <dd>
        ${free ? t('directory.detail.free') : record.fees_description ? dutchText(ctx, record.fees_description) : t('directory.detail.feesUnknown')}
      </dd>
      ${
        free && record.fees_description
          ? html`<dt>${t('directory.field.fees_description')}</dt>
              <dd${dutch(ctx)}>${record.fees_description}</dd>`
          : ''
      }
      ${
        anonymous || confidential
          ? html`<dt>${t('directory.field.privacy')}</dt>
              <dd>
                ${[anonymous ? t('directory.detail.anonymous') : '', confidential ? t('directory.detail.confidential') : ''].filter(Boolean).join(' ')}
              </dd>`
          : ''
      }
      ${
        record.languages.length
          ? html`<dt>${t('directory.field.languages')}</dt>
              <dd>${record.languages.map((l) => languageName(l.code, locale)).join(', ')}</dd>`
          : ''
      }
      ${
        record.interpretation_services
          ? html`<dt>${t('directory.field.interpretation_services')}</dt>
              <dd${dutch(ctx)}>${record.interpretation_services}</dd>`
          : ''
      }
      ${
        record.application_process
          ? html`<dt>${t('directory.field.application_process')}</dt>
              <dd${dutch(ctx)}>${record.application_process}</dd>`
          : ''
      }
      ${
        record.wait_time
          ? html`<dt>${t('directory.field.wait_time')}</dt>
              <dd${dutch(ctx)}>${record.wait_time}</dd>`
          : ''
      }
      <dt>${t('directory.field.coverage')}</dt>
      <dd>
        ${
          record.service_areas.length
            ? html`<ul class="samen-plain-list">
                ${record.service_areas.map((a) => html`<li>${areaLabel(a, ctx.regions, t)}</li>`)}
              </ul>`
            : t('directory.coverage.none')
        }
      </dd>
    </dl>

    <h2 class="utrecht-heading-2">${t('directory.detail.organization')}</h2>
    <p class="utrecht-paragraph">
      ${dutchText(ctx, record.organization.name)}${
        record.organization.website
          ? html` ·
              <a class="utrecht-link" href="${record.organization.website}" rel="noopener noreferrer"
                >${urlText({ url: record.organization.website, label: null })}</a
              >`
          : ''
      }
    </p>
    ${record.organization.description ? html`<p class="utrecht-paragraph"${dutch(ctx)}>${record.organization.description}</p>` : ''}

    <p class="samen-meta samen-verified">
      ${record.is_sample ? html`${badge('neutral', t('directory.sample'))} ` : ''}
      ${verifiedLine(record, ctx)}
    </p>`;
}
