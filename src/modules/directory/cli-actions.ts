// What `samen directory import` and `samen directory export` do (cli.ts registers them and loads this file when
// one runs): reading files, the database and printing are here; the work is in ./hsds.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { CliError } from '../../platform/cli.js';
import type { Db } from './repository.js';
import type { AuditService } from '../../platform/audit/service.js';
import {
  exportJsonAll,
  exportTabular,
  formatProblems,
  IMPORT_LIMITS,
  importDirectory,
  type ImportInput,
  type ImportProblem,
} from './hsds/index.js';
import { followFeed, type FollowLimits } from './hsds/follow.js';

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

const consoleIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => console.error(line),
};

export type Format = 'json' | 'csv';

function readError(target: string, error: unknown): CliError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new CliError(`no such file or directory: ${target}`);
  if (code === 'EACCES' || code === 'EPERM') return new CliError(`cannot read ${target}: permission denied`);
  if (code === 'EISDIR') return new CliError(`${target} is a directory`);
  return new CliError(`cannot read ${target}: ${(error as Error).message}`);
}

export interface ImportFiles extends ImportInput {
  /** Files over the size limit, reported as problems without being read. */
  tooLarge: string[];
  /** All files together are over the limit (then none is read). */
  totalTooLarge?: boolean;
}

/** The files an import reads: a JSON file, or the CSV (or JSON) files in a directory. */
export function loadImportFiles(target: string, format?: Format): ImportFiles {
  let stat;
  try {
    stat = statSync(target);
  } catch (error) {
    throw readError(target, error);
  }
  let paths: string[];
  let resolved: Format;
  if (stat.isDirectory()) {
    let entries: string[];
    try {
      entries = readdirSync(target).sort();
    } catch (error) {
      throw readError(target, error);
    }
    const csv = entries.filter((e) => e.toLowerCase().endsWith('.csv'));
    const json = entries.filter((e) => e.toLowerCase().endsWith('.json') && e !== 'datapackage.json');
    resolved = format ?? (csv.length ? 'csv' : 'json');
    paths = (resolved === 'csv' ? csv : json).map((e) => path.join(target, e));
    if (paths.length === 0) {
      throw new CliError(
        `${target} contains no .${resolved} files (an HSDS CSV package has organizations.csv, services.csv, ...)`,
      );
    }
  } else {
    const ext = path.extname(target).toLowerCase();
    if (format === 'csv' && ext !== '.csv') {
      throw new CliError(
        `--format csv takes a directory of HSDS CSV files (organizations.csv, services.csv, ...), not ${target}`,
      );
    }
    if (!format && ext !== '.json' && ext !== '.csv') {
      throw new CliError(`cannot tell the format of ${target}: use --format json or --format csv`);
    }
    resolved = format ?? (ext === '.csv' ? 'csv' : 'json');
    paths = [target];
  }
  const tooLarge: string[] = [];
  const files: ImportInput['files'] = [];
  let total = 0;
  for (const file of paths) {
    try {
      total += statSync(file).size;
    } catch (error) {
      throw readError(file, error);
    }
  }
  if (total > IMPORT_LIMITS.totalBytes) return { format: resolved, files, tooLarge, totalTooLarge: true };
  for (const file of paths) {
    const name = stat.isDirectory() ? path.basename(file) : file;
    try {
      if (statSync(file).size > IMPORT_LIMITS.fileBytes) {
        tooLarge.push(name);
        continue;
      }
      files.push({ name, content: readFileSync(file, 'utf8') });
    } catch (error) {
      throw readError(file, error);
    }
  }
  return { format: resolved, files, tooLarge };
}

function printProblems(problems: readonly ImportProblem[], io: Io) {
  for (const line of formatProblems(problems)) io.err(line);
  io.err(`${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} found; nothing was imported.`);
}

/** Runs an import and prints the outcome; returns the exit code (0 imported or valid, 1 problems). */
export async function runImport(
  db: Db,
  input: ImportFiles,
  options: { dryRun: boolean; clock?: () => Date; audit: AuditService },
  io: Io = consoleIo,
): Promise<number> {
  if (input.totalTooLarge) {
    const limit = `${Math.round(IMPORT_LIMITS.totalBytes / 1024 / 1024)} MB`;
    printProblems([{ file: '', field: '', key: 'hsds.import.tooLarge', params: { limit } }], io);
    return 1;
  }
  if (input.tooLarge.length) {
    const limit = `${Math.round(IMPORT_LIMITS.fileBytes / 1024 / 1024)} MB`;
    printProblems(
      input.tooLarge.map((file) => ({ file, field: '', key: 'hsds.file.tooLarge', params: { limit } })),
      io,
    );
    return 1;
  }
  const result = await importDirectory(db, input, {
    actorUserId: null,
    via: 'cli',
    clock: options.clock ?? (() => new Date()),
    dryRun: options.dryRun,
    audit: options.audit,
  });
  if (!result.ok) {
    printProblems(result.problems, io);
    return 1;
  }
  const { services: s, organizations: o } = result.changes;
  const files = `${input.files.length} ${input.files.length === 1 ? 'file' : 'files'}`;
  io.out(
    `${options.dryRun ? 'Checked' : 'Imported'} ${files}: ${result.organizations} organisations, ${result.services} services.`,
  );
  const verb = options.dryRun ? 'would be ' : '';
  io.out(`Services: ${s.created} ${verb}new, ${s.updated} ${verb}changed, ${s.unchanged} unchanged.`);
  io.out(`Organisations: ${o.created} ${verb}new, ${o.updated} ${verb}changed, ${o.unchanged} unchanged.`);
  if (options.dryRun) io.out('Dry run: the import is valid; nothing was written.');
  return 0;
}

