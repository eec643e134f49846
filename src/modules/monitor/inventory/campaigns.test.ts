// The campaign inventory's rules: what a campaign needs, the CSV import's row-level problems (and that one bad
// row stops the whole file), and the dashboard's coverage, never-measured list and gaps.
import { describe, expect, it } from 'vitest';
import { campaignDashboard, parseCampaignCsv, SAMPLE_CAMPAIGNS, validateCampaign } from './campaigns.js';

const HEADER =
  'name,organisation,start_year,end_year,forms,audiences,languages,reach,impact_indicator,impact_result';

describe('one campaign', () => {
  it('needs a name, an organisation, a year and known forms and audiences', () => {
    const { problems } = validateCampaign(
      { name: '', organisation: 'X', start_year: '20x4', forms: 'labour;sexy', audiences: '' },
      2026,
    );
    expect(problems.map((p) => `${p.field} ${p.key}`)).toEqual([
      'name monitor.error.required',
      'start_year monitor.error.year',
      'forms monitor.error.vocabulary',
      'audiences monitor.error.required',
    ]);
  });

  it('refuses an end before the start, a year past next year and a result without an indicator', () => {
    const { problems } = validateCampaign(
      {
        name: 'A',
        organisation: 'B',
        start_year: '2024',
        end_year: '2023',
        forms: 'labour',
        audiences: 'citizens',
        impact_result: '44',
      },
      2026,
    );
    expect(problems.map((p) => p.key)).toEqual([
      'monitor.error.endBeforeStart',
      'monitor.error.indicatorForResult',
    ]);
    expect(
      validateCampaign(
        { name: 'A', organisation: 'B', start_year: '2031', forms: 'labour', audiences: 'citizens' },
        2026,
      ).problems,
    ).toHaveLength(1);
  });

  it('reads lists separated by semicolons and reach written with thousands separators', () => {
    const { campaign } = validateCampaign(
      {
        name: 'A',
        organisation: 'B',
        start_year: '2024',
        forms: 'labour; criminal',
        audiences: 'citizens',
        languages: 'NL; pl',
        reach: '16.915',
      },
      2026,
    );
    expect(campaign).toMatchObject({
      forms: ['labour', 'criminal'],
      languages: ['nl', 'pl'],
      reach: 16915,
      endYear: null,
    });
  });
});

describe('the CSV import', () => {
  it('names every problem by row and column, and imports nothing when one row is wrong', () => {
    const csv = [
      HEADER,
      'Campagne A,Org,2022,2023,labour,citizens,nl,1000,,',
      'Campagne B,Org,2025,2024,labour,citizens,,,,',
      'Campagne C,Org,2023,,sexual,aliens,xx1,veel,,',
      'Campagne A,Org,2022,,general,professionals,,,,',
    ].join('\n');
    const { campaigns, problems } = parseCampaignCsv(csv, 2026);
    expect(campaigns).toEqual([]);
    expect(problems.map((p) => `${p.field}: ${p.key}`)).toEqual([
      'row 3, end_year: monitor.error.endBeforeStart',
      'row 4, audiences: monitor.error.vocabulary',
      'row 4, languages: monitor.error.languages',
      'row 4, reach: monitor.error.reach',
      'row 5, name: monitor.error.csvDuplicate',
    ]);
  });

  it('reports broken CSV, missing and unknown columns, and empty files', () => {
    expect(parseCampaignCsv(`${HEADER}\n"unclosed,Org,2024`, 2026).problems[0]?.key).toBe(
      'monitor.error.csvBroken',
    );
    expect(parseCampaignCsv('name,organisation,colour\nA,B,red', 2026).problems.map((p) => p.key)).toEqual([
      'monitor.error.csvMissing',
      'monitor.error.csvUnknown',
    ]);
    expect(parseCampaignCsv(HEADER, 2026).problems.map((p) => p.key)).toEqual(['monitor.error.csvEmpty']);
    expect(parseCampaignCsv('', 2026).problems.map((p) => p.key)).toEqual(['monitor.error.csvEmpty']);
    expect(
      parseCampaignCsv(`${HEADER}\nA,B,2024,,labour,citizens,,,,,extra,more`, 2026).problems[0]?.key,
    ).toBe('monitor.error.csvColumns');
  });

  it('imports a clean file', () => {
    const { campaigns, problems } = parseCampaignCsv(
      `\uFEFF${HEADER}\nA,B,2024,,labour;sexual,citizens,,,Meldingen,44`,
      2026,
    );
    expect(problems).toEqual([]);
    expect(campaigns[0]).toMatchObject({
      name: 'A',
      forms: ['labour', 'sexual'],
      impactIndicator: 'Meldingen',
      impactResult: '44',
    });
  });
});

const asStored = (c: (typeof SAMPLE_CAMPAIGNS)[number], i: number) => ({
  ...c,
  id: String(i),
  version: 1,
  withdrawnAt: null,
  withdrawnReason: '',
});

