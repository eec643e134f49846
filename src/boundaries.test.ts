// The house's boundaries (.dependency-cruiser.cjs) hold with zero exceptions, and stay that way: `npm run lint`
// runs them with no list of known breaches to let a new one through. Issue 19: "the dependency rules pass with
// zero exceptions".
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const scripts = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

describe('dependency rules without exceptions', () => {
  it('npm run lint runs the dependency rules', () => {
    expect(scripts.lint).toContain('npm run --silent lint:deps');
    expect(scripts['lint:deps']).toMatch(/^depcruise src --config \.dependency-cruiser\.cjs\b/);
  });

  it('lint:deps ignores no known breach: no --ignore-known, no baseline file to hide one in', () => {
    const deps = Object.values(scripts).filter((s) => s.includes('depcruise'));
    for (const command of deps) {
      expect(command).not.toMatch(/--ignore-known|--output-type baseline|known-violations/);
    }
    expect(existsSync(path.join(ROOT, '.dependency-cruiser-known-violations.json'))).toBe(false);
  });

  it('no rule is switched off or weakened to a warning', () => {
    const config = readFileSync(path.join(ROOT, '.dependency-cruiser.cjs'), 'utf8');
    const severities = [...config.matchAll(/severity: '(\w+)'/g)].map((m) => m[1]);
    expect(severities.length).toBeGreaterThanOrEqual(8);
    expect(new Set(severities)).toEqual(new Set(['error']));
  });
});
