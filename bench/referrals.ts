// bench/referrals: the referral mechanism on PostgreSQL with 1,000,000 cases (BENCH_CASES): the coordinator's queue
// page and a case page at 20 concurrent users (p50/p90/p97.5/p99 and the ratio to a bare Fastify route measured
// in the same run), signal submissions per second, and `audit verify` entries per second over what the run wrote.
// The audit bench (`npm run bench:audit`) generates 1,000,000+ audit entries on its own.
//   npm run bench:referrals            (needs PostgreSQL: BENCH_DATABASE_URL, TEST_DATABASE_URL or the local server)
//   BENCH_KEEP=1 keeps the generated database; BENCH_REUSE=1 uses a kept one again (no generation);
//   BENCH_PROFILE=dir writes CPU profiles of the server processes (any bench)
import autocannon from 'autocannon';
import { sql, type Kysely } from 'kysely';
import { connect } from '../src/db/connect.js';
import type { Database } from '../src/db/schema.js';
import { totpCode } from '../src/platform/auth/totp.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/modules/referrals/index.js';
import { createServices } from '../src/services.js';
import {
  BENCH_KEYS,
  benchDatabase,
  benchServices,
  CASE_SPREAD,
  prepareReferralData,
  printTable,
  startServer,
} from './lib.js';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = 20;

async function prepare(databaseUrl: string) {
  const opened = await benchServices(databaseUrl);
  const { database, services } = opened;
  await prepareReferralData(opened);
  const started = performance.now();
  // Cases over five years, most of them closed long ago (2 % open), spread over every coordination team and the
  // municipalities their directory service covers; one registration per case.
  await sql`
    ${CASE_SPREAD}
    insert into nrm_case (id, reference, kind, status, version, owner_team_id, origin_team_id, municipality_code,
      safety_region_code, police_unit_code, urgency, minor, consent, legal_ground, gender, age_group, citizenship,
      forms, indicators, created_at, updated_at, triage_due_at, triaged_at, first_referral_at, closed_at, closed_reason)
    select gen_random_uuid(), 'NVM-B-' || lpad(g::text, 7, '0'), 'signal',
      case when g % 50 = 0 then (array['received','triage','assessment','referral','placement','follow_up'])[1 + (g / 50) % 6] else 'closed' end,
      1, t.id, (select id from origin), p.code, p.safety_region_code, p.police_unit_code,
      (array['acute','high','normal','normal'])[1 + g % 4], case when g % 7 = 0 then 'yes' else 'no' end,
      (array['yes','no','not_asked'])[1 + g % 3], case when g % 3 = 0 then 'consent' when g % 7 = 0 then 'minor' end,
      (array['female','male','unknown'])[1 + g % 3], (array['9--17','18--20','21--23','24--26','30--38','unknown'])[1 + g % 6],
      (array['NL','BG','PL','RO','NG','UA'])[1 + g % 6], array[(array['sexual','labour','criminal','other'])[1 + g % 4]],
      array['lives_at_work'],
      now() - (g % 1825) * interval '1 day', now() - (g % 1825) * interval '1 day',
      now() - (g % 1825) * interval '1 day' + interval '2 days',
      now() - (g % 1825) * interval '1 day' + (g % 72) * interval '1 hour',
      now() - (g % 1825) * interval '1 day' + (g % 200) * interval '1 hour',
      case when g % 50 <> 0 then now() - (g % 1825) * interval '1 day' + interval '60 days' end,
      case when g % 50 <> 0 then 'placed_and_stable' end
    from generate_series(1, ${CASES}) g
    join teams t on t.i = g % t.n
    join places p on p.i = (g * 7) % p.n`.execute(database.db);
  await sql`
    insert into nrm_registration (pseudonym, registered_on, gender, age_group, citizenship, forms, methods_of_control,
      recruitment, referring_org_type, safety_region_code, police_unit_code, minor, status, signal_at, triage_at,
      first_referral_at, closed_at, updated_at)
    select 'B' || md5(id::text), created_at::date, gender, age_group, citizenship, forms, '{}', '{}', 'youth_care',
      safety_region_code, police_unit_code, minor, status, created_at, triaged_at, first_referral_at, closed_at, now()
    from nrm_case where reference like 'NVM-B-%'`.execute(database.db);
  // The notifications the last 90 days of signals left (one per signal, to its team, never marked as read): the
  // queue page counts the new ones on every load.
  await sql`
    insert into nrm_notification (team_id, case_id, kind, created_at)
    select owner_team_id, id, 'signal', created_at from nrm_case
    where reference like 'NVM-B-%' and created_at > now() - interval '90 days'`.execute(database.db);
  await caseWork(database.db, services);
  // The generated cases have no decisions, and SQL cannot count Dutch working days: the next decision due on each
  // open case (migration 0035, the team dashboard's decisions list) is computed by the code that does it on start.
  await services.referrals.recomputeNextDecisions({ force: true });
  // As autovacuum would have done on a table five years old: statistics, and the visibility map that lets the
  // queue's count read the index alone.
  await sql`vacuum (analyze)`.execute(database.db);
  const generateSeconds = (performance.now() - started) / 1000;
  await database.close();
  return { generateSeconds };
}

