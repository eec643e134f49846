// The sample plan from the letter of 4 July 2025: every action line and every fact point 1 of issue 5 lists is
// there with its source, the seeded round is locked (service and database refuse changes), and its annex comes
// out as HTML, PDF (text extractable) and CSV with every action in it.
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { httpErrorOf } from '../../platform/http/errors.js';
import { I18n } from '../../platform/i18n/index.js';
import { annexCsv } from './annex-csv.js';
import { annexPdf } from './annex-export.js';
import { SAMPLE_PLAN } from './sample-plan.js';
import { annexDocument } from './views/annex.js';

const i18n = new I18n();

describeDb('the sample plan from the letter', () => {
  const t = useTestApp();
  let roundId: string;

  beforeAll(async () => {
    const loaded = await t.services.monitor.loadSamplePlan();
    expect(loaded?.lines).toBe(SAMPLE_PLAN.length);
    roundId = (await t.services.monitor.rounds())[0]!.id;
  });

  it('is loaded once: a second load leaves the plan as it is', async () => {
    expect(await t.services.monitor.loadSamplePlan()).toBeUndefined();
    const plan = await t.services.monitor.plan();
    expect(plan.flatMap((l) => l.actions)).toHaveLength(SAMPLE_PLAN.flatMap((l) => l.actions).length);
  });

  it('has the six action lines the letter names, and more lines where the letter groups actions otherwise', async () => {
    const lines = await t.services.monitor.lines();
    const titles = lines.map((l) => `${l.code} ${l.title}`);
    for (const expected of [
      '1 Creëren van brede bewustwording',
      '2 Vergroten van de meldingsbereidheid',
      '3 Investeren in en werken aan een betere vaststelling van slachtofferschap en bescherming',
      '4 Verbeteren van de (bovenregionale en regionale) samenwerking',
      '5 Verbetering van de informatiedeling en gegevensverwerking',
      '6 Versterken van de positie van minderjarige slachtoffers',
    ])
      expect(titles).toContain(expected);
    expect(lines.length).toBeGreaterThan(6);
  });

  it('holds every action and fact of point 1, each with its source paragraph', async () => {
    const plan = await t.services.monitor.plan();
    const actions = plan.flatMap((l) => l.actions);
    for (const a of actions) expect(a.source.length, `${a.code} has a source`).toBeGreaterThan(20);
    const details = await Promise.all(actions.map((a) => t.services.monitor.action(a.id)));
    const everything = details
      .map((d) =>
        [
          d!.title,
          d!.description,
          d!.owner.name,
          ...d!.partners.map((p) => p.name),
          ...d!.milestones.map((m) => `${m.title} ${m.plannedDate ?? ''} ${m.actualDate ?? ''}`),
          ...d!.indicators.flatMap((i) => i.values.map((v) => `${i.name} ${v.period}=${v.value}`)),
        ].join(' | '),
      )
      .join('\n');
    const facts: [string, RegExp][] = [
      ['54 campaigns', /\(2020–2024\) 2020-2024=54/],
      ['95 reporting points', /Meldpunten mensenhandel 2024=95/],
      ['6 national reporting points', /Landelijke meldpunten 2024=6\b/],
      ['89 regional reporting points', /Regionale meldpunten 2024=89/],
      ['39 knowledge centres', /Kenniscentra mensenhandel 2024=39/],
      ['17 national knowledge centres', /Landelijke kenniscentra 2024=17/],
      ['22 regional knowledge centres', /Regionale kenniscentra 2024=22/],
      ['wegwijzer moved to CoMensha', /wegwijzer mensenhandel .* website van CoMensha/],
      ['FairWork reached 16,915', /FairWork 2024=16915/],
      ['FairWork reports 21 in 2023', /Meldingen bij FairWork binnen de doelgroep 2023=21/],
      ['FairWork reports 44 in 2024', /Meldingen bij FairWork binnen de doelgroep 2024=44/],
      ['back pay for 17 third-country nationals', /achterstallig loon is opgeëist 2024=17/],
      ['shelter-capacity research', /opvangcapaciteit.*Q-Consult/],
      ['file study at three shelters', /drie opvanginstellingen/],
      [
        'mirror group of 6–8, at least quarterly',
        /spiegelgroep van zes tot acht .* minimaal eens per kwartaal/,
      ],
      ['the pool coordinated by CoMensha', /poule van ervaringsdeskundigen .* CoMensha als coördinator/],
      ['building blocks, end 2025 or early 2026', /DSP-groep.*2025-12-31|uiterlijk begin 2026/],
      ['RAAM with RIEC Midden-Nederland', /RAAM-programma.*RIEC Midden-Nederland/],
      ['GDPR working group', /Werkgroep informatiedeling en gegevensverwerking \(AVG\)/],
      ['DIGW pilot', /Pilot Domein Overstijgende Informatie gestuurde Werkwijze \(DIGW\)/],
      ['#GeenBUIT launched 12 May 2025', /#GeenBUIT.*2025-05-12/],
      ['WODC research, results end 2025', /WODC-onderzoek.*eind 2025.*2025-12-31/s],
      ['Fieldlab on clients', /Fieldlab «Aanpak van klanten»/],
      ['CTDC', /Counter-Trafficking Data Collaborative \(CTDC\)/],
      ['STEAP in Nigeria with EUR 5.5 million', /STEAP.*Nigeria.*5500000/s],
      ['the Escapetruck in Bulgaria, Poland and Hungary', /Escapetruck in Bulgarije, Polen en Hongarije/],
    ];
    const missing = facts.filter(([, pattern]) => !pattern.test(everything)).map(([name]) => name);
    expect(missing).toEqual([]);
    const lineSix = plan.find((l) => l.line.code === '6')!;
    expect(lineSix.actions.every((a) => a.owner.name === 'Defence for Children–ECPAT')).toBe(true);
  });

  it('registers the motion Mutluer and the commitments, linked to their actions', async () => {
    const commitments = await t.services.monitor.commitments();
    const mutluer = commitments.find((c) => c.title.includes('Mutluer'))!;
    expect(mutluer).toMatchObject({ kind: 'motion', madeOn: '2023-12-21', actionCodes: ['G.1'] });
    expect(commitments.find((c) => c.number === '28 638, nr. 251')?.answeredIn).toContain('nr. 257');
  });

  describe('the locked round "voorjaar 2025"', () => {
    it('is locked, and the service refuses updates to it', async () => {
      const round = await t.services.monitor.getRound(roundId);
      expect(round).toMatchObject({ name: 'voorjaar 2025', status: 'locked' });
      const [first] = (await t.services.monitor.plan())[0]!.actions;
      const team = { id: '00000000-0000-4000-8000-000000000001', role: 'programme_team' as const };
      // The service throws a domain error; the platform's one mapping makes it the 409 it always was.
      const refused = await t.services.monitor
        .saveEntry(roundId, first!.id, { status: 'running', narrative: 'x', values: [] }, team)
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(httpErrorOf(refused)).toMatchObject({ statusCode: 409, code: 'round_locked' });
    });

    it('cannot be changed in the database either: entries, values and the round itself', async () => {
      const db = t.database.db;
      await expect(
        sql`update monitor_round_entry set narrative = 'rewritten' where round_id = ${roundId}`.execute(db),
      ).rejects.toThrow(/locked/);
      await expect(
        sql`delete from monitor_indicator_value where round_id = ${roundId}`.execute(db),
      ).rejects.toThrow(/locked/);
      await expect(
        sql`update monitor_round set status = 'open', locked_at = null where id = ${roundId}`.execute(db),
      ).rejects.toThrow(/locked/);
      await expect(sql`delete from monitor_round where id = ${roundId}`.execute(db)).rejects.toThrow(
        /locked/,
      );
      const entries = await db
        .selectFrom('monitor_round_entry')
        .select('narrative')
        .where('round_id', '=', roundId)
        .execute();
      expect(entries.some((e) => e.narrative === 'rewritten')).toBe(false);
    });

    it('gives an annex with every action of the plan, grouped by line (golden structure)', async () => {
      const annex = await t.services.monitor.annex(roundId);
      const structure = annex.lines.map((l) => [l.code, l.actions.map((a) => a.code)]);
      expect(structure).toEqual(SAMPLE_PLAN.map((l) => [l.code, l.actions.map((a) => a.code)]));
      expect(annex.previous).toBeNull();
      expect(annex.actionCount).toBe(SAMPLE_PLAN.flatMap((l) => l.actions).length);
      const doc = annexDocument({ t: i18n.translator('nl'), locale: 'nl' }, annex);
      expect(doc.match(/<h1[ >]/g)).toHaveLength(1);
      expect(doc.match(/<h2[^>]*id="line-/g)).toHaveLength(SAMPLE_PLAN.length);
      for (const a of SAMPLE_PLAN.flatMap((l) => l.actions)) expect(doc).toContain(`>${a.code} `);
      expect(doc).toContain('<svg');
      expect(doc).toContain('Aantal acties per status en actielijn');
    });

    it('gives a PDF whose text can be extracted, with every action and the tagged headings', async () => {
      const annex = await t.services.monitor.annex(roundId);
      const pdf = await annexPdf({ t: i18n.translator('nl'), locale: 'nl' }, annex);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const raw = pdf.toString('latin1');
      expect(raw).toMatch(/\/StructTreeRoot/);
      expect(raw).toMatch(/\/S \/H1/);
      expect(raw).toMatch(/\/S \/H2/);
      expect(raw).toMatch(/\/Lang \(nl-NL\)/);
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
      expect(text).toContain('Bijlage 1');
      for (const a of SAMPLE_PLAN.flatMap((l) => l.actions)) expect(text).toContain(a.code);
      expect(text).toContain('Campagne #GeenBUIT');
    });

    it('gives a CSV with one row per action', async () => {
      const annex = await t.services.monitor.annex(roundId);
      const csv = annexCsv(annex, 'en');
      expect(csv.startsWith('\uFEFFaction_line,action_line_title,action,')).toBe(true);
      const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
      expect(rows.map((r) => r.action)).toEqual(SAMPLE_PLAN.flatMap((l) => l.actions.map((a) => a.code)));
      expect(rows.find((r) => r.action === '2.3')?.indicators).toContain('16915');
    });
  });
});
