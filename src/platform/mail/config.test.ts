// SAMEN_SMTP_URL and SAMEN_MAIL_FROM: validated at boot with a clear message (never echoing a password), and the
// transport that follows from them.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';
import { testConfig } from '../../../test/app.js';
import { defaultMailTransport } from './transport.js';

const base = {
  NODE_ENV: 'test',
  SESSION_SECRET: 'x'.repeat(40),
  ENCRYPTION_KEY: 'ab'.repeat(32),
  SAMEN_FIELD_KEYS: `k1:${'cd'.repeat(32)}`,
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...base, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

const silent = { info() {}, warn() {}, error() {}, debug() {} };

describe('mail configuration', () => {
  it('accepts smtp:// and smtps:// with or without credentials, and defaults the sender', () => {
    const config = loadConfig({ ...base, SAMEN_SMTP_URL: 'smtps://user:p%40ss@mail.example.nl:465' });
    expect(config.smtpUrl).toBe('smtps://user:p%40ss@mail.example.nl:465');
    expect(config.mailFrom).toBe('Samen <noreply@localhost>');
    expect(loadConfig({ ...base, SAMEN_SMTP_URL: 'smtp://mail.example.nl' }).smtpUrl).toBe(
      'smtp://mail.example.nl',
    );
    expect(loadConfig(base).smtpUrl).toBeUndefined();
  });

  it('names SAMEN_SMTP_URL for a wrong scheme, a non-URL or a password without user, without the password', () => {
    expect(problems({ SAMEN_SMTP_URL: 'http://mail.example.nl' })).toEqual([
      'SAMEN_SMTP_URL must start with smtp:// or smtps:// (got "http://…")',
    ]);
    expect(problems({ SAMEN_SMTP_URL: 'mail.example.nl:25' })[0]).toMatch(/^SAMEN_SMTP_URL must start with/);
    expect(problems({ SAMEN_SMTP_URL: 'not a url' })[0]).toMatch(/^SAMEN_SMTP_URL is not a valid URL/);
    const withPassword = problems({ SAMEN_SMTP_URL: 'smtp://:hunter2secret@mail.example.nl' });
    expect(withPassword[0]).toMatch(/^SAMEN_SMTP_URL has a password but no user name/);
    expect(withPassword.join(' ')).not.toContain('hunter2secret');
  });

  it('accepts `Name <address>` or an address as SAMEN_MAIL_FROM and refuses line breaks or junk', () => {
    expect(loadConfig({ ...base, SAMEN_MAIL_FROM: 'Samen Utrecht <samen@utrecht.nl>' }).mailFrom).toBe(
      'Samen Utrecht <samen@utrecht.nl>',
    );
    expect(loadConfig({ ...base, SAMEN_MAIL_FROM: 'samen@utrecht.nl' }).mailFrom).toBe('samen@utrecht.nl');
    for (const bad of ['Samen', 'Samen <samen@utrecht.nl>\r\nBcc: x@y.nl', 'a <b@c.nl> d <e@f.nl>']) {
      expect(problems({ SAMEN_MAIL_FROM: bad })[0]).toMatch(/^SAMEN_MAIL_FROM must be an address/);
    }
  });

  it('chooses SMTP when configured, files in development, and nothing in production without SMTP', () => {
    expect(defaultMailTransport(testConfig({ smtpUrl: 'smtp://127.0.0.1:2525' }), silent)?.name).toBe('smtp');
    expect(defaultMailTransport(testConfig({ nodeEnv: 'development' }), silent)?.name).toBe('file');
    expect(defaultMailTransport(testConfig({ nodeEnv: 'production' }), silent)).toBeNull();
  });
});
