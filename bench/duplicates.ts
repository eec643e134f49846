// bench/duplicates: duplicate search across regions (issue 20, points 6 and 8) on PostgreSQL with 1,000,000 cases
// (BENCH_CASES), each with a sealed name and date of birth and its keyed blocking keys. Names are drawn from lists
// of given and family names with a skew (common names are common, as "Mohamed" or "Jansen" are), dates of birth
// over 60 years. Measured: the duplicate search of a new signal (BENCH_SEARCHES of them, half a variant spelling
// of a person already there: diacritics off, names swapped, day and month swapped; half someone new): its keys,
// the cases sharing one, opening and scoring those, storing the pairs, as the signal's transaction does it; then
// the national coordination's page of candidates (BENCH_PAGES loads, through the service, audit included). Prints
// p50/p95/p99 from every timing; the target is p95 <= 200 ms for the search.
//   npm run bench:duplicates   (needs PostgreSQL: BENCH_DATABASE_URL, TEST_DATABASE_URL or the local server)
//   BENCH_KEEP=1 keeps the generated database; BENCH_REUSE=1 uses a kept one again when it holds BENCH_CASES
//   cases (no generation); BENCH_DB_NAME names the database (default samen_bench_h20c)
import { sql } from 'kysely';
import pg from 'pg';
import { fieldContext } from '../src/platform/crypto/index.js';
import { blockingKeys } from '../src/modules/referrals/duplicates/matching.js';
import { matchKeyHasher } from '../src/modules/referrals/duplicates/service.js';
import { benchDatabase, benchServices, CASE_SPREAD, prepareReferralData, printTable } from './lib.js';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const SEARCHES = Number(process.env.BENCH_SEARCHES ?? 400);
const PAGES = Number(process.env.BENCH_PAGES ?? 30);

const GIVEN = (
  'Mohamed Ahmed Ali Hassan Ibrahim Youssef Omar Fatima Aisha Maryam Anna Maria Olena Iryna Natalia Olga Svetlana ' +
  'Ivan Andriy Oleksandr Dmytro Serhiy Elena Ioana Andreea Mihai Gabriel Stefan Piotr Katarzyna Agnieszka Tomasz ' +
  'Krzysztof Joy Blessing Precious Esther Grace Chinedu Emeka Mercy Peace Faith Anh Linh Thi Minh Lan Hoa Thu ' +
  'Lucas Daan Sem Emma Julia Mila Sophie Lotte Noah Levi Finn Zoë Noor Sara Amira Yasmin Ayoub Bilal Hamza Adam ' +
  'Rosa Carmen Lucia Ana Jose Juan Carlos Miguel Joao Pedro Tiago Beatriz Mariana Ines Georgi Dimitar Ivana Petya ' +
  'Nikolai Radu Florin Cristina Alina Daniela Viktor Bogdan Yana Kateryna Sofiia Veronika Zsofia Laszlo Bence Eszter'
).split(' ');
const FAMILY = (
  'Jansen de Jong de Vries van den Berg Bakker Visser Smit Meijer de Boer Mulder Bos Vos Peters Hendriks Dekker ' +
  'El Amrani Benali Bouzid Haddad Mansour Nasser Saleh Khalil Aziz Rahman Hussein Abdullah Osman Yilmaz Kaya Demir ' +
  'Sahin Celik Yildiz Ozturk Aydin Kowalski Nowak Wisniewski Wojcik Kaminski Lewandowski Zielinski Popescu Ionescu ' +
  'Popa Stan Dumitru Georgescu Shevchenko Kovalenko Bondarenko Tkachenko Kravchenko Melnyk Petrov Ivanov Dimitrov ' +
  'Georgiev Nikolov Okafor Okeke Eze Obi Adeyemi Ogunleye Nguyen Tran Le Pham Hoang Vu Silva Santos Ferreira ' +
  'Oliveira Costa Rodrigues Garcia Martinez Lopez Gonzalez Sanchez Nagy Kovacs Toth Szabo Horvath Varga Kiss Molnar'
)
  .split(/ (?=[A-Z])/)
  .map((n) => n.trim());

