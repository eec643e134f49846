// bench/audit: `samen audit verify` on a large trail. Generates N chained audit entries (default 1,000,000;
// BENCH_AUDIT_ENTRIES) in a throwaway PostgreSQL database (TEST_DATABASE_URL or DATABASE_URL; dropped
// afterwards), then times the chain verification next to a plain `select id, hash … order by id` scan of the same
// rows in the same batches: the ratio is what hashing and checking cost on top of reading. The entries are keyed
// (HMAC-SHA256 under an audit key, as the app writes them). Last, the group commit: many concurrent
// `audit.record` calls outside a change, as concurrent readers of case files make them.
//   npm run bench:audit                 BENCH_AUDIT_ENTRIES=10000000 npm run bench:audit
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { connectPostgres } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { chainHash, createAuditService, GENESIS_HASH, type ChainRow } from '../src/platform/audit/service.js';
import { createDatabase, dropDatabase } from './lib.js';

const entries = Number(process.env.BENCH_AUDIT_ENTRIES ?? 1_000_000);
const INSERT_BATCH = 20_000;
const SCAN_BATCH = 20_000;

const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
if (!adminUrl) {
  console.error('bench:audit needs a PostgreSQL server: set TEST_DATABASE_URL (or DATABASE_URL).');
  process.exit(2);
}
if (!Number.isInteger(entries) || entries < 1) {
  console.error('BENCH_AUDIT_ENTRIES must be a positive whole number.');
  process.exit(2);
}

const auditKey = randomBytes(32);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const secs = (ms: number) => (ms / 1000).toFixed(1);

const name = `samen_bench_audit_${randomBytes(4).toString('hex')}`;
const handle = connectPostgres(await createDatabase(adminUrl, name), { max: 3 });

