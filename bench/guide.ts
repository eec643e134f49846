// bench/guide: the wegwijzer under load (GET /api/v1/guide/advice and the HTML result page, next to a bare
// Fastify route measured in the same run), the weight of every step and the result (HTML + CSS + JS as a phone
// downloads them, compressed), and Lighthouse (mobile) on the home page, one step and the result.
//   npm run bench:guide                 (10 s per row in 5 rounds; BENCH_DURATION=5 for a quicker look)
//   BENCH_SKIP_LIGHTHOUSE=1 skips Lighthouse (it needs Debian's chromium at /usr/bin/chromium)
import { existsSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import {
  compareInRounds,
  municipalityCodes,
  load,
  printCompared,
  printTable,
  startServer,
  type ComparedResult,
} from './lib.js';

const duration = Number(process.env.BENCH_DURATION ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const connections = 50;
const CHROMIUM = '/usr/bin/chromium';

/** A spread of realistic answer sets: every audience, form, need and age answer, over many municipalities. */
function answerQueries(): string[] {
  const codes = municipalityCodes();
  const audiences = ['self', 'worried', 'professional', 'anonymous'];
  const forms = ['sexual', 'labour', 'criminal', 'other', 'unknown', 'sexual,labour'];
  const needs = ['talk', 'police', 'shelter', 'anonymous-tip', 'advice', 'rights', 'police,shelter'];
  const minors = ['yes', 'no', 'unknown'];
  const out: string[] = [];
  for (let i = 0; i < 500; i++) {
    const place = i % 10 === 0 ? 'abroad' : i % 10 === 1 ? 'unknown' : codes[(i * 37) % codes.length]!;
    out.push(
      `audience=${audiences[i % 4]}&form=${forms[i % 6]}&danger=${i % 9 === 0 ? 'yes' : 'no'}&municipality=${place}&minor=${minors[i % 3]}&need=${needs[i % 7]}`,
    );
  }
  return out;
}

async function underLoad(samenPort: number, samenPid: number | undefined) {
  const bare = await startServer('bare');
  const queries = answerQueries();
  let results: ComparedResult[];
  try {
    await load('warmup', `http://127.0.0.1:${bare.port}/bare`, { duration: 2, connections });
    for (const route of ['/api/v1/guide/advice', '/guide/result']) {
      await load('warmup', `http://127.0.0.1:${samenPort}`, {
        duration: 3,
        connections,
        paths: queries.map((q) => `${route}?${q}`),
      });
    }
    const onBare = { url: `http://127.0.0.1:${bare.port}`, serverPid: bare.child.pid };
    const onSamen = { url: `http://127.0.0.1:${samenPort}`, ...(samenPid ? { serverPid: samenPid } : {}) };
    // The baseline gets the same load-generator set-up as the routes measured: autocannon rotating through 500
    // paths is slower itself than one fixed path, which would otherwise count against the routes measured.
    results = await compareInRounds(
      [
        {
          label: 'bare Fastify route, 500 rotating paths (baseline)',
          ...onBare,
          paths: queries.map((q) => `/bare?${q}`),
        },
        { label: 'bare Fastify route, one fixed path', ...onBare, paths: ['/bare'] },
        {
          label: 'GET /api/v1/guide/advice (500 answer sets)',
          ...onSamen,
          paths: queries.map((q) => `/api/v1/guide/advice?${q}`),
        },
        {
          label: 'GET /guide/result (HTML, same answers)',
          ...onSamen,
          paths: queries.map((q) => `/guide/result?${q}`),
          headers: { accept: 'text/html' },
        },
      ],
      { rounds, secondsPerRound: duration / rounds, connections },
    );
  } finally {
    await bare.stop();
  }
  console.log(
    `\nUnder load: autocannon, ${connections} connections, on loopback; ${rounds} interleaved rounds of ${duration / rounds} s per row`,
  );
  printCompared(results);
  const [, , advice, page] = results as [ComparedResult, ComparedResult, ComparedResult, ComparedResult];
  const verdict = (ok: boolean) => (ok ? 'meets' : 'MISSES');
  console.log(
    `targets: advice >= 0.50x (${advice.ratio.toFixed(2)}: ${verdict(advice.ratio >= 0.5)}), result page >= 0.30x (${page.ratio.toFixed(2)}: ${verdict(page.ratio >= 0.3)}), p99 <= 15 ms (advice ${advice.p99} ms: ${verdict(advice.p99 <= 15)}, page ${page.p99} ms: ${verdict(page.p99 <= 15)})`,
  );
}

const PAGES: [string, string][] = [
  ['home (question 1)', '/'],
  ['question 2: what', '/guide/what?audience=self'],
  ['question 3: danger', '/guide/danger?audience=self&form=labour'],
  ['question 4: where', '/guide/where?audience=self&form=labour&danger=no'],
  ['question 4: suggestions', '/guide/where?audience=self&form=labour&danger=no&place=Almele'],
  ['question 5: age', '/guide/age?audience=self&form=labour&danger=no&municipality=GM0599'],
  ['question 6: need', '/guide/need?audience=self&form=labour&danger=no&municipality=GM0599&minor=no'],
  [
    'result (victim, Rotterdam)',
    '/guide/result?audience=self&form=labour&danger=no&municipality=GM0599&minor=no&need=talk',
  ],
  [
    'result (professional, Zwolle)',
    '/guide/result?audience=professional&form=criminal&danger=no&municipality=GM0193&minor=yes&need=advice',
  ],
  [
    'result in Arabic',
    '/ar/guide/result?audience=self&form=sexual&danger=yes&municipality=GM0363&minor=no&need=shelter',
  ],
];

async function weight(port: number) {
  const base = `http://127.0.0.1:${port}`;
  const rows: Record<string, string | number>[] = [];
  let worst = 0;
  for (const [label, url] of PAGES) {
    const raw = await fetch(base + url, { headers: { accept: 'text/html' } });
    const html = await raw.text();
    const css = /href="(\/assets\/app\.[^"]+\.css)"/.exec(html)?.[1];
    const js = /src="(\/assets\/app\.[^"]+\.js)"/.exec(html)?.[1];
    const sizes = await Promise.all([url, css!, js!].map((u) => transferSize(base + u)));
    const total = sizes.reduce((a, b) => a + b, 0);
    worst = Math.max(worst, total);
    rows.push({
      page: label,
      'HTML KB': (sizes[0]! / 1024).toFixed(1),
      'CSS KB': (sizes[1]! / 1024).toFixed(1),
      'JS KB': (sizes[2]! / 1024).toFixed(1),
      'total KB': (total / 1024).toFixed(1),
      'raw HTML KB': (Buffer.byteLength(html) / 1024).toFixed(1),
    });
  }
  console.log('\nWeight: bytes on the wire with Accept-Encoding: br, gzip (no web fonts, no images)');
  printTable(rows);
  console.log(
    `target: every page <= 40 KB. Heaviest ${(worst / 1024).toFixed(1)} KB: ${worst <= 40 * 1024 ? 'meets' : 'MISSES'} it`,
  );
}