/**
 * Case work (issue 20, point 3): every case of a team with members has a case worker among them (one open case in
 * ten still waits for one), each such case one task (done when the case is closed), each open case two open tasks
 * due between ten days ago and twenty days ahead, their titles sealed (done tasks' titles left empty: the pages
 * never open them).
 */
async function caseWork(db: Kysely<Database>, services: ReturnType<typeof createServices>) {
  await sql`
    with members as (
      select m.team_id, m.user_id, row_number() over (partition by m.team_id order by m.user_id) - 1 as i,
        count(*) over (partition by m.team_id) as n
      from nrm_member m join app_user u on u.id = m.user_id where u.disabled_at is null
    )
    update nrm_case c set case_worker_id = mm.user_id
    from members mm
    where mm.team_id = c.owner_team_id and c.reference like 'NVM-B-%'
      and mm.i = abs(hashtext(c.id::text)) % mm.n
      and (c.status = 'closed' or abs(hashtext(c.reference)) % 10 <> 0)`.execute(db);
  await sql`
    insert into nrm_task (id, case_id, team_id, owner_user_id, due_on, done_at, done_by, created_at, created_by)
    select gen_random_uuid(), id, owner_team_id, case_worker_id, (created_at + interval '14 days')::date,
      case when status = 'closed' then created_at + interval '10 days' end,
      case when status = 'closed' then case_worker_id end, created_at, case_worker_id
    from nrm_case where case_worker_id is not null and reference like 'NVM-B-%'`.execute(db);
  await sql`
    insert into nrm_task (id, case_id, team_id, owner_user_id, due_on, created_at, created_by)
    select gen_random_uuid(), c.id, c.owner_team_id, c.case_worker_id,
      (now() + ((abs(hashtext(c.id::text || k::text)) % 30) - 10) * interval '1 day')::date, now(), c.case_worker_id
    from nrm_case c cross join generate_series(1, 2) k
    where c.case_worker_id is not null and c.status <> 'closed' and c.reference like 'NVM-B-%'`.execute(db);
  const open = await db.selectFrom('nrm_task').select('id').where('done_at', 'is', null).execute();
  for (let i = 0; i < open.length; i += 1000) {
    const rows = open.slice(i, i + 1000).map((t) => ({
      id: t.id,
      title: services.referrals.sealing.seal('nrm_task', 'title_enc', t.id, `Benchmarktaak ${i}`)!,
    }));
    await sql`
      update nrm_task set title_enc = v.title
      from (values ${sql.join(rows.map((r) => sql`(${r.id}::uuid, ${r.title})`))}) as v(id, title)
      where nrm_task.id = v.id`.execute(db);
  }
}

/** The coordinator's open cases (the case pages the benchmark reads). */
async function openCasesOfCoordinator(databaseUrl: string): Promise<string[]> {
  const database = await connect({ databaseUrl, dataDir: '.' });
  const coordinator = DEMO_ACCOUNTS.find((a) => a.role === 'nrm_coordinator')!;
  const team = await database.db
    .selectFrom('nrm_member')
    .innerJoin('app_user', 'app_user.id', 'nrm_member.user_id')
    .select('nrm_member.team_id')
    .where('app_user.email', '=', coordinator.email)
    .executeTakeFirstOrThrow();
  const open = await database.db
    .selectFrom('nrm_case')
    .select('id')
    .where('owner_team_id', '=', team.team_id)
    .where('status', '!=', 'closed')
    .limit(200)
    .execute();
  await database.close();
  return open.map((o) => o.id);
}

