// Entries recorded at the same time outside a change are committed together (group commit) and still form one
// intact chain, in the order they were recorded; an entry inside a rolled-back change leaves no trace.
import { expect, it } from 'vitest';
import { TestClock } from '../../../test/app.js';
import { describeDb, useTestDatabase } from '../../../test/db-suite.js';
import { createAuditService } from './service.js';

describeDb('audit group commit', () => {
  const database = useTestDatabase();
  const auditKey = Buffer.alloc(32, 5);

  it('chains 200 concurrent entries intact and in order', async () => {
    const audit = createAuditService({
      db: database.handle.db,
      clock: new TestClock().read,
      config: { auditKey },
    });
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        audit.record({ actorUserId: null, action: 'test.read', entityType: 'thing', entityId: String(i) }),
      ),
    );
    const rows = await database.handle.db
      .selectFrom('audit_event')
      .select(['entity_id'])
      .where('action', '=', 'test.read')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.entity_id)).toEqual(Array.from({ length: 200 }, (_, i) => String(i)));
    const result = await audit.verify();
    expect(result.brokenAt).toBeUndefined();
    expect(result.checked).toBeGreaterThanOrEqual(200);
  });

  it('writes nothing for an entry inside a transaction that rolls back', async () => {
    const audit = createAuditService({
      db: database.handle.db,
      clock: new TestClock().read,
      config: { auditKey },
    });
    await expect(
      database.handle.db.transaction().execute(async (trx) => {
        await audit.record({ actorUserId: null, action: 'test.rolledback', entityType: 'thing' }, trx);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    const rows = await database.handle.db
      .selectFrom('audit_event')
      .select('id')
      .where('action', '=', 'test.rolledback')
      .execute();
    expect(rows).toHaveLength(0);
    expect((await audit.verify()).brokenAt).toBeUndefined();
  });

  it('chains reads and changes recorded at the same time, by two servers, into one intact chain', async () => {
    const servers = [0, 1].map(() =>
      createAuditService({ db: database.handle.db, clock: new TestClock().read, config: { auditKey } }),
    );
    const reads = Array.from({ length: 120 }, (_, i) =>
      servers[i % 2]!.record({
        actorUserId: null,
        action: 'test.mixed.read',
        entityType: 'thing',
        entityId: String(i),
      }),
    );
    // A change's own entry waits for the chain lock a group commit holds, and the other way round.
    const changes = Array.from({ length: 30 }, (_, i) =>
      database.handle.db
        .transaction()
        .execute((trx) =>
          servers[i % 2]!.record(
            { actorUserId: null, action: 'test.mixed.change', entityType: 'thing', entityId: String(i) },
            trx,
          ),
        ),
    );
    await Promise.all([...reads, ...changes]);
    const counts = await database.handle.db
      .selectFrom('audit_event')
      .select(['action', (eb) => eb.fn.countAll<string>().as('n')])
      .where('action', 'in', ['test.mixed.read', 'test.mixed.change'])
      .groupBy('action')
      .execute();
    expect(Object.fromEntries(counts.map((c) => [c.action, Number(c.n)]))).toEqual({
      'test.mixed.read': 120,
      'test.mixed.change': 30,
    });
    const result = await servers[0]!.verify();
    expect(result.brokenAt).toBeUndefined();
  });

  it('refuses an entry that cannot be stored, and the chain and its lock are as they were for the next ones', async () => {
    const audit = createAuditService({
      db: database.handle.db,
      clock: new TestClock().read,
      config: { auditKey },
    });
    // entity_type is required: the insert fails, so the batch's statement writes nothing.
    await expect(
      audit.record({ actorUserId: null, action: 'test.broken', entityType: null as unknown as string }),
    ).rejects.toThrow();
    // The lock was let go: a change's entry and a read after it are written (neither waits forever).
    await database.handle.db
      .transaction()
      .execute((trx) => audit.record({ actorUserId: null, action: 'test.after', entityType: 'thing' }, trx));
    await audit.record({ actorUserId: null, action: 'test.after', entityType: 'thing' });
    const after = await database.handle.db
      .selectFrom('audit_event')
      .select('id')
      .where('action', 'in', ['test.after', 'test.broken'])
      .execute();
    expect(after).toHaveLength(2);
    expect((await audit.verify()).brokenAt).toBeUndefined();
  });
});
