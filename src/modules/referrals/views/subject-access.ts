// The subject-access export as a page (the same document as the PDF, in the person's language and direction,
// marked with its own `lang` and `dir` inside a staff page in the coordinator's language), and the case page's
// form that chooses the person's language for the page or the PDF. Works without JavaScript. A value may be
// written in another script than the document (a Dutch summary in an Arabic export): it takes its own direction.
import { LOCALES } from '../../../platform/i18n/index.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { selectField, submitButton } from '../../../platform/web/components.js';
import type { Block, SubjectAccessDocument } from '../subject-access.js';
import type { ViewContext } from './common.js';

function block(b: Block): SafeHtml {
  if (b.kind === 'p') return html`<p class="utrecht-paragraph">${b.text}</p>`;
  if (b.kind === 'h3') return html`<h3 class="utrecht-heading-3">${b.text}</h3>`;
  if (b.kind === 'link')
    return html`<p class="utrecht-paragraph"><a class="utrecht-link" href="${b.href}" rel="noreferrer">${b.text}</a></p>`;
  if (b.kind === 'ul')
    return html`<ul class="utrecht-unordered-list">${b.items.map((i) => html`<li>${i}</li>`)}</ul>`;
  return html`<dl class="samen-dl">${b.items.map(([k, v]) => html`<dt>${k}</dt><dd dir="auto">${v}</dd>`)}</dl>`;
}

/** The language chooser on the case page: the export as a page or as a PDF, in the person's language. */
export function exportChooser(ctx: ViewContext, caseId: string): SafeHtml {
  const { t } = ctx;
  const base = `/nvm/cases/${caseId}`;
  return html`<form method="get" action="${ctx.href(`${base}/export`)}" class="samen-filters">
${selectField(
  {
    name: 'lang',
    id: 'sar-lang',
    label: t('referrals.case.exportLanguage'),
    value: ctx.locale,
    errors: [],
    choices: LOCALES.map((l) => ({ value: l.code, label: l.name, lang: l.code })),
  },
  t,
)}
${submitButton(t('referrals.case.exportShow'), { variant: 'secondary' })}
${submitButton(t('referrals.case.exportPdfButton'), { variant: 'secondary', formaction: ctx.href(`${base}/export.pdf`) })}
</form>`;
}

export function subjectAccessPage(
  ctx: ViewContext,
  o: { caseId: string; document: SubjectAccessDocument },
): SafeHtml {
  const { t } = ctx;
  const d = o.document;
  const base = `/nvm/cases/${o.caseId}`;
  return html`<p class="utrecht-paragraph samen-actions"><a class="utrecht-link" href="${ctx.href(base)}">${t('referrals.case.exportBack')}</a> · <a class="utrecht-link" href="${ctx.href(`${base}/export.pdf?lang=${d.lang}`)}">${t('referrals.case.exportPdf')}</a> · <a class="utrecht-link" href="${ctx.href(`${base}/export.json`)}">${t('referrals.case.exportJson')}</a></p>
<article class="samen-export" lang="${d.lang}" dir="${d.dir}">
<h1 class="utrecht-heading-1">${d.title}</h1>
${d.intro.map((p) => html`<p class="utrecht-paragraph">${p}</p>`)}
${d.sections.map(
  (s) =>
    html`<section class="samen-card" aria-labelledby="sar-${s.id}"><h2 class="utrecht-heading-2" id="sar-${s.id}">${s.heading}</h2>
${s.blocks.map(block)}</section>`,
)}
</article>`;
}
