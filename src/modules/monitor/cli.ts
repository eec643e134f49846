// `samen monitor rounds` and `samen monitor annex --round <id> --format html|pdf|csv --out <file>
// [--dialect nl|en]`: the rounds, one per line with the id first, and the annex of a locked round written to a
// file (the CSV in the Dutch spreadsheet dialect unless `--dialect en`).
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { CliError, type WithServices } from '../../platform/cli.js';
import { CSV_DIALECTS, type CsvDialect } from '../../platform/csv.js';
import { I18n } from '../../platform/i18n/index.js';
import { Conflict, NotFound, ValidationFailed } from '../../platform/errors.js';
import type { MonitorService } from './service.js';

/**
 * The monitor's command door (main.ts registers it): registrations only; what an action needs beyond its service
 * is loaded when it runs, so `samen --help` loads none of it.
 */
export function registerMonitorCommands(
  program: Command,
  withServices: WithServices<{ monitor: MonitorService }>,
) {
  const monitor = program
    .command('monitor')
    .description('The programme monitor: reporting rounds and the annex.');

  monitor
    .command('rounds')
    .description('List the reporting rounds, one per line: id, status, deadline, name.')
    .action(async () => {
      await withServices(async (services) => {
        for (const r of await services.monitor.rounds())
          process.stdout.write(`${r.id}\t${r.status}\t${r.deadline}\t${r.name}\n`);
      });
    });

  monitor
    .command('annex')
    .description('Write the annex "Bijlage 1 — stand van zaken acties" of a locked round.')
    .requiredOption('--round <id>', 'the round (its id, from `samen monitor rounds`)')
    .addOption(
      new Option('--format <format>', 'output format').choices(['html', 'pdf', 'csv']).makeOptionMandatory(),
    )
    .requiredOption('--out <file>', 'where to write it')
    .addOption(
      new Option('--locale <locale>', 'language of the labels (html, pdf)')
        .choices(['nl', 'en'])
        .default('nl'),
    )
    .addOption(
      new Option(
        '--dialect <dialect>',
        'csv: nl = Dutch headers and values, semicolons (Dutch spreadsheets); en = English, commas',
      )
        .choices([...CSV_DIALECTS])
        .default('nl'),
    )
    .action(
      async (options: {
        round: string;
        format: 'html' | 'pdf' | 'csv';
        out: string;
        locale: string;
        dialect: CsvDialect;
      }) => {
        await withServices(async (services) => {
          const t = new I18n().translator(options.locale);
          let annex;
          try {
            annex = await services.monitor.annex(options.round);
          } catch (error) {
            if (error instanceof NotFound)
              throw new CliError(`no round with id ${options.round} (see \`samen monitor rounds\`)`);
            if (error instanceof Conflict)
              throw new CliError(
                `round ${options.round} is not locked yet: the annex is made of locked rounds only`,
              );
            throw error;
          }
          const ctx = { t, locale: options.locale };
          const [{ annexPdf }, { annexCsv }, { annexDocument }] = await Promise.all([
            import('./annex-export.js'),
            import('./annex-csv.js'),
            import('./views/annex.js'),
          ]);
          const content =
            options.format === 'pdf'
              ? await annexPdf(ctx, annex)
              : options.format === 'csv'
                ? annexCsv(annex, options.dialect)
                : annexDocument(ctx, annex);
          try {
            writeFileSync(options.out, content);
          } catch (error) {
            throw new CliError(`cannot write ${options.out}: ${(error as Error).message}`);
          }
          process.stdout.write(
            `Wrote the annex of "${annex.round.name}" (${annex.actionCount} actions, ${annex.changedCount} changed) to ${options.out}\n`,
          );
        });
      },
    );

  monitor
    .command('import-campaigns')
    .description(
      'Import awareness campaigns from a CSV file: every row is checked first, then all or nothing.',
    )
    .argument(
      '<file>',
      'a CSV file with a header row (name, organisation, start_year, forms, audiences, ...), separated by commas or semicolons',
    )
    .option('--allow-similar', 'import campaigns that look like registered ones (checked to be different)')
    .action(async (file: string, options: { allowSimilar?: boolean }) => {
      const { MAX_IMPORT_BYTES } = await import('./inventory/campaigns.js');
      let text: string;
      try {
        if (statSync(file).size > MAX_IMPORT_BYTES) throw new CliError(`${file} is larger than 512 KB`);
        text = readFileSync(file, 'utf8');
      } catch (error) {
        if (error instanceof CliError) throw error;
        throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
      }
      await withServices(async (services) => {
        const t = new I18n().translator('en');
        try {
          const { imported } = await services.monitor.importCampaigns(text, null, {
            allowSimilar: options.allowSimilar === true,
          });
          process.stdout.write(`Imported ${imported} campaigns.\n`);
        } catch (error) {
          if (error instanceof ValidationFailed) {
            for (const p of error.problems) console.error(`${p.field}: ${t(p.key, p.params)}`);
            throw new CliError(`nothing imported: ${error.problems.length} problem(s) in ${file}`);
          }
          throw error;
        }
      });
    });
}
