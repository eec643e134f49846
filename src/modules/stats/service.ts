// The data hub's rules: importing data sets (all or nothing), answering tables only from the protected cube,
// publishing, differentially private releases within each data set's budget, evaluation, and the built-in
// national registrations. No SQL here (repository.ts), no HTTP (routes).
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { badRequest, conflict, HttpError, notFound, type FieldProblem } from '../../platform/http/errors.js';
import type { createAuditService } from '../../platform/audit/service.js';
import { applyAudit, cubeFingerprint, type AuditCell } from './audit.js';
import type { AuditJob } from './audit-job.js';
import { AuditWorkerError, runAuditInWorker } from './audit-runner.js';
import { aggregate } from './cube.js';
import { answer, protect, type ProtectedCube, type TableAnswer, type TableQuery } from './disclosure.js';
import {
  aggregatesCsv,
  budgetAllows,
  cdpEpsilon,
  cdpRho,
  defaultDelta,
  noisyMarginals,
  remainingEpsilon,
  type Budget,
} from './dp.js';
import { evaluate, evaluateAgainstMarginals, type ExactReport } from './evaluate.js';
import { parseDataset, type DatasetFormat, type ParseOptions, type RowProblem } from './formats.js';
import { canonicalMulti, microdataFrom, type Microdata } from './microdata.js';
import {
  microdataToCsv,
  REGISTRATIONS_DATASET,
  registrationsMicrodata,
  registrationsToCtdcGlobalCsv,
  registrationsToHtcdsCsv,
  type RegistrationRecord,
} from './registrations.js';
import * as repo from './repository.js';
import type { RandomSource } from './random.js';
import { FABRICATION_MODES, synthesize, type FabricationMode } from './synthesis.js';

type Audit = ReturnType<typeof createAuditService>;

export interface StatsServiceDeps {
  db: Kysely<Database>;
  clock: () => Date;
  audit: Audit;
  /** The referral mechanism's registrations (all of them, pseudonymised); absent until it is wired. */
  registrations?: () => Promise<RegistrationRecord[]>;
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

/** Defaults of the ceiling's maximum when the configuration names none. */
export const DEFAULT_MAX_EPSILON = 10;
export const DEFAULT_MAX_DELTA = 1e-4;

/** Who acts: an account id and its role (the command line names an account too). */
export interface Actor {
  id: string;
  role: string;
}

/** A budget in the figures people read: the ceiling as (ε, δ), what is spent and what is left, as ε at δ. */
export interface BudgetSummary {
  /** The ceiling's ε as an administrator set it; null until one has. */
  epsilon: number | null;
  delta: number;
  rho: number;
  spentRho: number;
  /** All releases together, as ε at the data set's δ. */
  spentEpsilon: number;
  /** The largest ε a next release at the data set's δ may still have. */
  remainingEpsilon: number;
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

export interface ReleaseRequest {
  epsilon: number;
  delta?: number;
  reportingLength: number;
  /** Per length, noisy counts below this many σ become 0 (default DEFAULT_THRESHOLDS). */
  thresholds?: number[];
  /** Default 'minimize': never make up a combination the noisy marginals lack. */
  fabrication?: FabricationMode;
}

export type ImportOutcome =
  | { ok: true; rows: number; columns: number; audit?: repo.StoredAudit }
  | { ok: false; problems: RowProblem[]; total: number };

export function createStatsService(deps: StatsServiceDeps) {
  const { db, clock, audit } = deps;
  const newId = deps.newId ?? randomUUID;
  const auditTimeLimitSeconds =
    deps.auditTimeLimitSeconds ?? deps.config?.statsAuditSeconds ?? AUDIT_TIME_LIMIT_SECONDS;
  /** Data sets whose audit is running now. */
  const auditing = new Set<string>();
  // The protected cube per data set, rebuilt when the data set or its audit changes.
  const cubes = new Map<string, { version: string; pc: ProtectedCube; audited: boolean }>();

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
      cubes.delete(name);
      throw error;
    }
    await db.transaction().execute(async (trx) => {
      await repo.saveAudit(trx, name, audit, audit.ok ? undefined : false);
      await audit_(trx, name, null, audit.ok ? 'stats.dataset.audit' : 'stats.dataset.audit_failed', {
        exposed: audit.exposed.length,
        added: audit.added.length,
      });
    });
    cubes.delete(name);
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

