// The HSDS import: read every file, check everything, then write all records in one transaction, or write
// nothing and return every problem (file, CSV row, record id, field, reason). A dry run does the same work and
// rolls back. Imports are serialised by an advisory lock, and the checks that need the database run inside the
// transaction, so nothing can change between checking and writing.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { SRC_DIR } from '../../../platform/i18n/index.js';
import {
  applyBundle,
  type ApplyOptions,
  type ApplySummary,
  type ImportConflict,
  type ImportSource,
} from './apply.js';
import type { Db } from '../repository.js';
import { lockImports, type Trx } from './apply-repository.js';
import { emptyBundle, problem, type Bundle } from './bundle.js';
import { CsvReader } from './from-csv.js';
import { JsonReader } from './from-json.js';
import { locateJsonError } from './json-position.js';
import type { ImportProblem } from './model.js';
import { formatProblems } from './problems.js';
import { loadContext, validateBundle } from './validate.js';

export const IMPORT_LIMITS = {
  /** Per file. */
  fileBytes: 50 * 1024 * 1024,
  /** All files together. */
  totalBytes: 200 * 1024 * 1024,
  services: 20_000,
  files: 200,
} as const;

export interface ImportInput {
  format: 'json' | 'csv';
  files: { name: string; content: string }[];
}

export interface ImportOptions {
  actorUserId: string | null;
  /** `cli`: `samen directory import` (no account; audited as the command line). */
  via?: 'cli';
  clock: () => Date;
  dryRun?: boolean;
  /** Marks every service and organisation as sample data (the seed). */
  markAsSample?: boolean;
  /** Lower limits (tests). */
  limits?: Partial<ImportLimits>;
  /** The audit trail the import is recorded in (see ApplyOptions). */
  audit?: ApplyOptions['audit'];
  /** Where the records come from (default: each record's file). */
  source?: ImportSource;
  /**
   * Inside the import's transaction, after the checks: the services among `ids` this import must not overwrite,
   * with the reason (the follower keeps records verified here). Their changes come back as `conflicts`.
   */
  protect?: (trx: Trx, ids: string[]) => Promise<ReadonlyMap<string, string>>;
  /** Inside the import's transaction, after writing (the follower records how far it got): all or nothing. */
  afterApply?: (trx: Trx, result: ImportSuccess) => Promise<void>;
}

export type ImportLimits = { -readonly [K in keyof typeof IMPORT_LIMITS]: number };

export type ImportSuccess = {
  ok: true;
  /** Organisations and services in the import. */
  organizations: number;
  services: number;
  dryRun: boolean;
  /** Protected services the import did not overwrite (only with `protect`). */
  conflicts?: ImportConflict[];
} & { changes: ApplySummary };

export type ImportResult = ImportSuccess | { ok: false; problems: ImportProblem[] };

