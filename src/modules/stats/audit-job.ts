// One suppression audit as a self-contained job: the microdata of the published columns and the rules in, the
// outcome out. It runs in a worker thread (audit-worker.ts), so the solver never blocks the server's event loop.
import { auditCube, AuditTooLargeError, type AuditOutcome } from './audit.js';
import { aggregate } from './cube.js';
import { protect } from './disclosure.js';
import type { Microdata } from './microdata.js';

export interface AuditJob {
  data: Microdata;
  maxLength: number;
  k: number;
  roundingBase: number | null;
  timeLimitSeconds: number;
}

/** What a worker posts back: an outcome, a cube too large to audit, or an error message (nothing personal). */
export type AuditJobResult =
  | { kind: 'outcome'; outcome: AuditOutcome }
  | { kind: 'tooLarge'; variables: number }
  | { kind: 'error'; message: string };

export async function runAuditJob(job: AuditJob): Promise<AuditJobResult> {
  try {
    const pc = protect(aggregate(job.data, job.maxLength), { k: job.k, roundingBase: job.roundingBase });
    return {
      kind: 'outcome',
      outcome: await auditCube(pc, job.data, { timeLimitSeconds: job.timeLimitSeconds }),
    };
  } catch (error) {
    if (error instanceof AuditTooLargeError) return { kind: 'tooLarge', variables: error.variables };
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}
