// Test worker: never answers (a solve that does not return); only terminating it ends it.
import { parentPort } from 'node:worker_threads';

parentPort?.once('message', () => {
  setInterval(() => undefined, 60_000);
});
