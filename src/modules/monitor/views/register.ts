// Motions and commitments as the annex shows them (each with its status, linked actions and where it was answered),
// the warning when one says "done" while a linked action is not completed, and the register as a CSV in the Dutch
// spreadsheet dialect (headers and values in the reader's language).
import { table } from '../../../platform/web/components.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { commitmentsWithWarnings, unfinishedActions, type AnnexRegister } from '../annex-register.js';
import type { RegisterCommitment } from '../annex-register.js';
import { peopleCsv } from '../../../platform/csv.js';
import { formatDate } from './format.js';

/** The reader's translator and language (as the annex's views take them). */
interface AnnexContext {
  t: Translate;
  locale: string;
}

const commitmentName = (c: RegisterCommitment) => (c.number ? `${c.title} (${c.number})` : c.title);

export function linkedActionsText(t: Translate, c: RegisterCommitment): string {
  return c.actions.map((a) => `${a.code} (${t(`monitor.status.${a.status}`).toLowerCase()})`).join(', ');
}

/** The warning sentences: one per commitment marked done with a linked action that is not completed. */
export function warningTexts(t: Translate, register: AnnexRegister): string[] {
  return commitmentsWithWarnings(register.commitments).map((c) =>
    t('monitor.register.warning', {
      commitment: commitmentName(c),
      actions: unfinishedActions(c)
        .map((a) => `${a.code} (${t(`monitor.status.${a.status}`).toLowerCase()})`)
        .join(', '),
    }),
  );
}

export function registerWarnings(t: Translate, register: AnnexRegister): SafeHtml {
  const texts = warningTexts(t, register);
  if (texts.length === 0) return html``;
  return html`<div class="utrecht-alert utrecht-alert--warning samen-register-warning" role="region" aria-labelledby="register-warning-title">
<div class="utrecht-alert__content">
<h2 class="utrecht-heading-3" id="register-warning-title">${t('monitor.register.warningTitle', { count: texts.length })}</h2>
<ul class="utrecht-unordered-list">${texts.map((w) => html`<li>${w}</li>`)}</ul>
</div>
</div>`;
}

/** The annex's section on motions and commitments (a table; on a narrow screen it scrolls in its own region). */
export function registerSection(ctx: AnnexContext, register: AnnexRegister): SafeHtml {
  const { t, locale } = ctx;
  const list = register.commitments;
  return html`<section class="monitor-register" aria-labelledby="register-title">
<h2 class="utrecht-heading-2" id="register-title">${t('monitor.register.title')}</h2>
${register.frozen ? '' : html`<p class="samen-meta">${t('monitor.register.notFrozen')}</p>`}
${
  list.length === 0
    ? html`<p class="utrecht-paragraph">${t('monitor.register.none')}</p>`
    : table({
        id: 'register',
        caption: t('monitor.register.caption', { count: list.length }),
        head: [
          t('monitor.commitment.name'),
          t('monitor.commitment.kind'),
          t('monitor.commitment.statusLabel'),
          t('monitor.commitment.actions'),
          t('monitor.commitment.answeredIn'),
        ],
        rows: list.map((c) => ({
          head: html`${commitmentName(c)}${c.madeOn ? html`<br><span class="samen-meta">${formatDate(c.madeOn, locale)}</span>` : ''}`,
          cells: [
            t(`monitor.commitment.kind.${c.kind}`),
            t(`monitor.commitment.status.${c.status}`),
            linkedActionsText(t, c) || '—',
            c.answeredIn || '—',
          ],
        })),
      })
}
</section>`;
}

/** The register as CSV: one row per commitment, in the reader's language, with the warning in its own column. */
export function registerCsv(ctx: AnnexContext, register: AnnexRegister): string {
  const { t, locale } = ctx;
  const header = [
    t('monitor.commitment.kind'),
    t('monitor.register.csv.number'),
    t('monitor.commitment.name'),
    t('monitor.commitment.date'),
    t('monitor.commitment.statusLabel'),
    t('monitor.commitment.actions'),
    t('monitor.commitment.answeredIn'),
    t('monitor.register.csv.warning'),
  ];
  const rows = register.commitments.map((c) => {
    const unfinished = unfinishedActions(c);
    return [
      t(`monitor.commitment.kind.${c.kind}`),
      c.number,
      c.title,
      c.madeOn ? formatDate(c.madeOn, locale) : '',
      t(`monitor.commitment.status.${c.status}`),
      linkedActionsText(t, c),
      c.answeredIn,
      unfinished.length
        ? t('monitor.register.csv.warningText', { actions: unfinished.map((a) => a.code).join(', ') })
        : '',
    ];
  });
  return peopleCsv(header, rows, 'nl');
}

/** Above the commitments page: the warnings and the export link. */
export function registerTop(
  ctx: AnnexContext & { href(path: string): string },
  register: AnnexRegister,
): SafeHtml {
  return html`${registerWarnings(ctx.t, register)}
<p class="samen-actions"><a class="utrecht-link" href="${ctx.href('/monitor/commitments.csv')}" download>${ctx.t('monitor.register.export')}</a></p>`;
}
