// `samen audit verify`: walks the hash chain of the audit trail and says whether it is intact, how many entries
// were checked and how fast; on tampering it exits 1 and names the first broken entry (id, time, action).
import type { Command } from 'commander';
import { withDatabase } from '../../cli/context.js';
import type { Services } from '../../services.js';

export interface AuditCommandDeps {
  withServices<T>(fn: (services: Services) => Promise<T>): Promise<T>;
  out(line: string): void;
  /** Progress lines (standard error, only on a terminal by default). */
  progress?(line: string): void;
  /** Sets the process's exit code (1: the chain is broken). */
  setExitCode(code: number): void;
  now(): number;
}

const defaultDeps: AuditCommandDeps = {
  withServices: (fn) => withDatabase(({ services }) => fn(services)),
  out: (line) => process.stdout.write(`${line}\n`),
  ...(process.stderr.isTTY ? { progress: (line: string) => process.stderr.write(`\r${line}`) } : {}),
  setExitCode: (code) => {
    process.exitCode = code;
  },
  now: () => performance.now(),
};

const count = (n: number) => n.toLocaleString('en-US');

export async function verifyAudit(services: Services, deps: Omit<AuditCommandDeps, 'withServices'>) {
  const started = deps.now();
  let lastProgress = started;
  const result = await services.audit.verify({
    onProgress: (checked) => {
      const now = deps.now();
      if (deps.progress && now - lastProgress > 2000) {
        lastProgress = now;
        deps.progress(`checked ${count(checked)} entries …`);
      }
    },
  });
  if (deps.progress && lastProgress !== started) deps.progress('\n');
  const seconds = Math.max(deps.now() - started, 1) / 1000;
  const rate = Math.round(result.checked / seconds);
  deps.out(
    `Checked ${count(result.checked)} audit entries in ${seconds.toFixed(2)} s (${count(rate)} entries/s).`,
  );
  if (result.broken) {
    const b = result.broken;
    const why =
      b.reason === 'changed'
        ? 'its contents do not match its hash: the entry was changed'
        : `it does not chain to the entry before it (${b.previousId === null ? 'none: it should be the first' : `id ${b.previousId}`}): an entry was deleted or inserted there`;
    deps.out(`BROKEN: the first entry that does not verify is id ${b.id} (${b.at}, ${b.action}): ${why}.`);
    deps.setExitCode(1);
    return result;
  }
  deps.out(
    result.lastGood
      ? `The chain is intact. Last entry: id ${result.lastGood.id}, hash ${result.lastGood.hash} (keep it elsewhere to detect a rewritten tail).`
      : 'The audit trail is empty.',
  );
  return result;
}

export function registerAuditCommands(program: Command, overrides: Partial<AuditCommandDeps> = {}) {
  const deps: AuditCommandDeps = { ...defaultDeps, ...overrides };
  const audit = program.command('audit').description('The hash-chained audit trail.');
  audit
    .command('verify')
    .description(
      'Check the whole hash chain of the audit trail; exits 1 and names the first broken entry when an entry was changed, deleted or inserted.',
    )
    .action(async () => {
      await deps.withServices((services) => verifyAudit(services, deps));
    });
}
