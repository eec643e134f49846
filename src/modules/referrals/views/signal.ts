// The professional's signal form: one page in short sections (where, what you saw, the person, consent), every
// field optional except where and what, no name needed. The anonymous consult is the same form without the
// person's section.
import { languageChoices } from './languages.js';
import type { FieldProblem } from '../../../platform/http/errors.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import {
  alert,
  checkboxGroup,
  errorSummary,
  fieldId,
  hiddenField,
  notice,
  ProblemList,
  selectField,
  submitButton,
  textareaField,
  textField,
  type FormValues,
} from '../../../platform/web/components.js';
import {
  AGE_GROUPS,
  CONSENTS,
  FORMS,
  GENDERS,
  METHODS_OF_CONTROL,
  NEEDS,
  SECTORS,
  SIGNALS,
  URGENCIES,
} from '../model.js';
import { csrf, sectionNav, type ViewContext } from './common.js';
import { ageGroupText } from './words.js';

function section(id: string, title: string, body: SafeHtml[]): SafeHtml {
  return html`<section class="samen-form-section" aria-labelledby="${id}"><h2 class="utrecht-heading-2" id="${id}">${title}</h2>${body}</section>`;
}

/** Where the signal is from (the municipality routes it), how urgent it is, and whether the person is a minor. */
function whereSection(
  ctx: ViewContext,
  municipalities: string[],
  values: FormValues,
  problems: ProblemList,
): SafeHtml {
  const { t } = ctx;
  const choices = (list: readonly string[], prefix: string) =>
    list.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  return section('s-where', t('referrals.signal.where'), [
    textField(
      {
        name: 'municipality',
        label: t('referrals.field.municipality'),
        description: t('referrals.signal.municipalityHint'),
        values,
        problems,
        required: true,
        list: 'municipality-list',
        autocomplete: 'off',
      },
      t,
    ),
    html`<datalist id="municipality-list">${municipalities.map((m) => html`<option value="${m}"></option>`)}</datalist>`,
    selectField(
      {
        name: 'urgency',
        label: t('referrals.field.urgency'),
        values,
        problems,
        choices: choices(['normal', ...URGENCIES.filter((u) => u !== 'normal')], 'referrals.urgency'),
      },
      t,
    ),
    selectField(
      {
        name: 'minor',
        label: t('referrals.field.minor'),
        description: t('referrals.signal.minorHint'),
        values,
        problems,
        choices: choices(['unknown', 'yes', 'no'], 'referrals.tri'),
      },
      t,
    ),
  ]);
}

