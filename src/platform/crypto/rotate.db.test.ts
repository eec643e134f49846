// Key rotation: after a new key is put first in the ring, `samen keys rotate` re-encrypts every registered value
// still under an older key (in batches), leaves current ones alone, counts what no key decrypts, and the values
// still decrypt to the same text.
import { Command } from 'commander';
import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { createServices, TestClock, testConfig } from '../../../test/app.js';
import { describeDb, useTestDatabase } from '../../../test/db-suite.js';
import { registerKeyCommands } from './cli.js';
import type { FieldKey } from './fields.js';
import { createFieldCryptoService, fieldContext } from './service.js';

const oldKey: FieldKey = { id: 'old', key: Buffer.alloc(32, 1) };
const newKey: FieldKey = { id: 'new', key: Buffer.alloc(32, 2) };
const silent = { info() {}, warn() {}, error() {}, debug() {} };
const SPEC = { table: 'crypto_probe', idColumn: 'id', columns: ['secret', 'note'] };

describeDb('field key rotation', () => {
  const database = useTestDatabase();

  beforeEach(async () => {
    const db = database.handle.db;
    await sql`drop table if exists crypto_probe`.execute(db);
    await sql`create table crypto_probe (id integer primary key, secret text, note text, plain text)`.execute(
      db,
    );
    const before = createFieldCryptoService({ db, keys: [oldKey], log: silent });
    for (let id = 1; id <= 7; id++) {
      await sql`insert into crypto_probe (id, secret, note, plain) values (
        ${id},
        ${before.encryptField(`geheim ${id}`, fieldContext('crypto_probe', 'secret', String(id)))},
        ${id % 2 === 0 ? null : before.encryptField(`notitie ${id}`, fieldContext('crypto_probe', 'note', String(id)))},
        'not encrypted')`.execute(db);
    }
  });

  async function values() {
    return sql<{ id: number; secret: string; note: string | null; plain: string }>`
      select id, secret, note, plain from crypto_probe order by id`
      .execute(database.handle.db)
      .then((r) => r.rows);
  }

  it('re-encrypts every old value in batches, keeps the text, and has nothing left to do the second time', async () => {
    const crypto = createFieldCryptoService({ db: database.handle.db, keys: [newKey, oldKey], log: silent });
    crypto.register(SPEC);
    const [first] = await crypto.rotate({ batchSize: 3 });
    expect(first).toEqual({ table: 'crypto_probe', rows: 7, values: 11, unreadable: 0 });
    const rows = await values();
    for (const row of rows) {
      expect(crypto.isCurrent(row.secret)).toBe(true);
      expect(crypto.decryptField(row.secret, fieldContext('crypto_probe', 'secret', String(row.id)))).toBe(
        `geheim ${row.id}`,
      );
      if (row.id % 2 === 0) expect(row.note).toBeNull();
      else
        expect(crypto.decryptField(row.note!, fieldContext('crypto_probe', 'note', String(row.id)))).toBe(
          `notitie ${row.id}`,
        );
      expect(row.plain).toBe('not encrypted');
    }
    // The old key is no longer needed.
    const newOnly = createFieldCryptoService({ db: database.handle.db, keys: [newKey], log: silent });
    expect(newOnly.decryptField(rows[0]!.secret, fieldContext('crypto_probe', 'secret', '1'))).toBe(
      'geheim 1',
    );
    expect(await crypto.rotate({ batchSize: 3 })).toEqual([
      { table: 'crypto_probe', rows: 0, values: 0, unreadable: 0 },
    ]);
  });

  it('counts values no key decrypts, leaves them, rotates the rest, and the command exits 1', async () => {
    await sql`update crypto_probe set secret = 'f1:gone:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA' where id = 2`.execute(
      database.handle.db,
    );
    const services = createServices({
      db: database.handle.db,
      clock: new TestClock().read,
      config: testConfig({ fieldKeys: [newKey, oldKey] }),
      mailTransport: null,
      log: silent,
    });
    services.fieldCrypto.register(SPEC);
    const lines: string[] = [];
    let exitCode = 0;
    const program = new Command().name('samen').exitOverride();
    registerKeyCommands(program, {
      withServices: (fn) => fn(services),
      out: (line) => lines.push(line),
      setExitCode: (code) => (exitCode = code),
    });
    await program.parseAsync(['keys', 'rotate', '--batch-size', '2'], { from: 'user' });
    expect(exitCode).toBe(1);
    // Modules' own registered columns are rotated too (nothing to do in this database); ours is reported.
    expect(lines.find((line) => line.startsWith('crypto_probe:'))).toBe(
      'crypto_probe: 10 value(s) in 6 row(s) re-encrypted with key new; 1 value(s) no key decrypts were left as they are',
    );
    const row2 = (await values()).find((r) => r.id === 2)!;
    expect(row2.secret).toBe('f1:gone:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA');
    // Audited with counts only.
    const audited = await database.handle.db
      .selectFrom('audit_event')
      .select(['action', 'entity_id', 'detail'])
      .where('action', '=', 'keys.rotated')
      .execute();
    expect(audited).toEqual([
      {
        action: 'keys.rotated',
        entity_id: 'new',
        detail: { tables: ['crypto_probe'], rows: 6, values: 10, unreadable: 1 },
      },
    ]);
  });

  it('refuses to register a table or column that is not a plain identifier', () => {
    const crypto = createFieldCryptoService({ db: database.handle.db, keys: [newKey], log: silent });
    expect(() => crypto.register({ table: 'x; drop table y', idColumn: 'id', columns: ['a'] })).toThrow(
      'not a plain identifier',
    );
    expect(() => crypto.register({ table: 't', idColumn: 'id', columns: [] })).toThrow('no columns');
  });
});
