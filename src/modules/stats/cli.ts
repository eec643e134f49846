// `samen stats …`: import data sets, list and publish them, make differentially private releases, evaluate a
// synthetic file, export the registrations as HTCDS. Thin: files and printing here, the rules in the service.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { CliError, withDatabase } from '../../cli/context.js';
import { I18n, type Translate } from '../../platform/i18n/index.js';
import { HttpError } from '../../platform/http/errors.js';
import { FORMATS, type DatasetFormat, type RowProblem } from './formats.js';
import { FABRICATION_MODES, type FabricationMode } from './synthesis.js';
import type { LeakageReport, UtilityReport } from './evaluate.js';
import type { StoredAudit } from './repository.js';
import { budgetSummary, describeCell, figure, type BudgetSummary, type StatsService } from './service.js';

export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** Progress on one line (stderr at a terminal only). */
  progress?(line: string): void;
}

const consoleIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => console.error(line),
  ...(process.stderr.isTTY ? { progress: (line: string) => process.stderr.write(`\r${line}\u001b[K`) } : {}),
};

let i18n: I18n | undefined;
const english = (): Translate => (i18n ??= new I18n()).translator('en');

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`no such file: ${file}`);
    if (code === 'EISDIR') throw new CliError(`${file} is a directory`);
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

function write(file: string, content: string) {
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
function explain(error: unknown, hint = ''): never {
  if (error instanceof HttpError) {
    const t = english();
    const fields = error.fields.map((f) => `${f.field}: ${t(f.key, f.params)}`);
    throw new CliError((fields.length ? fields.join('; ') : t(error.messageKey)) + hint);
  }
  throw error;
}

const number = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new CliError(`${name} must be a number, not "${value}"`);
  return n;
};

