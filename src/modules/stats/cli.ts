// `samen stats …`: import data sets, list and publish them, make differentially private releases, evaluate a
// synthetic file, export the registrations as HTCDS. The data hub's command door (main.ts registers it): the
// registrations only; what a command does is in cli-actions.ts, loaded when it runs, so `samen --help` loads
// none of it.
import { Option, type Command } from 'commander';
import { CliError, type WithServices } from '../../platform/cli.js';
import type { AuthService } from '../../platform/auth/index.js';
import { FABRICATION_MODES, FORMATS, type DatasetFormat, type FabricationMode } from './choices.js';
import type { StatsService } from './service.js';

const actions = () => import('./cli-actions.js');

const number = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new CliError(`${name} must be a number, not "${value}"`);
  return n;
};

type StatsServices = WithServices<{ stats: StatsService; auth: AuthService }>;

export function registerStatsCommands(program: Command, withServices: StatsServices) {
  const stats = program
    .command('stats')
    .description('The data hub: data sets with disclosure control, DP releases, synthetic data, HTCDS.');
  // One function per command group, registered in this order (the order `samen stats --help` lists them in).
  registerDatasetCommands(stats, withServices);
  registerReleaseCommands(stats, withServices);
  registerExportCommands(stats, withServices);
  registerAgreementCommands(stats, withServices);
}

