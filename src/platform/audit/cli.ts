// `samen audit verify`: walks the hash chain of the audit trail and says whether it is intact, how many entries
// were checked and how fast; on tampering it exits 1 and names the first broken entry (id, time, action). It checks
// against the latest signed checkpoint (SAMEN_CHECKPOINT_DIR, or --checkpoint <file>), which catches a chain
// re-hashed after a change and a tail cut off.
import type { Command } from 'commander';
import type { WithServices } from '../cli.js';
import type { AuditCheckpoints } from './checkpoint.js';
import type { AuditService } from './service.js';

/** What `samen audit verify` uses. */
export interface AuditCommandServices {
  audit: AuditService;
  auditCheckpoints: AuditCheckpoints;
}

export interface AuditCommandDeps {
  /** Handed in by main.ts (the platform never builds the services). */
  withServices: WithServices<AuditCommandServices>;
  out(line: string): void;
  /** Progress lines (standard error, only on a terminal by default). */
  progress?(line: string): void;
  /** Sets the process's exit code (1: the chain is broken). */
  setExitCode(code: number): void;
  now(): number;
}

const defaultDeps: Omit<AuditCommandDeps, 'withServices'> = {
  out: (line) => process.stdout.write(`${line}\n`),
  ...(process.stderr.isTTY ? { progress: (line: string) => process.stderr.write(`\r${line}`) } : {}),
  setExitCode: (code) => {
    process.exitCode = code;
  },
  now: () => performance.now(),
};

const count = (n: number) => n.toLocaleString('en-US');

export async function verifyAudit(
  services: AuditCommandServices,
  deps: Omit<AuditCommandDeps, 'withServices'>,
  options: { checkpoint?: string } = {},
) {
  const found = options.checkpoint
    ? services.auditCheckpoints.read(options.checkpoint)
    : services.auditCheckpoints.latest();
  if (found?.problem) {
    deps.out(`BROKEN: the checkpoint ${found.file} cannot be trusted: ${found.problem}.`);
    deps.setExitCode(1);
    return undefined;
  }
  const checkpoint = found?.checkpoint;
  deps.out(
    checkpoint
      ? `Checkpoint: entry ${checkpoint.id} of ${checkpoint.madeAt} (${found!.file}), signature valid.`
      : `No checkpoint in ${services.auditCheckpoints.directory}: entries deleted from the end cannot be detected (run 'samen jobs run audit.checkpoint').`,
  );
  const started = deps.now();
  let lastProgress = started;
  const result = await services.audit.verify({
    ...(checkpoint ? { anchor: checkpoint } : {}),
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
    const of = checkpoint ? `the checkpoint of ${checkpoint.madeAt} (entry ${checkpoint.id})` : '';
    if (b.reason === 'truncated') {
      deps.out(
        `BROKEN: the trail ends ${b.previousId === null ? 'empty' : `at id ${b.previousId}`}, before ${of}: entries were deleted from the end.`,
      );
    } else {
      const why =
        b.reason === 'changed'
          ? 'its contents do not match its hash: the entry was changed'
          : b.reason === 'rewritten'
            ? b.id === checkpoint?.id
              ? `its hash is not the one in ${of}: the trail was changed and re-hashed`
              : `entry ${checkpoint?.id} of ${of} is missing: the trail was changed and re-hashed`
            : `it does not chain to the entry before it (${b.previousId === null ? 'none: it should be the first' : `id ${b.previousId}`}): an entry was deleted or inserted there`;
      deps.out(`BROKEN: the first entry that does not verify is id ${b.id} (${b.at}, ${b.action}): ${why}.`);
    }
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

export function registerAuditCommands(
  program: Command,
  overrides: Pick<AuditCommandDeps, 'withServices'> & Partial<AuditCommandDeps>,
) {
  const deps: AuditCommandDeps = { ...defaultDeps, ...overrides };
  const audit = program.command('audit').description('The hash-chained audit trail.');
  audit
    .command('verify')
    .description(
      'Check the whole keyed hash chain of the audit trail against the latest signed checkpoint; exits 1 and names the first broken entry when an entry was changed, deleted, inserted, re-hashed or cut off the end.',
    )
    .option(
      '--checkpoint <file>',
      'a checkpoint file to check against (default: the latest in SAMEN_CHECKPOINT_DIR)',
    )
    .action(async (options: { checkpoint?: string }) => {
      await deps.withServices((services) => verifyAudit(services, deps, options));
    });
}
