// Test worker: the real audit job, held at a gate until the test says 'go' on a BroadcastChannel (it says
// 'waiting' first). Proves by ordering, not by timing, that the server answers while an audit runs.
import { parentPort } from 'node:worker_threads';
import { runAuditJob, type AuditJob } from '../audit-job.js';

const GATE = 'samen-test-audit-gate';

parentPort?.once('message', (job: AuditJob) => {
  const gate = new BroadcastChannel(GATE);
  gate.onmessage = (event) => {
    if ((event as MessageEvent).data !== 'go') return;
    gate.close();
    void runAuditJob(job).then((result) => parentPort?.postMessage(result));
  };
  gate.postMessage('waiting');
});
