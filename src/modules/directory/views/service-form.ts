// The steward's service form: every main field, repeating rows for phones, web addresses, coverage areas and
// opening hours (a few empty rows plus "add rows" buttons: no JavaScript needed), taxonomy checkboxes per
// taxonomy. Server-side validation shows an error summary linking to each field.
import type { Translate } from '../../../platform/i18n/index.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { rowCount, type Group } from '../form.js';
import { AREA_TYPES, type RegionLookup } from '../regions.js';
import { ALL_DAYS } from '../summary.js';
import type { AreaType, Organization, ServiceRecord, TaxonomyTerm } from '../types.js';
import { EDITABLE_TAXONOMIES, PHONE_CHANNELS, SERVICE_STATUSES, URL_CHANNELS } from '../validation.js';
import {
  alertBlock,
  checkboxField,
  checkboxGroup,
  csrfField,
  errorSummary,
  fieldId,
  hiddenField,
  ProblemList,
  selectField,
  submitButton,
  table,
  textareaField,
  textField,
  valueOf,
  type FormValues,
} from '../../../platform/web/components.js';
import { dayName, termLabel } from './format.js';

export interface ServiceFormView {
  t: Translate;
  locale: string;
  href: (path: string) => string;
  csrfToken: string;
  regions: RegionLookup;
  terms: TaxonomyTerm[];
  organizations: Organization[];
  values: FormValues;
  problems: ProblemList;
  /** Undefined for a new service. */
  record?: ServiceRecord | undefined;
  conflict?: boolean;
}

const GROUP_LABEL_KEYS: Record<Group, string> = {
  phones: 'directory.form.phoneRow',
  urls: 'directory.form.urlRow',
  service_areas: 'directory.form.areaRow',
  schedules: 'directory.form.scheduleRow',
};

/** The label an error summary shows for a field name (`phones[1].number` -> "Phone number 2: number"). */
export function fieldLabel(field: string, t: Translate): string {
  const row = /^(phones|urls|service_areas|schedules)\[(\d+)\]\.(\w+)$/.exec(field);
  if (row) {
    const [, group, n, name] = row as unknown as [string, Group, string, string];
    return `${t(GROUP_LABEL_KEYS[group], { n: Number(n) + 1 })} – ${t(`directory.field.${group}.${name}`)}`;
  }
  return t(`directory.field.${field}`);
}

function section(id: string, title: string, body: SafeHtml | SafeHtml[]): SafeHtml {
  return html`<section class="samen-form-section" aria-labelledby="${id}">
    <h2 class="utrecht-heading-2" id="${id}">${title}</h2>
    ${body}
  </section>`;
}

function moreButton(group: Group, t: Translate): SafeHtml {
  // The form is novalidate: this button sends it without the browser's checks, like the save buttons.
  return html`<div class="samen-actions">
    ${submitButton(t(`directory.form.more.${group}`), { variant: 'secondary', name: '_more', value: group })}
  </div>`;
}

function rowIndexes(values: FormValues, group: Group): number[] {
  return Array.from({ length: rowCount(values, group) }, (_, i) => i);
}

function rowFieldset(legend: string, fields: SafeHtml[]): SafeHtml {
  return html`<fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset samen-row">
    <legend
      class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend samen-row__legend"
    >
      ${legend}
    </legend>
    <div class="samen-row__fields">${fields}</div>
  </fieldset>`;
}

function termChoices(terms: TaxonomyTerm[], taxonomy: string, locale: string) {
  const own = terms
    .filter((term) => term.taxonomy === taxonomy)
    .sort((a, b) => termLabel(a, locale).localeCompare(termLabel(b, locale), locale));
  // Narrower terms (e.g. organ removal under "other forms") right under their parent.
  const top = own.filter((term) => !term.parent_id || !own.some((p) => p.id === term.parent_id));
  return top.flatMap((parent) => [
    { value: parent.id, label: termLabel(parent, locale) },
    ...own
      .filter((c) => c.parent_id === parent.id)
      .map((c) => ({ value: c.id, label: termLabel(c, locale), indent: true })),
  ]);
}

