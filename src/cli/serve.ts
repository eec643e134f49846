// `samen serve`, `samen starter`, `samen migrate`, `samen seed`.
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig, type Config } from '../config.js';
import type { DatabaseHandle } from '../db/connect.js';

// What the commands run is loaded when one runs, not when `samen` starts: `samen --help` loads none of it.
const load = async () => {
  const [app, connect, migrate, services, referrals, seed, starter, context] = await Promise.all([
    import('../app.js'),
    import('../db/connect.js'),
    import('../db/migrate.js'),
    import('../services.js'),
    import('../modules/referrals/index.js'),
    import('./seed.js'),
    import('./starter.js'),
    import('./context.js'),
  ]);
  const { startDemoProviderForServe } = await import('./demo-provider.js');
  return {
    ...app,
    ...connect,
    ...migrate,
    createServices: services.createServices,
    sealExistingFreeText: referrals.sealExistingFreeText,
    ...seed,
    ...starter,
    ...context,
    startDemoProviderForServe,
  };
};

/**
 * Whether `serve` loads the sample data and the referral demo (fictional cases, demo accounts with known
 * passwords): only when asked (`--seed-if-empty`, as `npm start` does) on the embedded database outside
 * production. A production start (`NODE_ENV=production` or `DATABASE_URL` set) never does.
 */
export function sampleDataWanted(
  config: Pick<Config, 'databaseUrl' | 'nodeEnv'>,
  seedIfEmpty: boolean,
): boolean {
  return seedIfEmpty && !config.databaseUrl && config.nodeEnv !== 'production';
}

