// The CTDC global synthetic codebook's own missing-value marker (`NULL [missing data]`) is read as missing in
// every column: the marker is taken from the real codebook (../shared), not written here.
import { readFileSync } from 'node:fs';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { CTDC_MISSING, GLOBAL_COLUMNS, parseDataset } from './formats.js';
import { CTDC_GLOBAL_CODEBOOK, sharedFileAvailable } from './test/shared.js';

const available = sharedFileAvailable(CTDC_GLOBAL_CODEBOOK);

describe.skipIf(!available)('the CTDC global codebook’s missing-value marker', () => {
  let text = '';
  beforeAll(async () => {
    const pdf = await getDocumentProxy(new Uint8Array(readFileSync(CTDC_GLOBAL_CODEBOOK)));
    text = (await extractText(pdf, { mergePages: true })).text;
  });

  /** Per variable of section 7, the values the codebook lists (the lines starting with a bullet). */
  const variables = () => {
    const out = new Map<string, string[]>();
    for (const block of text.split(/Variable \d+\s*\n/).slice(1)) {
      const name = /Variable name:\s*(\S+)/.exec(block)?.[1];
      if (!name) continue;
      out.set(
        name,
        [...block.matchAll(/^•\s*(.+)$/gm)].map((m) => m[1]!.trim()),
      );
    }
    return out;
  };

  it('is the marker the codebook lists as missing data', () => {
    const markers = new Set(
      [...variables().values()]
        .flat()
        .filter((v) => /\[missing data\]/.test(v))
        .map((v) => v.split(/\s/)[0]),
    );
    expect([...markers]).toEqual([CTDC_MISSING]);
    // The codebook lists it for 26 of its 27 variables (not for the year, a range); every column of the layout
    // is one of the codebook's variables.
    const listed = [...variables().entries()].filter(([, values]) =>
      values.some((v) => v.startsWith('NULL ')),
    );
    expect(listed.length).toBe(26);
    const names = [...variables().keys()].map((n) =>
      n === 'meansWithholdDocuments' ? 'meansWithholdDocs' : n,
    );
    for (const column of GLOBAL_COLUMNS) expect(names).toContain(column.name);
  });

  it('reads the marker as missing in every column, and nothing else like it', () => {
    const header = GLOBAL_COLUMNS.map((c) => c.name);
    const marker = [...variables().values()]
      .flat()
      .find((v) => /\[missing data\]/.test(v))!
      .split(/\s/)[0]!;
    const allMissing = header.map(() => marker).join(',');
    const result = parseDataset('ctdc-global', [header.join(','), allMissing, allMissing].join('\n'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.rows).toBe(2);
    for (const column of result.data.columns) expect(column.values).toEqual(['']);
    // One column at a time beside real values: only that cell is missing.
    header.forEach((name, i) => {
      const row: string[] = header.map((n) =>
        n === 'yearOfRegistration' ? '2019' : n === 'gender' ? 'Woman' : '',
      );
      row[i] = marker;
      const one = parseDataset('ctdc-global', [header.join(','), row.join(',')].join('\n'));
      expect(one.ok, name).toBe(true);
      if (one.ok) expect(one.data.columns[i]!.values, name).toEqual(['']);
    });
    // Only the marker itself: other spellings are still refused in a column with a value list.
    for (const wrong of ['null', 'Null', 'NULL [missing data]', 'NA']) {
      const row = header.map((n) => (n === 'gender' ? wrong : ''));
      const refused = parseDataset('ctdc-global', [header.join(','), row.join(',')].join('\n'));
      expect(refused.ok, wrong).toBe(false);
      if (!refused.ok) expect(refused.problems[0]).toMatchObject({ row: 2, field: 'gender' });
    }
  });

  it('is not the missing marker of the victim–perpetrator layout (empty there)', () => {
    const vp =
      'yearRegister,gender,majorityStatus,isForcedLabour,isSexualExploit,UN_COO_Region,UN_COE_Region,IP_Exploiter,IP_Gender,IP_ageBroad,IP_citizen_UNRegion,IP_Relation,IP_PayMoney,IP_RecruiterBroker,IP_TransactionProcess,IP_ControlAbuseKidnap';
    const row = vp.split(',').map((n) => (n === 'gender' ? 'NULL' : ''));
    expect(parseDataset('ctdc-vp', [vp, row.join(',')].join('\n')).ok).toBe(false);
  });
});
