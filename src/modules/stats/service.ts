// The data hub's rules: importing data sets (all or nothing), answering tables only from the protected cube,
// publishing, and the built-in national registrations; the differentially private releases within each data set's
// budget are releases-service.ts, composed in here. No SQL here (repository.ts), no HTTP (routes).
import { randomUUID } from 'node:crypto';
import { badRequest, conflict, HttpError, notFound, type FieldProblem } from '../../platform/http/errors.js';
import type { createAuditService } from '../../platform/audit/service.js';
import { applyAudit, cubeFingerprint, type AuditCell } from './audit.js';
import type { AuditJob } from './audit-job.js';
import { AuditWorkerError, runAuditInWorker } from './audit-runner.js';
import { aggregate } from './cube.js';
import { answer, protect, type ProtectedCube, type TableAnswer, type TableQuery } from './disclosure.js';
import { parseDataset, type DatasetFormat, type ParseOptions, type RowProblem } from './formats.js';
import type { Microdata } from './microdata.js';
import { createExchangeService, type ExchangeDeps } from './exchange-service.js';
import { REGISTRATIONS_DATASET, registrationsMicrodata, type RegistrationRecord } from './registrations.js';
import { budgetForbidden, createReleaseService } from './releases-service.js';
import * as repo from './repository.js';
import type { RandomSource } from './random.js';

export {
  budgetSummary,
  DEFAULT_MAX_DELTA,
  DEFAULT_MAX_EPSILON,
  figure,
  type Actor,
  type BudgetSummary,
  type ReleaseRequest,
} from './releases-service.js';

type Audit = ReturnType<typeof createAuditService>;

export interface StatsServiceDeps {
  db: repo.Root;
  clock: () => Date;
  audit: Audit;
  /** The referral mechanism's registrations (all of them, pseudonymised); absent until it is wired. */
  registrations?: () => Promise<RegistrationRecord[]>;
  /** The referral mechanism's dates of birth for an export under a data-sharing agreement (exchange-service.ts). */
  birthdates?: ExchangeDeps['birthdates'];
  newId?: () => string;
  /** How long the suppression audit of a cube may take before it gives up (default: config, else 300 s). */
  auditTimeLimitSeconds?: number;
  /** Tests only: the worker file that runs an audit (audit-worker.ts/.js otherwise). */
  auditWorkerUrl?: URL;
  /**
   * The most an administrator may set a data set's ceiling to (SAMEN_STATS_MAX_EPSILON / _DELTA), and the
   * suppression audit's time limit (SAMEN_STATS_AUDIT_SECONDS).
   */
  config?: { statsMaxEpsilon?: number; statsMaxDelta?: number; statsAuditSeconds?: number };
  /** Tests only: the noise's random source (node:crypto otherwise). Never reachable from the CLI, API or DB. */
  random?: RandomSource;
}

export const DATASET_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Default time limit of the suppression audit. */
export const AUDIT_TIME_LIMIT_SECONDS = 300;

/** How many exposed cells a refusal names (the steward's page lists them all). */
const NAMED_CELLS = 5;

/** A cell as people read it: `yearRegister=2021--2022 × UN_COO_Region=Europe: 1–1`. */
export function describeCell(cell: AuditCell): string {
  const where = cell.columns.map((c, i) => `${c}=${cell.values[i] ?? '(missing)'}`).join(' × ');
  return `${where || 'total'}: ${cell.lower}–${cell.upper}`;
}

/** The 409 for a cube the audit could not protect: names the cells still exposed. */
function auditRefusal(audit: repo.StoredAudit) {
  const cells = audit.exposed.slice(0, NAMED_CELLS).map(describeCell).join('; ');
  const more = Math.max(0, audit.exposed.length - NAMED_CELLS);
  return conflict('stats.audit.failed', [
    {
      field: 'cubeColumns',
      key: audit.timedOut ? 'stats.audit.timedOut' : 'stats.audit.exposed',
      params: { count: audit.exposed.length, cells, more, seconds: Math.round(audit.seconds) },
    },
  ]);
}

