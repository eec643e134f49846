// The security and operations settings (issue 16): TRUST_PROXY, the API rate limit, address retention, drain.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const base = { NODE_ENV: 'test', SAMEN_DATA_DIR: '.tmp/config-security' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...base, ...env });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default', () => {
    expect(loadConfig(base).trustProxy).toBeUndefined();
    expect(loadConfig({ ...base, TRUST_PROXY: '' }).trustProxy).toBeUndefined();
  });

  it('takes a hop count or a list of addresses and CIDRs', () => {
    expect(loadConfig({ ...base, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ ...base, TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1,fd00::/8' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      '::1',
      'fd00::/8',
    ]);
  });

  it('refuses "true" (every hop trusted: any client could name itself), bad addresses and prefixes, by name', () => {
    for (const value of ['true', '10.0.0.300', '10.0.0.0/33', 'proxy.example.nl', '0', '11']) {
      const problems = problemsOf({ TRUST_PROXY: value });
      expect(problems, value).toHaveLength(1);
      expect(problems[0]).toContain('TRUST_PROXY');
    }
  });
});

describe('limits and periods', () => {
  it('has documented defaults', () => {
    const config = loadConfig(base);
    expect(config.apiRateLimit).toBe(600);
    expect(config.addressRetentionDays).toBe(30);
    expect(config.drainSeconds).toBe(10);
  });

  it('takes whole numbers in range and names a bad one', () => {
    const config = loadConfig({
      ...base,
      SAMEN_API_RATE_LIMIT: '1200',
      SAMEN_ADDRESS_RETENTION_DAYS: '7',
      SAMEN_DRAIN_SECONDS: '3',
    });
    expect([config.apiRateLimit, config.addressRetentionDays, config.drainSeconds]).toEqual([1200, 7, 3]);
    const problems = problemsOf({ SAMEN_API_RATE_LIMIT: '0', SAMEN_ADDRESS_RETENTION_DAYS: 'a month' });
    expect(problems.join('\n')).toMatch(/SAMEN_API_RATE_LIMIT[\s\S]*SAMEN_ADDRESS_RETENTION_DAYS/);
  });
});
