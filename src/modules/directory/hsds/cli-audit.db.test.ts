// `samen directory import` leaves an audit entry (issue 16): the command line as the actor (no account,
// `via: cli`), with the counts; a dry run and a refused import leave none, and the chain still verifies.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeDb, useTestDatabase } from '../../../../test/db-suite.js';
import { createAuditService } from '../../../platform/audit/service.js';
import { loadImportFiles, runImport, type Io } from '../cli-actions.js';
import { fixtureFiles, minimalService } from './test/fixtures.js';

const clock = () => new Date('2026-11-28T10:00:00Z');
const quiet: Io = { out: () => {}, err: () => {} };

describeDb('samen directory import in the audit trail', () => {
  const t = useTestDatabase();
  const dir = mkdtempSync(path.join(tmpdir(), 'samen-import-audit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const audit = () =>
    createAuditService({ db: t.handle.db, clock, config: { auditKey: Buffer.alloc(32, 5) } });
  const entries = () =>
    t.handle.db.selectFrom('audit_event').selectAll().where('action', '=', 'directory.import').execute();

  it('records an import from the command line with the CLI as actor and the counts', async () => {
    const file = path.join(dir, 'package');
    mkdirSync(file);
    for (const f of fixtureFiles()) writeFileSync(path.join(file, f.name), f.content);
    expect(
      await runImport(t.handle.db, loadImportFiles(file), { dryRun: true, clock, audit: audit() }, quiet),
    ).toBe(0);
    expect(await entries()).toHaveLength(0);
    expect(
      await runImport(t.handle.db, loadImportFiles(file), { dryRun: false, clock, audit: audit() }, quiet),
    ).toBe(0);
    const [entry, ...rest] = await entries();
    expect(rest).toHaveLength(0);
    expect(entry).toMatchObject({ actor_user_id: null, entity_type: 'directory' });
    expect(entry!.detail).toMatchObject({ via: 'cli', format: 'json', services_created: 2 });
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify([minimalService('broken', { status: 'not-a-status', name: '' })]));
    expect(
      await runImport(t.handle.db, loadImportFiles(bad), { dryRun: false, clock, audit: audit() }, quiet),
    ).toBe(1);
    expect(await entries()).toHaveLength(1);
    expect((await audit().verify()).brokenAt).toBeUndefined();
  });
});
