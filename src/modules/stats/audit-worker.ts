// The worker thread's entry: one audit job per worker (see audit-runner.ts).
import { parentPort } from 'node:worker_threads';
import { runAuditJob, type AuditJob } from './audit-job.js';

parentPort?.once('message', (job: AuditJob) => {
  void runAuditJob(job).then((result) => parentPort?.postMessage(result));
});