export type ImportOutcome =
  | { ok: true; rows: number; columns: number; audit?: repo.StoredAudit }
  | { ok: false; problems: RowProblem[]; total: number };

/**
 * The suppression audit of a data set's cube, run in a worker, one at a time per data set; `forget` drops the
 * protected cube kept in memory when an audit changed what it may show.
 */
function createSuppressionAudits(deps: StatsServiceDeps, forget: (name: string) => void) {
  const { db, clock, audit } = deps;
  const auditTimeLimitSeconds =
    deps.auditTimeLimitSeconds ?? deps.config?.statsAuditSeconds ?? AUDIT_TIME_LIMIT_SECONDS;
  /** Data sets whose audit is running now. */
  const auditing = new Set<string>();

  /**
   * Audits (and protects) the cube a data set would publish with these settings. Throws a 409 when the cube is
   * too large to audit; a failed audit is returned (not thrown) so an import can record it.
   */
  async function runAudit(
    dataset: repo.DatasetRow,
    settings: repo.DatasetSettings = {},
  ): Promise<repo.StoredAudit> {
    const columns = (settings.cubeColumns !== undefined ? settings.cubeColumns : dataset.cubeColumns) ?? null;
    // At most one audit per data set at a time: a second one (a double click, two stewards) is told so.
    if (auditing.has(dataset.name)) throw conflict('stats.audit.running');
    auditing.add(dataset.name);
    try {
      const data = cubeData(await repo.readMicrodata(db, dataset.name), columns);
      const job: AuditJob = {
        data,
        maxLength: settings.maxLength ?? dataset.maxLength,
        k: settings.k ?? dataset.k,
        roundingBase: settings.roundingBase !== undefined ? settings.roundingBase : dataset.roundingBase,
        timeLimitSeconds: auditTimeLimitSeconds,
      };
      let result;
      try {
        result = await runAuditInWorker(job, deps.auditWorkerUrl);
      } catch (error) {
        if (error instanceof AuditWorkerError)
          throw new HttpError(503, 'audit_failed', 'stats.audit.workerFailed');
        throw error;
      }
      const at = clock().toISOString();
      const names = data.columns.map((c) => c.name);
      if (result.kind === 'tooLarge')
        throw conflict('stats.audit.failed', [
          { field: 'cubeColumns', key: 'stats.audit.tooLarge', params: { max: result.variables } },
        ]);
      if (result.kind === 'error') throw new HttpError(503, 'audit_failed', 'stats.audit.workerFailed');
      if (result.kind === 'terminated')
        // Stopped at the time limit: nothing proved (the empty fingerprint matches no cube).
        return {
          fingerprint: '',
          ok: false,
          timedOut: true,
          smallCells: 0,
          exposedBefore: [],
          exposed: [],
          added: [],
          variables: 0,
          equations: 0,
          solves: 0,
          integerSolves: 0,
          integerStopped: 0,
          seconds: auditTimeLimitSeconds,
          at,
          columns: names,
        };
      return { ...result.outcome, at, columns: names };
    } finally {
      auditing.delete(dataset.name);
    }
  }

  /** After the data changed: a published data set is audited again, and unpublished when that fails. */
  async function reauditAfterChange(name: string): Promise<repo.StoredAudit | null> {
    const dataset = await repo.findDataset(db, name);
    if (!dataset?.published) return null;
    let audit: repo.StoredAudit;
    try {
      audit = await runAudit(dataset);
    } catch (error) {
      if (!(error instanceof Error && 'statusCode' in error)) throw error;
      await db.transaction().execute(async (trx) => {
        await repo.updateSettings(trx, name, { published: false }, clock());
        await audit_(trx, name, null, 'stats.dataset.audit_failed', { reason: 'tooLarge' });
      });
      forget(name);
      throw error;
    }
    await db.transaction().execute(async (trx) => {
      await repo.saveAudit(trx, name, audit, audit.ok ? undefined : false);
      await audit_(trx, name, null, audit.ok ? 'stats.dataset.audit' : 'stats.dataset.audit_failed', {
        exposed: audit.exposed.length,
        added: audit.added.length,
      });
    });
    forget(name);
    return audit;
  }

  async function audit_(
    trx: Parameters<Audit['record']>[1],
    name: string,
    actorUserId: string | null,
    action: string,
    detail: Record<string, string | number | boolean | null>,
  ) {
    await audit.record({ actorUserId, action, entityType: 'stats_dataset', entityId: name, detail }, trx);
  }

  return { runAudit, reauditAfterChange, auditEntry: audit_ };
}