export function registerServeCommands(program: Command) {
  program
    .command('serve')
    .description('Migrate the database and serve Samen on PORT (default 3000).')
    .option(
      '--seed-if-empty',
      'on the embedded database, load the sample data when the directory is empty (used by npm start)',
    )
    .action(async (options: { seedIfEmpty?: boolean }) => {
      const config = loadConfig();
      const {
        buildApp,
        connect,
        DataDirLockedError,
        discardStarter,
        ensureStarter,
        guardDemoAccounts,
        isLoopbackHost,
        isNewEmbeddedDatabase,
        loadDemos,
        sealExistingFreeText,
        migrate,
        seedSampleData,
        startDemoProviderForServe,
      } = await load();
      let demoProvider: { close(): Promise<void> } | undefined;
      const seedIfEmpty = sampleDataWanted(config, Boolean(options.seedIfEmpty));
      // A new embedded data dir starts as a copy of the starter database (migrated, sample data loaded)
      // instead of running initdb, the migrations and the sample data: see starter.ts.
      let starter: string | undefined;
      let starterProblem: string | undefined;
      if (seedIfEmpty && isNewEmbeddedDatabase(config.dataDir)) {
        try {
          starter = await ensureStarter();
        } catch (error) {
          starterProblem = (error as Error).message;
        }
      }
      let database: DatabaseHandle;
      try {
        database = await connect({
          databaseUrl: config.databaseUrl,
          dataDir: config.dataDir,
          ...(starter ? { initialDataDir: starter } : {}),
        });
      } catch (error) {
        if (!starter || error instanceof DataDirLockedError) throw error;
        // The copy failed or does not open: make a new starter next time, and start the slow way now.
        discardStarter(starter);
        starterProblem = (error as Error).message;
        starter = undefined;
        database = await connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      }
      await migrate(database.db);
      const { app, services } = await buildApp({ config, database });
      // One-off steps that need the keys (SQL has none): a failure stops the start.
      // Free text written before migration 0019 is sealed once (and the start fails loudly if it cannot be).
      const sealed = await sealExistingFreeText({ db: database.db, fieldCrypto: services.fieldCrypto });
      if (sealed.some((r) => r.values > 0))
        app.log.info({ tables: sealed }, 'sealed the free text written before migration 0019');
      // The expert pool's identities written before migration 0020.
      const experts = await services.monitor.sealExpertIdentities();
      if (experts.sealed > 0)
        app.log.info({ rows: experts.sealed }, "sealed the expert pool's plaintext identities");
      // The next identification decision stored on each open case (migration 0035) is computed by code: recomputed
      // when the decision types or the holiday calendar changed since, or a case lacks it (rows of before 0035).
      const nextDecisions = await services.referrals.recomputeNextDecisions();
      if (nextDecisions.cases > 0)
        app.log.info({ cases: nextDecisions.cases }, 'recomputed the next decision due on the open cases');
      if (starterProblem) {
        app.log.warn(
          { problem: starterProblem },
          'the starter database could not be used; migrating from scratch',
        );
      }
      if (starter) app.log.info('the new database starts from the starter database (migrated, sample data)');
      if (seedIfEmpty) {
        const seeded = await seedSampleData(services, { onlyIfEmpty: true });
        if (seeded) app.log.info({ services: seeded.services }, 'loaded the sample data');
      }
      let closing = false;
      const shutdown = async (signal: string) => {
        if (closing) return;
        closing = true;
        app.log.info({ signal }, 'shutting down');
        // Stop accepting, finish requests and background jobs in flight, then close the database. Requests get
        // SAMEN_DRAIN_SECONDS (default 10): then the connections still open are closed (a slow upload does not keep
        // the process alive), and should closing still hang, the process exits non-zero 5 seconds later.
        const drainMs = (config.drainSeconds ?? 10) * 1000;
        const deadline = setTimeout(() => {
          app.log.warn(
            { drainSeconds: drainMs / 1000 },
            'drain deadline passed: closing the open connections',
          );
          app.server.closeAllConnections();
        }, drainMs);
        const lastResort = setTimeout(() => {
          app.log.error('the server did not close after the drain deadline: exiting');
          process.exit(1);
        }, drainMs + 5000);
        deadline.unref();
        lastResort.unref();
        await services.jobs.stop();
        await demoProvider?.close();
        await app.close();
        clearTimeout(deadline);
        await database.close();
        process.exit(0);
      };
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
      process.once('SIGINT', () => void shutdown('SIGINT'));
      // Before the first request: demo accounts (published secrets) are disabled on any non-loopback address.
      const demoAccounts = await guardDemoAccounts(services, config.host);
      const loopback = isLoopbackHost(config.host);
      if (demoAccounts > 0 && !loopback) {
        app.log.warn(
          { host: config.host, accounts: demoAccounts },
          'the demo accounts (published secrets) are disabled: HOST is not a loopback address',
        );
      }
      if (!services.mail.canDeliver) {
        app.log.warn(
          'SAMEN_SMTP_URL is not set: outgoing mail stays queued in mail_outbox until it is configured',
        );
      }
      await app.listen({ port: config.port, host: config.host });
      // Background jobs (mail delivery, …): see src/platform/jobs.
      services.jobs.start();
      // The referral mechanism's demo (accounts with second factors, fictional cases) is not in the starter
      // database: its secrets are encrypted with this data dir's keys, so it is made here, once, after the
      // server is up (a few seconds of password hashing the first visitor need not wait for).
      if (seedIfEmpty && !loopback) {
        app.log.warn(
          { host: config.host },
          'the referral demo is not loaded: HOST is not a loopback address',
        );
      } else if (seedIfEmpty)
        void loadDemos(services).then(
          async (made) => {
            // Its accounts exist now: the banner goes up on every page.
            await guardDemoAccounts(services, config.host);
            if (made) app.log.info({ accounts: made.users, cases: made.cases }, 'loaded the referral demo');
            // The demo's identity provider (loopback only, never in production) on the port after Samen's.
            demoProvider = await startDemoProviderForServe(services, config, app.log);
          },
          (error: unknown) =>
            app.log.error({ err: (error as Error).name }, 'the referral demo could not be loaded'),
        );
    });

  program
    .command('starter')
    .description(
      'Make the starter database that new embedded data dirs start from, when the code has none yet (npm install runs this).',
    )
    .action(async () => {
      const { ensureStarter } = await load();
      const dir = await ensureStarter();
      console.log(`The starter database is ready: ${path.relative(process.cwd(), dir)}`);
    });

  program
    .command('migrate')
    .description('Apply the database migrations that have not been applied yet, then exit.')
    .action(async () => {
      const config = loadConfig();
      const { connect, createServices, migrate, sealExistingFreeText } = await load();
      const database = await connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const result = await migrate(database.db);
        console.log(
          result.applied.length
            ? `Applied ${result.applied.join(', ')}. Schema version ${result.current}.`
            : `Up to date at schema version ${result.current}.`,
        );
        // The one-off sealing steps of migrations 0019 and 0020 need the keys: they run here too, so a release
        // step leaves no plaintext, and their failure exits 1.
        const services = createServices({
          db: database.db,
          clock: () => new Date(),
          config,
          engine: database.engine,
        });
        const sealed = await sealExistingFreeText({ db: database.db, fieldCrypto: services.fieldCrypto });
        for (const r of sealed.filter((x) => x.values > 0))
          console.log(`Sealed ${r.values} free-text value(s) in ${r.table}, and rewrote the table.`);
        const experts = await services.monitor.sealExpertIdentities();
        if (experts.sealed > 0)
          console.log(`Sealed the identities of ${experts.sealed} expert(s) of the pool.`);
        const nextDecisions = await services.referrals.recomputeNextDecisions();
        if (nextDecisions.cases > 0)
          console.log(`Recomputed the next decision due on ${nextDecisions.cases} open case(s).`);
      } finally {
        await database.close();
      }
    });

  program
    .command('seed')
    .description('Load the sample data (directory). Records that already exist are updated, not duplicated.')
    .action(async () => {
      const { seedSampleData, withDatabase } = await load();
      await withDatabase(async ({ services, config }) => {
        const result = await seedSampleData(services, {
          onlyIfEmpty: false,
          demo: config.nodeEnv !== 'production' && !config.databaseUrl,
        });
        console.log(
          `Sample data loaded: ${result?.organizations ?? 0} organisations, ${result?.services ?? 0} services.`,
        );
      });
    });
}
