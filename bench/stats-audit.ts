// bench/stats-audit: the suppression audit (src/modules/stats/audit.ts) on the CTDC victim–perpetrator file
// (21,195 rows, from ../shared). First the published four-column set of issue 14 (yearRegister, UN_COO_Region,
// IP_ageBroad, IP_citizen_UNRegion; k = 10, tables of up to 3 columns): the threshold and line rules, then the
// audit with protection. Target: ≤ 60 s. Then column sets growing one column at a time (the columns with the
// fewest values first) until one does not audit within 5 minutes: the largest set that does is the cap the
// audit allows on this machine.
//   npm run bench:stats-audit        (BENCH_AUDIT_MAX_COLUMNS=6 stops growing at 6 columns)
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { auditCube, AuditTooLargeError, type AuditOutcome } from '../src/modules/stats/audit.js';
import { aggregate } from '../src/modules/stats/cube.js';
import { protect } from '../src/modules/stats/disclosure.js';
import { parseDataset } from '../src/modules/stats/formats.js';
import type { Microdata } from '../src/modules/stats/microdata.js';
import { printTable, ROOT } from './lib.js';

const FILE = path.join(
  ROOT,
  '..',
  'shared',
  'data/ctdc/victim-perpetrator-synthetic-2022/CTDC_VPsynthetic_condensed.csv',
);
const ISSUE_SET = ['yearRegister', 'UN_COO_Region', 'IP_ageBroad', 'IP_citizen_UNRegion'];
const TARGET_S = 60;
const LIMIT_S = 300;

function select(data: Microdata, names: string[]): Microdata {
  const keep = names.map((n) => data.columns.findIndex((c) => c.name === n));
  return {
    columns: keep.map((i) => data.columns[i]!),
    codes: keep.map((i) => data.codes[i]!),
    rows: data.rows,
  };
}

async function run(
  data: Microdata,
  names: string[],
): Promise<{ outcome?: AuditOutcome; error?: string; primary: number; secondary: number; s: number }> {
  const started = performance.now();
  const cube = select(data, names);
  const pc = protect(aggregate(cube, 3), { k: 10, roundingBase: null });
  const { primary, secondary } = pc;
  try {
    const outcome = await auditCube(pc, cube, { timeLimitSeconds: LIMIT_S });
    return { outcome, primary, secondary, s: (performance.now() - started) / 1000 };
  } catch (error) {
    if (!(error instanceof AuditTooLargeError)) throw error;
    return { error: error.message, primary, secondary, s: (performance.now() - started) / 1000 };
  }
}

function row(names: string[], r: Awaited<ReturnType<typeof run>>) {
  const o = r.outcome;
  return {
    columns: names.length,
    added: names.at(-1)!,
    'primary/secondary': `${r.primary}/${r.secondary}`,
    unknowns: o?.variables ?? '–',
    equations: o?.equations ?? '–',
    'small cells': o?.smallCells ?? '–',
    'exposed before': o?.exposedBefore.length ?? '–',
    'added by audit': o?.added.length ?? '–',
    solves: o?.solves ?? '–',
    'integer (stopped)': o ? `${o.integerSolves} (${o.integerStopped})` : '–',
    verdict: r.error ? 'too large' : o!.ok ? 'passed' : o!.timedOut ? 'timed out' : 'failed',
    seconds: r.s.toFixed(1),
  };
}

async function main() {
  if (!existsSync(FILE)) {
    console.log(`${path.relative(ROOT, FILE)} is absent: nothing to benchmark`);
    return;
  }
  const parsed = parseDataset('ctdc-vp', readFileSync(FILE, 'utf8'));
  if (!parsed.ok) throw new Error('the CTDC file did not parse');
  const data = parsed.data;

  console.log(`Issue 14's set: ${ISSUE_SET.join(', ')} (k = 10, tables of up to 3 columns)`);
  const issue = await run(data, ISSUE_SET);
  printTable([row(ISSUE_SET, issue)]);
  const exposed = issue.outcome?.exposedBefore ?? [];
  console.log(
    `audit with protection: ${issue.s.toFixed(1)} s (target ≤ ${TARGET_S} s: ${issue.s <= TARGET_S ? 'met' : 'NOT met'}); ` +
      `ratio to target ${(issue.s / TARGET_S).toFixed(2)}; first exposed: ${exposed
        .slice(0, 3)
        .map(
          (c) => `${c.columns.map((n, i) => `${n}=${c.values[i]}`).join(' × ')} in [${c.lower}, ${c.upper}]`,
        )
        .join('; ')}`,
  );

  const max = Number(process.env.BENCH_AUDIT_MAX_COLUMNS ?? data.columns.length);
  const rest = data.columns
    .map((c) => c.name)
    .filter((n) => !ISSUE_SET.includes(n))
    .sort(
      (a, b) =>
        data.columns.find((c) => c.name === a)!.values.length -
          data.columns.find((c) => c.name === b)!.values.length || a.localeCompare(b),
    );
  const rows = [];
  let largest = ISSUE_SET.length;
  const names = [...ISSUE_SET];
  for (const next of rest) {
    if (names.length >= max) break;
    names.push(next);
    const r = await run(data, names);
    rows.push(row(names, r));
    console.log(JSON.stringify(rows.at(-1)));
    if (!r.outcome?.ok) break;
    largest = names.length;
  }
  console.log(
    `\nGrowing the set (columns with the fewest values first), each audit limited to ${LIMIT_S} s:`,
  );
  printTable(rows);
  console.log(`largest column set that audits within ${LIMIT_S} s: ${largest} columns`);
}

await main();