  function checkReleaseRequest(request: ReleaseRequest, rows: number): FieldProblem[] {
    const problems: FieldProblem[] = [];
    if (!(Number.isFinite(request.epsilon) && request.epsilon > 0 && request.epsilon <= 100))
      problems.push({ field: 'epsilon', key: 'stats.release.badEpsilon' });
    const delta = request.delta ?? defaultDelta(rows);
    if (!(Number.isFinite(delta) && delta > 0 && delta < 0.01))
      problems.push({ field: 'delta', key: 'stats.release.badDelta' });
    if (!(
      Number.isInteger(request.reportingLength) &&
      request.reportingLength >= 1 &&
      request.reportingLength <= 3
    ))
      problems.push({ field: 'reportingLength', key: 'stats.release.badLength' });
    if (
      request.thresholds !== undefined &&
      !(
        Array.isArray(request.thresholds) &&
        request.thresholds.length >= 1 &&
        request.thresholds.length <= 3 &&
        request.thresholds.every((x) => Number.isFinite(x) && x >= 0 && x <= 10)
      )
    )
      problems.push({
        field: 'thresholds',
        key: 'stats.release.badThresholds',
        params: { value: String(request.thresholds) },
      });
    if (request.fabrication !== undefined && !FABRICATION_MODES.includes(request.fabrication))
      problems.push({
        field: 'fabrication',
        key: 'stats.release.badFabrication',
        params: { value: String(request.fabrication), allowed: FABRICATION_MODES.join(', ') },
      });
    // There is no seed: the noise comes from node:crypto only. Anyone trying to choose it is told so.
    if ('seed' in request) problems.push({ field: 'seed', key: 'stats.release.noSeed' });
    return problems;
  }

