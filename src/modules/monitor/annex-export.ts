// The annex as PDF and CSV. The PDF is tagged (a structure tree with Document, Sect, H1–H3 and P, the document
// language and title set and shown), so its headings are navigable and its text selectable and extractable.
// Its font is DejaVu Sans (embedded, subset) where the system has it, which covers Polish, Hungarian, Bulgarian
// and the other scripts names in a narrative may use; otherwise the PDF standard font Helvetica (WinAnsi: Dutch
// and English only). The CSV: annex-csv.ts.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Annex } from './annex.js';
import { ACTION_STATUSES } from './types.js';
import {
  changeText,
  holdersLabel,
  indicatorChangeTexts,
  lineHeading,
  overdueTexts,
  type AnnexContext,
} from './views/annex.js';
import { linkedActionsText } from './views/register.js';
import { formatDate, formatNumber } from './views/format.js';
import { STATUS_COLOURS } from './views/chart.js';

/** Where Debian/Ubuntu (fonts-dejavu-core) and Fedora keep DejaVu Sans. */
export const DEJAVU_CANDIDATES = [
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'],
  [
    '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf',
    '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf',
  ],
] as const;

export interface PdfFonts {
  regular: string;
  bold: string;
}

/** The embedded font pair to use, or undefined for the standard Helvetica. Found once per process. */
let found: PdfFonts | null | undefined;
export function systemFonts(): PdfFonts | undefined {
  if (found === undefined) {
    const pair = DEJAVU_CANDIDATES.find(([regular, bold]) => existsSync(regular) && existsSync(bold));
    found = pair ? { regular: pair[0], bold: pair[1] } : null;
  }
  return found ?? undefined;
}

const INK = '#1b1f23';
const MUTED = '#4a5560';
const ACCENT = '#8a3b00';