/** The name, the organisation, the description and the status. */
function basicsSection(v: ServiceFormView): SafeHtml {
  const { t, values, problems } = v;
  const f = { values, problems };
  return section('s-basics', t('directory.form.section.basics'), [
    selectField(
      {
        ...f,
        name: 'organization_id',
        label: t('directory.field.organization_id'),
        required: true,
        choices: [
          { value: '', label: t('directory.form.chooseOrganization') },
          ...v.organizations.map((o) => ({ value: o.id, label: o.name })),
        ],
      },
      t,
    ),
    textField({ ...f, name: 'name', label: t('directory.field.name'), required: true }, t),
    textField({ ...f, name: 'alternate_name', label: t('directory.field.alternate_name') }, t),
    textareaField({ ...f, name: 'description', label: t('directory.field.description'), rows: 5 }, t),
    selectField(
      {
        ...f,
        name: 'status',
        label: t('directory.field.status'),
        description: t('directory.form.statusHelp'),
        choices: SERVICE_STATUSES.map((s) => ({ value: s, label: t(`directory.status.${s}`) })),
      },
      t,
    ),
  ]);
}

/** The areas served, row by row, with the codes of police units and safety regions to look up. */
function coverageSection(v: ServiceFormView): SafeHtml {
  const { t, values, problems } = v;
  const f = { values, problems };
  const areas = rowIndexes(values, 'service_areas').map((i) => {
    const type = valueOf(values, `service_areas[${i}].area_type`) as AreaType | '';
    const code = valueOf(values, `service_areas[${i}].area_code`);
    const name = type && code ? v.regions.areaName(type, code) : undefined;
    return rowFieldset(t('directory.form.areaRow', { n: i + 1 }), [
      selectField(
        {
          ...f,
          name: `service_areas[${i}].area_type`,
          label: t('directory.field.service_areas.area_type'),
          choices: [
            { value: '', label: t('directory.form.areaTypeAuto') },
            ...AREA_TYPES.map((a) => ({ value: a, label: t(`directory.area.${a}`) })),
          ],
        },
        t,
      ),
      textField(
        {
          ...f,
          name: `service_areas[${i}].area_code`,
          label: t('directory.field.service_areas.area_code'),
          description: name ? t('directory.form.areaIs', { name }) : t('directory.form.areaHelp'),
          size: 'medium',
        },
        t,
      ),
    ]);
  });

  return section('s-coverage', t('directory.form.section.coverage'), [
    problems.has('service_areas')
      ? html`<div class="utrecht-form-field-error-message" id="${fieldId('service_areas')}" tabindex="-1">
          ${problems.for('service_areas').map((e) => html`<p class="samen-error-line">${e}</p>`)}
        </div>`
      : html``,
    html`<p class="utrecht-paragraph">${t('directory.form.coverageHelp')}</p>`,
    ...areas,
    moreButton('service_areas', t),
    html`<details class="samen-details">
      <summary>${t('directory.form.codes')}</summary>
      ${codeTable('police-units', t('directory.area.police_unit'), v.regions.policeUnits, t)}
      ${codeTable('safety-regions', t('directory.area.safety_region'), v.regions.safetyRegions, t)}
    </details>`,
  ]);
}

function codeTable(
  id: string,
  caption: string,
  areas: { code: string; name: string }[],
  t: Translate,
): SafeHtml {
  return table({
    id,
    caption,
    head: [t('directory.form.codeColumn'), t('directory.field.name')],
    rows: areas.map((a) => ({ head: html`<span class="samen-code">${a.code}</span>`, cells: [a.name] })),
  });
}

