// `samen jobs list` and `samen jobs run <name>`: the background jobs the server runs on its own, by hand (e.g.
// to send queued mail right after configuring SMTP, or from cron when no server runs jobs).
import type { Command } from 'commander';
import { CliError, type WithServices } from '../cli.js';
import type { JobRunner } from './runner.js';

/** What the job commands use. */
export interface JobServices {
  jobs: JobRunner;
}

export interface JobCommandDeps {
  /** Handed in by main.ts (the platform never builds the services). */
  withServices: WithServices<JobServices>;
  out(line: string): void;
}

const defaultDeps: Omit<JobCommandDeps, 'withServices'> = {
  out: (line) => process.stdout.write(`${line}\n`),
};

function every(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}

function summary(result: unknown): string {
  if (result === undefined || result === null) return '';
  if (typeof result !== 'object') return ` (${String(result)})`;
  const parts = Object.entries(result as Record<string, unknown>)
    .filter(([, v]) => ['number', 'string', 'boolean'].includes(typeof v))
    .map(([k, v]) => `${k} ${String(v)}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

export async function listJobs(services: JobServices, deps: Pick<JobCommandDeps, 'out'>) {
  const jobs = services.jobs.list();
  const width = Math.max(4, ...jobs.map((j) => j.name.length));
  deps.out(`${'NAME'.padEnd(width)}  EVERY`);
  for (const job of jobs) deps.out(`${job.name.padEnd(width)}  ${every(job.intervalMs)}`);
}

export async function runJob(services: JobServices, name: string, deps: Pick<JobCommandDeps, 'out'>) {
  let outcome;
  try {
    outcome = await services.jobs.run(name);
  } catch (error) {
    // Loaded here: `samen --help` need not load the runner.
    const { UnknownJobError } = await import('./runner.js');
    if (error instanceof UnknownJobError) {
      const known = services.jobs
        .list()
        .map((j) => j.name)
        .join(', ');
      throw new CliError(`unknown job "${name}" (known jobs: ${known})`);
    }
    throw error;
  }
  if (outcome.status === 'busy')
    throw new CliError(`job ${name} is running elsewhere (another process holds its lock); try again later`);
  if (outcome.status === 'failed') throw new CliError(`job ${name} failed: ${outcome.error}`);
  deps.out(`${name}: done in ${outcome.ms} ms${summary(outcome.result)}`);
}

export function registerJobCommands(
  program: Command,
  overrides: Pick<JobCommandDeps, 'withServices'> & Partial<JobCommandDeps>,
) {
  const deps: JobCommandDeps = { ...defaultDeps, ...overrides };
  const jobs = program
    .command('jobs')
    .description('The background jobs that `samen serve` runs (mail delivery, …).');
  jobs
    .command('list')
    .description('List the background jobs and how often they run.')
    .action(async () => {
      await deps.withServices((services) => listJobs(services, deps));
    });
  jobs
    .command('run')
    .description('Run one background job now, once (waits for it; exits non-zero if it fails or is unknown).')
    .argument('<name>', 'the job, as `samen jobs list` shows it')
    .action(async (name: string) => {
      await deps.withServices((services) => runJob(services, name, deps));
    });
}
