// The admin's view of the routing rules: the active rules as a table a domain expert can read, the versions
// with rollback, and the editor with its "try it" panel showing the ranked desks and the rules that fired.
import { html, type SafeHtml } from '../../../platform/web/html.js';
import {
  alertBlock,
  buttonForm,
  checkboxGroup,
  csrfField,
  hiddenField,
  notice,
  ProblemList,
  selectField,
  submitButton,
  table,
  textareaField,
  textField,
} from '../../../platform/web/components.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { formatMoment } from '../../../platform/time/index.js';
import { AUDIENCES, FORMS, NEEDS, TRI_STATES, type Answers } from '../answers.js';
import type { AdviceView } from '../present.js';
import type { RuleSetVersion } from '../repository.js';
import type { Advice, ActiveRules } from '../service.js';
import type { Condition, Rule, RuleProblem, Selector } from '../rules/schema.js';

export interface AdminContext {
  t: Translate;
  locale: string;
  href: (path: string) => string;
  csrfToken: string;
}

function conditionText(when: Condition | undefined, t: Translate): string {
  if (!when || Object.keys(when).length === 0) return t('guide.admin.always');
  return Object.entries(when)
    .map(([key, values]) => `${key} = ${(values as string[]).join(' | ')}`)
    .join(' · ');
}

function selectorText(select: Selector): string {
  return Object.entries(select)
    .map(([key, values]) => `${key}: ${(values as string[]).join(' | ')}`)
    .join(' · ');
}

function dateTime(d: Date, locale: string): string {
  return formatMoment(d, locale, 'medium');
}

function rulesTable(ctx: AdminContext, rules: Rule[]): SafeHtml {
  const { t } = ctx;
  return table({
    id: 'rules',
    caption: t('guide.admin.rulesCaption', { count: rules.length }),
    head: [
      t('guide.admin.col.rule'),
      t('guide.admin.col.when'),
      t('guide.admin.col.select'),
      t('guide.admin.col.score'),
    ],
    rows: rules.map((r) => ({
      head: html`<span class="samen-code">${r.id}</span><br>${r.description}${r.source ? html`<br><span class="samen-meta">${r.source}</span>` : ''}`,
      cells: [
        html`${conditionText(r.when, t)}${r.unless_fired ? html`<br>${t('guide.admin.unlessFired', { ids: r.unless_fired.join(', ') })}` : ''}`,
        selectorText(r.select),
        html`${r.exclude ? t('guide.admin.excludes') : String(r.score)}${r.always ? html`<br>${t('guide.admin.alwaysKept')}` : ''}`,
      ],
    })),
  });
}

export function overviewPage(
  ctx: AdminContext,
  active: ActiveRules,
  versions: RuleSetVersion[],
  o: { notice?: { kind: 'published' | 'activated'; version: string } },
): SafeHtml {
  const { t } = ctx;
  return html`<h1 class="utrecht-heading-1">${t('guide.admin.title')}</h1>
${o.notice ? notice(t(`guide.admin.notice.${o.notice.kind}`, { version: o.notice.version })) : ''}
<p class="utrecht-paragraph">${t('guide.admin.intro', { version: active.version, name: active.ruleSet.name, max: active.ruleSet.max_desks })}</p>
<p class="samen-actions"><a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="${ctx.href('/admin/guide/edit')}">${t('guide.admin.editAndTry')}</a></p>
${rulesTable(ctx, active.ruleSet.rules)}
<h2 class="utrecht-heading-2">${t('guide.admin.versions')}</h2>
${table({
  id: 'versions',
  caption: t('guide.admin.versionsCaption'),
  head: [
    t('guide.admin.col.version'),
    t('guide.admin.col.published'),
    t('guide.admin.col.note'),
    t('guide.admin.col.action'),
  ],
  rows: versions.map((v) => ({
    head: html`<a class="utrecht-link" href="${ctx.href(`/admin/guide/versions/${v.version}`)}">${t('guide.admin.versionLabel', { version: v.version })}</a>${v.active ? html` <strong>(${t('guide.admin.active')})</strong>` : ''}`,
    cells: [
      html`${dateTime(v.publishedAt, ctx.locale)} · ${v.publishedByName ?? t('guide.admin.system')}${v.basedOn ? html`<br>${t('guide.admin.basedOn', { version: v.basedOn })}` : ''}`,
      v.note,
      v.active
        ? ''
        : buttonForm({
            action: ctx.href(`/admin/guide/versions/${v.version}/activate`),
            csrfToken: ctx.csrfToken,
            label: t('guide.admin.activate', { version: v.version }),
            confirm: t('guide.admin.activateConfirm', { version: v.version }),
            className: 'samen-inline-form',
          }),
    ],
  })),
})}`;
}

export function versionPage(ctx: AdminContext, v: RuleSetVersion): SafeHtml {
  const { t } = ctx;
  return html`<p><a class="utrecht-link" href="${ctx.href('/admin/guide')}">${t('guide.admin.back')}</a></p>
<h1 class="utrecht-heading-1">${t('guide.admin.versionTitle', { version: v.version })}</h1>
<p class="utrecht-paragraph">${v.note} · ${dateTime(v.publishedAt, ctx.locale)} · ${v.publishedByName ?? t('guide.admin.system')}</p>
<pre class="samen-pre" tabindex="0" aria-label="${t('guide.admin.source')}">${v.source}</pre>`;
}

function problemList(ctx: AdminContext, problems: RuleProblem[]): SafeHtml {
  const { t } = ctx;
  // Linked as #problems and able to take the focus: an alert with a heading and a line per rule problem.
  return alertBlock('error', {
    id: 'problems',
    role: 'alert',
    className: 'samen-error-summary',
    focusable: true,
    more: html`<h2 class="utrecht-heading-2">${t('guide.rules.invalid')}</h2>
<ul class="utrecht-unordered-list">${problems.map((p) => html`<li><span class="samen-code">${p.path || '—'}</span>: ${t(p.key, p.params)}</li>`)}</ul>`,
  });
}