describe('the dashboard', () => {
  const campaigns = SAMPLE_CAMPAIGNS.map(asStored);
  const d = campaignDashboard(campaigns, 2025);

  it('counts campaigns by form and audience for every year they ran', () => {
    expect(d.years).toEqual([2024, 2025]);
    expect(d.byForm.find((f) => f.key === 'labour')).toEqual({ key: 'labour', perYear: [1, 1], total: 2 });
    expect(d.byAudience.find((a) => a.key === 'professionals')?.perYear).toEqual([0, 2]);
  });

  it('lists the campaigns never measured and the gaps no campaign covers', () => {
    expect(d.unmeasured.map((c) => c.name)).toEqual(['#GeenBUIT', 'Escapetruck']);
    expect(d.measured).toBe(1);
    expect(d.gaps).toContainEqual({ form: 'other', audience: 'citizens' });
    expect(d.gaps).not.toContainEqual({ form: 'labour', audience: 'citizens' });
    expect(d.yearGaps).toContainEqual({ form: 'sexual', years: [2024] });
  });
});

describe('the dashboard for running campaigns (issue 21 point 8)', () => {
  const campaigns = SAMPLE_CAMPAIGNS.map(asStored);

  it('counts a campaign without an end year in every year up to the current one, and the axis reaches it', () => {
    const d = campaignDashboard(campaigns, 2027);
    expect(d.years).toEqual([2024, 2025, 2026, 2027]);
    // #GeenBUIT and the Escapetruck started in 2025 and still run: counted in 2026 and 2027 too.
    expect(d.byAudience.find((a) => a.key === 'professionals')?.perYear).toEqual([0, 2, 2, 2]);
    // FairWork's campaign ended in 2024: labour has one running campaign (Escapetruck) from 2025 on.
    expect(d.byForm.find((f) => f.key === 'labour')?.perYear).toEqual([1, 1, 1, 1]);
    expect(d.yearGaps).toContainEqual({ form: 'sexual', years: [2024] });
  });

  it('reaches the current year even when every campaign ended before it', () => {
    const ended = [asStored({ ...SAMPLE_CAMPAIGNS[0]! }, 0)];
    const d = campaignDashboard(ended, 2026);
    expect(d.years).toEqual([2024, 2025, 2026]);
    expect(d.byForm.find((f) => f.key === 'labour')?.perYear).toEqual([1, 0, 0]);
    expect(d.yearGaps).toContainEqual({ form: 'labour', years: [2025, 2026] });
  });

  it('shows planned years beyond the current one, and counts a planned running campaign only in its start year', () => {
    const planned = asStored({ ...SAMPLE_CAMPAIGNS[1]!, name: 'Gepland', startYear: 2027 }, 9);
    const d = campaignDashboard([planned], 2026);
    expect(d.years).toEqual([2026, 2027]);
    expect(d.byForm.find((f) => f.key === 'sexual')?.perYear).toEqual([0, 1]);
  });
});

describe('the CSV import from Dutch spreadsheets (issue 21 point 7)', () => {
  it('reads semicolon-separated files with a byte-order mark, lists quoted or with |', () => {
    const header = HEADER.replaceAll(',', ';');
    const csv = `\uFEFF${header}\r\nA;B;2024;;"labour;sexual";citizens;;16.915;Meldingen;44\r\nC;D;2023;2024;criminal|other;young_people;nl|pl;;;\r\n`;
    const { campaigns, problems } = parseCampaignCsv(csv, 2026);
    expect(problems).toEqual([]);
    expect(campaigns.map((c) => [c.name, c.forms, c.reach, c.languages])).toEqual([
      ['A', ['labour', 'sexual'], 16915, []],
      ['C', ['criminal', 'other'], null, ['nl', 'pl']],
    ]);
  });
});

describe('look-alike campaigns in one file (issue 21 point 8)', () => {
  it('refuses a renamed copy on a later row, and accepts it when the team confirms it is different', () => {
    const csv = [
      HEADER,
      'Escapetruck,Reshape Foundation,2025,,labour,citizens,,,,',
      '"ESCAPE-truck!",Reshape Foundation,2025,2026,labour,citizens,,,,',
    ].join('\n');
    expect(parseCampaignCsv(csv, 2026).problems).toEqual([
      {
        field: 'row 3, name',
        key: 'monitor.error.csvSimilar',
        params: { row: 2, name: 'Escapetruck' },
      },
    ]);
    expect(parseCampaignCsv(csv, 2026, { allowSimilar: true }).campaigns).toHaveLength(2);
  });
});

describe('column headers as people write them (issue 21 point 4)', () => {
  it('reads the labels given for the CSV names, and names an unknown header as written', () => {
    const names = { naam: 'name', organisatie: 'organisation', beginjaar: 'start_year' };
    const csv = 'Naam;Organisatie;Beginjaar;forms;audiences\r\nZeeland;CoMensha;2025;labour;citizens\r\n';
    const read = parseCampaignCsv(csv, 2026, { headerNames: names });
    expect(read.problems).toEqual([]);
    expect(read.campaigns[0]).toMatchObject({ name: 'Zeeland', organisation: 'CoMensha', startYear: 2025 });
    // Without the labels the same headers are unknown.
    expect(parseCampaignCsv(csv, 2026).problems[0]).toMatchObject({ field: 'header' });
  });
});
