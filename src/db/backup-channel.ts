// The embedded database's backup channel: how `samen backup` gets a consistent snapshot while `samen serve` runs.
// PGlite is one process's database (the data dir's lock keeps every other process out), so the process that holds
// it makes the snapshot, between two transactions, and hands it over a Unix socket in the data dir.
//
// Who can use it: only the data dir's owner (and root). The socket (`backup.sock`) lies in the 0700 data dir and is
// 0600 itself, so no other account can even reach it; on top of that every request must carry the random token
// the server wrote to `backup.token` (0600, new at every start, removed at close), compared in constant time. A
// request that lacks it gets nothing. No TCP port is involved: nothing on the network can ask for a backup.
//
// The protocol: one JSON line from the client, `{"command":"backup","token":"…"}`; one JSON line back,
// `{"ok":true,"bytes":N,"sha256":"…"}` followed by the N bytes of the snapshot (a gzipped tar of the data dir, the
// same as an offline `samen backup`), or `{"ok":false,"error":"…"}`.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const BACKUP_SOCKET = 'backup.sock';
export const BACKUP_TOKEN = 'backup.token';
/** A request line is short; anything longer, or slower than this, is dropped. */
const MAX_REQUEST_BYTES = 1024;
const REQUEST_TIMEOUT_MS = 5_000;
/** Linux allows 108 bytes for a socket path (sun_path), the terminating NUL included. */
const MAX_SOCKET_PATH = 107;

export class BackupChannelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupChannelError';
  }
}

export interface BackupChannel {
  close(): Promise<void>;
}

/**
 * Opens the backup channel of the data dir whose lock this process holds. `snapshot` makes the backup (between
 * transactions); `beforeSnapshot` runs first (tightening file modes). Returns undefined, with a warning, when the
 * socket cannot be made (a data dir path too long for a socket): the server runs, online backups do not.
 */
export async function openBackupChannel(
  dataDir: string,
  snapshot: () => Promise<Blob>,
  beforeSnapshot: () => void = () => {},
): Promise<BackupChannel | undefined> {
  const socketPath = path.join(dataDir, BACKUP_SOCKET);
  const tokenPath = path.join(dataDir, BACKUP_TOKEN);
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) {
    process.emitWarning(
      `SAMEN_DATA_DIR is too long a path for the backup socket (${socketPath}): samen backup works only while the server is stopped`,
    );
    return undefined;
  }
  // We hold the data dir's lock: a socket or token left here is from a process that has gone.
  rmSync(socketPath, { force: true });
  const token = randomBytes(32);
  writeFileSync(tokenPath, token.toString('hex'), { mode: 0o600 });
  chmodSync(tokenPath, 0o600);
  let busy: Promise<unknown> = Promise.resolve();
  const server = net.createServer((socket) => {
    socket.setTimeout(REQUEST_TIMEOUT_MS, () => socket.destroy());
    socket.on('error', () => {});
    let received = '';
    const onData = (chunk: Buffer) => {
      received += chunk.toString('utf8');
      const end = received.indexOf('\n');
      if (end < 0) {
        if (received.length > MAX_REQUEST_BYTES) socket.destroy();
        return;
      }
      socket.off('data', onData);
      socket.setTimeout(0);
      void answer(socket, received.slice(0, end));
    };
    socket.on('data', onData);
  });
  const refuse = (socket: net.Socket, error: string) =>
    socket.end(`${JSON.stringify({ ok: false, error })}\n`);
  const answer = async (socket: net.Socket, line: string) => {
    let request: { command?: unknown; token?: unknown };
    try {
      request = JSON.parse(line) as typeof request;
    } catch {
      return refuse(socket, 'not a request');
    }
    const given = Buffer.from(typeof request.token === 'string' ? request.token : '', 'hex');
    if (given.length !== token.length || !timingSafeEqual(given, token))
      return refuse(socket, 'not authorised');
    if (request.command !== 'backup') return refuse(socket, 'unknown command');
    // One snapshot at a time: each holds the database's one connection for its duration anyway.
    const made = busy.then(async () => {
      beforeSnapshot();
      return Buffer.from(await (await snapshot()).arrayBuffer());
    });
    busy = made.catch(() => {});
    try {
      const bytes = await made;
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      socket.write(`${JSON.stringify({ ok: true, bytes: bytes.length, sha256 })}\n`);
      socket.end(bytes);
    } catch (error) {
      refuse(socket, `the snapshot failed: ${(error as Error).message}`);
    }
  };
  const previousUmask = process.umask(0o077);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    });
    chmodSync(socketPath, 0o600);
  } catch (error) {
    rmSync(tokenPath, { force: true });
    process.emitWarning(`The backup socket could not be opened: ${(error as Error).message}`);
    return undefined;
  } finally {
    process.umask(previousUmask);
  }
  // The server must not keep a process alive that is otherwise done.
  server.unref();
  return {
    async close() {
      rmSync(tokenPath, { force: true });
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(socketPath, { force: true });
      await busy;
    },
  };
}

/**
 * Asks the process that holds `dataDir` for a snapshot. Undefined when no process listens there (no server runs,
 * or it runs without a channel); throws BackupChannelError when one answers but refuses or breaks off.
 */
export async function requestOnlineBackup(dataDir: string): Promise<Buffer | undefined> {
  const socketPath = path.join(dataDir, BACKUP_SOCKET);
  let token: string;
  try {
    token = readFileSync(path.join(dataDir, BACKUP_TOKEN), 'utf8').trim();
  } catch {
    return undefined;
  }
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) return undefined;
  return new Promise<Buffer | undefined>((resolve, reject) => {
    const socket = net.createConnection(socketPath);
    const chunks: Buffer[] = [];
    let connected = false;
    socket.on('connect', () => {
      connected = true;
      socket.write(`${JSON.stringify({ command: 'backup', token })}\n`);
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (!connected && (error.code === 'ENOENT' || error.code === 'ECONNREFUSED')) resolve(undefined);
      else reject(new BackupChannelError(`the backup was broken off: ${error.message}`));
    });
    socket.on('close', () => {
      if (!connected) return;
      const all = Buffer.concat(chunks);
      const end = all.indexOf('\n');
      if (end < 0)
        return reject(new BackupChannelError('the server closed the backup channel without an answer'));
      const header = JSON.parse(all.subarray(0, end).toString('utf8')) as {
        ok: boolean;
        error?: string;
        bytes?: number;
        sha256?: string;
      };
      if (!header.ok) return reject(new BackupChannelError(`the server refused the backup: ${header.error}`));
      const body = all.subarray(end + 1);
      const sha256 = createHash('sha256').update(body).digest('hex');
      if (body.length !== header.bytes || sha256 !== header.sha256)
        return reject(new BackupChannelError('the backup arrived incomplete'));
      resolve(body);
    });
  });
}