/** Compressed bytes of a response body as sent (Node's fetch would decompress, so read it raw). */
async function transferSize(url: string): Promise<number> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': 'br, gzip', accept: 'text/html' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        // Sanity: the body really is what the header says.
        const encoding = res.headers['content-encoding'];
        if (encoding === 'br') brotliDecompressSync(body);
        if (encoding === 'gzip') gunzipSync(body);
        resolve(body.length);
      });
    });
    req.on('error', reject);
    req.end();
  });
}

async function lighthouse(port: number) {
  if (process.env.BENCH_SKIP_LIGHTHOUSE === '1') return;
  if (!existsSync(CHROMIUM)) {
    console.log(`\nLighthouse: skipped (${CHROMIUM} not installed: apt-get install chromium)`);
    return;
  }
  const { default: run } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const rows: Record<string, string | number>[] = [];
  try {
    // Lighthouse's own advice: several runs per page and the median, as single runs vary (the first run in a
    // fresh browser especially).
    const runs = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);
    for (const [label, url] of [PAGES[0]!, PAGES[2]!, PAGES[7]!]) {
      const samples: { perf: number; a11y: number; fcp: number; lcp: number; cls: number; tbt: number }[] =
        [];
      for (let i = 0; i < runs; i++) {
        const result = await run(`http://127.0.0.1:${port}${url}`, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility'],
          formFactor: 'mobile',
          screenEmulation: { mobile: true, width: 360, height: 640, deviceScaleFactor: 2, disabled: false },
        });
        const { categories, audits } = result!.lhr;
        samples.push({
          perf: Math.round((categories.performance?.score ?? 0) * 100),
          a11y: Math.round((categories.accessibility?.score ?? 0) * 100),
          fcp: audits['first-contentful-paint']?.numericValue ?? 0,
          lcp: audits['largest-contentful-paint']?.numericValue ?? 0,
          cls: audits['cumulative-layout-shift']?.numericValue ?? 0,
          tbt: audits['total-blocking-time']?.numericValue ?? 0,
        });
      }
      const median = samples.sort((a, b) => a.perf - b.perf)[Math.floor(samples.length / 2)]!;
      rows.push({
        page: label,
        performance: median.perf,
        'all runs': samples.map((s) => s.perf).join(' '),
        accessibility: Math.min(...samples.map((s) => s.a11y)),
        'FCP s': (median.fcp / 1000).toFixed(2),
        'LCP s': (median.lcp / 1000).toFixed(2),
        CLS: median.cls.toFixed(3),
        'TBT ms': Math.round(median.tbt),
      });
    }
  } finally {
    await chrome.kill();
  }
  console.log(
    `\nLighthouse 12.2.3 in Debian Chromium, mobile (simulated slow 4G, 4x CPU slowdown), median of ${Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3)} runs`,
  );
  printTable(rows);
  const ok = rows.every((r) => Number(r.performance) >= 95 && Number(r.accessibility) === 100);
  console.log(`targets: performance >= 95 and accessibility 100 on each: ${ok ? 'meets' : 'MISSES'} them`);
}

const samen = await startServer('samen');
try {
  await weight(samen.port);
  await lighthouse(samen.port);
  await underLoad(samen.port, samen.child.pid);
} finally {
  await samen.stop();
}
