// What the `samen stats …` commands do (cli.ts registers them and loads this file when one runs): files and
// printing here, the rules in the service.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { CliError } from '../../platform/cli.js';
import { I18n, type Translate } from '../../platform/i18n/index.js';
import { HttpError } from '../../platform/http/errors.js';
import type { DatasetFormat } from './choices.js';
import type { RowProblem } from './formats.js';
import type { LeakageReport, UtilityReport } from './evaluate.js';
import type { StoredAudit } from './repository.js';
import type { SharingAgreement } from './exchange-service.js';
import type { AuthService } from '../../platform/auth/index.js';
import { budgetSummary, describeCell, figure, type BudgetSummary, type StatsService } from './service.js';

export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** Progress on one line (stderr at a terminal only). */
  progress?(line: string): void;
}

export const consoleIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => console.error(line),
  ...(process.stderr.isTTY ? { progress: (line: string) => process.stderr.write(`\r${line}\u001b[K`) } : {}),
};

let i18n: I18n | undefined;
const english = (): Translate => (i18n ??= new I18n()).translator('en');

export function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`no such file: ${file}`);
    if (code === 'EISDIR') throw new CliError(`${file} is a directory`);
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

export function write(file: string, content: string) {
  try {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileSync(file, content);
  } catch (error) {
    throw new CliError(`cannot write ${file}: ${(error as Error).message}`);
  }
}

export function formatRowProblem(p: RowProblem, t: Translate = english()): string {
  return `${p.row ? `line ${p.row}` : 'file'}: ${p.field ? `${p.field}: ` : ''}${t(p.key, p.params)}`;
}

function bar(label: string, done: number, total: number): string {
  const width = 30;
  const filled = total ? Math.round((done / total) * width) : width;
  return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}

export async function runImport(
  stats: StatsService,
  options: { dataset: string; format: DatasetFormat; file: string; title?: string },
  io: Io = consoleIo,
): Promise<number> {
  const text = read(options.file);
  const outcome = await stats.importDataset(
    {
      name: options.dataset,
      format: options.format,
      text,
      actorUserId: null,
      ...(options.title ? { title: options.title } : {}),
    },
    {
      onProgress: (done, total) => io.progress?.(bar('checking', done, total)),
      onWrite: (done, total) => io.progress?.(bar('writing ', done, total)),
    },
  );
  if (io.progress) io.progress('');
  if (!outcome.ok) {
    for (const p of outcome.problems) io.err(formatRowProblem(p));
    if (outcome.total > outcome.problems.length)
      io.err(`… and ${outcome.total - outcome.problems.length} more problems.`);
    io.err(`${outcome.total} ${outcome.total === 1 ? 'problem' : 'problems'} found; nothing was imported.`);
    return 1;
  }
  io.out(`Imported ${outcome.rows} rows, ${outcome.columns} columns into data set ${options.dataset}.`);
  if (outcome.audit) {
    for (const line of formatAudit(outcome.audit)) io.out(line);
    if (!outcome.audit.ok) {
      io.err(
        `The suppression audit of the published columns failed on the new data: ${options.dataset} is no longer published.`,
      );
      return 1;
    }
  }
  return 0;
}

/**
 * Publishes a data set (its suppression audited first) or withdraws it. A cube the audit cannot protect is a
 * CliError naming the cells still exposed; nothing is published then.
 */
export async function runPublish(stats: StatsService, name: string, withdraw: boolean, io: Io = consoleIo) {
  const audit = await stats.setPublished(name, !withdraw, null).catch((error: unknown) => {
    // On the command line, say which command chooses fewer columns.
    if (error instanceof HttpError && error.fields.some((f) => f.field === 'cubeColumns'))
      explain(error, `; nothing was published. Fewer columns: samen stats settings ${name} --columns a,b,c`);
    return explain(error);
  });
  if (audit) for (const line of formatAudit(audit)) io.out(line);
  io.out(`${name} is ${withdraw ? 'no longer published' : 'published'}.`);
}