export function createStatsService(deps: StatsServiceDeps) {
  const { db, clock, audit } = deps;
  const newId = deps.newId ?? randomUUID;
  // The protected cube per data set, rebuilt when the data set or its audit changes.
  const cubes = new Map<string, { version: string; pc: ProtectedCube; audited: boolean }>();
  const { runAudit, reauditAfterChange, auditEntry } = createSuppressionAudits(deps, (name) =>
    cubes.delete(name),
  );

  async function requireDataset(name: string, options: { publicOnly?: boolean } = {}) {
    const dataset = DATASET_NAME.test(name) ? await repo.findDataset(db, name) : undefined;
    if (!dataset || (options.publicOnly && !dataset.published)) throw notFound('stats.notFound');
    return dataset;
  }

  /**
   * The protected cube with the suppression its audit added, when the audit passed for exactly these numbers
   * (`audited`). The public is served only an audited cube: a published data set whose data or settings
   * changed without a passing audit is not served at all.
   */
  async function protectedCube(
    dataset: repo.DatasetRow,
    options: { publicOnly?: boolean } = {},
  ): Promise<ProtectedCube> {
    const version = `${dataset.updatedAt.getTime()}|${dataset.audit?.at ?? ''}|${dataset.audit?.fingerprint ?? ''}`;
    let entry = cubes.get(dataset.name);
    if (!entry || entry.version !== version) {
      const data = cubeData(await repo.readMicrodata(db, dataset.name), dataset.cubeColumns);
      const pc = protect(aggregate(data, dataset.maxLength), {
        k: dataset.k,
        roundingBase: dataset.roundingBase,
      });
      const audit = dataset.audit;
      const audited = !!audit && audit.ok && audit.fingerprint === cubeFingerprint(pc);
      if (audited) applyAudit(pc, audit.added);
      entry = { version, pc, audited };
      cubes.set(dataset.name, entry);
    }
    if (options.publicOnly && !entry.audited) throw notFound('stats.notFound');
    return entry.pc;
  }

  const service = {
    ...createReleaseService({
      db,
      clock,
      audit,
      newId,
      requireDataset,
      ...(deps.config ? { config: deps.config } : {}),
      ...(deps.random ? { random: deps.random } : {}),
    }),
    // Data-sharing agreements and the HTCDS export (issue 20, point 7).
    ...createExchangeService({
      db,
      clock,
      audit,
      newId,
      ...(deps.registrations ? { registrations: deps.registrations } : {}),
      ...(deps.birthdates ? { birthdates: deps.birthdates } : {}),
    }),

    async listDatasets(options: { publishedOnly: boolean }) {
      return repo.listDatasets(db, options);
    },

    async dataset(name: string, options: { publicOnly?: boolean } = {}) {
      return requireDataset(name, options);
    },

    /** The categories of each column, for the explorer's choices (labels only, no counts). */
    async dimensions(name: string, options: { publicOnly?: boolean } = {}) {
      const dataset = await requireDataset(name, options);
      const pc = await protectedCube(dataset, options);
      return pc.cube.columns.map((c) => ({ name: c.name, values: c.values.slice(1), hasMissing: true }));
    },

    /** A table from the protected cube. Unknown dims or values are a 400 naming the field. */
    async table(
      name: string,
      query: TableQuery,
      options: { publicOnly?: boolean } = {},
    ): Promise<TableAnswer> {
      const dataset = await requireDataset(name, options);
      return answer(await protectedCube(dataset, options), query);
    },

    /** Imports a file as a data set: every row checked first, then all of it written in one transaction. */
    async importDataset(
      input: {
        name: string;
        title?: string;
        format: DatasetFormat;
        text: string;
        actorUserId: string | null;
      },
      options: ParseOptions & { onWrite?: (done: number, total: number) => void } = {},
    ): Promise<ImportOutcome> {
      if (!DATASET_NAME.test(input.name))
        return { ok: false, problems: [{ row: 0, field: 'dataset', key: 'stats.import.badName' }], total: 1 };
      if (input.name === REGISTRATIONS_DATASET)
        return { ok: false, problems: [{ row: 0, field: 'dataset', key: 'stats.import.builtIn' }], total: 1 };
      const parsed = parseDataset(input.format, input.text, options);
      if (!parsed.ok) return parsed;
      const now = clock();
      await db.transaction().execute(async (trx) => {
        await repo.writeDataset(
          trx,
          {
            name: input.name,
            title: input.title ?? input.name,
            format: input.format,
            // The global layout has two country columns (~190 values each): dense three-column tables of
            // country × country × … are too large, so it starts with tables of two columns.
            ...(input.format === 'ctdc-global' ? { maxLength: 2 } : {}),
          },
          parsed.data,
          now,
        );
        options.onWrite?.(parsed.data.rows, parsed.data.rows);
        await audit.record(
          {
            actorUserId: input.actorUserId,
            action: 'stats.dataset.import',
            entityType: 'stats_dataset',
            entityId: input.name,
            detail: { format: input.format, rows: parsed.data.rows, columns: parsed.data.columns.length },
          },
          trx,
        );
      });
      cubes.delete(input.name);
      // New data under a published cube: audited again before anyone is served it; unpublished if it fails.
      const suppressionAudit = await reauditAfterChange(input.name);
      return {
        ok: true,
        rows: parsed.data.rows,
        columns: parsed.data.columns.length,
        ...(suppressionAudit ? { audit: suppressionAudit } : {}),
      };
    },

    async updateSettings(name: string, settings: repo.DatasetSettings, actorUserId: string | null) {
      const dataset = await requireDataset(name);
      const problems = settingsProblems(settings, dataset.columns);
      // The budget is not a setting: only an administrator sets it, through setBudget (with a reason).
      if ('epsilonBudget' in settings || 'deltaBudget' in settings) throw budgetForbidden();
      if (problems.length) throw badRequest(problems);
      // Only an audited cube is published: publishing, or changing what a published cube shows, audits it
      // first (adding suppression where needed); when the audit cannot protect it nothing is written.
      const changesCube =
        settings.k !== undefined ||
        settings.roundingBase !== undefined ||
        settings.maxLength !== undefined ||
        settings.cubeColumns !== undefined;
      const publishing = (settings.published ?? dataset.published) && (!dataset.published || changesCube);
      const suppressionAudit = publishing ? await runAudit(dataset, settings) : null;
      if (suppressionAudit && !suppressionAudit.ok) throw auditRefusal(suppressionAudit);
      await db.transaction().execute(async (trx) => {
        await repo.updateSettings(trx, name, settings, clock());
        if (suppressionAudit) await repo.saveAudit(trx, name, suppressionAudit);
        await audit.record(
          {
            actorUserId,
            action: 'stats.dataset.settings',
            entityType: 'stats_dataset',
            entityId: name,
            detail: {
              fields: Object.keys(settings),
              ...(suppressionAudit
                ? { auditAdded: suppressionAudit.added.length, auditSmallCells: suppressionAudit.smallCells }
                : {}),
            },
          },
          trx,
        );
      });
      cubes.delete(name);
      return suppressionAudit;
    },

    /**
     * Audits the cube the data set publishes (or would publish) and stores the result for the steward; a
     * published data set that fails is unpublished. Returns the stored audit.
     */
    async auditDataset(name: string, actorUserId: string | null): Promise<repo.StoredAudit> {
      const dataset = await requireDataset(name);
      const result = await runAudit(dataset);
      await db.transaction().execute(async (trx) => {
        await repo.saveAudit(trx, name, result, dataset.published && !result.ok ? false : undefined);
        await auditEntry(
          trx,
          name,
          actorUserId,
          result.ok ? 'stats.dataset.audit' : 'stats.dataset.audit_failed',
          {
            exposed: result.exposed.length,
            added: result.added.length,
          },
        );
      });
      cubes.delete(name);
      return result;
    },

    async setPublished(name: string, published: boolean, actorUserId: string | null) {
      return service.updateSettings(name, { published }, actorUserId);
    },

    ...registrationsDataset(deps, { forget: (name) => cubes.delete(name), reauditAfterChange }),
  };
  return service;
}

