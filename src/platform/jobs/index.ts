// The background jobs' one door.
export {
  createJobRunner,
  UnknownJobError,
  type Job,
  type JobRunner,
  type RunOutcome,
  type Timers,
} from './runner.js';
