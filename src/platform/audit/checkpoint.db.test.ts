// The audit trail cannot be rewritten unseen (issue 18, point 8), tried as the attacker did: with write
// access to the database and the project's own hash function (chainHash), but not the audit key; then as an
// insider who has the key too, which only the checkpoint outside the database catches.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { Command } from 'commander';
import { sql } from 'kysely';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { TestClock, testConfig, useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { registerAuditCommands } from './cli.js';
import { checkpointProblem, signCheckpoint, type Checkpoint } from './checkpoint.js';
import { chainHash, type ChainRow } from './service.js';

const checkpointDir = mkdtempSync(path.join(tmpdir(), 'samen-audit-checkpoints-'));
afterAll(() => rmSync(checkpointDir, { recursive: true, force: true }));

describe('checkpoint signatures', () => {
  const key = randomBytes(32);
  const made = signCheckpoint(key, {
    id: 42,
    hash: 'a'.repeat(64),
    entries: 42,
    madeAt: '2026-11-28T10:00:00.000Z',
  });

  it('accepts a checkpoint signed with the audit key', () => {
    expect(checkpointProblem(key, made)).toBeUndefined();
  });

  it('refuses a checkpoint whose entry was moved back (an attacker hiding a truncation)', () => {
    expect(checkpointProblem(key, { ...made, id: 38 })).toMatch(/signature does not match/);
  });

  it('refuses a checkpoint signed with another key, even when it carries that key', () => {
    const forged = signCheckpoint(randomBytes(32), {
      id: 38,
      hash: 'b'.repeat(64),
      entries: 38,
      madeAt: made.madeAt,
    });
    expect(checkpointProblem(key, forged)).toMatch(/another key/);
  });
});

describeDb('audit trail keyed and anchored outside the database', () => {
  const clock = new TestClock('2026-11-28T10:00:00Z');
  const t = useTestApp({ clock, config: { auditCheckpointDir: checkpointDir } });
  const key = testConfig().auditKey;
  const db = () => t.database.db;

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
      run: async (...args: string[]) => {
        await program.parseAsync(['audit', 'verify', ...args], { from: 'user' });
        return exitCode;
      },
    };
  }

  const caseA = randomUUID();
  const caseB = randomUUID();
  const coordinatorRef = { id: '' };

  /** A working day's trail: reads, a break-the-glass on case A, more reads. Returns the ids in order. */
  async function day(): Promise<number[]> {
    const step = async (action: string, entityId: string, detail: Record<string, boolean> = {}) => {
      clock.advance(1000);
      await t.services.audit.record({
        actorUserId: coordinatorRef.id,
        action,
        entityType: 'nrm_case',
        entityId,
        detail,
      });
    };
    await step('nrm.case.read', caseB);
    await step('nrm.case.lookup', caseA, { found: true });
    await step('nrm.case.break_glass', caseA, { flagged: true });
    await step('nrm.case.read.break_glass', caseA);
    for (let i = 0; i < 6; i++) await step('nrm.case.read', caseB);
    const rows = await db().selectFrom('audit_event').select('id').orderBy('id').execute();
    return rows.map((r) => r.id);
  }

  async function rows(): Promise<ChainRow[]> {
    const result = await sql<ChainRow>`
      select id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, actor_user_id, action,
             entity_type, entity_id, detail, prev_hash, hash, keyed
      from audit_event order by id`.execute(db());
    return result.rows;
  }

  /** The repro: point the break-the-glass rows at case B and recompute every later hash with chainHash. */
  async function repointAndRehash(options: { withKey?: Buffer; markUnkeyed?: boolean } = {}) {
    const all = await rows();
    let prev = '0'.repeat(64);
    for (const row of all) {
      if (row.action.includes('break_glass')) row.entity_id = caseB;
      const keyed = options.markUnkeyed ? false : row.keyed;
      const hash = chainHash(prev, { ...row, prev_hash: prev }, options.withKey);
      await sql`update audit_event set entity_id = ${row.entity_id}, prev_hash = ${prev}, hash = ${hash},
                keyed = ${keyed} where id = ${row.id}`.execute(db());
      prev = hash;
    }
  }

  async function users(role: string, email: string) {
    await db()
      .insertInto('app_user')
      .values({ id: randomUUID(), email, display_name: email, role })
      .onConflict((oc) => oc.column('email').doNothing())
      .execute();
  }

  beforeEach(async () => {
    clock.set('2026-11-28T10:00:00Z');
    await db().deleteFrom('audit_event').execute();
    await db().deleteFrom('mail_outbox').execute();
    for (const file of readdirSync(checkpointDir)) rmSync(path.join(checkpointDir, file));
    await users('nrm_coordinator', 'coordinator@example.nl');
    const found = await db()
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', 'coordinator@example.nl')
      .executeTakeFirstOrThrow();
    coordinatorRef.id = found.id;
  });

  it('writes every new entry keyed: an HMAC under the audit key, not the plain hash', async () => {
    await day();
    const all = await rows();
    expect(all.every((r) => r.keyed)).toBe(true);
    const first = all[0]!;
    expect(first.hash).toBe(chainHash(first.prev_hash, first, key));
    expect(first.hash).not.toBe(chainHash(first.prev_hash, first));
  });

  it('keeps verifying a trail written before the key (migration 0017), then keyed from there on', async () => {
    // Two entries as the unkeyed code wrote them: plain SHA-256, keyed = false.
    let prev = '0'.repeat(64);
    for (let i = 0; i < 2; i++) {
      const row: ChainRow = {
        id: 0,
        at: `2026-11-28T09:0${i}:00.000Z`,
        actor_user_id: null,
        action: 'legacy.step',
        entity_type: 'test',
        entity_id: String(i),
        detail: {},
        prev_hash: prev,
        hash: '',
      };
      const hash = chainHash(prev, row);
      await sql`insert into audit_event (at, actor_user_id, action, entity_type, entity_id, detail, prev_hash, hash)
                values (${row.at}, null, 'legacy.step', 'test', ${row.entity_id}, '{}', ${prev}, ${hash})`.execute(
        db(),
      );
      prev = hash;
    }
    await day();
    const result = await t.services.audit.verify();
    expect(result.brokenAt).toBeUndefined();
    expect(result.checked).toBe(12);
  });

  it('catches a break-the-glass row re-pointed at another case and re-hashed with the project function (no checkpoint needed)', async () => {
    const ids = await day();
    await repointAndRehash();
    const c = cli();
    expect(await c.run()).toBe(1);
    expect(c.lines.at(-1)).toMatch(
      new RegExp(`^BROKEN: the first entry that does not verify is id ${ids[0]} .*the entry was changed\\.$`),
    );
  });

  it('catches the same rewrite when the attacker also marks every entry as written before the key', async () => {
    await day();
    const written = await t.services.auditCheckpoints.run();
    expect(written).toMatchObject({ status: 'written' });
    await day();
    await repointAndRehash({ markUnkeyed: true });
    const c = cli();
    expect(await c.run()).toBe(1);
    expect(c.lines.at(-1)).toMatch(
      /^BROKEN: .*its hash is not the one in the checkpoint of .*: the trail was changed and re-hashed\.$/,
    );
  });

  it('catches a rewrite by someone who has the audit key too: the checkpoint outside the database does not match', async () => {
    const ids = await day();
    await t.services.auditCheckpoints.run();
    await repointAndRehash({ withKey: key });
    // The chain itself verifies again: only the checkpoint can tell.
    expect((await t.services.audit.verify()).brokenAt).toBeUndefined();
    const c = cli();
    expect(await c.run()).toBe(1);
    expect(c.lines.at(-1)).toBe(
      `BROKEN: the first entry that does not verify is id ${ids.at(-1)} (2026-11-28T10:00:10.000Z, nrm.case.read): its hash is not the one in the checkpoint of 2026-11-28T10:00:10.000Z (entry ${ids.at(-1)}): the trail was changed and re-hashed.`,
    );
  });

  it('catches the last four rows deleted (truncation), which the chain alone cannot', async () => {
    const ids = await day();
    await t.services.auditCheckpoints.run();
    await db().deleteFrom('audit_event').where('id', '>', ids.at(-5)!).execute();
    expect((await t.services.audit.verify()).brokenAt).toBeUndefined();
    const c = cli();
    expect(await c.run()).toBe(1);
    expect(c.lines.at(-1)).toBe(
      `BROKEN: the trail ends at id ${ids.at(-5)}, before the checkpoint of 2026-11-28T10:00:10.000Z (entry ${ids.at(-1)}): entries were deleted from the end.`,
    );
  });

  it('catches the whole trail deleted after a checkpoint', async () => {
    await day();
    await t.services.auditCheckpoints.run();
    await db().deleteFrom('audit_event').execute();
    const c = cli();
    expect(await c.run()).toBe(1);
    expect(c.lines.at(-1)).toMatch(/^BROKEN: the trail ends empty, before the checkpoint of /);
  });

  it('refuses a checkpoint file edited to hide a truncation', async () => {
    const ids = await day();
    const written = await t.services.auditCheckpoints.run();
    if (written.status !== 'written') throw new Error(written.status);
    await db().deleteFrom('audit_event').where('id', '>', ids.at(-5)!).execute();
    const tail = await db()
      .selectFrom('audit_event')
      .select(['id', 'hash'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const edited: Checkpoint = {
      ...(JSON.parse(readFileSync(written.file, 'utf8')) as Checkpoint),
      id: tail.id,
      hash: tail.hash,
    };
    writeFileSync(written.file, JSON.stringify(edited));
    const c = cli();
    expect(await c.run()).toBe(1);
    expect(c.lines.at(-1)).toMatch(/cannot be trusted: its signature does not match its contents/);
  });

  it('the job writes a signed checkpoint file and mails it to the privacy officers; the intact trail verifies against it', async () => {
    await users('privacy_officer', 'fg@example.nl');
    const ids = await day();
    const written = await t.services.jobs.run('audit.checkpoint');
    expect(written).toMatchObject({
      status: 'done',
      result: { status: 'written', id: ids.at(-1), mailedTo: 1 },
    });
    const files = readdirSync(checkpointDir);
    expect(files).toEqual([`audit-checkpoint-${String(ids.at(-1)).padStart(12, '0')}.json`]);
    const mail = await db().selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
    expect(mail.recipients).toEqual(['fg@example.nl']);
    expect(mail.body_text).toContain(readFileSync(path.join(checkpointDir, files[0]!), 'utf8'));
    // Nothing personal: ids, hashes, times and a key.
    expect(mail.body_text).not.toContain(caseA);
    const c = cli();
    expect(await c.run()).toBe(0);
    expect(c.lines[0]).toMatch(
      new RegExp(`^Checkpoint: entry ${ids.at(-1)} of 2026-11-28T10:00:10.000Z .*signature valid\\.$`),
    );
    expect(c.lines.at(-1)).toMatch(/^The chain is intact\./);
    // Nothing new: no new checkpoint.
    expect(await t.services.auditCheckpoints.run()).toEqual({ status: 'unchanged', id: ids.at(-1) });
  });

  it('the job makes no checkpoint over a broken trail and alerts the privacy officers instead', async () => {
    await users('privacy_officer', 'fg@example.nl');
    await day();
    await t.services.auditCheckpoints.run();
    await db().deleteFrom('mail_outbox').execute();
    await day();
    await repointAndRehash();
    const run = await t.services.auditCheckpoints.run();
    expect(run).toMatchObject({ status: 'broken', mailedTo: 1 });
    expect(readdirSync(checkpointDir)).toHaveLength(1);
    const mail = await db().selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
    expect(mail.subject).toContain('audit trail does not verify');
  });

  it('checks against a checkpoint kept elsewhere (--checkpoint), e.g. the copy from the mail', async () => {
    const ids = await day();
    const written = await t.services.auditCheckpoints.run();
    if (written.status !== 'written') throw new Error(written.status);
    const copy = path.join(checkpointDir, 'copy-from-mail.json');
    writeFileSync(copy, readFileSync(written.file));
    // The attacker also removes the checkpoint file on the server.
    rmSync(written.file);
    await db().deleteFrom('audit_event').where('id', '>', ids.at(-5)!).execute();
    const without = cli();
    expect(await without.run()).toBe(0);
    expect(without.lines[0]).toMatch(/^No checkpoint in .*: entries deleted from the end cannot be detected/);
    const c = cli();
    expect(await c.run('--checkpoint', copy)).toBe(1);
    expect(c.lines.at(-1)).toMatch(/entries were deleted from the end\.$/);
  });
});