/** Signs the demo coordinator in over HTTP (password, then the TOTP code) and returns the cookie and a CSRF token. */
async function signIn(base: string, account: (typeof DEMO_ACCOUNTS)[number]) {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const token = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
  let r = await fetch(`${base}/login`);
  keep(r);
  let csrf = token(await r.text());
  r = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, email: account.email, password: DEMO_PASSWORD }),
  });
  keep(r);
  r = await fetch(`${base}/login/totp`, { headers: { cookie: cookie() } });
  keep(r);
  csrf = token(await r.text());
  r = await fetch(`${base}/login/totp`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, code: totpCode(account.totp, Date.now()) }),
  });
  keep(r);
  if (r.status !== 303) throw new Error(`sign-in failed: ${r.status}`);
  r = await fetch(`${base}/nvm`, { headers: { cookie: cookie() } });
  if (r.status !== 200) throw new Error(`queue page answered ${r.status}`);
  return { cookie: cookie(), csrf: token(await r.text()) };
}

interface Run {
  label: string;
  rps: number;
  p50: number;
  p90: number;
  p95: number;
  p97_5: number;
  p99: number;
  /** Answers other than the one expected (200 for a page, 303 for a form post: post, redirect, get). */
  unexpected: number;
}

async function run(
  label: string,
  url: string,
  o: {
    headers?: Record<string, string>;
    paths?: string[];
    method?: 'POST';
    body?: string;
    expect?: number;
    connections?: number;
  } = {},
): Promise<Run> {
  let i = 0;
  let unexpected = 0;
  const expected = o.expect ?? 200;
  // Every response time, for the exact p95 (autocannon's summary has p90 and p97.5, not p95).
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: o.connections ?? CONNECTIONS,
        duration: DURATION,
        ...(o.method ? { method: o.method } : {}),
        ...(o.body ? { body: o.body } : {}),
        ...(o.headers ? { headers: o.headers } : {}),
        ...(o.paths
          ? {
              requests: [
                {
                  setupRequest: (req: autocannon.Request) => ({
                    ...req,
                    path: o.paths![i++ % o.paths!.length]!,
                  }),
                },
              ],
            }
          : {}),
      },
      (error: unknown, result: autocannon.Result) => (error ? reject(error) : resolve(result)),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      times.push(ms);
      if (status !== expected) unexpected++;
    });
  });
  times.sort((a, b) => a - b);
  const p95 = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))] ?? 0;
  return {
    label,
    p95: Math.round(p95 * 10) / 10,
    rps: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    unexpected: unexpected + result.errors,
  };
}

// With BENCH_REUSE=1, the database a run kept is used again when it holds the cases.
const bench = await benchDatabase('samen_bench_referrals', async (client) => {
  const { rows } = await client.query<{ n: string }>(
    `select count(*) as n from nrm_case where reference like 'NVM-B-%'`,
  );
  return Number(rows[0]!.n) === CASES;
});
const databaseUrl = bench.url;
if (bench.reused) {
  console.log(`Using the ${CASES.toLocaleString('en')} cases kept in ${bench.name} (BENCH_REUSE=1)`);
} else {
  console.log(`Generating ${CASES.toLocaleString('en')} cases in PostgreSQL (${bench.name}) …`);
  const { generateSeconds } = await prepare(databaseUrl);
  console.log(
    `generated in ${generateSeconds.toFixed(1)} s (${Math.round(CASES / generateSeconds).toLocaleString('en')} cases/s, with their registrations)`,
  );
}
const openCaseIds = await openCasesOfCoordinator(databaseUrl);

const bare = await startServer('bare');
const bareRun = await run('bare Fastify route (baseline)', `http://127.0.0.1:${bare.port}/bare`);
await bare.stop();

const samen = await startServer('samen', {
  DATABASE_URL: databaseUrl,
  NODE_ENV: 'development',
  LOG_LEVEL: 'silent',
  ...BENCH_KEYS,
});
const base = `http://127.0.0.1:${samen.port}`;
const coordinator = await signIn(
  base,
  DEMO_ACCOUNTS.find((a) => a.role === 'nrm_coordinator')!,
);
// Warm-up (not measured), as in the other benches: JIT, each pool connection's prepared statements, caches.
const warmUp = (path: string) =>
  autocannon({
    url: `${base}${path}`,
    connections: CONNECTIONS,
    duration: 3,
    headers: { cookie: coordinator.cookie },
  });
