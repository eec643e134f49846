// SAMEN_API_CONTACT_*: info.contact of the API's OpenAPI document (the API Design Rules want name, e-mail, URL).
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

describe('SAMEN_API_CONTACT_*', () => {
  it('is absent by default (no invented address) and read when given', () => {
    expect(loadConfig({ SAMEN_DATA_DIR: dataDir }).apiContact).toBeUndefined();
    expect(
      loadConfig({ SAMEN_DATA_DIR: dataDir, SAMEN_API_CONTACT_EMAIL: 'api@gemeente.example' }).apiContact,
    ).toEqual({ name: 'Samen', email: 'api@gemeente.example', url: '' });
    expect(
      loadConfig({
        SAMEN_DATA_DIR: dataDir,
        SAMEN_API_CONTACT_NAME: 'Team Samen',
        SAMEN_API_CONTACT_EMAIL: 'api@gemeente.example',
        SAMEN_API_CONTACT_URL: 'https://gemeente.example/api',
      }).apiContact,
    ).toEqual({ name: 'Team Samen', email: 'api@gemeente.example', url: 'https://gemeente.example/api' });
  });

  it('names a value that is not an e-mail address or an https URL', () => {
    for (const [name, bad] of [
      ['SAMEN_API_CONTACT_EMAIL', 'api'],
      ['SAMEN_API_CONTACT_EMAIL', 'Team <api@gemeente.example>'],
      ['SAMEN_API_CONTACT_URL', 'http://gemeente.example/api'],
      ['SAMEN_API_CONTACT_URL', 'not a url'],
    ] as const) {
      try {
        loadConfig({ SAMEN_DATA_DIR: dataDir, [name]: bad });
        throw new Error(`accepted ${name}=${bad}`);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).problems.join('\n')).toContain(name);
      }
    }
  });
});