/** The "try it" answers: the fields are named like the wegwijzer's query, their ids start with `try-`. */
function tryFields(a: Answers, t: Translate): SafeHtml {
  const values = {
    audience: a.audience,
    form: a.forms,
    danger: a.danger,
    municipality: a.municipality,
    minor: a.minor,
    need: a.needs,
  };
  const f = { values, problems: new ProblemList([], t) };
  const select = (name: string, label: string, choices: readonly string[]) =>
    selectField(
      {
        ...f,
        name,
        id: `try-${name}`,
        label,
        choices: [
          { value: '', label: t('guide.admin.try.notAnswered') },
          ...choices.map((v) => ({ value: v, label: v })),
        ],
      },
      t,
    );
  const checkboxes = (name: string, legend: string, choices: readonly string[]) =>
    checkboxGroup({
      ...f,
      name,
      legend,
      idPrefix: `try-${name}`,
      choices: choices.map((v) => ({ value: v, label: v })),
    });
  return html`${select('audience', t('guide.result.question.who'), AUDIENCES)}
${checkboxes('form', t('guide.result.question.what'), FORMS)}
${select('danger', t('guide.result.question.danger'), TRI_STATES)}
${textField({ ...f, name: 'municipality', id: 'try-municipality', label: t('guide.admin.try.municipality'), size: 'small', maxlength: 10 }, t)}
${select('minor', t('guide.result.question.age'), TRI_STATES)}
${checkboxes('need', t('guide.result.question.need'), NEEDS)}`;
}

function triedResult(ctx: AdminContext, view: AdviceView, advice: Advice): SafeHtml {
  const { t } = ctx;
  return html`<section aria-labelledby="tried-title" class="samen-card">
<h2 class="utrecht-heading-2" id="tried-title">${t('guide.admin.try.result')}</h2>
${advice.emergency ? html`<p class="utrecht-paragraph"><strong>${t('guide.admin.try.emergency', { phone: advice.ruleSet.emergency.phone })}</strong></p>` : ''}
<ol class="utrecht-ordered-list">
${advice.desks.map((desk, i) => {
  const shown = view.desks[i]!;
  return html`<li><strong>${desk.record.name}</strong> (${t('guide.admin.try.score', { score: desk.score })}${desk.always ? `, ${t('guide.admin.alwaysKept')}` : ''})
<ul class="utrecht-unordered-list">${desk.hits.map((h) => html`<li><span class="samen-code">${h.rule.id}</span> ${h.rule.score > 0 ? '+' : ''}${h.rule.score}</li>`)}</ul>
<p class="samen-meta">${shown.reasons.join(' ')}</p></li>`;
})}
</ol>
<h3 class="utrecht-heading-3">${t('guide.admin.try.fired')}</h3>
<ul class="utrecht-unordered-list">${advice.fired.map((f) => html`<li><span class="samen-code">${f.rule.id}</span>: ${t('guide.admin.try.selected', { count: f.selected })}</li>`)}</ul>
</section>`;
}

export function editorPage(
  ctx: AdminContext,
  o: {
    source: string;
    note: string;
    basedOn: number;
    answers: Answers;
    problems?: RuleProblem[];
    conflict?: number;
    tried?: { view: AdviceView; advice: Advice };
  },
): SafeHtml {
  const { t } = ctx;
  // Problems named by a field of the form (the note, the base version) are shown at the field too.
  const fields = new ProblemList(
    (o.problems ?? []).map((p) => ({ field: p.path, key: p.key, params: p.params })),
    t,
  );
  const f = { values: { source: o.source, note: o.note }, problems: fields };
  return html`<p><a class="utrecht-link" href="${ctx.href('/admin/guide')}">${t('guide.admin.back')}</a></p>
<h1 class="utrecht-heading-1">${t('guide.admin.editTitle')}</h1>
${
  o.conflict
    ? alertBlock('error', {
        role: 'alert',
        className: 'samen-error-summary',
        message: t('guide.rules.conflict.help', { version: o.conflict, based: o.basedOn }),
        more: html`<p><a class="utrecht-link" href="${ctx.href('/admin/guide/edit')}">${t('guide.admin.reload')}</a></p>`,
      })
    : ''
}
${o.problems?.length ? problemList(ctx, o.problems) : ''}
<p class="utrecht-paragraph">${t('guide.admin.editIntro', { version: o.basedOn })}</p>
<form method="post" action="${ctx.href('/admin/guide/try')}" class="samen-rule-editor">
${csrfField(ctx.csrfToken)}
${hiddenField('based_on', o.basedOn)}
${textareaField({ ...f, name: 'source', id: 'source', label: t('guide.admin.source'), rows: 24, spellcheck: false, className: 'samen-code-editor' }, t)}
<fieldset class="utrecht-form-fieldset"><legend class="utrecht-form-fieldset__legend">${t('guide.admin.try.legend')}</legend>
${tryFields(o.answers, t)}
</fieldset>
<p class="samen-actions">${submitButton(t('guide.admin.try.submit'))}</p>
${textField({ ...f, name: 'note', id: 'note', label: t('guide.admin.note'), maxlength: 500 }, t)}
<p class="samen-actions">${submitButton(t('guide.admin.publish'), { variant: 'secondary', formaction: ctx.href('/admin/guide/publish') })}</p>
</form>
${o.tried ? triedResult(ctx, o.tried.view, o.tried.advice) : ''}`;
}
