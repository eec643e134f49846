// The subject-access export as a tagged PDF (Document, H1/H2/H3, P; language and title set): the same document
// as the HTML page (subject-access.ts), in the person's language. The font is DejaVu Sans from the npm package
// `dejavu-fonts-ttf` (free licence), embedded, so Latin with every Central European diacritic, Cyrillic and
// Arabic show on any system. Right-to-left text (Arabic) is laid out here: pdfkit wraps and draws left to right,
// so each line is broken by hand, ordered with the Unicode bidirectional algorithm (bidi-js) and drawn run by
// run from the right margin; a team's Latin name or a number inside Arabic text keeps its own order.
import bidiModule from 'bidi-js';
import { createRequire } from 'node:module';
import type { Block, SubjectAccessDocument } from './subject-access.js';

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
// bidi-js is CommonJS whose export is the factory; TypeScript sees it as a module with a default.
type BidiFactory = typeof import('bidi-js').default;
const bidiFactory = (
  typeof bidiModule === 'function' ? bidiModule : (bidiModule as { default: BidiFactory }).default
) as BidiFactory;
const bidi = bidiFactory();

/** Letters and digits that fontkit lays out right to left itself (it reverses runs of the Arabic script). */
const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

const PDF_LANG: Record<string, string> = {
  nl: 'nl-NL',
  en: 'en-GB',
  ar: 'ar',
  bg: 'bg-BG',
  es: 'es',
  fr: 'fr',
  hu: 'hu-HU',
  pl: 'pl-PL',
  pt: 'pt',
  ro: 'ro-RO',
  uk: 'uk-UA',
};

type Doc = PDFKit.PDFDocument;

/** Visual runs of one line of right-to-left text, left to right, each ready for fontkit. */
export function visualRuns(line: string): string[] {
  if (!line) return [];
  const embedding = bidi.getEmbeddingLevels(line, 'rtl');
  const mirrored = bidi.getMirroredCharactersMap(line, embedding.levels);
  const chars = [...line].length === line.length ? line.split('') : Array.from(line);
  // Code units and characters agree for the scripts shipped (no astral characters); mirror brackets in RTL runs.
  const text = chars.map((c, i) => mirrored.get(i) ?? c);
  const runs: { level: number; text: string }[] = [];
  for (let i = 0; i < text.length; i++) {
    const level = embedding.levels[i]!;
    const last = runs[runs.length - 1];
    if (last && last.level === level) last.text += text[i];
    else runs.push({ level, text: text[i]! });
  }
  // Rule L2: from the highest level down to the lowest odd one, reverse every sequence at that level or higher.
  const max = Math.max(...runs.map((r) => r.level));
  for (let level = max; level >= 1; level--) {
    for (let i = 0; i < runs.length;) {
      if (runs[i]!.level < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < runs.length && runs[j]!.level >= level) j++;
      runs.splice(i, j - i, ...runs.slice(i, j).reverse());
      i = j;
    }
  }
  // Within a run: right-to-left text is reversed by fontkit when it holds Arabic script; otherwise reverse it
  // here. Left-to-right text holding Arabic-script digits would be reversed by fontkit: reverse it first.
  return runs.map((r) => {
    const rtl = r.level % 2 === 1;
    const fontkitReverses = ARABIC_SCRIPT.test(r.text);
    return rtl !== fontkitReverses ? [...r.text].reverse().join('') : r.text;
  });
}

/** Breaks right-to-left text into lines that fit the width (logical order; words kept whole). */
function wrap(doc: Doc, text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = current ? `${current} ${word}` : word;
    if (current && doc.widthOfString(next) > width) {
      lines.push(current);
      current = word;
    } else current = next;
  }
  if (current) lines.push(current);
  return lines;
}

export function subjectAccessPdf(document: SubjectAccessDocument): Promise<Buffer> {
  const rtl = document.dir === 'rtl';
  // pdfkit (with fontkit) is CommonJS and heavy: required when a PDF is made, not when the module loads.
  const PDFDocument = require('pdfkit') as typeof import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    pdfVersion: '1.7',
    tagged: true,
    lang: PDF_LANG[document.lang] ?? document.lang,
    displayTitle: true,
    info: { Title: document.title, Creator: 'Samen' },
  });
  doc.registerFont('body', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const root = doc.struct('Document');
  doc.addStructure(root);
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;

  const write = (parent: PDFKit.PDFStructureElement, type: string, value: string, size: number) => {
    const font = type.startsWith('H') ? 'bold' : 'body';
    doc.font(font).fontSize(size).fillColor('#1b1f23');
    if (!rtl) {
      doc.text(value, { structParent: parent, structType: type, width });
      doc.moveDown(0.3);
      return;
    }
    const lines = wrap(doc, value, width);
    const lineHeight = doc.currentLineHeight(true);
    if (doc.y + lines.length * lineHeight > doc.page.height - doc.page.margins.bottom) doc.addPage();
    parent.add(
      doc.struct(type, {}, () => {
        for (const line of lines) {
          const runs = visualRuns(line);
          const widths = runs.map((r) => doc.widthOfString(r));
          let x = left + width - widths.reduce((a, b) => a + b, 0);
          const y = doc.y;
          runs.forEach((r, i) => {
            doc.text(r, x, y, { lineBreak: false });
            x += widths[i]!;
          });
          doc.x = left;
          doc.y = y + lineHeight;
        }
      }),
    );
    doc.moveDown(0.3);
  };

  const block = (parent: PDFKit.PDFStructureElement, b: Block) => {
    if (b.kind === 'p' || b.kind === 'link') write(parent, 'P', b.text, 10);
    else if (b.kind === 'h3') write(parent, 'H3', b.text, 11);
    else if (b.kind === 'ul') for (const item of b.items) write(parent, 'P', `• ${item}`, 10);
    else for (const [label, value] of b.items) write(parent, 'P', `${label}: ${value}`, 10);
  };

  write(root, 'H1', document.title, 18);
  for (const line of document.intro) write(root, 'P', line, 10);
  for (const section of document.sections) {
    const sect = doc.struct('Sect');
    root.add(sect);
    write(sect, 'H2', section.heading, 14);
    for (const b of section.blocks) block(sect, b);
    sect.end();
  }
  root.end();
  doc.end();
  return done;
}
