// The starter database: what `samen serve --seed-if-empty` makes of a new embedded data dir (every migration
// applied, the sample data loaded). Making it takes seconds (PGlite's initdb alone takes ~4 s), so it is made
// once, kept as a closed PGlite data directory in node_modules/.cache/samen, and copied into each new data dir
// (a file copy and an ordinary open). `npm install` makes it (postinstall: `samen starter`); a first start that
// finds none makes it first, so that start is as slow as before and the next new data dir is fast.
//
// Never stale: it is kept under a hash of everything that decides its content — the PGlite version, the
// migrations, the sample data and the code that loads them (all of src/ and seed/ but the tests). Any change gives
// a new key; a start finds no starter under it and makes one (older ones are removed). After the copy, serve
// migrates as always, and migrate() checks each applied migration's checksum against its file.
//
// What it means for the copy: the sample data's timestamps (history, migrations' applied_at) are those of the
// moment the starter was made, and sample data must not depend on the configuration (secrets): the starter
// is made with throwaway secrets.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.js';
import { openPGlite, wrapPGlite } from '../db/connect.js';
import { migrate } from '../db/migrate.js';
import { createServices } from '../services.js';
import { seedSampleData } from './seed.js';

/** The package root: the nearest folder with a package.json (src/cli/ runs from dist/src/cli/ when built). */
function packageRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`samen: no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

const ROOT = packageRoot(path.dirname(fileURLToPath(import.meta.url)));
/** Bump when the way the starter is made changes in a way the hashed files do not show. */
const FORMAT = 'samen-starter-1';
const PREFIX = 'pglite-';

export const DEFAULT_STARTER_CACHE = path.join(ROOT, 'node_modules', '.cache', 'samen');

function filesUnder(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') filesUnder(full, out);
    } else if (entry.isFile() && !/\.test\.ts$/.test(entry.name)) {
      out.push(full);
    }
  }
  return out;
}

/** The hash the starter is kept under: the PGlite version and every file of src/ and seed/ except tests. */
export function starterKey(root = ROOT): string {
  const hash = createHash('sha256').update(FORMAT);
  const pglite = JSON.parse(
    readFileSync(path.join(root, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8'),
  ) as { version: string };
  hash.update(`\0pglite@${pglite.version}`);
  const files = [...filesUnder(path.join(root, 'src')), ...filesUnder(path.join(root, 'seed'))]
    .map((file) => path.relative(root, file).split(path.sep).join('/'))
    .sort();
  for (const file of files) {
    hash.update(`\0${file}\0`);
    hash.update(readFileSync(path.join(root, file)));
  }
  return hash.digest('hex').slice(0, 24);
}

/** The starter for the current key, if one has been made. */
export function findStarter(cacheDir = DEFAULT_STARTER_CACHE, key = starterKey()): string | undefined {
  const dir = path.join(cacheDir, `${PREFIX}${key}`);
  return existsSync(path.join(dir, 'PG_VERSION')) ? dir : undefined;
}

/** Makes the starter in `dir`: a new PGlite data dir, migrated, with the sample data, closed. */
async function makeStarter(dir: string): Promise<void> {
  const pglite = await openPGlite(dir);
  const database = wrapPGlite(pglite);
  try {
    await migrate(database.db);
    const config: Config = {
      nodeEnv: 'development',
      port: 0,
      host: '127.0.0.1',
      dataDir: dir,
      databaseUrl: undefined,
      sessionSecret: randomBytes(32).toString('base64url'),
      encryptionKey: randomBytes(32),
      logLevel: 'silent',
      publicOrigin: 'http://localhost',
      secureCookies: false,
      smtpUrl: undefined,
      mailFrom: 'Samen <noreply@localhost>',
      // Nothing the sample data holds is field-encrypted: a data dir made from the starter has its own keys.
      fieldKeys: [{ id: 'starter', key: randomBytes(32) }],
      // Loading the sample data writes no audit entry (it would not verify under the data dir's own audit key).
      auditKey: randomBytes(32),
    };
    // No mail leaves while the starter is made (and nothing is written into its data dir).
    const services = createServices({
      db: database.db,
      clock: () => new Date(),
      config,
      engine: 'pglite',
      mailTransport: null,
    });
    await seedSampleData(services, { onlyIfEmpty: true });
  } finally {
    await database.close();
  }
}

/**
 * The starter for the current code: the one in the cache, or a new one made now (then the older ones are
 * removed). Safe beside other processes doing the same: each makes its own and the first to finish wins.
 */
export async function ensureStarter(cacheDir = DEFAULT_STARTER_CACHE): Promise<string> {
  const key = starterKey();
  const found = findStarter(cacheDir, key);
  if (found) return found;
  mkdirSync(cacheDir, { recursive: true });
  const target = path.join(cacheDir, `${PREFIX}${key}`);
  const building = `${target}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await makeStarter(building);
    try {
      renameSync(building, target);
    } catch (error) {
      // Another process finished the same starter first: use that one.
      if (!findStarter(cacheDir, key)) throw error;
    }
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  removeOtherStarters(cacheDir, target);
  return target;
}

/** Starters of other keys, and unfinished ones left by a process that died over an hour ago. */
function removeOtherStarters(cacheDir: string, keep: string) {
  for (const entry of readdirSync(cacheDir)) {
    if (!entry.startsWith(PREFIX)) continue;
    const full = path.join(cacheDir, entry);
    if (full === keep) continue;
    const unfinished = entry.endsWith('.tmp');
    try {
      if (!unfinished || Date.now() - statSync(full).mtimeMs > 3_600_000) {
        rmSync(full, { recursive: true, force: true });
      }
    } catch {
      // gone already
    }
  }
}

/** Removes a starter that failed to open, so that the next start makes it anew. */
export function discardStarter(dir: string) {
  rmSync(dir, { recursive: true, force: true });
}
