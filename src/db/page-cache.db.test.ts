// The embedded engine's page cache per process (connect's sharedBuffers): a command's is small, the server's stays
// the data dir's own, nothing of it is written to the data dir, and a value that is not a size never reaches the
// engine's command line. Also: the data dir's files are the owner's only by the time connect returns, a loose one
// planted before included. Embedded database only, so it runs in the PGlite project and skips in the PostgreSQL one.
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_SHARED_BUFFERS } from '../cli/context.js';
import { connect, type DatabaseHandle } from './connect.js';

const embedded = process.env.SAMEN_TEST_ENGINE !== 'postgres';

async function sharedBuffers(database: DatabaseHandle): Promise<string> {
  const { rows } = await sql<{ size: string }>`select current_setting('shared_buffers') as size`.execute(
    database.db,
  );
  return rows[0]!.size;
}

describe.skipIf(!embedded)('the embedded page cache of a process', { timeout: 240_000 }, () => {
  let dataDir = '';
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'samen-page-cache-'));
    await (await connect({ dataDir, backupChannel: false })).close();
  });
  afterAll(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("gives a command 16MB, leaves the server the data dir's 128MB, and writes neither into the data dir", async () => {
    const conf = readFileSync(path.join(dataDir, 'pglite', 'postgresql.conf'), 'utf8');
    const command = await connect({ dataDir, backupChannel: false, sharedBuffers: CLI_SHARED_BUFFERS });
    try {
      expect(await sharedBuffers(command)).toBe('16MB');
    } finally {
      await command.close();
    }
    const server = await connect({ dataDir, backupChannel: false });
    try {
      expect(await sharedBuffers(server)).toBe('128MB');
    } finally {
      await server.close();
    }
    expect(readFileSync(path.join(dataDir, 'pglite', 'postgresql.conf'), 'utf8')).toBe(conf);
  });

  it('refuses what is not a size before the engine starts, and leaves the data dir openable', async () => {
    for (const bad of ['16MB -c fsync=off', '16MB\n', 'lots', '', '16 MB', '1GB'])
      await expect(connect({ dataDir, backupChannel: false, sharedBuffers: bad })).rejects.toThrow(
        /Not a shared_buffers size/,
      );
    const again = await connect({ dataDir, backupChannel: false, sharedBuffers: '8MB' });
    try {
      expect(await sharedBuffers(again)).toBe('8MB');
    } finally {
      await again.close();
    }
  });

  it('tightens a loose file planted in the data dir by the time connect returns, and the data dir to 0700', async () => {
    const planted = path.join(dataDir, 'pglite', 'planted');
    writeFileSync(planted, 'x');
    chmodSync(planted, 0o644);
    chmodSync(dataDir, 0o755);
    const database = await connect({ dataDir, backupChannel: false, sharedBuffers: CLI_SHARED_BUFFERS });
    try {
      expect(statSync(planted).mode & 0o777).toBe(0o600);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(statSync(path.join(dataDir, 'pglite', 'PG_VERSION')).mode & 0o777).toBe(0o600);
    } finally {
      await database.close();
    }
  });
});
