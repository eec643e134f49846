// Wiring: data -> services. Each module exposes one service object through its index.ts; routes and CLI
// commands use only these. Typed by ReturnType so adding a method needs no second declaration.
import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import type { Database } from './db/schema.js';
import { createAuditService } from './platform/audit/service.js';
import { createAuditCheckpoints } from './platform/audit/checkpoint.js';
import type { Engine } from './db/connect.js';
import { createJobRunner } from './platform/jobs/index.js';
import { createLog, type Log } from './platform/log.js';
import { createMailService, defaultMailTransport, type MailTransport } from './platform/mail/index.js';
import { createFieldCryptoService } from './platform/crypto/index.js';
import { createAuthService } from './platform/auth/service.js';
import { createFormDrafts } from './platform/auth/drafts.js';
import { createOidcService } from './platform/auth/oidc/service.js';
import { createDirectoryService } from './modules/directory/index.js';
import { createGuideService } from './modules/guide/index.js';
import { createMonitorService } from './modules/monitor/index.js';
import { createStatsService } from './modules/stats/index.js';
import { createReferralService, SEALED_FREE_TEXT } from './modules/referrals/index.js';

export interface ServiceDeps {
  db: Kysely<Database>;
  clock: () => Date;
  config: Config;
  /** How mail leaves (default: from the configuration, see src/platform/mail); null: it stays queued. */
  mailTransport?: MailTransport | null;
  /** Where services and background jobs log (default: pino at config.logLevel; the server passes app.log). */
  log?: Log;
  /** The database engine (lets the job runner hold its advisory locks correctly; asked from the database if absent). */
  engine?: Engine;
}

export function createServices(deps: ServiceDeps) {
  const audit = createAuditService(deps);
  const log = deps.log ?? createLog(deps.config.logLevel);
  const mail = createMailService({
    ...deps,
    log,
    transport: deps.mailTransport === undefined ? defaultMailTransport(deps.config, log) : deps.mailTransport,
  });
  // Field encryption (SAMEN_FIELD_KEYS); modules with encrypted columns register them for `samen keys rotate`:
  // fieldCrypto.register({ table, idColumn, columns }).
  const fieldCrypto = createFieldCryptoService({ db: deps.db, keys: deps.config.fieldKeys, log, audit });
  // Background jobs: modules add theirs here with jobs.register({ name, intervalMs, run(now) }).
  const jobs = createJobRunner({ db: deps.db, clock: deps.clock, log, engine: deps.engine });
  jobs.register({
    name: 'mail.deliver',
    intervalMs: 30_000,
    run: async () => ({ ...(await mail.deliverDue()), purged: await mail.purgeSent() }),
  });
  // Signed checkpoints of the audit trail, outside the database, mailed to the privacy officers (hourly).
  const auditCheckpoints = createAuditCheckpoints({ ...deps, audit, mail, log });
  jobs.register({ name: 'audit.checkpoint', intervalMs: 60 * 60_000, run: () => auditCheckpoints.run() });
  const auth = createAuthService({ ...deps, audit });
  // Staff sign-in through organisations' identity providers (OpenID Connect, `samen idp`).
  const oidc = createOidcService({ ...deps, audit, auth });
  // Forms posted after their session ended, kept sealed for their account until it signs in again.
  const drafts = createFormDrafts({ db: deps.db, clock: deps.clock, fieldCrypto });
  fieldCrypto.register({ table: 'auth_form_draft', idColumn: 'id', columns: ['values_enc'] });
  // Client addresses of sign-ins past SAMEN_ADDRESS_RETENTION_DAYS and stale throttle contexts.
  jobs.register({
    name: 'auth.retention',
    intervalMs: 6 * 60 * 60_000,
    run: async (now) => ({
      ...(await auth.purgeSignInRecords(now)),
      ...(await drafts.purge(now)),
      ...(await oidc.purge(now)),
    }),
  });
  const directory = createDirectoryService({ ...deps, audit });
  const guide = createGuideService({ ...deps, audit, directory });
  const referrals = createReferralService({ ...deps, audit, directory, mail, fieldCrypto });
  fieldCrypto.register({
    table: 'nrm_person',
    idColumn: 'case_id',
    columns: ['name_enc', 'date_of_birth_enc', 'contact_enc', 'special_notes_enc', 'languages_enc'],
  });
  fieldCrypto.register({ table: 'nrm_case', idColumn: 'id', columns: ['summary_enc'] });
  // Every free-text reason of the referral mechanism (src/modules/referrals/sealing.ts).
  // The shelter's exit note (migration 0018) was sealed from the start: rotated with the placement's reasons (a
  // table is registered once), but not part of the one-off sealing of older rows.
  for (const spec of SEALED_FREE_TEXT)
    fieldCrypto.register(
      spec.table === 'nrm_placement' ? { ...spec, columns: [...spec.columns, 'exit_note_enc'] } : spec,
    );
  // Triage deadlines (escalation to the regional lead) and reflection-period warnings; retention once a day.
  jobs.register({
    name: 'referrals.deadlines',
    intervalMs: 5 * 60_000,
    run: (now) => referrals.runDeadlines(now),
  });
  jobs.register({
    name: 'referrals.retention',
    intervalMs: 24 * 60 * 60_000,
    run: (now) => referrals.runRetention(now),
  });
  const monitor = createMonitorService({ ...deps, audit, mail, directory, fieldCrypto });
  // The expert pool's real names and contact details (plaintext rows of before migration 0020 are sealed by
  // monitor.sealExpertIdentities(), run by `samen serve` and `samen migrate`).
  fieldCrypto.register({
    table: 'monitor_expert',
    idColumn: 'id',
    columns: ['real_name_enc', 'contact_enc'],
  });
  // Reminders for open reporting rounds: at most one mail per organisation per day (see the monitor's README).
  jobs.register({
    name: 'monitor.reminders',
    intervalMs: 6 * 60 * 60_000,
    run: () => monitor.sendReminders({ dueWithinDays: 7 }),
  });
  // The data hub, with the referral mechanism's pseudonymised registrations as its built-in data set (refreshed
  // daily by the job below).
  const stats = createStatsService({
    ...deps,
    audit,
    registrations: () => referrals.registrationRecords(),
    // Opened only for an HTCDS export under a data-sharing agreement that allows them, each one audited.
    birthdates: (caseRefs, o) => referrals.exchangeBirthdates(caseRefs, o),
  });
  jobs.register({
    name: 'stats.registrations',
    intervalMs: 24 * 60 * 60_000,
    run: () => stats.refreshRegistrations(),
  });
  return {
    audit,
    auditCheckpoints,
    mail,
    jobs,
    fieldCrypto,
    auth,
    oidc,
    drafts,
    directory,
    guide,
    monitor,
    referrals,
    stats,
  };
}

export type Services = ReturnType<typeof createServices>;