/**
 * The built-in national registrations data set, rebuilt from the referral mechanism's pseudonymised
 * registrations, and their HTCDS export.
 */
function registrationsDataset(
  deps: StatsServiceDeps,
  after: {
    forget: (name: string) => void;
    reauditAfterChange: (name: string) => Promise<repo.StoredAudit | null>;
  },
) {
  const { db, clock, audit } = deps;
  const { reauditAfterChange } = after;
  return {
    /** Rebuilds the built-in national registrations data set from the referral mechanism. */
    async refreshRegistrations(): Promise<{ rows: number; audit?: repo.StoredAudit } | { skipped: true }> {
      if (!deps.registrations) return { skipped: true };
      const records = await deps.registrations();
      const data = registrationsMicrodata(records);
      await db.transaction().execute(async (trx) => {
        await repo.writeDataset(
          trx,
          {
            name: REGISTRATIONS_DATASET,
            title: 'Nationale registraties / National registrations',
            format: 'registrations',
            builtIn: true,
          },
          data,
          clock(),
        );
        await audit.record(
          {
            actorUserId: null,
            action: 'stats.registrations.refresh',
            entityType: 'stats_dataset',
            entityId: REGISTRATIONS_DATASET,
            detail: { rows: data.rows },
          },
          trx,
        );
      });
      after.forget(REGISTRATIONS_DATASET);
      const suppressionAudit = await reauditAfterChange(REGISTRATIONS_DATASET);
      return { rows: data.rows, ...(suppressionAudit ? { audit: suppressionAudit } : {}) };
    },

    hasRegistrations: () => deps.registrations !== undefined,
  };
}

