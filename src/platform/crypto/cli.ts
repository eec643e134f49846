// `samen keys new` and `samen keys rotate`: make a field-encryption key, and re-encrypt the registered columns
// with the current key (the first of SAMEN_FIELD_KEYS) after a new one was put in front.
import { Command, InvalidArgumentError } from 'commander';
import { CliError, type WithServices } from '../cli.js';
import { newFieldKey } from './fields.js';
import type { FieldCryptoService } from './service.js';

/** What `samen keys rotate` uses. */
export interface KeyServices {
  fieldCrypto: FieldCryptoService;
}

export interface KeyCommandDeps {
  /** Handed in by main.ts (the platform never builds the services). */
  withServices: WithServices<KeyServices>;
  out(line: string): void;
  setExitCode(code: number): void;
}

const defaultDeps: Omit<KeyCommandDeps, 'withServices'> = {
  out: (line) => process.stdout.write(`${line}\n`),
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

export async function rotateKeys(
  services: KeyServices,
  batchSize: number,
  deps: Omit<KeyCommandDeps, 'withServices'>,
) {
  const crypto = services.fieldCrypto;
  const registered = crypto.registered();
  if (registered.length === 0) {
    deps.out('No encrypted columns are registered: nothing to rotate.');
    return [];
  }
  const reports = await crypto.rotate({ batchSize });
  for (const r of reports)
    deps.out(
      `${r.table}: ${r.values} value(s) in ${r.rows} row(s) re-encrypted with key ${crypto.currentKeyId}` +
        (r.unreadable > 0 ? `; ${r.unreadable} value(s) no key decrypts were left as they are` : ''),
    );
  const unreadable = reports.reduce((n, r) => n + r.unreadable, 0);
  if (unreadable > 0) {
    deps.out('Some values could not be decrypted: is a retired key missing from SAMEN_FIELD_KEYS?');
    deps.setExitCode(1);
  } else {
    deps.out(
      'Every registered value is now under the current key; older keys can be removed from SAMEN_FIELD_KEYS.',
    );
  }
  return reports;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000)
    throw new InvalidArgumentError('a whole number from 1 to 100000');
  return n;
}

export function registerKeyCommands(
  program: Command,
  overrides: Pick<KeyCommandDeps, 'withServices'> & Partial<KeyCommandDeps>,
) {
  const deps: KeyCommandDeps = { ...defaultDeps, ...overrides };
  const keys = program.command('keys').description('Field-encryption keys (SAMEN_FIELD_KEYS).');
  keys
    .command('new')
    .description(
      'Print a new random key as `<id>:<64 hex>`. Put it first in SAMEN_FIELD_KEYS (keep the old ones after it), restart, then run `samen keys rotate`.',
    )
    .option(
      '--id <id>',
      'the key id (letters, digits, _ or -)',
      `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`,
    )
    .action((options: { id: string }) => {
      try {
        deps.out(newFieldKey(options.id));
      } catch (error) {
        throw new CliError(`--id: ${(error as Error).message.replace(/^key id: /, '')}`);
      }
    });
  keys
    .command('rotate')
    .description(
      'Re-encrypt every registered encrypted column with the current key (the first of SAMEN_FIELD_KEYS), in batches; exits 1 if some value no key decrypts.',
    )
    .option('--batch-size <n>', 'rows per transaction', positiveInt, 500)
    .action(async (options: { batchSize: number }) => {
      await deps.withServices((services) => rotateKeys(services, options.batchSize, deps));
    });
}