class Rollback extends Error {
  constructor(readonly result: ImportResult) {
    super('rollback');
  }
}

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${bytes} bytes`;
}

function read(bundle: Bundle, input: ImportInput, limits: ImportLimits): void {
  if (input.files.length > limits.files) {
    problem(bundle, { file: '', path: '' }, '', 'hsds.import.tooManyFiles', { limit: limits.files });
    return;
  }
  const total = input.files.reduce((sum, f) => sum + Buffer.byteLength(f.content, 'utf8'), 0);
  if (total > limits.totalBytes) {
    problem(bundle, { file: '', path: '' }, '', 'hsds.import.tooLarge', {
      limit: megabytes(limits.totalBytes),
    });
    return;
  }
  const csv = new CsvReader(bundle);
  const json = new JsonReader(bundle);
  for (const file of input.files) {
    if (Buffer.byteLength(file.content, 'utf8') > limits.fileBytes) {
      problem(bundle, { file: file.name, path: '' }, '', 'hsds.file.tooLarge', {
        limit: megabytes(limits.fileBytes),
      });
      continue;
    }
    if (input.format === 'csv') {
      csv.read(file.name, file.content);
      continue;
    }
    let doc: unknown;
    try {
      doc = JSON.parse(file.content.replace(/^\uFEFF/, ''));
    } catch (error) {
      const at = locateJsonError(file.content);
      problem(
        bundle,
        { file: file.name, path: '', ...(at ? { row: at.line } : {}) },
        '',
        'hsds.json.syntax',
        {
          reason: at ? `${at.reason} (line ${at.line}, column ${at.column})` : (error as Error).message,
        },
      );
      continue;
    }
    json.read(file.name, doc);
  }
  if (input.format === 'csv') csv.finish();
}

function sortProblems(problems: ImportProblem[]): ImportProblem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort(
      (a, b) =>
        a.p.file.localeCompare(b.p.file) ||
        (a.p.row ?? 0) - (b.p.row ?? 0) ||
        // JSON paths in document order: services[2] before services[10]
        (a.p.row === undefined ? a.p.field.localeCompare(b.p.field, 'en', { numeric: true }) : 0) ||
        a.i - b.i,
    )
    .map(({ p }) => p);
}

export async function importDirectory(
  db: Db,
  input: ImportInput,
  options: ImportOptions,
): Promise<ImportResult> {
  const limits = { ...IMPORT_LIMITS, ...options.limits };
  const bundle = emptyBundle();
  read(bundle, input, limits);
  if (bundle.service.length > limits.services) {
    problem(bundle, { file: '', path: '' }, 'services', 'hsds.import.tooManyServices', {
      count: bundle.service.length,
      limit: limits.services,
    });
    return { ok: false, problems: sortProblems(bundle.problems) };
  }
  const records =
    bundle.service.length + bundle.organization.length + bundle.location.length + bundle.unit.length;
  if (records === 0) {
    if (bundle.problems.length === 0)
      problem(bundle, { file: input.files[0]?.name ?? '', path: '' }, '', 'hsds.import.empty');
    return { ok: false, problems: sortProblems(bundle.problems) };
  }

  const now = options.clock();
  try {
    return await db.transaction().execute(async (trx) => {
      await lockImports(trx);
      validateBundle(bundle, await loadContext(trx, bundle));
      if (bundle.problems.length) throw new Rollback({ ok: false, problems: sortProblems(bundle.problems) });
      const conflicts: ImportConflict[] = [];
      const protect = options.protect
        ? await options.protect(
            trx,
            bundle.service.map((e) => e.row.id),
          )
        : undefined;
      const changes = await applyBundle(trx, bundle, {
        now,
        actorUserId: options.actorUserId,
        ...(options.via ? { via: options.via } : {}),
        markAsSample: options.markAsSample ?? false,
        format: input.format,
        ...(options.audit ? { audit: options.audit } : {}),
        ...(options.source ? { source: options.source } : {}),
        ...(protect ? { protect, conflicts } : {}),
      });
      const result: ImportSuccess = {
        ok: true,
        organizations: bundle.organization.length,
        services: bundle.service.length,
        dryRun: options.dryRun ?? false,
        changes,
        ...(protect ? { conflicts } : {}),
      };
      if (options.dryRun) throw new Rollback(result);
      await options.afterApply?.(trx, result);
      return result;
    });
  } catch (error) {
    if (error instanceof Rollback) return error.result;
    const code = (error as { code?: unknown }).code;
    // A constraint the checks above should have caught: still a clear answer, and nothing was written.
    if (typeof code === 'string' && (code.startsWith('23') || code.startsWith('22'))) {
      const e = error as { constraint?: string; column?: string; table?: string; message: string };
      return {
        ok: false,
        problems: [
          {
            file: '',
            field: [e.table, e.column ?? e.constraint].filter(Boolean).join('.'),
            key: 'hsds.database.rejected',
            params: { reason: e.message },
          },
        ],
      };
    }
    throw error;
  }
}

/** Where the sample directory lives: <repo>/seed/directory. */
export const SAMPLE_DIR = path.resolve(SRC_DIR, '..', 'seed', 'directory');

function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...jsonFiles(full));
    else if (entry.endsWith('.json')) out.push(full);
  }
  return out;
}

/**
 * Imports every *.json under seed/directory as sample data (marked as such), updating what is there. A broken
 * sample file is a bug in the project, so it throws with every problem listed.
 */
export async function loadSampleDirectory(
  db: Db,
  options: { clock: () => Date; dir?: string },
): Promise<{ organizations: number; services: number }> {
  const dir = options.dir ?? SAMPLE_DIR;
  let files: string[];
  try {
    files = jsonFiles(dir);
  } catch {
    return { organizations: 0, services: 0 };
  }
  if (files.length === 0) return { organizations: 0, services: 0 };
  const result = await importDirectory(
    db,
    {
      format: 'json',
      files: files.map((f) => ({ name: path.relative(dir, f), content: readFileSync(f, 'utf8') })),
    },
    { actorUserId: null, clock: options.clock, markAsSample: true },
  );
  if (!result.ok) {
    throw new Error(
      `The sample directory (${dir}) cannot be imported:\n${formatProblems(result.problems).join('\n')}`,
    );
  }
  return { organizations: result.organizations, services: result.services };
}
