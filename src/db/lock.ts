// The embedded database's lock file (`samen.lock` in the data dir). PGlite does not stop a second process from
// opening the same data directory, and two writers would corrupt it, so a lock file keeps the second one out, with
// a clear error. The file must never need a hand, though: an empty, unreadable or stale file, or one naming a pid
// that the system has since given to another process, does not block a restart.
//
// The file holds `{ pid, start, token }`: the owner's pid, its start time as the kernel tells it (Linux:
// /proc/<pid>/stat, field 22, in clock ticks since boot; absent elsewhere) and a random token. The lock is held only
// while a process with that pid is alive *and* started at that time: a reused pid starts at another time. The file
// appears complete or not at all (written to a private file, then hard-linked into place, which fails if the lock
// exists), so a reader never sees a half-written lock. Taking over a stale lock renames it away first and checks
// that what it renamed is the lock it judged stale, so two processes racing for a stale lock cannot both win.
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'samen.lock';

export class DataDirLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database in ${dataDir} is in use by another Samen process (pid ${pid}). ` +
        'Stop it first (PGlite can be opened by one process at a time), or use DATABASE_URL for a PostgreSQL server.',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface LockOwner {
  pid: number;
  /** The process's start time (Linux: clock ticks since boot); undefined where the system does not tell. */
  start?: string | undefined;
  token: string;
}

/** The start time of a live process, from /proc (Linux); undefined when unknown or the process is gone. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
  } catch {
    return undefined;
  }
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** What a lock file says, or undefined when it is empty or not a lock (either way it holds nothing). */
export function parseLock(text: string): LockOwner | undefined {
  // The format before tokens: the pid alone. Held while that pid lives (no start time to compare).
  if (/^\s*\d+\s*$/.test(text))
    return Number(text) > 0 ? { pid: Number(text), token: text.trim() } : undefined;
  try {
    const value = JSON.parse(text) as Partial<LockOwner> | null;
    if (!value || !Number.isInteger(value.pid) || value.pid! <= 0 || typeof value.token !== 'string')
      return undefined;
    return {
      pid: value.pid!,
      start: typeof value.start === 'string' ? value.start : undefined,
      token: value.token,
    };
  } catch {
    return undefined;
  }
}

/** Whether the process a lock names still holds it: alive, and (where known) the same process, not a reuse. */
export function lockHeld(owner: LockOwner | undefined): boolean {
  if (!owner || !processAlive(owner.pid)) return false;
  if (owner.start === undefined) return true;
  const start = processStartTime(owner.pid);
  return start === undefined || start === owner.start;
}

function readLock(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Takes the data dir's lock; returns its release. Throws DataDirLockedError while another process holds it. */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lockFile = path.join(dataDir, LOCK_FILE);
  const mine: LockOwner = {
    pid: process.pid,
    start: processStartTime(process.pid),
    token: randomBytes(16).toString('hex'),
  };
  const text = JSON.stringify(mine);
  const draft = `${lockFile}.${process.pid}.${mine.token}`;
  writeFileSync(draft, text, { mode: 0o600 });
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(draft, lockFile);
        let released = false;
        const release = () => {
          if (released) return;
          released = true;
          try {
            if (readLock(lockFile) === text) unlinkSync(lockFile);
          } catch {
            // already gone
          }
        };
        process.once('exit', release);
        return release;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const seen = readLock(lockFile);
      if (seen === undefined) continue;
      const owner = parseLock(seen);
      // In this process the same data dir may be opened again after a close that has not released yet (tests):
      // a lock of our own pid with another token is stale too.
      if (owner && owner.pid !== process.pid && lockHeld(owner))
        throw new DataDirLockedError(dataDir, owner.pid);
      // Stale: move it away, and make sure what moved is what was judged stale.
      const aside = `${lockFile}.stale.${process.pid}.${mine.token}`;
      try {
        renameSync(lockFile, aside);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      const moved = readLock(aside);
      if (moved !== seen) {
        // Another process took the stale lock over in between: put its fresh lock back and let it have it.
        try {
          linkSync(aside, lockFile);
        } catch {
          // a third one holds it now; ours stays out either way
        }
        unlinkSync(aside);
        const other = parseLock(moved ?? '');
        throw new DataDirLockedError(dataDir, other?.pid ?? 0);
      }
      unlinkSync(aside);
    }
    throw new Error(`Could not lock ${dataDir}`);
  } finally {
    unlinkSync(draft);
  }
}
