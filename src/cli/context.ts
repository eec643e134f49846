// Shared plumbing for CLI commands: load config, open the database, migrate, and always close it again.
import { loadConfig, type Config } from '../config.js';
import { connect, type DatabaseHandle } from '../db/connect.js';
import { migrate } from '../db/migrate.js';
import { CliError } from '../platform/cli.js';
import { createServices, type Services } from '../services.js';
import { sealExistingFreeText } from '../modules/referrals/index.js';

export { CliError, readStdin } from '../platform/cli.js';

/**
 * A command's embedded engine gets a smaller page cache than `samen serve`'s 128MB: starting zeroes the whole cache
 * (about 0.6 s of a command's start for 128MB) and a command that runs once gains little from it.
 */
export const CLI_SHARED_BUFFERS = '16MB';

export interface CliContext {
  config: Config;
  database: DatabaseHandle;
  services: Services;
}

/**
 * Runs `fn` with a migrated database. The embedded database can be opened by one process at a time: running a
 * command beside `samen serve` on the same data dir is refused by PGlite's lock, and we say so.
 */
export async function withDatabase<T>(fn: (ctx: CliContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  let database: DatabaseHandle;
  try {
    database = await connect({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      sharedBuffers: CLI_SHARED_BUFFERS,
    });
  } catch (error) {
    throw new CliError(
      `cannot open the database (${config.databaseUrl ? 'DATABASE_URL' : config.dataDir}): ${(error as Error).message}`,
    );
  }
  try {
    await migrate(database.db);
    const services = createServices({
      db: database.db,
      clock: () => new Date(),
      config,
      engine: database.engine,
    });
    // Free text written before migration 0019 is sealed first (one query once done; loud when it cannot be).
    await sealExistingFreeText({ db: database.db, fieldCrypto: services.fieldCrypto });
    return await fn({ config, database, services });
  } finally {
    await database.close();
  }
}