/** The suppression audit for the steward: what was checked, exposed, added, and each cell still exposed. */
export function formatAudit(audit: StoredAudit): string[] {
  const lines = [
    `suppression audit of ${audit.columns.join(', ')}: ${audit.ok ? 'passed' : audit.timedOut ? 'TIMED OUT' : 'FAILED'}`,
    `  ${audit.smallCells} suppressed small cells checked; ${audit.exposedBefore.length} exposed before protection; ${audit.added.length} cells suppressed in addition; ${audit.exposed.length} still exposed`,
    `  ${audit.variables} unknowns, ${audit.equations} published equations, ${audit.solves} LP/ILP solves, ${audit.seconds.toFixed(1)} s`,
  ];
  for (const cell of audit.exposed) lines.push(`  exposed: ${describeCell(cell)}`);
  return lines;
}

export function formatUtility(report: UtilityReport): string[] {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const lines = [
    `records: ${report.basis === 'noisy' ? 'noisy marginals' : 'sensitive'} ${report.records.sensitive}, synthetic ${report.records.other}`,
    'length  combinations  suppressed  fabricated  mean abs. error  mean prop. error',
  ];
  for (const l of report.lengths) {
    lines.push(
      `${String(l.length).padStart(6)}  ${String(l.sensitive).padStart(12)}  ${pct(l.suppressedShare).padStart(10)}  ${pct(l.fabricatedShare).padStart(10)}  ${l.meanAbsoluteError.toFixed(2).padStart(15)}  ${pct(l.meanProportionalError).padStart(16)}`,
    );
  }
  return lines;
}

export function formatBudget(b: BudgetSummary): string {
  const spent = `spent ε ${figure(b.spentEpsilon)} (ρ ${b.spentRho.toPrecision(3)})`;
  if (b.epsilon === null)
    return `no budget set by an administrator yet (samen stats budget); ${spent} at δ ${b.delta.toExponential(1)}`;
  return `budget ε ${b.epsilon} at δ ${b.delta.toExponential(1)} (ρ ${b.rho.toPrecision(3)}): ${spent}, left for one release ε ${figure(b.remainingEpsilon)}`;
}

export function formatLeakage(report: LeakageReport): string[] {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const lines = [
    `rare combinations (fewer than ${report.rareBelow} records) and leakage:`,
    'length  combinations   rare (share)   leaked (share of rare)   synthetic combinations rare in the data',
  ];
  for (const l of report.lengths)
    lines.push(
      `${String(l.length).padStart(6)}  ${String(l.combinations).padStart(12)}  ${`${l.rare} (${pct(l.rareShare)})`.padStart(13)}  ${`${l.leaked} (${pct(l.leakedShare)})`.padStart(23)}  ${`${l.syntheticRare} (${pct(l.syntheticRareShare)})`.padStart(16)}`,
    );
  lines.push(
    'count preservation by true count: bucket, combinations, synthetic/true (mean), mean prop. error',
  );
  for (const b of report.buckets)
    lines.push(
      `${(b.to === null ? `>= ${b.from}` : `${b.from}-${b.to - 1}`).padStart(8)}  ${String(b.combinations).padStart(12)}  ${`${b.meanRatio.toFixed(2)}x`.padStart(8)}  ${pct(b.meanProportionalError).padStart(8)}`,
    );
  lines.push(`unique records copied verbatim: ${report.uniqueCopied} of ${report.uniqueRecords}`);
  return lines;
}

/** Service errors (bad input, over budget, unknown data set) as a CLI message. */
export function explain(error: unknown, hint = ''): never {
  if (error instanceof HttpError) {
    const t = english();
    const fields = error.fields.map((f) => `${f.field}: ${t(f.key, f.params)}`);
    throw new CliError((fields.length ? fields.join('; ') : t(error.messageKey)) + hint);
  }
  throw error;
}

export { budgetSummary };

/** The account named by `--admin`: an active administrator, else a CLI error. */
export async function requireAdmin(auth: AuthService, email: string) {
  const user = await auth.findUserByEmail(email);
  if (!user) throw new CliError(`--admin: no account ${email}`);
  if (user.role !== 'admin' || user.disabled)
    throw new CliError(`--admin: ${email} is not an active administrator`);
  return { id: user.id, role: user.role };
}

/** One agreement on a line: partner, purpose, fields, dates, validity. */
export function formatAgreement(a: SharingAgreement): string {
  const fields = a.fields.length ? a.fields.join(',') : 'no restricted fields';
  const ended = a.endedAt ? `\tended ${a.endedAt.toISOString().slice(0, 10)}` : '';
  return `${a.partner}\t${a.purpose}\t${fields}\t${a.exactDates ? 'exact dates' : 'dates as months'}\t${a.validFrom} – ${a.validTo}${ended}`;
}