/** A deterministic generator (mulberry32), so every run draws the same people. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const next = random(20261206);
/** Skewed towards the front of the list: the first names are the common ones. */
const skewed = <T>(list: readonly T[]) => list[Math.floor(list.length * next() ** 2)]!;
const pad = (n: number) => String(n).padStart(2, '0');
function person() {
  const given = [skewed(GIVEN), ...(next() < 0.3 ? [skewed(GIVEN)] : [])];
  const name = `${given.join(' ')} ${skewed(FAMILY)}`;
  const dob =
    next() < 0.85
      ? `${1950 + Math.floor(next() * 60)}-${pad(1 + Math.floor(next() * 12))}-${pad(1 + Math.floor(next() * 28))}`
      : null;
  return { name, dob };
}
/** Another signal of the same person: diacritics off, names swapped, or day and month swapped. */
function variant(p: { name: string; dob: string | null }) {
  const r = next();
  if (r < 0.34) return { name: p.name.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase(), dob: p.dob };
  if (r < 0.67) return { name: p.name.split(' ').reverse().join(' '), dob: p.dob };
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(p.dob ?? '');
  return { name: p.name, dob: d ? `${d[1]}-${d[3]}-${d[2]}` : p.dob };
}
const caseId = (g: number) => `00000000-0000-4000-8000-${String(g).padStart(12, '0')}`;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
function summary(label: string, times: number[]) {
  const s = [...times].sort((a, b) => a - b);
  return {
    measure: label,
    runs: s.length,
    p50_ms: percentile(s, 50).toFixed(1),
    p95_ms: percentile(s, 95).toFixed(1),
    p99_ms: percentile(s, 99).toFixed(1),
    max_ms: s[s.length - 1]!.toFixed(1),
  };
}

