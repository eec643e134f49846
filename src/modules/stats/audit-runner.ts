// Runs a suppression audit in a `node:worker_threads` worker: the LP solves take up to the time limit and would
// otherwise block every request of the server (the public guide included). The worker is terminated when the
// time limit (plus a short grace for the audit's own verdict) has passed: the audit is then reported as timed
// out. From TypeScript sources (tests, tsx) the worker is the .ts file loaded through tsx; from dist/ the .js.
import { Worker } from 'node:worker_threads';
import type { AuditJob, AuditJobResult } from './audit-job.js';

const fromSources = import.meta.url.endsWith('.ts');

/** The worker file next to this one, in the same form (.ts under tsx/vitest, .js in dist/). */
export const AUDIT_WORKER_URL = new URL(
  fromSources ? './audit-worker.ts' : './audit-worker.js',
  import.meta.url,
);

/** Seconds the audit may overrun its own time limit (to report what it found) before it is terminated. */
export const AUDIT_GRACE_SECONDS = 5;

export class AuditWorkerError extends Error {}

/** The job's result, or `{ kind: 'terminated' }` when the worker was stopped at the time limit. */
export function runAuditInWorker(
  job: AuditJob,
  workerUrl: URL = AUDIT_WORKER_URL,
): Promise<AuditJobResult | { kind: 'terminated' }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl, {
      ...(workerUrl.pathname.endsWith('.ts') ? { execArgv: ['--import', 'tsx'] } : {}),
    });
    let settled = false;
    const finish = (then: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      then();
      void worker.terminate();
    };
    const timer = setTimeout(
      () => finish(() => resolve({ kind: 'terminated' })),
      (job.timeLimitSeconds + AUDIT_GRACE_SECONDS) * 1000,
    );
    worker.once('message', (result: AuditJobResult) => finish(() => resolve(result)));
    worker.once('error', (error) =>
      finish(() => reject(new AuditWorkerError(`the audit worker failed: ${error.message}`))),
    );
    worker.once('exit', (code) =>
      finish(() =>
        reject(new AuditWorkerError(`the audit worker stopped (exit code ${code}) without a result`)),
      ),
    );
    worker.postMessage(job);
  });
}
