// Where a provider's client secret (or private key) comes from at run time: a file or an environment variable,
// named in the registry; the secret itself is never stored. Kept apart from client.ts, so the `samen idp`
// commands load without the OpenID Connect client.
import { readFileSync } from 'node:fs';

/** A refusal with a reason code (audited) that the page explains in words. */
export class OidcRefusal extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Reads the secret a provider's `secret_source` names; throws a refusal when it is missing. */
export function readSecret(source: string): string {
  const [kind, ...rest] = source.split(':');
  const where = rest.join(':');
  let value: string | undefined;
  if (kind === 'env') value = process.env[where];
  else if (kind === 'file') {
    try {
      value = readFileSync(where, 'utf8');
    } catch {
      value = undefined;
    }
  }
  value = value?.trim();
  if (!value) throw new OidcRefusal('secret_unavailable');
  return value;
}
