// The subject-access export as a tagged PDF (Document, H1/H2, P; language and title set), the same content as the
// JSON export. Names may be written in any script, so a Unicode font is embedded when the system has one (DejaVu
// Sans, as Debian and most Linux systems ship); without it the standard Helvetica is used, which only covers
// Western European letters, and the PDF says so. The JSON export is always exact.
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { translateOr, type Translate } from '../../platform/i18n/index.js';

const UNICODE_FONTS = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/local/share/fonts/DejaVuSans.ttf',
];

export interface SubjectAccessData {
  exportedAt: string;
  teamNames: Record<string, string>;
  /** Display names of the accounts the record refers to by key. */
  accountNames: Record<string, string>;
  /** Names of the municipality, safety region and police unit, by code. */
  placeNames: Record<string, string>;
  case: Record<string, unknown> & { reference: string };
  person: Record<string, string | null> | null;
  events: {
    at: Date;
    kind: string;
    from_status: string | null;
    to_status: string | null;
    reason: string | null;
    actor_name: string | null;
    team_name: string | null;
  }[];
  referrals: unknown[];
  placements: unknown[];
}

/** Columns holding codes, with the message prefix that says them in words (as the case page does). */
const CASE_CODES: Record<string, string> = {
  kind: 'referrals.kind',
  status: 'referrals.status',
  urgency: 'referrals.urgency',
  minor: 'referrals.tri',
  consent: 'referrals.consent',
  legal_ground: 'referrals.ground',
  gender: 'referrals.gender',
  forms: 'referrals.form',
  sector: 'referrals.sector',
  indicators: 'referrals.signalItem',
  methods_of_control: 'referrals.control',
  recruitment: 'referrals.recruitment',
  needs: 'referrals.need',
  closed_reason: 'referrals.close',
};
const REFERRAL_CODES: Record<string, string> = {
  kind: 'referrals.kind',
  service_type: 'referrals.serviceType',
  status: 'referrals.referralStatus',
  legal_ground: 'referrals.ground',
};
const PLACEMENT_CODES: Record<string, string> = {
  category: 'referrals.category',
  status: 'referrals.placementStatus',
};

/** Columns that hold an account's key. */
const ACCOUNT_COLUMNS = new Set(['origin_user_id', 'created_by', 'responded_by', 'requested_by']);
/** Columns that hold a municipality, safety region or police unit code. */
const PLACE_COLUMNS = new Set(['municipality_code', 'safety_region_code', 'police_unit_code']);

/** A value as text; moments in the reader's language, in Dutch time. */
function show(value: unknown, dates: Intl.DateTimeFormat): string {
  if (value === null || value === undefined || value === '') return '–';
  if (value instanceof Date) return dates.format(value);
  if (Array.isArray(value)) return value.length ? value.map((v) => show(v, dates)).join(', ') : '–';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function subjectAccessPdf(data: SubjectAccessData, t: Translate, locale: string): Promise<Buffer> {
  const dates = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  });
  const fontPath = UNICODE_FONTS.find((p) => existsSync(p));
  const title = t('referrals.export.title', { reference: data.case.reference });
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    pdfVersion: '1.7',
    tagged: true,
    lang: locale === 'en' ? 'en-GB' : 'nl-NL',
    displayTitle: true,
    info: { Title: title, Creator: 'Samen' },
  });
  if (fontPath) doc.registerFont('body', fontPath);
  const font = fontPath ? 'body' : 'Helvetica';
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const root = doc.struct('Document');
  doc.addStructure(root);
  const text = (parent: PDFKit.PDFStructureElement, type: string, value: string, size: number) => {
    doc
      .font(font)
      .fontSize(size)
      .fillColor('#1b1f23')
      .text(value, { structParent: parent, structType: type });
    doc.moveDown(0.3);
  };
  text(root, 'H1', title, 18);
  text(root, 'P', t('referrals.export.intro', { date: dates.format(new Date(data.exportedAt)) }), 10);
  if (!fontPath) text(root, 'P', t('referrals.export.fontNote'), 9);

  const section = (heading: string, lines: string[]) => {
    const sect = doc.struct('Sect');
    root.add(sect);
    text(sect, 'H2', heading, 14);
    for (const line of lines) text(sect, 'P', line, 10);
  };
  // Each field under its name in the reader's language, coded values in words; a field or value the catalogue
  // has no words for (a column added later) keeps its name or code rather than failing the export.
  const words = (key: string, fallback: string) => translateOr(t, key, fallback);
  const fields = (record: Record<string, unknown>, codes: Record<string, string> = {}) =>
    Object.entries(record).map(([k, v]) => {
      const prefix = codes[k];
      const named =
        typeof v !== 'string'
          ? undefined
          : k.endsWith('_team_id')
            ? data.teamNames[v]
            : ACCOUNT_COLUMNS.has(k)
              ? data.accountNames[v]
              : PLACE_COLUMNS.has(k) && data.placeNames[v]
                ? `${data.placeNames[v]} (${v})`
                : undefined;
      const value = named
        ? named
        : prefix && (typeof v === 'string' || Array.isArray(v))
          ? show(
              ([] as unknown[]).concat(v).map((code) => words(`${prefix}.${String(code)}`, String(code))),
              dates,
            )
          : show(v, dates);
      return `${words(`referrals.export.field.${k}`, k)}: ${value}`;
    });
  section(t('referrals.case.person'), data.person ? fields(data.person) : [t('referrals.case.noPerson')]);
  section(t('referrals.case.summary'), fields(data.case, CASE_CODES));
  section(
    t('referrals.case.timeline'),
    data.events.map(
      (e) =>
        `${show(e.at, dates)} · ${words(`referrals.event.${e.kind}`, e.kind)}${e.to_status ? ` → ${words(`referrals.status.${e.to_status}`, e.to_status)}` : ''} · ${[e.actor_name, e.team_name].filter(Boolean).join(', ')}${e.reason ? ` · ${e.reason}` : ''}`,
    ),
  );
  const records = (heading: string, list: unknown[], codes: Record<string, string>) =>
    list.length
      ? list.flatMap((record, i) => [
          t('referrals.export.item', { heading, number: i + 1 }),
          ...fields(record as Record<string, unknown>, codes),
        ])
      : ['–'];
  section(
    t('referrals.case.referrals'),
    records(t('referrals.case.referrals'), data.referrals, REFERRAL_CODES),
  );
  section(
    t('referrals.case.placements'),
    records(t('referrals.case.placements'), data.placements, PLACEMENT_CODES),
  );
  doc.end();
  return done;
}