  const service = {
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
      const problems: FieldProblem[] = [];
      if (
        settings.k !== undefined &&
        !(Number.isInteger(settings.k) && settings.k >= 1 && settings.k <= 1000)
      )
        problems.push({ field: 'k', key: 'stats.settings.badK' });
      if (
        settings.roundingBase !== undefined &&
        settings.roundingBase !== null &&
        !(
          Number.isInteger(settings.roundingBase) &&
          settings.roundingBase >= 2 &&
          settings.roundingBase <= 1000
        )
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
          settings.cubeColumns.some((c) => !dataset.columns.includes(c)) ||
          new Set(settings.cubeColumns).size !== settings.cubeColumns.length)
      )
        problems.push({ field: 'cubeColumns', key: 'stats.settings.badColumns' });
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
        await audit_(
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

    /**
     * A differentially private release: noisy marginals, synthetic records sampled from them alone, and the
     * utility report; refused (409) when it would pass the data set's budget.
     */
    async createRelease(name: string, request: ReleaseRequest, actorUserId: string | null) {
      const dataset = await requireDataset(name);
      const problems = checkReleaseRequest(request, dataset.rowCount);
      // Dense noisy tables over every column: the data set's own limit keeps them in memory (the global layout,
      // with two country columns, stays at two).
      if (!problems.length && request.reportingLength > dataset.maxLength)
        problems.push({
          field: 'reportingLength',
          key: 'stats.release.lengthOverMax',
          params: { max: dataset.maxLength },
        });
      if (problems.length) throw badRequest(problems);
      const delta = request.delta ?? defaultDelta(dataset.rowCount);
      const rho = cdpRho(request.epsilon, delta);
      const overBudget = (budget: Budget) =>
        conflict('stats.release.overBudgetTitle', [
          {
            field: 'epsilon',
            key: 'stats.release.overBudget',
            params: {
              epsilon: request.epsilon,
              left: figure(remainingEpsilon(budget, delta)),
              delta: delta.toExponential(2),
            },
          },
        ]);
      if (!budgetAllows(budgetOf(dataset), rho)) throw overBudget(budgetOf(dataset));
      const data = await repo.readMicrodata(db, name);
      const fabrication = request.fabrication ?? 'minimize';
      const noisy = noisyMarginals(
        data,
        {
          rho,
          reportingLength: request.reportingLength,
          ...(request.thresholds ? { thresholds: request.thresholds } : {}),
        },
        deps.random,
      );
      const synthetic = synthesize(noisy.cube, noisy.records, { fabrication });
      // Public: the synthetic file against the noisy marginals only. Exact (stewards only): against the data.
      const utility = evaluateAgainstMarginals(noisy.cube, synthetic, request.reportingLength);
      const exactUtility = evaluate(data, synthetic, request.reportingLength);
      const id = newId();
      const syntheticCsv = microdataToCsv(synthetic);
      const aggregates = aggregatesCsv(noisy);
      await db.transaction().execute(async (trx) => {
        const current = await repo.lockBudget(trx, name);
        const budget = { rho: current!.rho_budget, spentRho: current!.rho_spent };
        // Checked again under the lock: two releases at once cannot both fit into what is left.
        if (!budgetAllows(budget, rho)) throw overBudget(budget);
        await repo.insertRelease(
          trx,
          {
            id,
            dataset: name,
            epsilon: request.epsilon,
            delta,
            rho,
            fabrication,
            reportingLength: request.reportingLength,
            recordCount: synthetic.rows,
            noise: noisy.noise,
            utility,
            exactUtility,
            syntheticCsv,
            aggregatesCsv: aggregates,
            createdBy: actorUserId,
          },
          clock(),
        );
        await audit.record(
          {
            actorUserId,
            action: 'stats.release.create',
            entityType: 'stats_release',
            entityId: id,
            detail: {
              dataset: name,
              epsilon: request.epsilon,
              delta,
              rho,
              reportingLength: request.reportingLength,
            },
          },
          trx,
        );
      });
      return {
        id,
        utility,
        exactUtility,
        noise: noisy.noise,
        records: synthetic.rows,
        syntheticCsv,
        synthetic,
        rho,
      };
    },

    /** The budget in figures people read (the ceiling, spent, left), for a release form or the ledger. */
    async budget(name: string, options: { publicOnly?: boolean } = {}): Promise<BudgetSummary> {
      return budgetSummary(await requireDataset(name, options));
    },

    /**
     * Sets a data set's ceiling: an administrator only (a data steward, who spends it, gets 403), with a reason,
     * never above the configured maximum nor below what releases already spent; audited, and in the ledger.
     */
    async setBudget(
      name: string,
      input: { epsilon: number; delta: number; reason: string },
      actor: Actor,
    ): Promise<BudgetSummary> {
      if (actor.role !== 'admin') throw budgetForbidden();
      const dataset = await requireDataset(name);
      const maxEpsilon = deps.config?.statsMaxEpsilon ?? DEFAULT_MAX_EPSILON;
      const maxDelta = deps.config?.statsMaxDelta ?? DEFAULT_MAX_DELTA;
      const problems: FieldProblem[] = [];
      if (!(Number.isFinite(input.epsilon) && input.epsilon > 0 && input.epsilon <= maxEpsilon))
        problems.push({
          field: 'epsilon',
          key: 'stats.budget.badEpsilon',
          params: { epsilon: String(input.epsilon), max: maxEpsilon },
        });
      if (!(Number.isFinite(input.delta) && input.delta > 0 && input.delta <= maxDelta))
        problems.push({
          field: 'delta',
          key: 'stats.budget.badDelta',
          params: { delta: String(input.delta), max: maxDelta.toExponential(0) },
        });
      const reason = input.reason.trim();
      if (reason.length < 3 || reason.length > 500)
        problems.push({ field: 'reason', key: 'stats.budget.badReason' });
      const rho = problems.length ? 0 : cdpRho(input.epsilon, input.delta);
      if (!problems.length && rho < dataset.rhoSpent * (1 - 1e-12))
        problems.push({
          field: 'epsilon',
          key: 'stats.budget.belowSpent',
          params: { spent: figure(cdpEpsilon(dataset.rhoSpent, input.delta)) },
        });
      if (problems.length) throw badRequest(problems);
      await db.transaction().execute(async (trx) => {
        const id = newId();
        await repo.setBudget(
          trx,
          { id, dataset: name, epsilon: input.epsilon, delta: input.delta, rho, reason, setBy: actor.id },
          clock(),
        );
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'stats.budget.set',
            entityType: 'stats_dataset',
            entityId: name,
            detail: {
              epsilon: input.epsilon,
              delta: input.delta,
              rho,
              previousRho: dataset.rhoBudget,
              reason,
            },
          },
          trx,
        );
      });
      return service.budget(name);
    },

    /** The budget ledger: the ceiling's changes (who, why) and every release with its cost and who made it. */
    async ledger(name: string, options: { publicOnly?: boolean } = {}) {
      const dataset = await requireDataset(name, options);
      const [changes, releases] = await Promise.all([
        repo.listBudgetChanges(db, name),
        repo.listReleases(db, name, { exact: !options.publicOnly }),
      ]);
      return { dataset, budget: budgetSummary(dataset), changes, releases };
    },

    async releases(name: string, options: { publicOnly?: boolean } = {}) {
      await requireDataset(name, options);
      return repo.listReleases(db, name, { exact: !options.publicOnly });
    },

