// `samen audit verify` through commander: an intact chain exits 0; an edited, a deleted and an inserted entry each
// make it exit 1 and name the first entry that does not verify. (Checkpoints: checkpoint.db.test.ts; here there is
// none, which the first line says.)
import { createHash } from 'node:crypto';
import { Command } from 'commander';
import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { TestClock, useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { registerAuditCommands } from './cli.js';

describeDb('samen audit verify', () => {
  const clock = new TestClock('2026-11-28T10:00:00Z');
  const t = useTestApp({ clock });

  function cli() {
    const lines: string[] = [];
    let exitCode = 0;
    const program = new Command().name('samen').exitOverride();
    registerAuditCommands(program, {
      withServices: (fn) => fn(t.services),
      out: (line) => lines.push(line),
      setExitCode: (code) => (exitCode = code),
      now: () => performance.now(),
    });
    return {
      lines,
      exitCode: () => exitCode,
      run: async () => {
        await program.parseAsync(['audit', 'verify'], { from: 'user' });
        return exitCode;
      },
    };
  }

  /** Six entries; returns their ids. */
  async function chain(count = 6): Promise<number[]> {
    for (let i = 0; i < count; i++) {
      clock.advance(1000);
      await t.services.audit.record({
        actorUserId: null,
        action: `test.step${i}`,
        entityType: 'test',
        entityId: String(i),
        detail: { step: i, note: 'x', tags: ['a', 'b'] },
      });
    }
    const rows = await t.database.db.selectFrom('audit_event').select('id').orderBy('id').execute();
    return rows.map((r) => r.id);
  }

  beforeEach(async () => {
    clock.set('2026-11-28T10:00:00Z');
    await t.database.db.deleteFrom('audit_event').execute();
  });

  it('exits 0 on an intact chain and reports the entries checked and the rate', async () => {
    const ids = await chain();
    const c = cli();
    expect(await c.run()).toBe(0);
    expect(c.lines[1]).toMatch(/^Checked 6 audit entries in \d+\.\d\d s \([\d,]+ entries\/s\)\.$/);
    expect(c.lines[2]).toMatch(
      new RegExp(`^The chain is intact\\. Last entry: id ${ids[5]}, hash [0-9a-f]{64}`),
    );
  });

  it('names an entry whose detail was changed', async () => {
    const ids = await chain();
    await sql`update audit_event set detail = '{"step": 2, "note": "y", "tags": ["a", "b"]}' where id = ${ids[2]}`.execute(
      t.database.db,
    );
    const c = cli();
    expect(await c.run()).toBe(1);
    expect(c.lines[1]).toMatch(/^Checked 2 audit entries/);
    expect(c.lines[2]).toBe(
      `BROKEN: the first entry that does not verify is id ${ids[2]} (2026-11-28T10:00:03.000Z, test.step2): its contents do not match its hash: the entry was changed.`,
    );
  });

  it('names the entry after a deleted one', async () => {
    const ids = await chain();
    await t.database.db.deleteFrom('audit_event').where('id', '=', ids[3]!).execute();
    const c = cli();
    expect(await c.run()).toBe(1);
    expect(c.lines[2]).toBe(
      `BROKEN: the first entry that does not verify is id ${ids[4]} (2026-11-28T10:00:05.000Z, test.step4): it does not chain to the entry before it (id ${ids[2]}): an entry was deleted or inserted there.`,
    );
  });

  it('names the entry after one inserted in the middle, even when the inserted one chains to its predecessor', async () => {
    const first = await chain(3);
    // Leave a gap in the ids, as rolled-back transactions do, so that an entry can be slipped in between.
    await sql`select setval('audit_event_id_seq', ${first[2]! + 10})`.execute(t.database.db);
    await chain(3);
    const previous = await t.database.db
      .selectFrom('audit_event')
      .select('hash')
      .where('id', '=', first[2]!)
      .executeTakeFirstOrThrow();
    // A forger who knows the algorithm makes the inserted entry's own hash correct.
    const at = '2026-11-28T10:00:03.500Z';
    const detail = '{}';
    const forgedHash = createHash('sha256')
      .update(JSON.stringify([previous.hash, at, null, 'test.forged', 'test', 'x', detail]))
      .digest('hex');
    await t.database.db
      .insertInto('audit_event')
      .values({
        id: first[2]! + 5,
        at,
        actor_user_id: null,
        action: 'test.forged',
        entity_type: 'test',
        entity_id: 'x',
        detail,
        prev_hash: previous.hash,
        hash: forgedHash,
      } as never)
      .execute();
    const c = cli();
    expect(await c.run()).toBe(1);
    expect(c.lines[0]).toMatch(/^No checkpoint in /);
    // It chains, but it was not written with the audit key: after keyed entries, that is a rewrite.
    expect(c.lines[1]).toMatch(/^Checked 3 audit entries/);
    expect(c.lines[2]).toBe(
      `BROKEN: the first entry that does not verify is id ${first[2]! + 5} (2026-11-28T10:00:03.500Z, test.forged): its contents do not match its hash: the entry was changed.`,
    );
  });

  it('verifies across batch boundaries and says so for an empty trail', async () => {
    const c = cli();
    expect(await c.run()).toBe(0);
    expect(c.lines[2]).toBe('The audit trail is empty.');
    const ids = await chain(7);
    const intact = await t.services.audit.verify({ batchSize: 3 });
    expect(intact).toMatchObject({ checked: 7, lastGood: { id: ids[6] } });
    expect(intact.brokenAt).toBeUndefined();
    await t.database.db.deleteFrom('audit_event').where('id', '=', ids[3]!).execute();
    expect(await t.services.audit.verify({ batchSize: 3 })).toMatchObject({
      checked: 3,
      brokenAt: ids[4],
      broken: { reason: 'unlinked', previousId: ids[2] },
    });
  });
});
