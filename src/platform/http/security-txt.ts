// /.well-known/security.txt (RFC 9116): where a researcher who finds a weakness (or a leak of victims' data)
// reports it. Every field comes from the configuration (SAMEN_SECURITY_*); without it the path answers 404, as no
// contact is ever invented. With SAMEN_SECURITY_TXT_KEY_FILE the file is an OpenPGP cleartext-signed message. The
// text is made and signed once, at boot: it only changes with the configuration.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import * as openpgp from 'openpgp';
import type { Config, SecurityTxtConfig } from '../../config.js';

export const SECURITY_TXT_PATH = '/.well-known/security.txt';
/** Where the platform serves the repository's SECURITY.md when no SAMEN_SECURITY_POLICY_URL is set. */
export const SECURITY_POLICY_PATH = '/.well-known/security-policy.md';

export interface SecurityTxtOptions {
  config: Pick<Config, 'securityTxt' | 'publicOrigin'>;
  /** The signature's creation time. */
  clock: () => Date;
  /** The policy served at SECURITY_POLICY_PATH (default: SECURITY.md at the repository root). */
  policyText?: string;
}

/** SECURITY.md beside the package.json this code belongs to (from src/ or from dist/src/). */
export function findSecurityPolicy(): string | undefined {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const file = path.join(dir, 'SECURITY.md');
    if (existsSync(file) && existsSync(path.join(dir, 'package.json'))) return readFileSync(file, 'utf8');
    dir = path.dirname(dir);
  }
  return undefined;
}

/** The unsigned fields, one per line, CRLF-free (RFC 9116 allows LF). */
export function securityTxtFields(
  config: SecurityTxtConfig,
  publicOrigin: string,
  policyUrl?: string,
): string {
  const lines = [
    '# Security contact for this Samen deployment (RFC 9116). Please never test on real people’s data:',
    '# see the policy below for what is in scope and what to expect.',
    ...config.contacts.map((contact) => `Contact: ${contact}`),
    `Expires: ${config.expires.toISOString()}`,
    `Preferred-Languages: ${config.languages.join(', ')}`,
    `Canonical: ${publicOrigin}${SECURITY_TXT_PATH}`,
    ...(policyUrl ? [`Policy: ${policyUrl}`] : []),
  ];
  return `${lines.join('\n')}\n`;
}

/** Signs `text` as an OpenPGP cleartext message with the armored private key (which must not be encrypted). */
export async function signSecurityTxt(text: string, armoredKey: string, date: Date): Promise<string> {
  let key: openpgp.PrivateKey;
  try {
    key = await openpgp.readPrivateKey({ armoredKey });
  } catch {
    throw new Error('SAMEN_SECURITY_TXT_KEY_FILE does not hold a readable OpenPGP private key');
  }
  if (!key.isDecrypted()) {
    throw new Error(
      'SAMEN_SECURITY_TXT_KEY_FILE holds a passphrase-protected key; export it without a passphrase',
    );
  }
  try {
    return await openpgp.sign({
      message: await openpgp.createCleartextMessage({ text }),
      signingKeys: key,
      date,
    });
  } catch (error) {
    throw new Error(
      `SAMEN_SECURITY_TXT_KEY_FILE: the key cannot sign (${error instanceof Error ? error.message : 'unknown'})`,
    );
  }
}

export async function securityTxtPlugin(app: FastifyInstance, options: SecurityTxtOptions): Promise<void> {
  const config = options.config.securityTxt;
  const publicOrigin = options.config.publicOrigin;
  if (!config) return; // 404 through the app's not-found handler: no contact is invented.

  let policyUrl = config.policyUrl;
  const policyText = config.policyUrl ? undefined : (options.policyText ?? findSecurityPolicy());
  if (policyText !== undefined) policyUrl = `${publicOrigin}${SECURITY_POLICY_PATH}`;

  const fields = securityTxtFields(config, publicOrigin, policyUrl);
  const body = config.keyFile
    ? await signSecurityTxt(fields, readFileSync(config.keyFile, 'utf8'), options.clock())
    : fields;

  app.get(SECURITY_TXT_PATH, { schema: { hide: true } }, async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=86400');
    return reply.type('text/plain; charset=utf-8').send(body);
  });
  if (policyText !== undefined) {
    app.get(SECURITY_POLICY_PATH, { schema: { hide: true } }, async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=86400');
      return reply.type('text/markdown; charset=utf-8').send(policyText);
    });
  }
}
