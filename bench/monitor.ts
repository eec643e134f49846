// bench/monitor: generating the annex "Bijlage 1" (HTML and PDF) for a plan of 200 actions with 10 locked rounds
// of history, next to rendering an empty page in the app's layout in the same run (ratios, not absolute times:
// these machines are noisy). Runs in one process on an in-memory PGlite database.
//   npm run bench:monitor            (BENCH_REPEAT=5 for a quicker look; default 15 per measurement)
import { sql } from 'kysely';
import { testConfig } from '../test/app.js';
import { openPGlite, wrapPGlite } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { I18n } from '../src/platform/i18n/index.js';
import { html } from '../src/platform/web/html.js';
import { renderPage } from '../src/platform/web/layout.js';
import { createServices } from '../src/services.js';
import { annexCsv } from '../src/modules/monitor/annex-csv.js';
import { annexPdf } from '../src/modules/monitor/annex-export.js';
import * as repo from '../src/modules/monitor/plan/repository.js';
import { annexDocument } from '../src/modules/monitor/views/annex.js';
import { printTable } from './lib.js';

const LINES = 10;
const ACTIONS_PER_LINE = 20;
const ROUNDS = 10;
const repeat = Number(process.env.BENCH_REPEAT ?? 15);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function time(fn: () => Promise<unknown> | unknown, times = repeat): Promise<number> {
  await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await fn();
    samples.push((performance.now() - started) / 1000);
  }
  return median(samples);
}

const database = wrapPGlite(await openPGlite(undefined));
await migrate(database.db);
let now = Date.parse('2026-01-05T09:00:00Z');
const clock = () => new Date(now);
const services = createServices({ db: database.db, clock, config: testConfig(), mailTransport: null });
const { monitor } = services;
const team = await services.auth.createUser({
  email: 'bench@samen.test',
  displayName: 'Bench',
  role: 'programme_team',
  password: 'correct horse battery staple',
  actorUserId: null,
});
const actor = { id: team.id, role: 'programme_team' as const };

// The plan: 10 lines × 20 actions, each with two indicators, owned by 25 organisations.
const setupStarted = performance.now();
await database.db.transaction().execute(async (trx) => {
  const orgs: string[] = [];
  for (let o = 0; o < 25; o++) {
    const id = crypto.randomUUID();
    await repo.insertOrganisation(trx, { id, name: `Organisatie ${o + 1}` });
    orgs.push(id);
  }
  for (let l = 1; l <= LINES; l++) {
    const lineId = crypto.randomUUID();
    await repo.insertLine(trx, {
      id: lineId,
      code: String(l),
      title: `Actielijn nummer ${l}`,
      position: l,
      source: '',
    });
    for (let a = 1; a <= ACTIONS_PER_LINE; a++) {
      const id = crypto.randomUUID();
      await repo.insertAction(trx, {
        id,
        lineId,
        code: `${l}.${a}`,
        title: `Actie ${l}.${a}: een titel van gewone lengte voor een actie uit het actieplan`,
        description: 'Beschrijving van de actie. '.repeat(8),
        ownerId: orgs[(l * ACTIONS_PER_LINE + a) % orgs.length]!,
        status: 'planned',
        source: 'bench',
        position: a,
        now: clock(),
      });
      for (let i = 1; i <= 2; i++)
        await repo.insertIndicator(trx, {
          id: crypto.randomUUID(),
          actionId: id,
          name: `Indicator ${i}`,
          unit: 'aantal',
          min: 0,
          max: null,
          position: i,
        });
    }
  }
});

// Ten rounds: each opened through the service, every entry updated (status, narrative, indicator values) and
// accepted in bulk, then locked through the service.
const STATUSES = ['planned', 'running', 'delayed', 'completed', 'stopped'];
let lastRound = '';
let firstRound = '';
for (let r = 1; r <= ROUNDS; r++) {
  const round = await monitor.openRound({ name: `ronde ${r}`, deadline: '2027-12-31' }, actor);
  // About a fifth of the statuses, half of the narratives and a third of the figures change per round.
  await sql`update monitor_round_entry
    set status = case when random() < 0.2
          then (${sql.lit(`{${STATUSES.join(',')}}`)}::text[])[1 + floor(random() * 5)::int] else status end,
        narrative = case when random() < 0.5 then ${`Voortgang in ronde ${r}. `.repeat(12)} else narrative end,
        review_state = 'accepted', updated_at = now()
    where round_id = ${round.id}`.execute(database.db);
  if (r === 1)
    await sql`insert into monitor_indicator_value (id, indicator_id, round_id, period, value)
      select gen_random_uuid(), i.id, ${round.id}, '2025', floor(random() * 1000)
      from monitor_indicator i`.execute(database.db);
  else
    await sql`update monitor_indicator_value set value = floor(random() * 1000)
      where round_id = ${round.id} and random() < 0.33`.execute(database.db);
  await monitor.lockRound(round.id, actor);
  if (r === 1) firstRound = round.id;
  lastRound = round.id;
  now += 24 * 60 * 60_000;
}
const setupSeconds = (performance.now() - setupStarted) / 1000;

const t = new I18n().translator('nl');
const ctx = { t, locale: 'nl' };
const pageContext = {
  locale: 'nl',
  t,
  cspNonce: 'bench-nonce-bench-nonce==',
  cssUrl: '/assets/app.css',
  jsUrl: '/assets/app.js',
  pathWithoutLocale: '/',
  href: (p: string) => p,
};

const annex = await monitor.annex(lastRound);
const pdfBytes = (await annexPdf(ctx, annex)).length;
const htmlBytes = Buffer.byteLength(annexDocument(ctx, annex));

const empty = await time(() => renderPage(pageContext, { title: 'Leeg', body: html`` }), repeat * 20);
const model = await time(() => monitor.annex(lastRound));
const htmlOnly = await time(() => annexDocument(ctx, annex));
const htmlFull = await time(async () => annexDocument(ctx, await monitor.annex(lastRound)));
const pdfFull = await time(async () => annexPdf(ctx, await monitor.annex(lastRound)));
const csvFull = await time(async () => annexCsv(await monitor.annex(lastRound), 'nl', t));
const firstAnnex = await time(async () => annexDocument(ctx, await monitor.annex(firstRound)));

console.log(
  `\nAnnex of a plan of ${annex.actionCount} actions (${annex.lines.length} lines), round ${ROUNDS} of ${ROUNDS} locked rounds ` +
    `(${annex.changedCount} actions changed since the previous round); setup ${setupSeconds.toFixed(1)} s; median of ${repeat} runs.\n`,
);
const row = (label: string, seconds: number, size?: number) => ({
  measurement: label,
  'seconds per annex': seconds.toFixed(4),
  'x empty page': Math.round(seconds / empty).toLocaleString('en'),
  size: size === undefined ? '' : `${Math.round(size / 1024)} KB`,
});
printTable([
  {
    measurement: 'empty page in the layout (baseline)',
    'seconds per annex': empty.toFixed(6),
    'x empty page': '1',
    size: '',
  },
  row('annex model (queries + comparison)', model),
  row('HTML rendering only', htmlOnly),
  row('HTML annex (model + document)', htmlFull, htmlBytes),
  row('PDF annex (model + tagged PDF)', pdfFull, pdfBytes),
  row('CSV annex (model + CSV)', csvFull),
  row('HTML annex of round 1 (no previous round)', firstAnnex),
]);
await database.close();
