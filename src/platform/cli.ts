// What every command of `samen` shares, platform and modules alike: the user-facing failure, standard input, and
// the shape of what main.ts hands each command group so that it never builds the services itself.

/** A user-facing CLI failure: printed as `samen: <message>` with exit code 2, no stack trace. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * Runs a command's work with the services it needs, on a migrated database that is closed again afterwards.
 * main.ts hands one to every command group (opening the database only when a command runs), tests hand their own.
 */
export type WithServices<S> = <T>(work: (services: S) => Promise<T>) => Promise<T>;

/** Reads all of standard input (for passwords and piped files). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