await warmUp('/nvm');
await warmUp(`/nvm/cases/${openCaseIds[0]!}`);
const queue = await run('coordinator queue page /nvm', `${base}/nvm`, {
  headers: { cookie: coordinator.cookie },
});
const casePage = await run('case page /nvm/cases/:id', `${base}/nvm/cases/x`, {
  headers: { cookie: coordinator.cookie },
  paths: openCaseIds.map((id) => `/nvm/cases/${id}`),
});
await warmUp('/nvm/waiting');
const waitingMe = await run('waiting on me /nvm/waiting', `${base}/nvm/waiting`, {
  headers: { cookie: coordinator.cookie },
});
// The same page at fewer users at once: how its p95 grows with the load (20 at once is the table's figure).
const waitingByLoad: Run[] = [];
for (const connections of [1, 5, 10])
  waitingByLoad.push(
    await run(`waiting on me at ${connections} at once`, `${base}/nvm/waiting`, {
      headers: { cookie: coordinator.cookie },
      connections,
    }),
  );
await warmUp('/nvm/waiting?tab=team');
const waitingTeam = await run('waiting on my team /nvm/waiting?tab=team', `${base}/nvm/waiting?tab=team`, {
  headers: { cookie: coordinator.cookie },
});
const professional = await signIn(
  base,
  DEMO_ACCOUNTS.find((a) => a.role === 'nrm_professional')!,
);
const signalBody = new URLSearchParams({
  _csrf: professional.csrf,
  kind: 'signal',
  municipality: 'Utrecht',
  urgency: 'normal',
  minor: 'no',
  consent: 'yes',
  forms: 'labour',
  summary: 'Benchmark',
  name: 'Bench Persoon',
}).toString();
const signals = await run('signal submission POST /nvm/signal', `${base}/nvm/signal`, {
  method: 'POST',
  body: signalBody,
  headers: { cookie: professional.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  expect: 303,
});
await samen.stop();

// Ratios of throughput: the bare route's latencies round to 0 or 1 ms, too coarse to divide by.
const ratio = (r: Run) => (r.rps / bareRun.rps).toFixed(4);
console.log(
  `\nReferral mechanism at ${CONNECTIONS} concurrent connections, ${DURATION} s each, ${CASES.toLocaleString('en')} cases (target: queue, case and "waiting on me" pages p95 <= 50 ms)`,
);
printTable(
  [bareRun, queue, casePage, waitingMe, waitingTeam, signals].map((r) => ({
    run: r.label,
    'req/s': r.rps.toFixed(0),
    'p50 ms': r.p50,
    'p90 ms': r.p90,
    'p95 ms': r.p95,
    'p97.5 ms': r.p97_5,
    'p99 ms': r.p99,
    'req/s ratio to bare': ratio(r),
    unexpected: r.unexpected,
  })),
);
console.log(
  `\n"waiting on me" by load: ${[...waitingByLoad, waitingMe].map((r) => `${r.label.replace(/^waiting on me( \/nvm\/waiting)?/, '').trim() || 'at 20 at once'}: p95 ${r.p95} ms, ${r.rps.toFixed(0)} req/s`).join('; ')}`,
);
const meets = (r: Run) => (r.p95 <= 50 ? 'meets' : 'MISSES');
console.log(
  `target p95 <= 50 ms: queue page ${meets(queue)} it, case page ${meets(casePage)} it, "waiting on me" ${meets(waitingMe)} it ("on my team" ${meets(waitingTeam)} it). (p95 from every response time; a signal submission answers 303 to its receipt; 'unexpected' counts any other answer or a failed request.)`,
);

const { database, services } = await benchServices(databaseUrl);
const verifyStarted = performance.now();
const verified = await services.audit.verify();
const verifySeconds = (performance.now() - verifyStarted) / 1000;
console.log(
  `\naudit verify over this run's audit trail: ${verified.checked.toLocaleString('en')} entries in ${verifySeconds.toFixed(2)} s = ${Math.round(verified.checked / verifySeconds).toLocaleString('en')} entries/s, ${verified.brokenAt === undefined ? 'intact' : `BROKEN at ${verified.brokenAt}`}`,
);
await database.close();
// BENCH_KEEP=1 keeps the database for a look at the query plans and for BENCH_REUSE=1.
await bench.done();