export function signalForm(
  ctx: ViewContext,
  o: { kind: 'signal' | 'consult'; values: FormValues; problems: FieldProblem[]; municipalities: string[] },
): SafeHtml {
  const { t } = ctx;
  const problems = new ProblemList(o.problems, t);
  const values = o.values;
  const choices = (list: readonly string[], prefix: string) =>
    list.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  const consult = o.kind === 'consult';
  return html`${sectionNav(ctx, '/nvm/signal')}
<h1 class="utrecht-heading-1">${t(consult ? 'referrals.signal.consultTitle' : 'referrals.signal.title')}</h1>
<p class="utrecht-paragraph">${t(consult ? 'referrals.signal.consultIntro' : 'referrals.signal.intro')}</p>
${consult ? html`<p class="utrecht-paragraph"><a class="utrecht-link" href="${ctx.href('/nvm/signal')}">${t('referrals.signal.switchToSignal')}</a></p>` : html`<p class="utrecht-paragraph"><a class="utrecht-link" href="${ctx.href('/nvm/signal?kind=consult')}">${t('referrals.signal.switchToConsult')}</a></p>`}
${errorSummary(problems, (f) => t(`referrals.field.${f}`), t)}
<form method="post" action="${ctx.href('/nvm/signal')}" novalidate>
${csrf(ctx)}
${hiddenField('kind', o.kind)}
${hiddenField('submission', typeof values.submission === 'string' ? values.submission : '')}
${whereSection(ctx, o.municipalities, values, problems)}
${section('s-what', t('referrals.signal.what'), [
  checkboxGroup({
    name: 'forms',
    legend: t('referrals.field.forms'),
    values,
    problems,
    idPrefix: fieldId('forms'),
    choices: choices(FORMS, 'referrals.form'),
  }),
  checkboxGroup({
    name: 'signals',
    legend: t('referrals.field.signals'),
    values,
    problems,
    idPrefix: fieldId('signals'),
    choices: choices(SIGNALS, 'referrals.signalItem'),
  }),
  checkboxGroup({
    name: 'methodsOfControl',
    legend: t('referrals.field.methodsOfControl'),
    values,
    problems,
    idPrefix: fieldId('methodsOfControl'),
    choices: choices(METHODS_OF_CONTROL, 'referrals.control'),
  }),
  checkboxGroup({
    name: 'needs',
    legend: t('referrals.field.needs'),
    values,
    problems,
    idPrefix: fieldId('needs'),
    choices: choices(NEEDS, 'referrals.need'),
  }),
  selectField(
    {
      name: 'sector',
      label: t('referrals.field.sector'),
      values,
      problems,
      choices: [{ value: '', label: t('referrals.unknown') }, ...choices(SECTORS, 'referrals.sector')],
    },
    t,
  ),
  textareaField(
    {
      name: 'summary',
      label: t('referrals.field.summary'),
      description: t(consult ? 'referrals.signal.consultSummaryHint' : 'referrals.signal.summaryHint'),
      values,
      problems,
      rows: 5,
    },
    t,
  ),
])}
${section('s-person', t('referrals.signal.person'), [
  html`<p class="utrecht-paragraph">${t(consult ? 'referrals.signal.consultPersonIntro' : 'referrals.signal.personIntro')}</p>`,
  selectField(
    {
      name: 'gender',
      label: t('referrals.field.gender'),
      values,
      problems,
      // "Not given" first and the default: leaving the field alone records nothing.
      choices: [
        { value: 'unknown', label: t('referrals.notGiven') },
        ...choices(
          GENDERS.filter((g) => g !== 'unknown'),
          'referrals.gender',
        ),
      ],
    },
    t,
  ),
  selectField(
    {
      name: 'ageGroup',
      label: t('referrals.field.ageGroup'),
      values,
      problems,
      choices: [
        { value: 'unknown', label: t('referrals.notGiven') },
        ...AGE_GROUPS.filter((a) => a !== 'unknown').map((a) => ({ value: a, label: ageGroupText(ctx, a) })),
      ],
    },
    t,
  ),
  textField(
    {
      name: 'citizenship',
      label: t('referrals.field.citizenship'),
      description: t('referrals.signal.citizenshipHint'),
      values,
      problems,
      size: 'small',
      autocomplete: 'off',
    },
    t,
  ),
  ...(consult
    ? []
    : [
        textField(
          {
            name: 'name',
            label: t('referrals.field.name'),
            description: t('referrals.signal.nameHint'),
            values,
            problems,
            autocomplete: 'off',
          },
          t,
        ),
        textField(
          {
            name: 'dateOfBirth',
            label: t('referrals.field.dateOfBirth'),
            description: t('referrals.signal.dateHint'),
            values,
            problems,
            size: 'small',
            autocomplete: 'off',
          },
          t,
        ),
        textField(
          {
            name: 'contact',
            label: t('referrals.field.contact'),
            description: t('referrals.signal.contactHint'),
            values,
            problems,
            autocomplete: 'off',
          },
          t,
        ),
        checkboxGroup({
          name: 'languages',
          legend: t('referrals.field.languages'),
          values,
          problems,
          idPrefix: fieldId('languages'),
          choices: languageChoices(ctx),
        }),
      ]),
])}
${
  consult
    ? ''
    : section('s-consent', t('referrals.signal.consent'), [
        selectField(
          {
            name: 'consent',
            label: t('referrals.field.consent'),
            description: t('referrals.signal.consentHint'),
            values,
            problems,
            choices: choices(
              ['not_asked', ...CONSENTS.filter((c) => c !== 'not_asked')],
              'referrals.consent',
            ),
          },
          t,
        ),
        checkboxGroup({
          name: 'vitalInterest',
          legend: t('referrals.field.vitalInterest'),
          values,
          problems,
          idPrefix: fieldId('vitalInterest'),
          choices: [{ value: 'yes', label: t('referrals.signal.vitalInterest') }],
        }),
      ])
}
<p class="samen-actions">${submitButton(t(consult ? 'referrals.signal.sendConsult' : 'referrals.signal.send'))}</p>
</form>`;
}

export function signalSent(
  ctx: ViewContext,
  o: { reference: string; caseId: string; teamName: string; consult: boolean; repeated?: boolean },
): SafeHtml {
  const { t } = ctx;
  return html`${sectionNav(ctx, '/nvm/signal')}
<h1 class="utrecht-heading-1">${t(o.consult ? 'referrals.signal.consultSent' : 'referrals.signal.sent')}</h1>
${o.repeated ? alert('info', t('referrals.signal.alreadySent'), 'status') : ''}
${notice(t('referrals.signal.sentText', { reference: o.reference, team: o.teamName }))}
<p class="utrecht-paragraph"><a class="utrecht-link" href="${ctx.href(`/nvm/cases/${o.caseId}`)}">${t('referrals.signal.viewCase', { reference: o.reference })}</a></p>`;
}