async function main() {
  // With BENCH_REUSE=1, the database a run kept is used again when it holds the cases.
  const bench = await benchDatabase('samen_bench_h20c', async (client) => {
    const { rows } = await client.query<{ n: string }>(
      `select count(*) as n from nrm_case where reference like 'NVM-D-%'`,
    );
    return Number(rows[0]!.n) === CASES;
  });
  const databaseUrl = bench.url;
  const opened = await benchServices(databaseUrl);
  const { config, database, services } = opened;
  const hash = matchKeyHasher(config.encryptionKey);
  const searched: string[] = [];
  let generateSeconds = 0;
  if (!bench.reused) {
    await prepareReferralData(opened);
    const started = performance.now();
    // The cases: every coordination team and municipality, five years, as bench/referrals.ts makes them.
    await sql`
      ${CASE_SPREAD}
      insert into nrm_case (id, reference, kind, status, version, owner_team_id, origin_team_id, municipality_code,
        safety_region_code, police_unit_code, urgency, minor, consent, gender, age_group, citizenship, forms,
        indicators, created_at, updated_at)
      select ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, 'NVM-D-' || lpad(g::text, 7, '0'),
        'signal', case when g % 50 = 0 then 'assessment' else 'closed' end, 1, t.id, (select id from origin), p.code,
        p.safety_region_code, p.police_unit_code, 'normal', 'no', 'yes',
        (array['female','male','unknown'])[1 + g % 3], 'unknown', (array['NL','BG','PL','RO','NG','UA','MA','TR'])[1 + g % 8],
        array['labour'], array['lives_at_work'], now() - (g % 1825) * interval '1 day', now() - (g % 1825) * interval '1 day'
      from generate_series(1, ${CASES}) g
      join teams t on t.i = g % t.n
      join places p on p.i = (g * 7) % p.n`.execute(database.db);
    // The people: sealed name and date of birth, and their keyed blocking keys. The last SEARCHES cases are the
    // new signals the search is measured on: their person is stored, their keys not yet (the search makes them).
    const known: { name: string; dob: string | null }[] = [];
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const BATCH = 5000;
    for (let from = 1; from <= CASES; from += BATCH) {
      const ids: string[] = [];
      const names: string[] = [];
      const dobs: (string | null)[] = [];
      const keyCases: string[] = [];
      const keys: string[] = [];
      for (let g = from; g < Math.min(from + BATCH, CASES + 1); g++) {
        const searchedOne = g > CASES - SEARCHES;
        const p =
          searchedOne && g % 2 === 0 && known.length
            ? variant(known[Math.floor(next() * known.length)]!)
            : person();
        if (!searchedOne && known.length < 200_000) known.push(p);
        const id = caseId(g);
        ids.push(id);
        names.push(services.fieldCrypto.encryptField(p.name, fieldContext('nrm_person', 'name_enc', id)));
        dobs.push(
          p.dob
            ? services.fieldCrypto.encryptField(p.dob, fieldContext('nrm_person', 'date_of_birth_enc', id))
            : null,
        );
        if (searchedOne) searched.push(id);
        else
          for (const k of new Set(blockingKeys({ name: p.name, dateOfBirth: p.dob }).map(hash))) {
            keyCases.push(id);
            keys.push(k);
          }
      }
      await client.query(
        'insert into nrm_person (case_id, name_enc, date_of_birth_enc) select * from unnest($1::uuid[], $2::text[], $3::text[])',
        [ids, names, dobs],
      );
      await client.query(
        'insert into nrm_match_key (case_id, match_key) select * from unnest($1::uuid[], $2::text[]) on conflict do nothing',
        [keyCases, keys],
      );
    }
    await client.end();
    await sql`vacuum (analyze)`.execute(database.db);
    generateSeconds = (performance.now() - started) / 1000;
  } else {
    for (let g = CASES - SEARCHES + 1; g <= CASES; g++) searched.push(caseId(g));
  }
  const [keyRows, biggest] = await Promise.all([
    sql<{ n: string }>`select count(*) as n from nrm_match_key`.execute(database.db),
    sql<{
      n: string;
    }>`select max(c) as n from (select count(*) c from nrm_match_key group by match_key) x`.execute(
      database.db,
    ),
  ]);

  // The search of each new signal, one after the other (as signals arrive), warmed up on a few first.
  for (const id of searched.slice(0, 10)) await services.referrals.indexDuplicatesOf(id);
  const searchTimes: number[] = [];
  let compared = 0;
  let pairs = 0;
  for (const id of searched.slice(10)) {
    const t0 = performance.now();
    const done = await services.referrals.indexDuplicatesOf(id);
    searchTimes.push(performance.now() - t0);
    compared += done?.compared ?? 0;
    pairs += done?.pairs ?? 0;
  }

  // The national coordination's page of candidates (service: pairs, opened, audited per case shown).
  const national = await database.db
    .selectFrom('nrm_member as m')
    .innerJoin('nrm_team as t', 't.id', 'm.team_id')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select('m.user_id')
    .where('t.kind', '=', 'national')
    .where('u.role', '=', 'nrm_national')
    .executeTakeFirstOrThrow();
  const pageTimes: number[] = [];
  let shown = 0;
  for (let i = 0; i < PAGES + 3; i++) {
    const t0 = performance.now();
    const page = await services.referrals.duplicateCandidates({ id: national.user_id, role: 'nrm_national' });
    if (i >= 3) pageTimes.push(performance.now() - t0);
    shown = page.pairs.length;
  }
  await database.close();

  console.log(
    `duplicates: ${CASES.toLocaleString('en')} cases, ${Number(keyRows.rows[0]!.n).toLocaleString('en')} blocking keys ` +
      `(largest block ${biggest.rows[0]!.n} cases)${generateSeconds ? `, generated in ${generateSeconds.toFixed(0)} s` : ''}`,
  );
  console.log(
    `searches: ${searchTimes.length}, cases compared ${(compared / searchTimes.length).toFixed(1)} per search, ` +
      `${pairs} pairs found; page: ${shown} pairs shown`,
  );
  printTable([
    summary('duplicate search (new signal)', searchTimes),
    summary('national page (service)', pageTimes),
  ]);
  await bench.done();
}

await main();
