// `samen backup` and `samen restore` for the embedded database. A backup is a consistent snapshot of the PGlite
// data dir (a gzipped tar, taken while holding the one connection); it holds the data but never the keys
// (secrets.json): those are written beside it only with --with-keys, so a copy of a backup alone is ciphertext
// for every sealed field. Files are written readable by their owner only. On PostgreSQL use pg_dump/pg_restore
// (README, Production); these commands then say so.
import { chmodSync, copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { lockDataDir } from '../db/lock.js';
import { CliError } from '../platform/cli.js';

// The database driver is loaded when a command runs, not when `samen` starts (`samen --help` needs none of it).
const database = () => import('../db/connect.js');

const PG_DUMP_HINT =
  'with DATABASE_URL, back up with pg_dump: pg_dump --format=custom --file=samen.dump "$DATABASE_URL", ' +
  'and restore into an empty database with pg_restore --no-owner --dbname="$DATABASE_URL" samen.dump (see README, Production)';

/** Writes a snapshot of the embedded database in `dataDir` to `out` (0600); with `withKeys`, secrets.json beside it. */
export async function backupEmbedded(
  dataDir: string,
  out: string,
  options: { withKeys?: boolean } = {},
): Promise<{ bytes: number; keys?: string }> {
  const { connect, isNewEmbeddedDatabase } = await database();
  if (isNewEmbeddedDatabase(dataDir)) throw new CliError(`there is no embedded database in ${dataDir}`);
  const handle = await connect({ dataDir });
  try {
    const blob = await handle.snapshot!();
    const bytes = Buffer.from(await blob.arrayBuffer());
    writeFileSync(out, bytes, { mode: 0o600 });
    chmodSync(out, 0o600);
    let keys: string | undefined;
    const secrets = path.join(dataDir, 'secrets.json');
    if (options.withKeys && existsSync(secrets)) {
      keys = `${out}.secrets.json`;
      copyFileSync(secrets, keys);
      chmodSync(keys, 0o600);
    }
    return { bytes: bytes.length, ...(keys ? { keys } : {}) };
  } finally {
    await handle.close();
  }
}

/** Restores a snapshot into `dataDir`, which must not hold a database yet; with `keys`, its secrets.json too. */
export async function restoreEmbedded(dataDir: string, from: string, options: { keys?: string } = {}) {
  if (!existsSync(from)) throw new CliError(`no backup at ${from}`);
  const { isNewEmbeddedDatabase, openPGlite, restrictToOwner } = await database();
  const release = lockDataDir(dataDir);
  try {
    if (!isNewEmbeddedDatabase(dataDir))
      throw new CliError(`${dataDir} already holds a database: restore into a new, empty SAMEN_DATA_DIR`);
    process.umask(0o077);
    const pgliteDir = path.join(dataDir, 'pglite');
    const pglite = await openPGlite(pgliteDir, new Blob([readFileSync(from)]));
    await pglite.query('select 1');
    await pglite.close();
    if (options.keys) {
      copyFileSync(options.keys, path.join(dataDir, 'secrets.json'));
    }
    restrictToOwner(dataDir);
  } finally {
    release();
  }
}

export function registerBackupCommands(program: Command) {
  program
    .command('backup')
    .description(
      'Write a consistent snapshot of the embedded database (stop samen serve first). Keys are not in it.',
    )
    .requiredOption('--out <file>', 'the backup file to write (readable by its owner only)')
    .option(
      '--with-keys',
      'also write secrets.json beside it as <file>.secrets.json (keep it apart from the backup)',
    )
    .action(async (options: { out: string; withKeys?: boolean }) => {
      const config = loadConfig();
      if (config.databaseUrl) throw new CliError(PG_DUMP_HINT);
      const result = await backupEmbedded(config.dataDir, path.resolve(options.out), options);
      console.log(
        `Backed up ${config.dataDir} to ${options.out} (${result.bytes} bytes).` +
          (result.keys
            ? ` Keys: ${result.keys}.`
            : ' The keys are not in it: keep secrets.json (or SAMEN_FIELD_KEYS, ENCRYPTION_KEY, SESSION_SECRET) apart.'),
      );
    });

  program
    .command('restore')
    .description(
      'Restore a backup of the embedded database into a new, empty SAMEN_DATA_DIR; then run samen audit verify.',
    )
    .requiredOption('--from <file>', 'the backup file (from samen backup)')
    .option('--keys <file>', 'the secrets.json to restore with it (from samen backup --with-keys)')
    .action(async (options: { from: string; keys?: string }) => {
      const config = loadConfig();
      if (config.databaseUrl) throw new CliError(PG_DUMP_HINT);
      await restoreEmbedded(
        config.dataDir,
        path.resolve(options.from),
        options.keys ? { keys: options.keys } : {},
      );
      console.log(`Restored ${options.from} into ${config.dataDir}. Check it with: samen audit verify`);
    });
}