export function annexPdf(
  ctx: AnnexContext,
  annex: Annex,
  fonts: PdfFonts | undefined = systemFonts(),
): Promise<Buffer> {
  const { t, locale } = ctx;
  const title = `${t('monitor.annex.title')} — ${annex.round.name}`;
  // pdfkit (with fontkit) is CommonJS and heavy: required when a PDF is made, not when the module loads.
  const PDFDocument = createRequire(import.meta.url)('pdfkit') as typeof import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    pdfVersion: '1.7',
    tagged: true,
    lang: locale === 'en' ? 'en-GB' : 'nl-NL',
    displayTitle: true,
    info: { Title: title, Subject: annex.round.letter, Creator: 'Samen' },
    // Buffered: the running header and the page numbers ("pagina 2 van 7") are written once the count is known.
    bufferPages: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  if (fonts) {
    doc.registerFont('annex-regular', fonts.regular);
    doc.registerFont('annex-bold', fonts.bold);
  }
  const regular = fonts ? 'annex-regular' : 'Helvetica';
  const bold = fonts ? 'annex-bold' : 'Helvetica-Bold';

  const root = doc.struct('Document');
  doc.addStructure(root);
  const text = (
    parent: PDFKit.PDFStructureElement,
    type: string,
    value: string,
    style: { size: number; bold?: boolean; colour?: string; gapAfter?: number },
  ) => {
    doc
      .font(style.bold ? bold : regular)
      .fontSize(style.size)
      .fillColor(style.colour ?? INK)
      .text(value, { structParent: parent, structType: type });
    doc.moveDown(style.gapAfter ?? 0.3);
  };

  text(root, 'H1', t('monitor.annex.title'), { size: 20, bold: true });
  text(root, 'P', t('monitor.annex.intro', { round: annex.round.name, letter: annex.round.letter || '—' }), {
    size: 11,
  });
  const meta = [
    annex.round.lockedAt
      ? t('monitor.annex.lockedOn', {
          date: formatDate(annex.round.lockedAt.toISOString().slice(0, 10), locale),
        })
      : '',
    annex.previous
      ? t('monitor.annex.comparedWith', { round: annex.previous.name })
      : t('monitor.annex.noPrevious'),
  ]
    .filter(Boolean)
    .join(' ');
  text(root, 'P', meta, { size: 10, colour: MUTED, gapAfter: 0.8 });

  // Summary per line: counts by status, as sentences (a reader hears them in order) and as bars.
  const summary = doc.struct('Sect');
  root.add(summary);
  text(summary, 'H2', t('monitor.annex.summary'), { size: 15, bold: true });
  for (const line of annex.lines) {
    const counts = ACTION_STATUSES.filter((s) => line.counts[s] > 0)
      .map((s) => `${line.counts[s]} ${t(`monitor.status.${s}`).toLowerCase()}`)
      .join(', ');
    text(
      summary,
      'P',
      `${lineHeading(t, line)}: ${t('monitor.annex.lineSummary', { count: line.actions.length, counts })}${
        annex.previous ? ` ${t('monitor.annex.lineChanged', { count: line.changed })}` : ''
      }`,
      { size: 10 },
    );
    // The bar is decoration (the sentence above says the same): an artifact, outside the structure tree.
    const max = Math.max(1, annex.actionCount);
    let x = doc.page.margins.left;
    const y = doc.y;
    doc.markContent('Artifact', { type: 'Layout' });
    for (const s of ACTION_STATUSES) {
      const w = (line.counts[s] / max) * 400;
      if (w > 0) doc.rect(x, y, w, 8).fill(STATUS_COLOURS[s]);
      x += w;
    }
    doc.endMarkedContent();
    doc.y = y + 14;
  }
  doc.moveDown(0.5);

  for (const line of annex.lines) {
    const section = doc.struct('Sect');
    root.add(section);
    text(section, 'H2', lineHeading(t, line), { size: 15, bold: true, gapAfter: 0.4 });
    for (const a of line.actions) {
      if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
      text(section, 'H3', `${a.code} ${a.title}`, { size: 12, bold: true, gapAfter: 0.2 });
      if (a.changes.length && annex.previous)
        text(section, 'P', `${t('monitor.annex.changedLabel')} ${changeText(ctx, a, annex.previous.name)}`, {
          size: 10,
          bold: true,
          colour: ACCENT,
          gapAfter: 0.2,
        });
      text(
        section,
        'P',
        `${holdersLabel(t, a)}: ${a.holders.join(', ')} · ${t('monitor.action.status')}: ${t(`monitor.status.${a.status}`)}`,
        { size: 10, colour: MUTED, gapAfter: 0.2 },
      );
      if (a.narrative) text(section, 'P', a.narrative, { size: 10, gapAfter: 0.2 });
      if (a.narrativeCarried) text(section, 'P', t('monitor.carried.mark'), { size: 10, bold: true });
      if (a.carriedOver) text(section, 'P', t('monitor.annex.carriedOver'), { size: 9, colour: MUTED });
      for (const v of a.indicators)
        text(section, 'P', `${v.name} (${v.period}): ${formatNumber(v.value, locale)} ${v.unit}`, {
          size: 10,
          gapAfter: 0.1,
        });
      const changes = indicatorChangeTexts(ctx, a);
      if (changes.length)
        text(section, 'P', `${t('monitor.annex.indicatorChanges')} ${changes.join('; ')}`, { size: 10 });
      const overdue = overdueTexts(ctx, a);
      if (overdue.length)
        text(section, 'P', `${t('monitor.annex.overdue')} ${overdue.join('; ')}`, { size: 10 });
      doc.moveDown(0.6);
    }
  }

  // Motions and commitments: each with its status, linked actions and where it was answered.
  const register = doc.struct('Sect');
  root.add(register);
  text(register, 'H2', t('monitor.register.title'), { size: 15, bold: true, gapAfter: 0.4 });
  if (!annex.register.frozen)
    text(register, 'P', t('monitor.register.notFrozen'), { size: 9, colour: MUTED });
  if (annex.register.commitments.length === 0) text(register, 'P', t('monitor.register.none'), { size: 10 });
  for (const c of annex.register.commitments) {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
    text(register, 'H3', c.number ? `${c.title} (${c.number})` : c.title, {
      size: 11,
      bold: true,
      gapAfter: 0.1,
    });
    text(
      register,
      'P',
      [
        `${t(`monitor.commitment.kind.${c.kind}`)} · ${t('monitor.commitment.statusLabel')}: ${t(`monitor.commitment.status.${c.status}`)}`,
        `${t('monitor.commitment.actions')}: ${linkedActionsText(t, c) || '—'}`,
        `${t('monitor.commitment.answeredIn')}: ${c.answeredIn || '—'}`,
      ].join(' · '),
      { size: 10, gapAfter: 0.4 },
    );
  }

  runningHeadAndPageNumbers(doc, ctx, annex, regular);
  doc.end();
  return done;
}

/**
 * On every page: a running header (the Kamerstuk and the round) and "pagina n van m" at the foot, both artifacts
 * (pagination, outside the structure tree: a screen reader reads them once as document metadata, not per page).
 */
function runningHeadAndPageNumbers(doc: PDFKit.PDFDocument, ctx: AnnexContext, annex: Annex, font: string) {
  const { t } = ctx;
  const head = t('monitor.annex.runningHead', {
    letter: annex.round.letter || t('monitor.annex.title'),
    round: annex.round.name,
  });
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { margins, width, height } = doc.page;
    const bottom = margins.bottom;
    // Writing inside the bottom margin must not start a new page.
    doc.page.margins.bottom = 0;
    const box = { width: width - margins.left - margins.right, lineBreak: false };
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.font(font).fontSize(8).fillColor(MUTED);
    doc.text(head, margins.left, margins.top / 2 - 4, { ...box, align: 'left' });
    doc.text(
      t('monitor.annex.pageOf', { page: i - range.start + 1, pages: range.count }),
      margins.left,
      height - bottom / 2 - 4,
      { ...box, align: 'center' },
    );
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
}