/** Phones and links, row by row, and the main web address and e-mail. */
function contactSection(v: ServiceFormView): SafeHtml {
  const { t, values, problems } = v;
  const f = { values, problems };
  const phones = rowIndexes(values, 'phones').map((i) =>
    rowFieldset(t('directory.form.phoneRow', { n: i + 1 }), [
      textField(
        {
          ...f,
          name: `phones[${i}].number`,
          label: t('directory.field.phones.number'),
          type: 'tel',
          inputmode: 'tel',
          size: 'medium',
        },
        t,
      ),
      selectField(
        {
          ...f,
          name: `phones[${i}].channel`,
          label: t('directory.field.phones.channel'),
          choices: PHONE_CHANNELS.map((c) => ({ value: c, label: t(`directory.channel.${c}`) })),
        },
        t,
      ),
      textField(
        { ...f, name: `phones[${i}].description`, label: t('directory.field.phones.description') },
        t,
      ),
    ]),
  );

  const urls = rowIndexes(values, 'urls').map((i) =>
    rowFieldset(t('directory.form.urlRow', { n: i + 1 }), [
      textField(
        { ...f, name: `urls[${i}].url`, label: t('directory.field.urls.url'), type: 'url', inputmode: 'url' },
        t,
      ),
      selectField(
        {
          ...f,
          name: `urls[${i}].channel`,
          label: t('directory.field.urls.channel'),
          choices: URL_CHANNELS.map((c) => ({ value: c, label: t(`directory.channel.${c}`) })),
        },
        t,
      ),
      textField({ ...f, name: `urls[${i}].label`, label: t('directory.field.urls.label') }, t),
    ]),
  );

  return section('s-contact', t('directory.form.section.contact'), [
    ...phones,
    moreButton('phones', t),
    ...urls,
    moreButton('urls', t),
    textField({ ...f, name: 'url', label: t('directory.field.url'), type: 'url', inputmode: 'url' }, t),
    textField(
      { ...f, name: 'email', label: t('directory.field.email'), type: 'email', inputmode: 'email' },
      t,
    ),
  ]);
}

/** The days and hours a schedule row is open. */
function scheduleRow(v: ServiceFormView, i: number): SafeHtml {
  const { t, values, problems } = v;
  const f = { values, problems };
  const dayId = fieldId(`schedules[${i}].byday`);
  return rowFieldset(t('directory.form.scheduleRow', { n: i + 1 }), [
    checkboxGroup({
      ...f,
      name: `schedules[${i}].byday`,
      legend: t('directory.field.schedules.byday'),
      idPrefix: dayId,
      firstId: dayId,
      className: 'samen-days',
      choices: ALL_DAYS.map((d) => ({ value: d, label: dayName(d, v.locale) })),
    }),
    textField(
      {
        ...f,
        name: `schedules[${i}].opens_at`,
        label: t('directory.field.schedules.opens_at'),
        type: 'time',
        size: 'small',
      },
      t,
    ),
    textField(
      {
        ...f,
        name: `schedules[${i}].closes_at`,
        label: t('directory.field.schedules.closes_at'),
        type: 'time',
        size: 'small',
      },
      t,
    ),
    textField(
      { ...f, name: `schedules[${i}].description`, label: t('directory.field.schedules.description') },
      t,
    ),
  ]);
}

/** Opening hours: always open, or schedule rows. */
function hoursSection(v: ServiceFormView): SafeHtml {
  const { t, values } = v;
  const alwaysOpen = valueOf(values, 'always_open') === 'yes';
  const schedules = rowIndexes(values, 'schedules').map((i) => scheduleRow(v, i));
  return section('s-hours', t('directory.form.section.hours'), [
    checkboxField({ name: 'always_open', label: t('directory.form.alwaysOpen'), checked: alwaysOpen }),
    ...schedules,
    moreButton('schedules', t),
  ]);
}

/** Who the service is for: ages, eligibility and languages. */
function eligibilitySection(v: ServiceFormView): SafeHtml {
  const { t, values, problems } = v;
  const f = { values, problems };
  return section('s-eligibility', t('directory.form.section.eligibility'), [
    html`<div class="samen-row__fields">
      ${textField({ ...f, name: 'minimum_age', label: t('directory.field.minimum_age'), inputmode: 'numeric', size: 'small' }, t)}
      ${textField({ ...f, name: 'maximum_age', label: t('directory.field.maximum_age'), inputmode: 'numeric', size: 'small' }, t)}
    </div>`,
    textareaField(
      {
        ...f,
        name: 'eligibility_description',
        label: t('directory.field.eligibility_description'),
        rows: 3,
      },
      t,
    ),
    textField(
      {
        ...f,
        name: 'languages',
        label: t('directory.field.languages'),
        description: t('directory.form.languagesHelp'),
      },
      t,
    ),
  ]);
}