export function registerStatsCommands(program: Command) {
  const stats = program
    .command('stats')
    .description('The data hub: data sets with disclosure control, DP releases, synthetic data, HTCDS.');

  stats
    .command('import')
    .description('Import a data set from a CSV file (all rows checked first; all or nothing).')
    .requiredOption('--dataset <name>', 'the data set name (a-z, 0-9, -); an existing one is replaced')
    .addOption(new Option('--format <format>', 'the file layout').choices([...FORMATS]).makeOptionMandatory())
    .option('--title <title>', 'a title for people (default: the name)')
    .argument('<file>', 'the CSV file')
    .action(async (file: string, options: { dataset: string; format: DatasetFormat; title?: string }) => {
      process.exitCode = await withDatabase(({ services }) =>
        runImport(services.stats, { ...options, file }).catch(explain),
      );
    });

  stats
    .command('list')
    .description('List the data sets with their settings and privacy budget.')
    .action(async () => {
      await withDatabase(async ({ services }) => {
        const rows = await services.stats.listDatasets({ publishedOnly: false });
        if (!rows.length)
          consoleIo.out('No data sets yet: samen stats import --dataset <name> --format <format> <file>');
        for (const d of rows) {
          consoleIo.out(
            `${d.name}\t${d.format}\t${d.rowCount} rows\tk=${d.k}${d.roundingBase ? ` round=${d.roundingBase}` : ''}\tlength ${d.maxLength}\t${d.published ? 'published' : 'not published'}\t${formatBudget(budgetSummary(d))}`,
          );
        }
      });
    });

  stats
    .command('publish')
    .description('Publish a data set in the explorer and the API (or take it back with --withdraw).')
    .argument('<name>')
    .option('--withdraw', 'take the data set off the explorer and the API', false)
    .action(async (name: string, options: { withdraw: boolean }) => {
      await withDatabase(({ services }) => runPublish(services.stats, name, options.withdraw));
    });

  stats
    .command('audit')
    .description(
      "Audit a data set's suppression as an attacker would (LP over everything it publishes), adding suppression where needed; a published data set that fails is unpublished.",
    )
    .argument('<name>')
    .action(async (name: string) => {
      process.exitCode = await withDatabase(async ({ services }) => {
        const audit = await services.stats.auditDataset(name, null).catch((error: unknown) => explain(error));
        for (const line of formatAudit(audit)) consoleIo.out(line);
        return audit.ok ? 0 : 1;
      });
    });

  stats
    .command('settings')
    .description(
      "Change a data set's disclosure control (the privacy budget is an administrator's: samen stats budget).",
    )
    .argument('<name>')
    .option('--k <k>', 'threshold: cells below k are suppressed', number('--k'))
    .option(
      '--rounding-base <n>',
      'round published numbers to this base (0: exact)',
      number('--rounding-base'),
    )
    .option('--max-length <n>', 'longest column combination tables may use (1-3)', number('--max-length'))
    .option('--columns <a,b,c>', 'the columns the explorer and the API offer ("all" for every column)')
    // The budget is not a setting: these are refused with a pointer to `samen stats budget` (an administrator's).
    .addOption(new Option('--epsilon-budget <e>').hideHelp())
    .addOption(new Option('--delta-budget <d>').hideHelp())
    .action(
      async (
        name: string,
        o: {
          k?: number;
          roundingBase?: number;
          maxLength?: number;
          columns?: string;
          epsilonBudget?: string;
          deltaBudget?: string;
        },
      ) => {
        if (o.epsilonBudget !== undefined || o.deltaBudget !== undefined)
          throw new CliError(
            `the privacy budget is not a setting: an administrator sets it, with a reason: samen stats budget ${name} --epsilon <e> --delta <d> --reason "<why>" --admin <email>`,
          );
        await withDatabase(async ({ services }) => {
          const audit = await services.stats
            .updateSettings(
              name,
              {
                ...(o.k !== undefined ? { k: o.k } : {}),
                ...(o.roundingBase !== undefined ? { roundingBase: o.roundingBase || null } : {}),
                ...(o.maxLength !== undefined ? { maxLength: o.maxLength } : {}),
                ...(o.columns !== undefined
                  ? { cubeColumns: o.columns === 'all' ? null : o.columns.split(',').map((c) => c.trim()) }
                  : {}),
              },
              null,
            )
            .catch((error: unknown) => explain(error, '; the settings were not changed.'));
          if (audit) for (const line of formatAudit(audit)) consoleIo.out(line);
          consoleIo.out(`Settings of ${name} changed.`);
        });
      },
    );

  stats
    .command('synthesize')
    .description(
      'Make a differentially private release: noisy marginals and a synthetic file sampled from them.',
    )
    .requiredOption('--dataset <name>', 'the data set')
    .requiredOption('--epsilon <e>', 'privacy budget ε spent by this release', number('--epsilon'))
    .option('--delta <d>', 'δ spent by this release (default 1/(n ln n))', number('--delta'))
    .requiredOption(
      '--reporting-length <n>',
      'longest attribute combination (1-3)',
      number('--reporting-length'),
    )
    .option('--thresholds <a,b,c>', 'per length, noisy counts below this many σ are dropped (default 2,2,3)')
    .addOption(
      new Option(
        '--fabrication <mode>',
        'minimize: never make up a combination the noisy marginals lack (default); uncontrolled: back off to shorter tables',
      ).choices([...FABRICATION_MODES]),
    )
    // There is no seed: the noise comes from node:crypto. `--seed` is refused with that explanation.
    .addOption(new Option('--seed <seed>').hideHelp())
    .requiredOption('--out <file.csv>', 'where to write the synthetic file')
    .action(
      async (o: {
        dataset: string;
        epsilon: number;
        delta?: number;
        reportingLength: number;
        thresholds?: string;
        fabrication?: FabricationMode;
        seed?: string;
        out: string;
      }) => {
        if (o.seed !== undefined)
          throw new CliError(
            "--seed is refused: the noise comes from the system's cryptographic random source and cannot be chosen or replayed",
          );
        await withDatabase(async ({ services }) => {
          consoleIo.out(
            `${o.dataset}: ${formatBudget(await services.stats.budget(o.dataset).catch(explain))}`,
          );
          const release = await services.stats
            .createRelease(
              o.dataset,
              {
                epsilon: o.epsilon,
                ...(o.delta !== undefined ? { delta: o.delta } : {}),
                reportingLength: o.reportingLength,
                ...(o.thresholds !== undefined
                  ? { thresholds: o.thresholds.split(',').map((x) => (x.trim() === '' ? NaN : Number(x))) }
                  : {}),
                ...(o.fabrication ? { fabrication: o.fabrication } : {}),
              },
              null,
            )
            .catch(explain);
          write(o.out, release.syntheticCsv);
          consoleIo.out(`Release ${release.id}: ${release.records} synthetic records written to ${o.out}.`);
          for (const n of release.noise)
            consoleIo.out(
              `length ${n.length}: ρ ${n.rho.toPrecision(3)}, σ ${n.sigma.toFixed(2)}, counts below ${n.threshold.toFixed(1)} dropped`,
            );
          consoleIo.out(`${o.dataset}: ${formatBudget(await services.stats.budget(o.dataset))}`);
          consoleIo.out('public report (against the noisy marginals):');
          for (const line of formatUtility(release.utility)) consoleIo.out(line);
          consoleIo.out('exact report against the sensitive data (for you only; never published):');
          for (const line of formatUtility(release.exactUtility)) consoleIo.out(line);
          for (const line of formatLeakage(release.exactUtility.leakage)) consoleIo.out(line);
        });
      },
    );

  stats
    .command('budget')
    .description(
      "Set a data set's privacy budget ceiling (an administrator only, with a reason; shown in the public ledger).",
    )
    .argument('<name>')
    .requiredOption(
      '--epsilon <e>',
      'the ceiling as ε (at most SAMEN_STATS_MAX_EPSILON)',
      number('--epsilon'),
    )
    .requiredOption('--delta <d>', 'the δ at which the ceiling is read', number('--delta'))
    .requiredOption('--reason <text>', 'why (shown in the ledger)')
    .requiredOption('--admin <email>', 'the administrator who sets it (an account with the admin role)')
    .action(async (name: string, o: { epsilon: number; delta: number; reason: string; admin: string }) => {
      await withDatabase(async ({ services }) => {
        const user = await services.auth.findUserByEmail(o.admin);
        if (!user) throw new CliError(`--admin: no account ${o.admin}`);
        if (user.role !== 'admin' || user.disabled)
          throw new CliError(
            `--admin: ${o.admin} is not an active administrator; only an administrator sets a privacy budget (the data steward spends it)`,
          );
        const budget = await services.stats
          .setBudget(
            name,
            { epsilon: o.epsilon, delta: o.delta, reason: o.reason },
            { id: user.id, role: user.role },
          )
          .catch(explain);
        consoleIo.out(`${name}: ${formatBudget(budget)}`);
      });
    });

  stats
    .command('evaluate')
    .description('Compare a synthetic file with the data set (the SDS evaluator metrics).')
    .requiredOption('--dataset <name>', 'the data set')
    .requiredOption('--synthetic <file.csv>', 'the synthetic file, in the data set layout')
    .option(
      '--reporting-length <n>',
      'longest attribute combination (default 3)',
      number('--reporting-length'),
      3,
    )
    .action(async (o: { dataset: string; synthetic: string; reportingLength: number }) => {
      const text = read(o.synthetic);
      await withDatabase(async ({ services }) => {
        const report = await services.stats.evaluate(o.dataset, text, o.reportingLength).catch(explain);
        for (const line of formatUtility(report)) consoleIo.out(line);
        for (const line of formatLeakage(report.leakage)) consoleIo.out(line);
      });
    });

  stats
    .command('export-htcds')
    .description(
      'Export the pseudonymised national registrations as HTCDS 2.0 CSV (for an exchange partner).',
    )
    .requiredOption('--out <file.csv>', 'where to write it')
    .action(async (o: { out: string }) => {
      await withDatabase(async ({ services }) => {
        if (!services.stats.hasRegistrations())
          throw new CliError('the registrations are not available (the referral mechanism is not connected)');
        write(o.out, await services.stats.exportHtcds(null));
        consoleIo.out(`Wrote ${o.out}.`);
      });
    });
}
