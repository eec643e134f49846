// SAMEN_PUBLISHER_NAME and SAMEN_DATA_LICENCE: who publishes the directory's HSDS feed and under which licence
// (shown on /api/hsds).
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

describe('the directory publisher and data licence', () => {
  it('are absent by default (the feed then says Samen and CC0) and read when given', () => {
    const plain = loadConfig({ SAMEN_DATA_DIR: dataDir });
    expect(plain.publisherName).toBeUndefined();
    expect(plain.dataLicence).toBeUndefined();
    const given = loadConfig({
      SAMEN_DATA_DIR: dataDir,
      SAMEN_PUBLISHER_NAME: ' CoMensha ',
      SAMEN_DATA_LICENCE: 'https://creativecommons.org/licenses/by/4.0/',
    });
    expect(given.publisherName).toBe('CoMensha');
    expect(given.dataLicence).toBe('https://creativecommons.org/licenses/by/4.0/');
  });

  it('names a licence that is not a web address and a name that is too long', () => {
    let error: unknown;
    try {
      loadConfig({
        SAMEN_DATA_DIR: dataDir,
        SAMEN_DATA_LICENCE: 'CC0',
        SAMEN_PUBLISHER_NAME: 'x'.repeat(201),
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(String((error as Error).message)).toContain('SAMEN_DATA_LICENCE');
    expect(String((error as Error).message)).toContain('SAMEN_PUBLISHER_NAME');
  });
});
