// The data hub's differentially private releases and their budget: a release within what is left, the ceiling an
// administrator sets (with a reason, in the ledger), the ledger, the released files, and the utility report of a
// synthetic file. No SQL here (repository.ts), no HTTP (routes); split from service.ts, which composes it.
import { parse } from 'csv-parse/sync';
import { badRequest, conflict, HttpError, notFound, type FieldProblem } from '../../platform/http/errors.js';
import type { AuditService } from '../../platform/audit/service.js';
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
import { canonicalMulti, microdataFrom, type Microdata } from './microdata.js';
import { microdataToCsv, registrationsToCtdcGlobalCsv } from './registrations.js';
import * as repo from './repository.js';
import type { RandomSource } from './random.js';
import { FABRICATION_MODES, synthesize, type FabricationMode } from './synthesis.js';

/** Defaults of the ceiling's maximum when the configuration names none. */
export const DEFAULT_MAX_EPSILON = 10;
export const DEFAULT_MAX_DELTA = 1e-4;

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

/** Who acts: an account id and its role (the command line names an account too). */
export interface Actor {
  id: string;
  role: string;
}

/** What the releases need from the data hub's service: the handle, clock, audit and its data set lookup. */
export interface ReleaseDeps {
  db: repo.Root;
  clock: () => Date;
  audit: Pick<AuditService, 'record'>;
  newId: () => string;
  requireDataset(name: string, options?: { publicOnly?: boolean }): Promise<repo.DatasetRow>;
  config?: { statsMaxEpsilon?: number; statsMaxDelta?: number };
  random?: RandomSource;
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

/** The release request's problems, each naming its field (a 400). */
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

export function createReleaseService(deps: ReleaseDeps) {
  const { db, clock, audit, newId, requireDataset } = deps;

  const releases = {
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
      return releases.budget(name);
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
  };
  return releases;
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

/** Only an administrator sets a budget (a data steward, who spends it, gets 403). */
export const budgetForbidden = () => new HttpError(403, 'forbidden', 'stats.budget.adminOnly');

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