/** `samen stats import|list|publish|audit|settings`: the data sets and their disclosure control. */
function registerDatasetCommands(stats: Command, withServices: StatsServices) {
  stats
    .command('import')
    .description('Import a data set from a CSV file (all rows checked first; all or nothing).')
    .requiredOption('--dataset <name>', 'the data set name (a-z, 0-9, -); an existing one is replaced')
    .addOption(new Option('--format <format>', 'the file layout').choices([...FORMATS]).makeOptionMandatory())
    .option('--title <title>', 'a title for people (default: the name)')
    .argument('<file>', 'the CSV file')
    .action(async (file: string, options: { dataset: string; format: DatasetFormat; title?: string }) => {
      const h = await actions();
      process.exitCode = await withServices((services) =>
        h.runImport(services.stats, { ...options, file }).catch(h.explain),
      );
    });

  stats
    .command('list')
    .description('List the data sets with their settings and privacy budget.')
    .action(async () => {
      const h = await actions();
      await withServices(async (services) => {
        const rows = await services.stats.listDatasets({ publishedOnly: false });
        if (!rows.length)
          h.consoleIo.out('No data sets yet: samen stats import --dataset <name> --format <format> <file>');
        for (const d of rows) {
          h.consoleIo.out(
            `${d.name}\t${d.format}\t${d.rowCount} rows\tk=${d.k}${d.roundingBase ? ` round=${d.roundingBase}` : ''}\tlength ${d.maxLength}\t${d.published ? 'published' : 'not published'}\t${h.formatBudget(h.budgetSummary(d))}`,
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
      const h = await actions();
      await withServices((services) => h.runPublish(services.stats, name, options.withdraw));
    });

  stats
    .command('audit')
    .description(
      "Audit a data set's suppression as an attacker would (LP over everything it publishes), adding suppression where needed; a published data set that fails is unpublished.",
    )
    .argument('<name>')
    .action(async (name: string) => {
      const h = await actions();
      process.exitCode = await withServices(async (services) => {
        const audit = await services.stats
          .auditDataset(name, null)
          .catch((error: unknown) => h.explain(error));
        for (const line of h.formatAudit(audit)) h.consoleIo.out(line);
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
        const h = await actions();
        if (o.epsilonBudget !== undefined || o.deltaBudget !== undefined)
          throw new CliError(
            `the privacy budget is not a setting: an administrator sets it, with a reason: samen stats budget ${name} --epsilon <e> --delta <d> --reason "<why>" --admin <email>`,
          );
        await withServices(async (services) => {
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
            .catch((error: unknown) => h.explain(error, '; the settings were not changed.'));
          if (audit) for (const line of h.formatAudit(audit)) h.consoleIo.out(line);
          h.consoleIo.out(`Settings of ${name} changed.`);
        });
      },
    );
}

/** `samen stats synthesize|budget|evaluate`: differentially private releases, their budget, evaluation. */
function registerReleaseCommands(stats: Command, withServices: StatsServices) {
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
        const h = await actions();
        if (o.seed !== undefined)
          throw new CliError(
            "--seed is refused: the noise comes from the system's cryptographic random source and cannot be chosen or replayed",
          );
        await withServices(async (services) => {
          h.consoleIo.out(
            `${o.dataset}: ${h.formatBudget(await services.stats.budget(o.dataset).catch(h.explain))}`,
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
            .catch(h.explain);
          h.write(o.out, release.syntheticCsv);
          h.consoleIo.out(`Release ${release.id}: ${release.records} synthetic records written to ${o.out}.`);
          for (const n of release.noise)
            h.consoleIo.out(
              `length ${n.length}: ρ ${n.rho.toPrecision(3)}, σ ${n.sigma.toFixed(2)}, counts below ${n.threshold.toFixed(1)} dropped`,
            );
          h.consoleIo.out(`${o.dataset}: ${h.formatBudget(await services.stats.budget(o.dataset))}`);
          h.consoleIo.out('public report (against the noisy marginals):');
          for (const line of h.formatUtility(release.utility)) h.consoleIo.out(line);
          h.consoleIo.out('exact report against the sensitive data (for you only; never published):');
          for (const line of h.formatUtility(release.exactUtility)) h.consoleIo.out(line);
          for (const line of h.formatLeakage(release.exactUtility.leakage)) h.consoleIo.out(line);
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
      const h = await actions();
      await withServices(async (services) => {
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
          .catch(h.explain);
        h.consoleIo.out(`${name}: ${h.formatBudget(budget)}`);
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
      const h = await actions();
      const text = h.read(o.synthetic);
      await withServices(async (services) => {
        const report = await services.stats.evaluate(o.dataset, text, o.reportingLength).catch(h.explain);
        for (const line of h.formatUtility(report)) h.consoleIo.out(line);
        for (const line of h.formatLeakage(report.leakage)) h.consoleIo.out(line);
      });
    });
}

/** `samen stats export-htcds`: the registrations for an exchange partner. */
function registerExportCommands(stats: Command, withServices: StatsServices) {
  stats
    .command('export-htcds')
    .description(
      'Export the pseudonymised national registrations as HTCDS 2.0 CSV (for an exchange partner): without an agreement no identity fields or organisation names, and dates as the month.',
    )
    .requiredOption('--out <file.csv>', 'where to write it')
    .option(
      '--agreement <id>',
      'a data-sharing agreement valid today (samen stats agreement list): its fields and exact dates',
    )
    .action(async (o: { out: string; agreement?: string }) => {
      const h = await actions();
      await withServices(async (services) => {
        if (!services.stats.hasRegistrations())
          throw new CliError('the registrations are not available (the referral mechanism is not connected)');
        const csv = await services.stats
          .exportHtcds(null, o.agreement !== undefined ? { agreementId: o.agreement } : {})
          .catch((error: unknown) => h.explain(error));
        h.write(o.out, csv);
        h.consoleIo.out(`Wrote ${o.out}.`);
      });
    });
}

/** `samen stats agreement record|list|end`: the data-sharing agreements the HTCDS export may go out under. */
function registerAgreementCommands(stats: Command, withServices: StatsServices) {
  const agreement = stats
    .command('agreement')
    .description(
      'Data-sharing agreements: what an exchange partner may receive in the HTCDS export, and until when.',
    );

  agreement
    .command('record')
    .description(
      'Record a data-sharing agreement (an administrator; audited). Without --fields: no restricted field.',
    )
    .requiredOption('--partner <name>', 'with whom')
    .requiredOption('--purpose <text>', 'for what')
    .option(
      '--fields <a,b>',
      'restricted fields the partner may receive (e.g. prs_Birthdate,cas_CaseOwner)',
      '',
    )
    .option('--exact-dates', 'dates as exact days (otherwise the month)', false)
    .requiredOption('--from <yyyy-mm-dd>', 'valid from (included)')
    .requiredOption('--to <yyyy-mm-dd>', 'valid until (included)')
    .requiredOption('--admin <email>', 'the administrator who records it')
    .action(
      async (o: {
        partner: string;
        purpose: string;
        fields: string;
        exactDates: boolean;
        from: string;
        to: string;
        admin: string;
      }) => {
        const h = await actions();
        await withServices(async (services) => {
          const admin = await h.requireAdmin(services.auth, o.admin);
          const recorded = await services.stats
            .recordAgreement(
              {
                partner: o.partner,
                purpose: o.purpose,
                fields: o.fields
                  .split(',')
                  .map((f) => f.trim())
                  .filter(Boolean),
                exactDates: o.exactDates,
                validFrom: o.from,
                validTo: o.to,
              },
              admin,
            )
            .catch((error: unknown) => h.explain(error, '; nothing was recorded.'));
          h.consoleIo.out(`Agreement ${recorded.id} recorded: ${h.formatAgreement(recorded)}`);
        });
      },
    );

  agreement
    .command('list')
    .description('List the data-sharing agreements, newest end date first.')
    .action(async () => {
      const h = await actions();
      await withServices(async (services) => {
        const rows = await services.stats.listAgreements();
        if (!rows.length) h.consoleIo.out('No data-sharing agreements yet: samen stats agreement record …');
        for (const a of rows) h.consoleIo.out(`${a.id}\t${h.formatAgreement(a)}`);
      });
    });

  agreement
    .command('end')
    .description('End a data-sharing agreement now (an administrator; audited).')
    .argument('<id>')
    .requiredOption('--admin <email>', 'the administrator who ends it')
    .action(async (id: string, o: { admin: string }) => {
      const h = await actions();
      await withServices(async (services) => {
        const admin = await h.requireAdmin(services.auth, o.admin);
        await services.stats.endAgreement(id, admin).catch((error: unknown) => h.explain(error));
        h.consoleIo.out(`Agreement ${id} ended.`);
      });
    });
}
