// The CSV for people (issue 21 point 7): the Dutch dialect opens in a Dutch spreadsheet as it is (byte-order mark,
// semicolons, CRLF, Dutch numbers and dates), the English one with commas; formulas are defused in both.
import { describe, expect, it } from 'vitest';
import { csvDate, csvDecimal, csvDialectOf, peopleCsv } from './csv.js';

describe('CSV for people', () => {
  const rows = [
    ['Les; deel 2, met komma', '422.50'],
    ['=HYPERLINK("x")', '-3.00'],
    ['Zeg "hoi"\nnieuwe regel', null],
  ];

  it('writes the Dutch dialect: byte-order mark, semicolons, CRLF, quoted only where needed', () => {
    const csv = peopleCsv(
      ['Opdracht', 'Bedrag (EUR)'],
      rows.map(([a, b]) => [a!, b ? csvDecimal(b, 'nl') : null]),
    );
    expect(csv).toBe(
      '\ufeffOpdracht;Bedrag (EUR)\r\n"Les; deel 2, met komma";422,50\r\n"\'=HYPERLINK(""x"")";-3,00\r\n"Zeg ""hoi""\nnieuwe regel";\r\n',
    );
  });

  it('writes the English dialect with commas and decimal points', () => {
    const csv = peopleCsv(
      ['Assignment', 'Amount (EUR)'],
      rows.map(([a, b]) => [a!, b ?? null]),
      'en',
    );
    expect(csv).toBe(
      '\ufeffAssignment,Amount (EUR)\r\n"Les; deel 2, met komma",422.50\r\n"\'=HYPERLINK(""x"")",-3.00\r\n"Zeg ""hoi""\nnieuwe regel",\r\n',
    );
  });

  it('ATTACK: defuses every formula start but leaves negative numbers alone', () => {
    for (const attack of ['=1+1', '+31 6 1234', '-A1', '@SUM(A1)', '\tcmd'])
      expect(
        peopleCsv(['x'], [[attack]])
          .split('\r\n')[1]!
          .replace(/^"/, ''),
      ).toMatch(/^'/);
    expect(
      peopleCsv(['x'], [['-3,50'], [-2]])
        .split('\r\n')
        .slice(1, 3),
    ).toEqual(['-3,50', '-2']);
  });

  it('reads the dialect asked for, Dutch by default, and writes dates and decimals in it', () => {
    expect([
      csvDialectOf('en'),
      csvDialectOf('nl'),
      csvDialectOf(undefined),
      csvDialectOf('EN;drop'),
    ]).toEqual(['en', 'nl', 'nl', 'nl']);
    expect([csvDate('2026-11-28', 'nl'), csvDate('2026-11-28', 'en'), csvDate(null, 'nl')]).toEqual([
      '28-11-2026',
      '2026-11-28',
      '',
    ]);
    expect([csvDecimal('6.5', 'nl'), csvDecimal('6,5', 'en')]).toEqual(['6,5', '6.5']);
  });
});