    /**
     * A released synthetic file: in the data set's own layout (CTDC conventions), or for the registrations also
     * in the CTDC global synthetic layout (`ctdc-global`).
     */
    async releaseCsv(
      name: string,
      id: string,
      options: {
        publicOnly?: boolean;
        layout?: 'dataset' | 'ctdc-global';
        file?: 'synthetic' | 'aggregates';
      } = {},
    ) {
      const dataset = await requireDataset(name, options);
      const csv = /^[0-9a-f-]{36}$/.test(id) ? await repo.releaseCsv(db, name, id, options.file) : undefined;
      if (csv === undefined) throw notFound('stats.release.notFound');
      if (options.file === 'aggregates') return csv;
      if (options.layout === 'ctdc-global') {
        if (dataset.format !== 'registrations')
          throw badRequest([{ field: 'layout', key: 'stats.release.layoutOnlyRegistrations' }]);
        return registrationsToCtdcGlobalCsv(csvToMicrodata(csv, dataset.columns));
      }
      return csv;
    },

    /** The utility report of a synthetic file (CSV in the data set's layout) against the data set. */
    async evaluate(name: string, syntheticCsv: string, reportingLength = 3): Promise<ExactReport> {
      const dataset = await requireDataset(name);
      const data = await repo.readMicrodata(db, name);
      const synthetic = parseSynthetic(syntheticCsv, data);
      return evaluate(data, synthetic, Math.min(reportingLength, dataset.maxLength));
    },

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
      cubes.delete(REGISTRATIONS_DATASET);
      const suppressionAudit = await reauditAfterChange(REGISTRATIONS_DATASET);
      return { rows: data.rows, ...(suppressionAudit ? { audit: suppressionAudit } : {}) };
    },

    /** The pseudonymised registrations as HTCDS 2.0 CSV, for an exchange partner (audited). */
    async exportHtcds(actorUserId: string | null): Promise<string> {
      if (!deps.registrations) throw notFound('stats.registrations.absent');
      const records = await deps.registrations();
      await audit.record({
        actorUserId,
        action: 'stats.registrations.export_htcds',
        entityType: 'stats_dataset',
        entityId: REGISTRATIONS_DATASET,
        detail: { rows: records.length },
      });
      return registrationsToHtcdsCsv(records);
    },

    hasRegistrations: () => deps.registrations !== undefined,
  };
  return service;
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

function budgetOf(dataset: repo.DatasetRow): Budget {
  return { rho: dataset.rhoBudget, spentRho: dataset.rhoSpent };
}

export function budgetSummary(dataset: repo.DatasetRow): BudgetSummary {
  return {
    epsilon: dataset.epsilonBudget,
    delta: dataset.deltaBudget,
    rho: dataset.rhoBudget,
    spentRho: dataset.rhoSpent,
    spentEpsilon: cdpEpsilon(dataset.rhoSpent, dataset.deltaBudget),
    remainingEpsilon: remainingEpsilon(budgetOf(dataset), dataset.deltaBudget),
  };
}

/** A figure for a message: three significant digits, rounded down (never promising more budget than left). */
export function figure(x: number): string {
  if (x <= 0) return '0';
  const digits = Math.max(0, 2 - Math.floor(Math.log10(x)));
  const scale = 10 ** digits;
  return (Math.floor(x * scale) / scale).toFixed(digits);
}

const budgetForbidden = () => new HttpError(403, 'forbidden', 'stats.budget.adminOnly');

/** A synthetic CSV in the data set's layout (same column names); a column it lacks is a 400. */
function parseSynthetic(text: string, data: Microdata): Microdata {
  return csvToMicrodata(
    text,
    data.columns.map((c) => c.name),
  );
}

function csvToMicrodata(text: string, names: string[]): Microdata {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch {
    throw badRequest([{ field: 'synthetic', key: 'stats.import.notCsv', params: { reason: 'CSV' } }]);
  }
  const header = rows[0] ?? [];
  const positions = names.map((n) => header.indexOf(n));
  const missing = names.filter((_, i) => positions[i]! < 0);
  if (missing.length)
    throw badRequest(missing.map((name) => ({ field: name, key: 'stats.import.missingColumn' })));
  return microdataFrom(
    names,
    rows.slice(1).map((row) => positions.map((p) => canonicalMulti((row[p] ?? '').split(';')))),
  );
}

export type StatsService = ReturnType<typeof createStatsService>;
