// On PostgreSQL, parameterised queries run as named (prepared) statements, planned once per connection; a
// migration applied while the server runs (a new column behind a `select *`) does not break them.
import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeDb, useTestDatabase } from '../../test/db-suite.js';
import { testEngine } from '../../test/db.js';
import type { Database } from './schema.js';

const onPostgres = testEngine() === 'postgres';

describeDb('prepared statements', () => {
  const database = useTestDatabase();

  it.runIf(onPostgres)(
    'prepares a parameterised query once per connection and answers it as before',
    async () => {
      await database.handle.db.connection().execute(async (conn) => {
        const read = () =>
          conn
            .selectFrom('role')
            .select(['code', 'sees_personal_data'])
            .where('code', '=', 'admin')
            .execute();
        const first = await read();
        const second = await read();
        expect(second).toEqual(first);
        expect(first).toEqual([{ code: 'admin', sees_personal_data: first[0]!.sees_personal_data }]);
        expect(typeof first[0]!.sees_personal_data).toBe('boolean');
        const prepared = await sql<{ name: string; statement: string }>`
        select name, statement from pg_prepared_statements`.execute(conn);
        const mine = prepared.rows.filter((r) => r.statement.includes('from "role"'));
        expect(mine).toHaveLength(1);
        expect(mine[0]!.name).toMatch(/^samen_\d+$/);
      });
    },
  );

  it.runIf(onPostgres)('keeps answering a select * after a column is added while it runs', async () => {
    const db = database.handle.db;
    await sql`create table prepared_probe (id int primary key, label text)`.execute(db);
    await sql`insert into prepared_probe values (1, 'one')`.execute(db);
    await db.connection().execute(async (conn) => {
      const read = async (executor: Kysely<Database> = conn) =>
        (await sql`select * from prepared_probe where id = ${1}`.execute(executor)).rows;
      expect(await read()).toEqual([{ id: 1, label: 'one' }]);
      // A migration from another process: the prepared statement's result type changes under it.
      await sql`alter table prepared_probe add column extra text default 'x'`.execute(db);
      // Outside a transaction the query is prepared afresh and run again: the caller sees the new shape.
      expect(await read()).toEqual([{ id: 1, label: 'one', extra: 'x' }]);
      await sql`alter table prepared_probe add column more int default 2`.execute(db);
      // Inside a transaction the statement fails once (the transaction is lost) and the next run works.
      await expect(conn.transaction().execute((trx) => read(trx))).rejects.toThrow(/cached plan/);
      expect(await read()).toEqual([{ id: 1, label: 'one', extra: 'x', more: 2 }]);
    });
  });

  it('runs a script of several statements without values (migrations) on either engine', async () => {
    await database.handle.execScript(
      'create table script_probe (n int); insert into script_probe values (1); insert into script_probe values (2);',
    );
    const rows = await sql<{ total: number }>`select sum(n)::int as total from script_probe`.execute(
      database.handle.db,
    );
    expect(rows.rows[0]!.total).toBe(3);
  });
});
