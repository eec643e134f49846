// `samen backup` and `samen restore` for the embedded database. A backup is a consistent snapshot of the PGlite
// data dir (a gzipped tar, taken while holding the one connection); it holds the data but never the keys
// (secrets.json): those are written beside it only with --include-keys, so a copy of a backup alone is ciphertext
// for every sealed field. Files are written readable by their owner only. While `samen serve` runs, the server
// makes the snapshot and hands it over its owner-only backup socket (src/db/backup-channel.ts); otherwise this
// process opens the data dir itself. On PostgreSQL use pg_dump/pg_restore (README, Production); these commands
// then say so.
import {
  chmodSync,
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { lockDataDir } from '../db/lock.js';
import { CliError } from '../platform/cli.js';

// The database driver is loaded when a command runs, not when `samen` starts (`samen --help` needs none of it).
const database = () => import('../db/connect.js');
const backupChannel = () => import('../db/backup-channel.js');

const PG_DUMP_HINT =
  'with DATABASE_URL, back up with pg_dump: pg_dump --format=custom --file=samen.dump "$DATABASE_URL", ' +
  'and restore into an empty database with pg_restore --no-owner --dbname="$DATABASE_URL" samen.dump (see README, Production)';

/** Writes `bytes` to `file` readable by its owner only; the file appears complete or not at all. */
function writeOwnerOnly(file: string, bytes: Buffer): void {
  const draft = `${file}.${process.pid}.partial`;
  try {
    writeFileSync(draft, bytes, { mode: 0o600, flush: true });
    chmodSync(draft, 0o600);
    renameSync(draft, file);
  } finally {
    rmSync(draft, { force: true });
  }
}

/**
 * Writes a snapshot of the embedded database in `dataDir` to `out` (0600): from the running server when one holds
 * the data dir (`online`), else from the data dir directly. With `withKeys`, secrets.json beside it.
 */
export async function backupEmbedded(
  dataDir: string,
  out: string,
  options: { withKeys?: boolean } = {},
): Promise<{ bytes: number; keys?: string; online: boolean }> {
  const [{ connect, DataDirLockedError, isNewEmbeddedDatabase }, { requestOnlineBackup }] = await Promise.all(
    [database(), backupChannel()],
  );
  let bytes = await requestOnlineBackup(dataDir);
  const online = bytes !== undefined;
  if (!bytes) {
    if (isNewEmbeddedDatabase(dataDir)) throw new CliError(`there is no embedded database in ${dataDir}`);
    // No server answers: open the data dir (its lock refuses while a server without a backup socket holds it).
    let handle;
    try {
      handle = await connect({ dataDir, backupChannel: false });
    } catch (error) {
      if (!(error instanceof DataDirLockedError)) throw error;
      throw new CliError(
        `a Samen process holds ${dataDir} but did not answer on its backup socket (still starting, or the data ` +
          'dir path is too long for a socket: see its warnings); try again in a moment, or stop it and back up offline',
      );
    }
    try {
      bytes = Buffer.from(await (await handle.snapshot!()).arrayBuffer());
    } finally {
      await handle.close();
    }
  }
  writeOwnerOnly(out, bytes);
  let keys: string | undefined;
  const secrets = path.join(dataDir, 'secrets.json');
  if (options.withKeys && existsSync(secrets)) {
    keys = `${out}.secrets.json`;
    copyFileSync(secrets, keys);
    chmodSync(keys, 0o600);
  }
  return { bytes: bytes.length, online, ...(keys ? { keys } : {}) };
}

/**
 * Restores a snapshot into `dataDir`, which must not hold a database yet; with `replace`, a database there is
 * moved aside (`pglite.replaced-<time>`, never deleted). With `keys`, its secrets.json too.
 */
export async function restoreEmbedded(
  dataDir: string,
  from: string,
  options: { keys?: string; replace?: boolean } = {},
) {
  if (!existsSync(from)) throw new CliError(`no backup at ${from}`);
  const backup = readFileSync(from);
  // A truncated or foreign file is refused before anything in the data dir is touched.
  try {
    if (!gunzipSync(backup).includes('PG_VERSION')) throw new Error('no PG_VERSION');
  } catch {
    throw new CliError(`${from} is not a complete backup from samen backup`);
  }
  const { isNewEmbeddedDatabase, openPGlite, restrictToOwner } = await database();
  const release = lockDataDir(dataDir);
  try {
    const pgliteDir = path.join(dataDir, 'pglite');
    let replaced: string | undefined;
    if (!isNewEmbeddedDatabase(dataDir)) {
      if (!options.replace)
        throw new CliError(
          `${dataDir} already holds a database: restore into a new, empty SAMEN_DATA_DIR (or give --replace)`,
        );
      replaced = `${pgliteDir}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(pgliteDir, replaced);
    } else if (existsSync(pgliteDir) && readdirSync(pgliteDir).length === 0) {
      rmSync(pgliteDir, { recursive: true });
    }
    process.umask(0o077);
    try {
      const pglite = await openPGlite(pgliteDir, new Blob([backup]));
      await pglite.query('select 1');
      await pglite.close();
    } catch (error) {
      // Not a backup, or a damaged one: leave the data dir as it was.
      rmSync(pgliteDir, { recursive: true, force: true });
      if (replaced) renameSync(replaced, pgliteDir);
      throw new CliError(`${from} could not be restored: ${(error as Error).message}`);
    }
    if (options.keys) {
      copyFileSync(options.keys, path.join(dataDir, 'secrets.json'));
    }
    restrictToOwner(dataDir);
    return { replaced };
  } finally {
    release();
  }
}

const KEYS_WARNING =
  'warning: the keys are in the file beside the backup: whoever has both can read every sealed personal field. ' +
  'Keep that file apart from the backup (another place, other people), or delete it once the keys are stored safely.';

export function registerBackupCommands(program: Command) {
  program
    .command('backup')
    .description(
      'Write a consistent snapshot of the embedded database, also while samen serve runs. Keys are not in it.',
    )
    .requiredOption('--out <file>', 'the backup file to write (readable by its owner only)')
    .option(
      '--include-keys',
      'also write secrets.json beside it as <file>.secrets.json (keep it apart from the backup)',
    )
    .option('--with-keys', 'the same as --include-keys')
    .action(async (options: { out: string; includeKeys?: boolean; withKeys?: boolean }) => {
      const config = loadConfig();
      if (config.databaseUrl) throw new CliError(PG_DUMP_HINT);
      const withKeys = Boolean(options.includeKeys || options.withKeys);
      const result = await backupEmbedded(config.dataDir, path.resolve(options.out), { withKeys });
      console.log(
        `Backed up ${config.dataDir} to ${options.out} (${result.bytes} bytes, ` +
          `${result.online ? 'from the running server' : 'the server was not running'}).` +
          (result.keys
            ? ` Keys: ${result.keys}.`
            : ' The keys are not in it: keep secrets.json (or SAMEN_FIELD_KEYS, ENCRYPTION_KEY, SESSION_SECRET) apart.'),
      );
      if (result.keys) console.error(KEYS_WARNING);
      else if (withKeys)
        console.error(
          `warning: ${config.dataDir} has no secrets.json: the keys come from the environment; back them up apart.`,
        );
    });

  program
    .command('restore')
    .description(
      'Restore a backup of the embedded database into a new, empty SAMEN_DATA_DIR (stop samen serve); then run samen audit verify.',
    )
    .requiredOption('--from <file>', 'the backup file (from samen backup)')
    .option('--keys <file>', 'the secrets.json to restore with it (from samen backup --include-keys)')
    .option(
      '--replace',
      'restore over the database in SAMEN_DATA_DIR, which is moved aside (pglite.replaced-<time>), not deleted',
    )
    .action(async (options: { from: string; keys?: string; replace?: boolean }) => {
      const config = loadConfig();
      if (config.databaseUrl) throw new CliError(PG_DUMP_HINT);
      const result = await restoreEmbedded(config.dataDir, path.resolve(options.from), {
        ...(options.keys ? { keys: options.keys } : {}),
        replace: Boolean(options.replace),
      });
      if (result.replaced) console.log(`The database that was there is kept in ${result.replaced}.`);
      console.log(`Restored ${options.from} into ${config.dataDir}. Check it with: samen audit verify`);
    });
}
