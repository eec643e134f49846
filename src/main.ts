// The `samen` command line. Each command validates its input and exits non-zero with a clear message.
import { Command, CommanderError } from 'commander';
import { ConfigError } from './config.js';
import { DatabaseUnavailableError, DataDirLockedError } from './db/connect.js';
import { MigrationError } from './db/migrate.js';
import { registerServeCommands } from './cli/serve.js';
import { registerBackupCommands } from './cli/backup.js';
import { registerUserCommands } from './platform/auth/cli.js';
import { registerDirectoryCommands } from './modules/directory/cli.js';
import { registerMonitorCommands } from './modules/monitor/index.js';
import { registerJobCommands } from './platform/jobs/cli.js';
import { registerStatsCommands } from './modules/stats/cli.js';
import { registerAuditCommands } from './platform/audit/cli.js';
import { registerKeyCommands } from './platform/crypto/cli.js';
import { registerReferralCommands } from './modules/referrals/index.js';

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
registerUserCommands(program);
registerDirectoryCommands(program);
registerMonitorCommands(program);
registerJobCommands(program);
registerStatsCommands(program);
registerAuditCommands(program);
registerKeyCommands(program);
registerReferralCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else if (
    error instanceof ConfigError ||
    error instanceof MigrationError ||
    error instanceof DataDirLockedError ||
    error instanceof DatabaseUnavailableError
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
