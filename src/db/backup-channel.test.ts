// The backup channel (backup-channel.ts) as an attacker meets it: only the data dir's owner reaches the socket, and
// only a request with this start's token gets a snapshot; everything else gets nothing, and no snapshot is made.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BACKUP_SOCKET,
  BACKUP_TOKEN,
  BackupChannelError,
  openBackupChannel,
  requestOnlineBackup,
} from './backup-channel.js';

/** Sends one raw line to the socket and returns all it answers. */
function ask(socketPath: string, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(socketPath, () => socket.write(line));
    let answer = '';
    socket.on('data', (c: Buffer) => (answer += c.toString('latin1')));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('the backup channel', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'samen-chan-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const snapshotBytes = Buffer.from('a stand-in snapshot \u0000\u0001 with binary bytes', 'latin1');

  it('hands the snapshot to a request with the token, over a socket and token file of the owner only', async () => {
    const dataDir = mkdtempSync(path.join(root, 'd'));
    let snapshots = 0;
    const channel = await openBackupChannel(dataDir, async () => {
      snapshots++;
      return new Blob([snapshotBytes]);
    });
    try {
      expect(channel).toBeDefined();
      expect(statSync(path.join(dataDir, BACKUP_SOCKET)).mode & 0o777).toBe(0o600);
      expect(statSync(path.join(dataDir, BACKUP_TOKEN)).mode & 0o777).toBe(0o600);
      const bytes = await requestOnlineBackup(dataDir);
      expect(bytes?.equals(snapshotBytes)).toBe(true);
      expect(snapshots).toBe(1);
    } finally {
      await channel?.close();
    }
    // Closed: nothing left behind, and a backup request finds no server.
    expect(existsSync(path.join(dataDir, BACKUP_SOCKET))).toBe(false);
    expect(existsSync(path.join(dataDir, BACKUP_TOKEN))).toBe(false);
    expect(await requestOnlineBackup(dataDir)).toBeUndefined();
  });

  it('gives nothing to a request without the right token, or that is no request at all', async () => {
    const dataDir = mkdtempSync(path.join(root, 'd'));
    let snapshots = 0;
    const channel = await openBackupChannel(dataDir, async () => {
      snapshots++;
      return new Blob([snapshotBytes]);
    });
    const socketPath = path.join(dataDir, BACKUP_SOCKET);
    try {
      const refused = (answer: string) => {
        expect(answer).not.toContain('stand-in');
        return JSON.parse(answer) as { ok: boolean; error: string };
      };
      expect(refused(await ask(socketPath, '{"command":"backup","token":"00"}\n'))).toEqual({
        ok: false,
        error: 'not authorised',
      });
      expect(refused(await ask(socketPath, `{"command":"backup","token":"${'0'.repeat(64)}"}\n`)).error).toBe(
        'not authorised',
      );
      expect(refused(await ask(socketPath, '{"command":"backup"}\n')).error).toBe('not authorised');
      expect(refused(await ask(socketPath, 'backup please\n')).error).toBe('not a request');
      // A line that never ends is cut off, unanswered.
      expect(await ask(socketPath, 'x'.repeat(5000))).toBe('');
      expect(snapshots).toBe(0);
    } finally {
      await channel?.close();
    }
  });

  it('cannot be reached by another account on the machine', async (context) => {
    if (process.getuid?.() !== 0) {
      console.warn('not running as root: the other-account check needs to switch to another uid; skipped');
      context.skip();
    }
    const dataDir = mkdtempSync(path.join(root, 'd'));
    // Even with the token in hand (say it leaked), another account cannot open the socket in a 0700 data dir;
    // nor one whose directory was opened up by mistake, since the socket itself is 0600.
    const channel = await openBackupChannel(dataDir, async () => new Blob([snapshotBytes]));
    try {
      // The other account runs Debian's perl (perl-base is always installed), not this node binary: in CI node lives
      // under root's home, which another account cannot even execute.
      const attempt = (dir: string) =>
        spawnSync(
          '/usr/bin/perl',
          [
            '-MIO::Socket::UNIX',
            '-e',
            'my $s = IO::Socket::UNIX->new(Peer => $ARGV[0]); print($s ? "connected" : ($!{EACCES} ? "EACCES" : "error: $!"))',
            path.join(dir, BACKUP_SOCKET),
          ],
          { uid: 65534, gid: 65534, encoding: 'utf8', cwd: '/' },
        );
      chmodSync(root, 0o755);
      const closed = attempt(dataDir);
      expect(closed.stdout.trim()).toBe('EACCES');
      chmodSync(dataDir, 0o755);
      const opened = attempt(dataDir);
      expect(opened.stdout.trim()).toBe('EACCES');
    } finally {
      chmodSync(dataDir, 0o700);
      chmodSync(root, 0o700);
      await channel?.close();
    }
  });

  it('treats a socket left by a killed server as no server, and an incomplete answer as an error', async () => {
    const dataDir = mkdtempSync(path.join(root, 'd'));
    writeFileSync(path.join(dataDir, BACKUP_SOCKET), '');
    writeFileSync(path.join(dataDir, BACKUP_TOKEN), 'ab'.repeat(32));
    expect(await requestOnlineBackup(dataDir)).toBeUndefined();
    rmSync(path.join(dataDir, BACKUP_SOCKET));
    // A server that says 100 bytes and sends 3.
    const liar = net.createServer((socket) => socket.end('{"ok":true,"bytes":100,"sha256":"00"}\nabc'));
    await new Promise<void>((resolve) => liar.listen(path.join(dataDir, BACKUP_SOCKET), resolve));
    try {
      await expect(requestOnlineBackup(dataDir)).rejects.toThrow(BackupChannelError);
    } finally {
      liar.close();
      liar.unref();
    }
  });
});
