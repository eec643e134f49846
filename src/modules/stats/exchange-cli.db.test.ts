// `samen stats agreement …` and `samen stats export-htcds --agreement` as an operator would use them, in the real
// process on the embedded database in a temporary data dir: a field no agreement may allow and a data steward as
// the administrator are refused with nothing recorded; the export without an agreement has no identity field;
// with one it has the fields it allows; an ended or unknown agreement is refused and no file is written.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { samen, samenEnv } from '../../../test/cli.js';
import { testEngine } from '../../../test/db.js';

describe.skipIf(testEngine() !== 'pglite')('samen stats agreement and export-htcds (process)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'samen-stats-exchange-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const out = (name: string) => path.join(dataDir, name);

  const env = samenEnv(dataDir);

  it(
    'records, lists and ends agreements; exports under one only while it holds',
    { timeout: 600_000 },
    () => {
      for (const [email, role] of [
        ['steward@example.nl', 'data_steward'],
        ['admin@example.nl', 'admin'],
      ] as const)
        expect(
          samen(['user', 'add', '--email', email, '--role', role], env, {
            input: 'a long enough passphrase\n',
          }).status,
        ).toBe(0);
      const record = (fields: string, admin = 'admin@example.nl') =>
        samen(
          [
            'stats',
            'agreement',
            'record',
            '--partner',
            'Partner Exchange',
            '--purpose',
            'Joint analysis',
            '--fields',
            fields,
            '--exact-dates',
            '--from',
            '2026-01-01',
            '--to',
            '2099-12-31',
            '--admin',
            admin,
          ],
          env,
        );

      const name = record('prs_FirstName,prs_Birthdate');
      expect(name.status).not.toBe(0);
      expect(name.stderr).toContain('“prs_FirstName” is not a field an agreement can allow');
      expect(name.stderr).toContain('nothing was recorded');
      const steward = record('prs_Birthdate', 'steward@example.nl');
      expect(steward.status).not.toBe(0);
      expect(steward.stderr).toContain('steward@example.nl is not an active administrator');

      const recorded = record('prs_Birthdate');
      expect(recorded.status).toBe(0);
      const id = /Agreement ([0-9a-f-]{36}) recorded/.exec(recorded.stdout)![1]!;
      const list = samen(['stats', 'agreement', 'list'], env).stdout;
      expect(list).toContain(id);
      expect(list).toContain('prs_Birthdate');
      expect(list).toContain('exact dates');

      expect(samen(['stats', 'export-htcds', '--out', out('plain.csv')], env).status).toBe(0);
      const plain = readFileSync(out('plain.csv'), 'utf8').split('\n')[0]!;
      expect(plain).toContain('vic_TraffickingStatus');
      expect(plain).not.toContain('prs_Birthdate');
      expect(
        samen(['stats', 'export-htcds', '--out', out('agreed.csv'), '--agreement', id], env).status,
      ).toBe(0);
      expect(readFileSync(out('agreed.csv'), 'utf8').split('\n')[0]).toContain('prs_Birthdate');

      expect(samen(['stats', 'agreement', 'end', id, '--admin', 'admin@example.nl'], env).status).toBe(0);
      expect(samen(['stats', 'agreement', 'list'], env).stdout).toMatch(/\tended \d{4}-\d{2}-\d{2}/);
      const ended = samen(['stats', 'export-htcds', '--out', out('ended.csv'), '--agreement', id], env);
      expect(ended.status).not.toBe(0);
      expect(ended.stderr).toContain('the agreement with Partner Exchange has been ended');
      expect(existsSync(out('ended.csv'))).toBe(false);
      const unknown = samen(
        ['stats', 'export-htcds', '--out', out('unknown.csv'), '--agreement', 'nope'],
        env,
      );
      expect(unknown.status).not.toBe(0);
      expect(unknown.stderr).toContain('No such data-sharing agreement');
      expect(existsSync(out('unknown.csv'))).toBe(false);
    },
  );
});
