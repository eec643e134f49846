// A server process for the benchmarks: `bare` (a plain Fastify JSON route, the baseline) or `samen` (the real
// app on an embedded database with the sample data). Runs in its own process so the load generator does not
// share its core. Prints "READY <port>" when it accepts requests.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { connect } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { seedSampleData } from '../src/cli/seed.js';

const kind = process.argv[2];

// A clean exit on SIGTERM, so that a CPU profile (BENCH_PROFILE=dir: node --cpu-prof) is written.
process.once('SIGTERM', () => process.exit(0));

if (kind === 'bare') {
  const app = Fastify({ logger: false });
  app.get('/bare', async () => ({ status: 'ok', items: [{ id: 1, name: 'baseline' }] }));
  // The same route sending ready bytes: the answers of a route measured, saved by the benchmark in
  // BENCH_BODIES_DIR (as <name>), read once. The baseline for a route whose answers are large, so that moving
  // those bytes (and the load generator reading them) counts on both sides and the difference is the platform.
  const bodiesDir = process.env.BENCH_BODIES_DIR;
  const bodies = new Map<string, Buffer>();
  app.get<{ Params: { name: string } }>('/body/:name', async (request, reply) => {
    const name = request.params.name;
    let body = bodies.get(name);
    if (!body) {
      if (!bodiesDir || !/^[\w.-]+$/.test(name)) return reply.code(404).send();
      bodies.set(name, (body = readFileSync(path.join(bodiesDir, name))));
    }
    return reply.type('application/json; charset=utf-8').send(body);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  console.log(`READY ${typeof address === 'object' && address ? address.port : 0}`);
} else if (kind === 'samen') {
  const dataDir = process.env.SAMEN_DATA_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'samen-bench-'));
  const config = {
    ...loadConfig({ ...process.env, SAMEN_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
    port: 0,
    host: '127.0.0.1',
  };
  const database = await connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(database.db);
  const { app, services } = await buildApp({ config, database, logger: false, apiRateLimit: 10_000_000 });
  await seedSampleData(services, { onlyIfEmpty: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  console.log(`READY ${typeof address === 'object' && address ? address.port : 0}`);
} else {
  console.error('usage: server.ts bare|samen');
  process.exit(2);
}
