// `samen monitor rounds` and `samen monitor annex` on an embedded database in a temporary data directory (the
// commands run in this process, through commander, as `samen` runs them): one command gives the annex of the
// seeded locked round as PDF, CSV and HTML, and a wrong round id is a clear error.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testEngine } from '../../../test/db.js';
import { testConfig } from '../../../test/app.js';
import { connect } from '../../db/connect.js';
import { migrate } from '../../db/migrate.js';
import { createServices } from '../../services.js';
import { withDatabase } from '../../cli/context.js';
import { registerMonitorCommands } from './cli.js';

describe.skipIf(testEngine() !== 'pglite')('samen monitor', () => {
  let dir: string;
  const saved = { ...process.env };

  async function samen(...args: string[]): Promise<string> {
    const program = new Command().exitOverride();
    registerMonitorCommands(program, (work) => withDatabase(({ services }) => work(services)));
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    try {
      await program.parseAsync(['node', 'samen', 'monitor', ...args]);
    } finally {
      spy.mockRestore();
    }
    return out.join('');
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'samen-monitor-'));
    const dataDir = path.join(dir, 'data');
    Object.assign(process.env, { SAMEN_DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    delete process.env.DATABASE_URL;
    const database = await connect({ dataDir });
    try {
      await migrate(database.db);
      const services = createServices({
        db: database.db,
        // The CLI under test runs in a child process on the machine's clock, so the data it reads is made on
        // that clock too.
        // eslint-disable-next-line no-restricted-syntax -- the child process's clock, not a TestClock
        clock: () => new Date(),
        config: testConfig({ dataDir }),
        mailTransport: null,
      });
      await services.monitor.loadSamplePlan();
    } finally {
      await database.close();
    }
  }, 120_000);

  afterAll(() => {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the rounds with the id first, and writes the annex of one as PDF, CSV and HTML', async () => {
    const listed = await samen('rounds');
    const [id, status, deadline, name] = listed.trim().split('\t');
    expect([status, deadline, name]).toEqual(['locked', '2025-07-04', 'voorjaar 2025']);
    const pdf = path.join(dir, 'bijlage.pdf');
    expect(await samen('annex', '--round', id!, '--format', 'pdf', '--out', pdf)).toContain('22 actions');
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const csv = path.join(dir, 'bijlage.csv');
    await samen('annex', '--round', id!, '--format', 'csv', '--out', csv, '--dialect', 'en');
    expect(readFileSync(csv, 'utf8').split('\r\n')[0]).toBe(
      '\uFEFFaction_line,action_line_title,action,title,owner,status,previous_status,changes,narrative,indicators',
    );
    // By default the Dutch spreadsheet dialect: Dutch headers and values, semicolons (issue 21 point 7).
    await samen('annex', '--round', id!, '--format', 'csv', '--out', csv);
    const dutch = readFileSync(csv, 'utf8').split('\r\n');
    expect(dutch[0]).toBe(
      '\uFEFFactielijn;actielijn_titel;actie;titel;actiehouder;status;vorige_status;wijzigingen;toelichting;indicatoren',
    );
    expect(dutch.some((l) => /;(Lopend|Gepland|Afgerond);/.test(l))).toBe(true);
    expect(dutch.some((l) => /;(running|planned|completed);/.test(l))).toBe(false);
    const html = path.join(dir, 'bijlage.html');
    await samen('annex', '--round', id!, '--format', 'html', '--out', html);
    expect(readFileSync(html, 'utf8')).toContain(
      '<h1 class="utrecht-heading-1">Bijlage 1 — stand van zaken acties</h1>',
    );
  });

  it('says clearly when the round does not exist or the format is unknown', async () => {
    await expect(
      samen('annex', '--round', 'nope', '--format', 'pdf', '--out', path.join(dir, 'x.pdf')),
    ).rejects.toThrow(/no round with id nope/);
    await expect(samen('annex', '--round', 'nope', '--format', 'docx', '--out', 'x')).rejects.toThrow(/docx/);
  });
});
