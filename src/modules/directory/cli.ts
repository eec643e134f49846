// `samen directory import` and `samen directory export`: the HSDS 3.1 import and export from the command line.
// The directory's command door (main.ts registers it): the registrations only; what a command does is in
// cli-actions.ts, loaded when it runs, so `samen --help` loads none of it.
import { Option, type Command } from 'commander';
import type { Db } from './repository.js';
import type { AuditService } from '../../platform/audit/service.js';
import type { WithServices } from '../../platform/cli.js';
import type { Format } from './cli-actions.js';

/**
 * What the commands use: the database (the HSDS import and export read and write the tables themselves) and the
 * audit trail. main.ts hands them in on the configured database; the embedded one is locked to one process, so
 * beside `samen serve` this says so (src/db/connect.ts).
 */
export interface DirectoryCommandServices {
  db: Db;
  audit: AuditService;
}

const actions = () => import('./cli-actions.js');

const IMPORT_HELP = `
The file is checked completely first: every problem is listed as file:row: field: reason, and then nothing is
written (exit code 1). Without problems, all records are written in one transaction (exit code 0). Records are
matched by id: existing ones are updated (their phones, opening hours, areas, ... replaced), new ones added.

Examples:
  samen directory import directory.json
  samen directory import ./hsds-csv/ --dry-run
  samen directory import export.json --format json`;

const EXPORT_HELP = `
JSON: one file with every organisation, the taxonomy terms used and every service fully nested (HSDS 3.1),
which \`samen directory import\` reads back. CSV: the HSDS tabular package (organizations.csv, services.csv,
phones.csv, ... and datapackage.json) in a directory.

Examples:
  samen directory export --format json --out directory.json
  samen directory export --format csv --out ./hsds-csv/`;

const FOLLOW_HELP = `
Reads another HSDS 3.1 feed (the base of its API, e.g. https://example.org/api/hsds) and merges what changed since
the last run (its modified_after; the place is kept per feed in the database). Every page is fetched and every
record checked before anything is written: an error answer, a redirect loop, an answer that is not JSON or is too
large, or a record that fails the HSDS checks stops the run and nothing is written (exit code 1). The feed becomes
the source of the records it brings; a retired service (status defunct) is retired here too. Services verified
here, or not from this feed, are not overwritten: each is reported as a conflict (exit code 2). Only http: and
https: addresses.

Examples:
  samen directory follow https://example.org/api/hsds`;

export function registerDirectoryCommands(
  program: Command,
  withDirectory: WithServices<DirectoryCommandServices>,
) {
  const directory = program
    .command('directory')
    .description('The service directory: import, export and follow as Open Referral HSDS 3.1.');

  directory
    .command('import')
    .description(
      'Import organisations and services from HSDS 3.1 JSON or the HSDS CSV package (all or nothing).',
    )
    .argument('<path>', 'a .json file, or a directory with the HSDS CSV files')
    .addOption(
      new Option('--format <format>', 'json or csv (default: from the path)').choices(['json', 'csv']),
    )
    .option('--dry-run', 'check everything and report what would change, but write nothing', false)
    .addHelpText('after', IMPORT_HELP)
    .action(async (target: string, options: { format?: Format; dryRun: boolean }) => {
      const { loadImportFiles, runImport } = await actions();
      const input = loadImportFiles(target, options.format);
      process.exitCode = await withDirectory(({ db, audit }) =>
        runImport(db, input, { dryRun: options.dryRun, audit }),
      );
    });

  directory
    .command('follow')
    .description(
      'Follow another HSDS 3.1 feed: merge what changed since the last run, with the feed as source.',
    )
    .argument('<url>', 'the base address of the feed (http: or https:), e.g. https://example.org/api/hsds')
    .addHelpText('after', FOLLOW_HELP)
    .action(async (url: string) => {
      const { runFollow } = await actions();
      process.exitCode = await withDirectory(({ db, audit }) => runFollow(db, url, { audit }));
    });

  directory
    .command('export')
    .description('Export the whole directory as HSDS 3.1 JSON or as the HSDS CSV package.')
    .addOption(new Option('--format <format>', 'json or csv').choices(['json', 'csv']).makeOptionMandatory())
    .requiredOption(
      '--out <path>',
      'the JSON file to write ("-" for standard output), or the directory for the CSV files',
    )
    .addHelpText('after', EXPORT_HELP)
    .action(async (options: { format: Format; out: string }) => {
      const { runExport } = await actions();
      process.exitCode = await withDirectory(({ db }) => runExport(db, options));
    });
}
