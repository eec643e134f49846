// The admin's view of the routing rules: the active rules as a table a domain expert can read, the versions
// with rollback, and the editor with its "try it" panel showing the ranked desks and the rules that fired.
import { attrIf, html, type SafeHtml } from '../../../platform/web/html.js';
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

const csrf = (ctx: AdminContext) => html`<input type="hidden" name="_csrf" value="${ctx.csrfToken}">`;

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
  return html`<div class="samen-table-wrap" tabindex="0" role="region" aria-labelledby="rules-caption">
<table class="utrecht-table">
<caption class="utrecht-table__caption" id="rules-caption">${t('guide.admin.rulesCaption', { count: rules.length })}</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row">
<th class="utrecht-table__header-cell" scope="col">${t('guide.admin.col.rule')}</th>
<th class="utrecht-table__header-cell" scope="col">${t('guide.admin.col.when')}</th>
<th class="utrecht-table__header-cell" scope="col">${t('guide.admin.col.select')}</th>
<th class="utrecht-table__header-cell" scope="col">${t('guide.admin.col.score')}</th>
</tr></thead>
<tbody class="utrecht-table__body">
${rules.map(
  (r) => html`<tr class="utrecht-table__row">
<th class="utrecht-table__header-cell" scope="row"><span class="samen-code">${r.id}</span><br>${r.description}${r.source ? html`<br><span class="samen-meta">${r.source}</span>` : ''}</th>
<td class="utrecht-table__cell">${conditionText(r.when, t)}${r.unless_fired ? html`<br>${t('guide.admin.unlessFired', { ids: r.unless_fired.join(', ') })}` : ''}</td>
<td class="utrecht-table__cell">${selectorText(r.select)}</td>
<td class="utrecht-table__cell">${r.exclude ? t('guide.admin.excludes') : String(r.score)}${r.always ? html`<br>${t('guide.admin.alwaysKept')}` : ''}</td>
</tr>`,
)}
</tbody></table></div>`;
}

export function overviewPage(
  ctx: AdminContext,
  active: ActiveRules,
  versions: RuleSetVersion[],
  o: { notice?: { kind: 'published' | 'activated'; version: string } },
): SafeHtml {
  const { t } = ctx;
  return html`<h1 class="utrecht-heading-1">${t('guide.admin.title')}</h1>
${o.notice ? html`<p class="samen-alert utrecht-alert" role="status">${t(`guide.admin.notice.${o.notice.kind}`, { version: o.notice.version })}</p>` : ''}
<p class="utrecht-paragraph">${t('guide.admin.intro', { version: active.version, name: active.ruleSet.name, max: active.ruleSet.max_desks })}</p>
<p class="samen-actions"><a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="${ctx.href('/admin/guide/edit')}">${t('guide.admin.editAndTry')}</a></p>
${rulesTable(ctx, active.ruleSet.rules)}
<h2 class="utrecht-heading-2">${t('guide.admin.versions')}</h2>
<div class="samen-table-wrap" tabindex="0" role="region" aria-labelledby="versions-caption">
<table class="utrecht-table">
<caption class="utrecht-table__caption" id="versions-caption">${t('guide.admin.versionsCaption')}</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row">
<th class="utrecht-table__header-cell" scope="col">${t('guide.admin.col.version')}</th>
<th class="utrecht-table__header-cell" scope="col">${t('guide.admin.col.published')}</th>
<th class="utrecht-table__header-cell" scope="col">${t('guide.admin.col.note')}</th>
<th class="utrecht-table__header-cell" scope="col">${t('guide.admin.col.action')}</th>
</tr></thead>
<tbody class="utrecht-table__body">
${versions.map(
  (v) => html`<tr class="utrecht-table__row">
<th class="utrecht-table__header-cell" scope="row"><a class="utrecht-link" href="${ctx.href(`/admin/guide/versions/${v.version}`)}">${t('guide.admin.versionLabel', { version: v.version })}</a>${v.active ? html` <strong>(${t('guide.admin.active')})</strong>` : ''}</th>
<td class="utrecht-table__cell">${dateTime(v.publishedAt, ctx.locale)} · ${v.publishedByName ?? t('guide.admin.system')}${v.basedOn ? html`<br>${t('guide.admin.basedOn', { version: v.basedOn })}` : ''}</td>
<td class="utrecht-table__cell">${v.note}</td>
<td class="utrecht-table__cell">${
    v.active
      ? ''
      : html`<form method="post" action="${ctx.href(`/admin/guide/versions/${v.version}/activate`)}" class="samen-inline-form">${csrf(ctx)}<button type="submit" class="utrecht-button utrecht-button--secondary-action" data-confirm="${t('guide.admin.activateConfirm', { version: v.version })}">${t('guide.admin.activate', { version: v.version })}</button></form>`
  }</td>
</tr>`,
)}
</tbody></table></div>`;
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
  return html`<div class="samen-error-summary utrecht-alert utrecht-alert--error" role="alert" tabindex="-1" id="problems">
<h2 class="utrecht-heading-2">${t('guide.rules.invalid')}</h2>
<ul class="utrecht-unordered-list">${problems.map((p) => html`<li><span class="samen-code">${p.path || '—'}</span>: ${t(p.key, p.params)}</li>`)}</ul>
</div>`;
}

