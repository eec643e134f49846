// The real `samen stats` process, as an operator (or a data steward at a shell) would try it: no seed can be
// passed, the budget is not a setting, a data steward named as the administrator is refused, and two releases
// with the same arguments have different noise. Runs on the embedded database in a temporary data dir.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { samen, samenEnv } from '../../../test/cli.js';
import { testEngine } from '../../../test/db.js';
import { htcdsFixture } from './test/fixtures.js';

describe.skipIf(testEngine() !== 'pglite')('samen stats (process): seed, budget, noise', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'samen-stats-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const env = samenEnv(dataDir);

  it(
    'refuses --seed, budget settings and a steward as administrator; two releases differ; no seed in the files',
    { timeout: 600_000 },
    () => {
      const file = path.join(dataDir, 'cases.csv');
      writeFileSync(file, htcdsFixture());
      expect(samen(['stats', 'import', '--dataset', 'cases', '--format', 'htcds', file], env).status).toBe(0);
      for (const [email, role] of [
        ['steward@example.nl', 'data_steward'],
        ['admin@example.nl', 'admin'],
      ] as const)
        expect(
          samen(['user', 'add', '--email', email, '--role', role], env, {
            input: 'a long enough passphrase\n',
          }).status,
        ).toBe(0);
      const out = (name: string) => path.join(dataDir, name);

      // An attempt to pass a seed: refused before anything is read or spent.
      const seeded = samen(
        [
          'stats',
          'synthesize',
          '--dataset',
          'cases',
          '--epsilon',
          '1',
          '--reporting-length',
          '2',
          '--seed',
          '1',
          '--out',
          out('seeded.csv'),
        ],
        env,
      );
      expect(seeded.status).not.toBe(0);
      expect(seeded.stderr).toContain('--seed is refused');

      // The budget is not a setting, and a data steward is not an administrator.
      const settings = samen(['stats', 'settings', 'cases', '--epsilon-budget', '1000'], env);
      expect(settings.status).not.toBe(0);
      expect(settings.stderr).toContain('an administrator sets it');
      const steward = samen(
        [
          'stats',
          'budget',
          'cases',
          '--epsilon',
          '1000',
          '--delta',
          '1e-5',
          '--reason',
          'more',
          '--admin',
          'steward@example.nl',
        ],
        env,
      );
      expect(steward.status).not.toBe(0);
      expect(steward.stderr).toContain('steward@example.nl is not an active administrator');
      // Above the configured maximum: the field and the figure named, nothing set.
      const tooMuch = samen(
        [
          'stats',
          'budget',
          'cases',
          '--epsilon',
          '1000',
          '--delta',
          '1e-5',
          '--reason',
          'more',
          '--admin',
          'admin@example.nl',
        ],
        env,
      );
      expect(tooMuch.status).not.toBe(0);
      expect(tooMuch.stderr).toContain('epsilon: ε 1000 is not allowed');
      const list = samen(['stats', 'list'], env);
      expect(list.stdout).toContain('no budget set by an administrator yet');

      const set = samen(
        [
          'stats',
          'budget',
          'cases',
          '--epsilon',
          '4',
          '--delta',
          '1e-5',
          '--reason',
          'process test',
          '--admin',
          'admin@example.nl',
        ],
        env,
      );
      expect(set.stderr).toBe('');
      expect(set.status).toBe(0);
      expect(set.stdout).toContain('budget ε 4 at δ 1.0e-5');

      const release = (name: string) =>
        samen(
          [
            'stats',
            'synthesize',
            '--dataset',
            'cases',
            '--epsilon',
            '1',
            '--delta',
            '1e-5',
            '--reporting-length',
            '2',
            '--out',
            out(name),
          ],
          env,
        );
      const first = release('a.csv');
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      // The budget left is shown before the release.
      expect(first.stdout.split('\n')[0]).toMatch(/^cases: budget ε 4 .* left for one release ε 4\.00$/);
      expect(release('b.csv').status).toBe(0);
      const a = readFileSync(out('a.csv'), 'utf8');
      const b = readFileSync(out('b.csv'), 'utf8');
      expect(a).not.toBe(b);
      for (const text of [a, b, first.stdout]) expect(text).not.toMatch(/seed/i);
      // Over the budget: refused, naming what is left.
      const over = samen(
        [
          'stats',
          'synthesize',
          '--dataset',
          'cases',
          '--epsilon',
          '4',
          '--delta',
          '1e-5',
          '--reporting-length',
          '2',
          '--out',
          out('c.csv'),
        ],
        env,
      );
      expect(over.status).not.toBe(0);
      expect(over.stderr).toMatch(
        /epsilon: ε 4 would exceed the data set's privacy budget: at δ 1\.00e-5 at most ε [\d.]+ is left/,
      );
    },
  );
});