/** What is wrong with new disclosure settings for a data set with these columns (empty when they are fine). */
function settingsProblems(settings: repo.DatasetSettings, columns: readonly string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (settings.k !== undefined && !(Number.isInteger(settings.k) && settings.k >= 1 && settings.k <= 1000))
    problems.push({ field: 'k', key: 'stats.settings.badK' });
  if (
    settings.roundingBase !== undefined &&
    settings.roundingBase !== null &&
    !(Number.isInteger(settings.roundingBase) && settings.roundingBase >= 2 && settings.roundingBase <= 1000)
  )
    problems.push({ field: 'roundingBase', key: 'stats.settings.badBase' });
  if (
    settings.maxLength !== undefined &&
    !(Number.isInteger(settings.maxLength) && settings.maxLength >= 1 && settings.maxLength <= 3)
  )
    problems.push({ field: 'maxLength', key: 'stats.settings.badLength' });
  if (
    settings.cubeColumns !== undefined &&
    settings.cubeColumns !== null &&
    (settings.cubeColumns.length === 0 ||
      settings.cubeColumns.some((c) => !columns.includes(c)) ||
      new Set(settings.cubeColumns).size !== settings.cubeColumns.length)
  )
    problems.push({ field: 'cubeColumns', key: 'stats.settings.badColumns' });
  return problems;
}

/** The published cube's columns only (all when none are chosen). */
function cubeData(data: Microdata, columns: string[] | null): Microdata {
  if (!columns) return data;
  const keep = data.columns.flatMap((c, i) => (columns.includes(c.name) ? [i] : []));
  return {
    columns: keep.map((i) => data.columns[i]!),
    codes: keep.map((i) => data.codes[i]!),
    rows: data.rows,
  };
}

export type StatsService = ReturnType<typeof createStatsService>;