/** The alert, fees, how to apply, interpretation, waiting time and accreditations. */
function moreSection(v: ServiceFormView): SafeHtml {
  const { t, values, problems } = v;
  const f = { values, problems };
  return section('s-more', t('directory.form.section.more'), [
    textareaField(
      {
        ...f,
        name: 'alert',
        label: t('directory.field.alert'),
        description: t('directory.form.alertHelp'),
        rows: 2,
      },
      t,
    ),
    textareaField(
      { ...f, name: 'fees_description', label: t('directory.field.fees_description'), rows: 2 },
      t,
    ),
    textareaField(
      { ...f, name: 'application_process', label: t('directory.field.application_process'), rows: 3 },
      t,
    ),
    textareaField(
      {
        ...f,
        name: 'interpretation_services',
        label: t('directory.field.interpretation_services'),
        rows: 2,
      },
      t,
    ),
    textField({ ...f, name: 'wait_time', label: t('directory.field.wait_time') }, t),
    textField({ ...f, name: 'accreditations', label: t('directory.field.accreditations') }, t),
  ]);
}

export function serviceForm(v: ServiceFormView): SafeHtml {
  const { t, values, problems } = v;
  const f = { values, problems };
  const action = v.record ? v.href(`/steward/services/${v.record.id}/edit`) : v.href('/steward/services/new');
  const title = v.record
    ? t('directory.steward.editTitle', { name: v.record.name })
    : t('directory.steward.newTitle');

  const taxonomyBoxes = EDITABLE_TAXONOMIES.map((taxonomy) =>
    checkboxGroup({
      ...f,
      name: 'taxonomy_term_ids',
      legend: t(`directory.taxonomy.${taxonomy}`),
      idPrefix: taxonomy === 'desk_type' ? fieldId('taxonomy_term_ids') : `term-${taxonomy}`,
      ...(taxonomy === 'desk_type' ? { firstId: fieldId('taxonomy_term_ids') } : {}),
      choices: termChoices(v.terms, taxonomy, v.locale),
    }),
  );
  const hidden = (name: string) => hiddenField(name, valueOf(values, name));

  return html`<p class="samen-breadcrumb">
      <a
        class="utrecht-link"
        href="${v.record ? v.href(`/steward/services/${v.record.id}`) : v.href('/steward/services')}"
        >${v.record ? t('directory.steward.backToService') : t('directory.steward.backToList')}</a
      >
    </p>
    <h1 class="utrecht-heading-1">${title}</h1>
    ${
      v.conflict
        ? alertBlock('error', {
            role: 'alert',
            message: t('directory.errors.conflict'),
            more: html`<p class="utrecht-paragraph">
              ${t('directory.steward.conflictHelp')}
              ${v.record ? html`<a class="utrecht-link" href="${v.href(`/steward/services/${v.record.id}/history`)}">${t('directory.steward.history')}</a>` : ''}
            </p>`,
          })
        : ''
    }
    ${errorSummary(problems, (field) => fieldLabel(field, t), t)}
    <form method="post" action="${action}" novalidate class="samen-service-form">
      ${csrfField(v.csrfToken)}
      ${hidden('version')}${hidden('phones_rows')}${hidden('urls_rows')}${hidden('service_areas_rows')}${hidden('schedules_rows')}
      <div class="samen-actions">${submitButton(t('directory.form.save'))}</div>
      ${basicsSection(v)}
      ${section('s-classification', t('directory.form.section.classification'), taxonomyBoxes)}
      ${coverageSection(v)}
      ${contactSection(v)}
      ${hoursSection(v)}
      ${eligibilitySection(v)}
      ${moreSection(v)}
      <div class="samen-actions">
        ${submitButton(t('directory.form.save'))}
        <a
          class="utrecht-link"
          href="${v.record ? v.href(`/steward/services/${v.record.id}`) : v.href('/steward/services')}"
          >${t('directory.form.cancel')}</a
        >
      </div>
    </form>`;
}
