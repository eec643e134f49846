// SAMEN_DIRECTORY_EMAIL: the directory team's role address, published as HSDS assurer_email instead of a
// steward's login e-mail.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'samen-config-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('SAMEN_DIRECTORY_EMAIL', () => {
  it('is absent by default and read when given', () => {
    expect(loadConfig({ SAMEN_DATA_DIR: dataDir }).directoryEmail).toBeUndefined();
    expect(
      loadConfig({ SAMEN_DATA_DIR: dataDir, SAMEN_DIRECTORY_EMAIL: 'wegwijzer@comensha.example' })
        .directoryEmail,
    ).toBe('wegwijzer@comensha.example');
  });

  it('names a value that is not an e-mail address', () => {
    for (const bad of ['wegwijzer', 'a b@c.nl', 'Wegwijzer <w@c.nl>']) {
      try {
        loadConfig({ SAMEN_DATA_DIR: dataDir, SAMEN_DIRECTORY_EMAIL: bad });
        throw new Error(`accepted ${bad}`);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).problems.join('\n')).toContain('SAMEN_DIRECTORY_EMAIL');
      }
    }
  });
});
