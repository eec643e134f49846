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
});