function select(
  name: string,
  label: string,
  values: readonly string[],
  chosen: string | undefined,
  t: Translate,
): SafeHtml {
  return html`<div class="utrecht-form-field">
<label class="utrecht-form-label" for="try-${name}">${label}</label>
<select class="utrecht-select utrecht-select--html-select" id="try-${name}" name="${name}">
<option value="">${t('guide.admin.try.notAnswered')}</option>
${values.map((v) => html`<option value="${v}"${attrIf(v === chosen, 'selected')}>${v}</option>`)}
</select></div>`;
}

function checkboxes(name: string, label: string, values: readonly string[], chosen: string[]): SafeHtml {
  return html`<fieldset class="utrecht-form-fieldset samen-checkboxes"><legend class="utrecht-form-fieldset__legend">${label}</legend>
${values.map(
  (v) =>
    html`<div class="samen-checkbox"><input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input" id="try-${name}-${v}" name="${name}" value="${v}"${attrIf(chosen.includes(v), 'checked')}><label for="try-${name}-${v}">${v}</label></div>`,
)}
</fieldset>`;
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
  const a = o.answers;
  return html`<p><a class="utrecht-link" href="${ctx.href('/admin/guide')}">${t('guide.admin.back')}</a></p>
<h1 class="utrecht-heading-1">${t('guide.admin.editTitle')}</h1>
${o.conflict ? html`<div class="samen-error-summary utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">${t('guide.rules.conflict.help', { version: o.conflict, based: o.basedOn })}</p><p><a class="utrecht-link" href="${ctx.href('/admin/guide/edit')}">${t('guide.admin.reload')}</a></p></div>` : ''}
${o.problems?.length ? problemList(ctx, o.problems) : ''}
<p class="utrecht-paragraph">${t('guide.admin.editIntro', { version: o.basedOn })}</p>
<form method="post" action="${ctx.href('/admin/guide/try')}" class="samen-rule-editor">
${csrf(ctx)}
<input type="hidden" name="based_on" value="${o.basedOn}">
<div class="utrecht-form-field utrecht-form-field--textarea">
<label class="utrecht-form-label" for="source">${t('guide.admin.source')}</label>
<textarea class="utrecht-textarea utrecht-textarea--html-textarea samen-code-editor" id="source" name="source" rows="24" spellcheck="false">${o.source}</textarea>
</div>
<fieldset class="utrecht-form-fieldset"><legend class="utrecht-form-fieldset__legend">${t('guide.admin.try.legend')}</legend>
${select('audience', t('guide.result.question.who'), AUDIENCES, a.audience, t)}
${checkboxes('form', t('guide.result.question.what'), FORMS, a.forms)}
${select('danger', t('guide.result.question.danger'), TRI_STATES, a.danger, t)}
<div class="utrecht-form-field"><label class="utrecht-form-label" for="try-municipality">${t('guide.admin.try.municipality')}</label>
<input class="utrecht-textbox utrecht-textbox--html-input samen-input--small" id="try-municipality" name="municipality" value="${a.municipality ?? ''}" maxlength="10"></div>
${select('minor', t('guide.result.question.age'), TRI_STATES, a.minor, t)}
${checkboxes('need', t('guide.result.question.need'), NEEDS, a.needs)}
</fieldset>
<p class="samen-actions"><button type="submit" class="utrecht-button utrecht-button--primary-action">${t('guide.admin.try.submit')}</button></p>
<div class="utrecht-form-field">
<label class="utrecht-form-label" for="note">${t('guide.admin.note')}</label>
<input class="utrecht-textbox utrecht-textbox--html-input" id="note" name="note" value="${o.note}" maxlength="500">
</div>
<p class="samen-actions"><button type="submit" formaction="${ctx.href('/admin/guide/publish')}" class="utrecht-button utrecht-button--secondary-action">${t('guide.admin.publish')}</button></p>
</form>
${o.tried ? triedResult(ctx, o.tried.view, o.tried.advice) : ''}`;
}