try {
  await migrate(handle.db);
  const db = handle.db;
  const actor = '00000000-0000-4000-8000-000000000001';
  await db
    .insertInto('app_user')
    .values({ id: actor, email: 'bench@example.nl', display_name: 'Bench', role: 'admin' })
    .execute();

  // ---- generate ---------------------------------------------------------------------------------------------
  // Bulk load as one would restore a dump: the two secondary indexes are dropped during the load and built after.
  await sql`drop index audit_event_entity_idx`.execute(db);
  await sql`drop index audit_event_actor_idx`.execute(db);
  const actions = ['case.viewed', 'case.updated', 'user.signed_in', 'service.updated', 'referral.created'];
  const startMs = Date.parse('2026-01-01T00:00:00Z');
  let prevHash = GENESIS_HASH;
  const generateStart = performance.now();
  let hashingMs = 0;
  let pending: Promise<unknown>;
  const inFlight: Promise<unknown>[] = [];
  for (let from = 1; from <= entries; from += INSERT_BATCH) {
    const to = Math.min(entries, from + INSERT_BATCH - 1);
    const cols = {
      id: [] as number[],
      at: [] as string[],
      actor: [] as (string | null)[],
      action: [] as string[],
      entityType: [] as string[],
      entityId: [] as string[],
      detail: [] as string[],
      prev: [] as string[],
      hash: [] as string[],
    };
    const hashStart = performance.now();
    for (let id = from; id <= to; id++) {
      const detailValue = { via: id % 3 === 0 ? 'api' : 'web', fields: ['status', 'needs'], count: id % 7 };
      const row: ChainRow = {
        id,
        at: new Date(startMs + id * 250).toISOString(),
        actor_user_id: id % 4 === 0 ? null : actor,
        action: actions[id % actions.length]!,
        entity_type: 'nrm_case',
        entity_id: `c${(id * 2654435761) % 4294967296}`,
        detail: detailValue,
        prev_hash: prevHash,
        hash: '',
      };
      row.hash = chainHash(prevHash, row, auditKey);
      cols.id.push(id);
      cols.at.push(row.at);
      cols.actor.push(row.actor_user_id);
      cols.action.push(row.action);
      cols.entityType.push(row.entity_type);
      cols.entityId.push(row.entity_id!);
      cols.detail.push(JSON.stringify(detailValue));
      cols.prev.push(prevHash);
      cols.hash.push(row.hash);
      prevHash = row.hash;
    }
    hashingMs += performance.now() - hashStart;
    // Two inserts in flight (two connections) while the next batch is hashed.
    if (inFlight.length >= 2) await inFlight.shift();
    pending = sql`
      insert into audit_event (id, at, actor_user_id, action, entity_type, entity_id, detail, prev_hash, hash, keyed)
      select *, true from unnest(${cols.id}::int8[], ${cols.at}::timestamptz[], ${cols.actor}::uuid[], ${cols.action}::text[],
                           ${cols.entityType}::text[], ${cols.entityId}::text[], ${cols.detail}::jsonb[],
                           ${cols.prev}::text[], ${cols.hash}::text[])`.execute(db);
    inFlight.push(pending);
    if (to % 1_000_000 === 0) process.stderr.write(`  generated ${fmt(to)}\n`);
  }
  await Promise.all(inFlight);
  const loadedMs = performance.now() - generateStart;
  await sql`select setval('audit_event_id_seq', ${entries})`.execute(db);
  await sql`create index audit_event_entity_idx on audit_event (entity_type, entity_id)`.execute(db);
  await sql`create index audit_event_actor_idx on audit_event (actor_user_id, at)`.execute(db);
  await sql`vacuum analyze audit_event`.execute(db);
  const generateMs = performance.now() - generateStart;

  // ---- scan vs verify, twice each, alternating; the better of two counts ------------------------------------------
  async function scan(): Promise<number> {
    let afterId = 0;
    let count = 0;
    const fetch = (after: number) =>
      sql<{
        id: number;
        hash: string;
      }>`select id, hash from audit_event where id > ${after} order by id limit ${SCAN_BATCH}`
        .execute(db)
        .then((r) => r.rows);
    let next = fetch(afterId);
    for (;;) {
      const rows = await next;
      if (rows.length === 0) break;
      afterId = rows[rows.length - 1]!.id;
      next = rows.length === SCAN_BATCH ? fetch(afterId) : Promise.resolve([]);
      count += rows.length;
    }
    return count;
  }
  // What verify reads, without hashing: separates the cost of reading the hashed columns from the hashing.
  async function read(): Promise<number> {
    let count = 0;
    const fetch = (after: number) =>
      sql<ChainRow>`
        select id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, actor_user_id, action,
               entity_type, entity_id, detail, prev_hash, hash
        from audit_event where id > ${after} order by id limit ${SCAN_BATCH}`
        .execute(db)
        .then((r) => r.rows);
    let next = fetch(0);
    for (;;) {
      const rows = await next;
      if (rows.length === 0) break;
      next = rows.length === SCAN_BATCH ? fetch(rows[rows.length - 1]!.id) : Promise.resolve([]);
      count += rows.length;
    }
    return count;
  }
  const audit = createAuditService({ db, clock: () => new Date(), config: { auditKey } });
  const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
    const start = performance.now();
    const value = await fn();
    return [value, performance.now() - start];
  };
  const scans: number[] = [];
  const reads: number[] = [];
  const verifies: number[] = [];
  for (let round = 0; round < 2; round++) {
    const [scanned, scanMs] = await time(scan);
    if (scanned !== entries) throw new Error(`scan saw ${scanned} rows, expected ${entries}`);
    scans.push(scanMs);
    reads.push((await time(read))[1]);
    const [result, verifyMs] = await time(() => audit.verify());
    if (result.brokenAt !== undefined || result.checked !== entries)
      throw new Error(`verify: ${JSON.stringify(result)}`);
    verifies.push(verifyMs);
  }
  const scanMs = Math.min(...scans);
  const verifyMs = Math.min(...verifies);
  const readMs = Math.min(...reads);

  console.log(
    `audit trail benchmark: ${fmt(entries)} entries, PostgreSQL (${(await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db)).rows[0]!.v})`,
  );
  console.log('');
  console.log(
    `generate   ${secs(generateMs)} s total: hash chain ${secs(hashingMs)} s, rows loaded at ${fmt(entries / (loadedMs / 1000))}/s (${secs(loadedMs)} s incl. hashing), indexes + vacuum ${secs(generateMs - loadedMs)} s`,
  );
  console.log(
    `           10,000,000 entries ≈ ${secs((generateMs / entries) * 10_000_000)} s (linear extrapolation of this run)`,
  );
  console.log(
    `scan       select id, hash order by id, ${fmt(SCAN_BATCH)} per batch: ${secs(scanMs)} s, ${fmt(entries / (scanMs / 1000))} entries/s`,
  );
  console.log(
    `read       the hashed columns, no hashing (verify's query): ${secs(readMs)} s, ${fmt(entries / (readMs / 1000))} entries/s`,
  );
  console.log(
    `verify     audit.verify(): ${secs(verifyMs)} s, ${fmt(entries / (verifyMs / 1000))} entries/s`,
  );
  // ---- group commit: waves of concurrent records outside a change ----------------------------------------------
  const WAVES = 20;
  const PER_WAVE = 500;
  const [, recordMs] = await time(async () => {
    for (let wave = 0; wave < WAVES; wave++) {
      await Promise.all(
        Array.from({ length: PER_WAVE }, (_, i) =>
          audit.record({
            actorUserId: actor,
            action: 'case.viewed',
            entityType: 'nrm_case',
            entityId: `w${wave}-${i}`,
          }),
        ),
      );
    }
  });
  const after = await audit.verify();
  if (after.brokenAt !== undefined)
    throw new Error(`verify after the group commits: ${JSON.stringify(after)}`);

  console.log(
    `record     group commit, ${WAVES} waves of ${PER_WAVE} concurrent audit.record(): ${secs(recordMs)} s, ${fmt((WAVES * PER_WAVE) / (recordMs / 1000))} entries/s`,
  );
  console.log(
    `ratio      verify takes ${(verifyMs / scanMs).toFixed(2)}× the plain scan; 10,000,000 entries ≈ ${secs((verifyMs / entries) * 10_000_000)} s to verify`,
  );
} finally {
  await handle.close();
  await dropDatabase(adminUrl, name);
}