/**
 * Follows a feed once and prints the outcome; returns the exit code (0 in step, 1 nothing written, 2 merged but
 * some services kept as they are here: the conflicts, one a line).
 */
export async function runFollow(
  db: Db,
  url: string,
  options: { clock?: () => Date; audit: AuditService; limits?: Partial<FollowLimits> },
  io: Io = consoleIo,
): Promise<number> {
  const result = await followFeed(db, url, {
    clock: options.clock ?? (() => new Date()),
    audit: options.audit,
    ...(options.limits ? { limits: options.limits } : {}),
  });
  if (!result.ok) {
    io.err(result.error);
    if (result.problems) printProblems(result.problems, io);
    else io.err('Nothing was written.');
    return 1;
  }
  const from = result.publisher ? `${result.publisher} (${result.url})` : result.url;
  const since = result.since ? `changed since ${result.since}` : 'everything (first run)';
  io.out(`Followed ${from}: ${result.received} services received, ${since}.`);
  if (result.changes) {
    const { services: s, organizations: o } = result.changes;
    io.out(`Services: ${s.created} new, ${s.updated} changed, ${s.unchanged} unchanged.`);
    io.out(`Organisations: ${o.created} new, ${o.updated} changed, ${o.unchanged} unchanged.`);
  }
  for (const c of result.conflicts) {
    const why =
      c.reason === 'verifiedHere'
        ? 'verified here by a steward'
        : 'not from this feed (entered here, imported from a file, or from another feed)';
    io.err(`Conflict: service ${c.id} (${c.name}) changed in the feed but is ${why}; kept as it is here.`);
  }
  if (result.conflicts.length) {
    io.err(
      `${result.conflicts.length} ${result.conflicts.length === 1 ? 'conflict' : 'conflicts'}: review them.`,
    );
    return 2;
  }
  return 0;
}

/** Writes an export: JSON to a file (or standard output for "-"), CSV files into a directory. */
export async function runExport(
  db: Db,
  options: { format: Format; out: string; clock?: () => Date },
  io: Io = consoleIo,
): Promise<number> {
  const now = (options.clock ?? (() => new Date()))();
  const { out } = options;
  if (options.format === 'json') {
    if (out !== '-' && existsSync(out) && statSync(out).isDirectory()) {
      throw new CliError(
        `${out} is a directory: give a file name for the JSON export (e.g. ${path.join(out, 'directory.json')})`,
      );
    }
    const doc = await exportJsonAll(db, { now });
    const text = `${JSON.stringify(doc, null, 2)}\n`;
    if (out === '-') {
      process.stdout.write(text);
      return 0;
    }
    write(out, text);
    const services = (doc.services as unknown[]).length;
    const organizations = (doc.organizations as unknown[]).length;
    io.out(`Exported ${organizations} organisations and ${services} services to ${out} (HSDS 3.1 JSON).`);
    return 0;
  }
  if (out === '-') throw new CliError('a CSV export is a set of files: give a directory with --out');
  if (existsSync(out) && !statSync(out).isDirectory()) {
    throw new CliError(`${out} is a file: the CSV export needs a directory (it is created when missing)`);
  }
  const files = await exportTabular(db, { now });
  try {
    mkdirSync(out, { recursive: true });
  } catch (error) {
    throw new CliError(`cannot create ${out}: ${(error as Error).message}`);
  }
  for (const [name, content] of Object.entries(files)) write(path.join(out, name), content);
  const rows = (name: string) => (parse(files[name] ?? '', { columns: true }) as unknown[]).length;
  io.out(
    `Exported ${rows('organizations.csv')} organisations and ${rows('services.csv')} services to ${out} (HSDS 3.1 tabular package, ${Object.keys(files).length} files).`,
  );
  return 0;
}

function write(file: string, content: string) {
  try {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileSync(file, content);
  } catch (error) {
    throw new CliError(`cannot write ${file}: ${(error as Error).message}`);
  }
}
