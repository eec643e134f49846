// Test worker: fails the way a worker can (an uncaught error, e.g. out of memory in the solver).
import { parentPort } from 'node:worker_threads';

parentPort?.once('message', () => {
  throw new Error('the solver ran out of memory');
});
