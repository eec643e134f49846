// The `samen` command line. Each command validates its input and exits non-zero with a clear message.
// Starting is cheap: registering a command loads only its registration (each command door: the platform's and
// each module's cli.ts, src/cli/); what a command does, and the services it needs, are loaded when it runs. The
// platform's and the modules' commands never build the services themselves: they are handed `withServices` here.
import { Command, CommanderError } from 'commander';
import type { CliContext } from './cli/context.js';
import { registerServeCommands } from './cli/serve.js';
import { registerBackupCommands } from './cli/backup.js';
import type { WithServices } from './platform/cli.js';
import { registerUserCommands } from './platform/auth/cli.js';
import { registerIdpCommands } from './platform/auth/oidc/cli.js';
import { registerJobCommands } from './platform/jobs/cli.js';
import { registerAuditCommands } from './platform/audit/cli.js';
import { registerKeyCommands } from './platform/crypto/cli.js';
import { registerDirectoryCommands } from './modules/directory/cli.js';
import { registerMonitorCommands } from './modules/monitor/cli.js';
import { registerStatsCommands } from './modules/stats/cli.js';
import { registerReferralCommands } from './modules/referrals/cli.js';
import type { Services } from './services.js';

/** Opens the configured database (migrated) and builds the services, only when a command runs. */
async function withContext<T>(work: (context: CliContext) => Promise<T>): Promise<T> {
  const { withDatabase } = await import('./cli/context.js');
  return withDatabase(work);
}
const withServices: WithServices<Services> = (work) => withContext(({ services }) => work(services));

const program = new Command();
program
  .name('samen')
  .description(
    'Samen: the service directory and referral platform for the Dutch approach to human trafficking.',
  )
  .showHelpAfterError()
  .exitOverride();

registerServeCommands(program);
registerBackupCommands(program);
registerUserCommands(program, { withServices });
registerIdpCommands(program, { withServices });
registerDirectoryCommands(program, (work) =>
  withContext(({ database, services }) => work({ db: database.db, audit: services.audit })),
);
registerMonitorCommands(program, withServices);
registerJobCommands(program, { withServices });
registerStatsCommands(program, withServices);
registerAuditCommands(program, { withServices });
registerKeyCommands(program, { withServices });
registerReferralCommands(program, withServices);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else if (
    error instanceof Error &&
    ['ConfigError', 'MigrationError', 'DataDirLockedError', 'DatabaseUnavailableError'].includes(
      error.name,
    ) &&
    (await isExpectedFailure(error))
  ) {
    console.error(error.message);
    process.exitCode = 1;
  } else if (error instanceof Error && error.name === 'CliError') {
    console.error(`samen: ${error.message}`);
    process.exitCode = 2;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
}

/** A failure with a message for the user (bad configuration, a migration, the database): checked by its class, loaded
 * only now (the classes live beside the database driver, which `samen --help` does not load). */
async function isExpectedFailure(error: Error): Promise<boolean> {
  const [{ ConfigError }, { DatabaseUnavailableError, DataDirLockedError }, { MigrationError }] =
    await Promise.all([import('./config.js'), import('./db/connect.js'), import('./db/migrate.js')]);
  return (
    error instanceof ConfigError ||
    error instanceof MigrationError ||
    error instanceof DataDirLockedError ||
    error instanceof DatabaseUnavailableError
  );
}
