// Issue 16, point 3, tried the way an attacker with a copy of the database would: the real service puts a
// distinctive marker in every free-text field of the referral mechanism, then the raw database is searched for it
// (PGlite: every file under a file-backed data dir, after it is closed; PostgreSQL: a full pg_dump, or every row of
// every table where pg_dump is missing). The marker is found nowhere, while the pages show it decrypted to those
// who may see it. The list of free-text columns is read from the database catalogue: a new text column that is
// neither sealed (registered for key rotation) nor on the allow-list of codes below fails this test. Key rotation
// moves every sealed value to the new key and the pages still read them with the new key alone.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signIn, createUser } from '../../../test/auth.js';
import { TestClock, testConfig } from '../../../test/app.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../../../test/db.js';
import { describeDb } from '../../../test/db-suite.js';
import { buildApp } from '../../app.js';
import { loadReferralDemo } from '../../cli/seed.js';
import { openPGlite, wrapPGlite, type DatabaseHandle } from '../../db/connect.js';
import { migrate } from '../../db/migrate.js';
import type { Database } from '../../db/schema.js';
import type { FieldKey } from '../../platform/crypto/index.js';
import { createServices, type Services } from '../../services.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.js';
import { SEALED_FREE_TEXT } from './sealing.js';

const MARK = 'QZXMARKER';
const mark = (field: string) => `${MARK}-${field}-Anna`;
const oldKey: FieldKey = { id: 'before', key: Buffer.alloc(32, 7) };
const newKey: FieldKey = { id: 'after', key: Buffer.alloc(32, 8) };

/**
 * Text columns of nrm_* tables that hold no free text: codes from fixed lists, keys, tokens, team data (not about
 * a case), the pseudonymised registration. Anything else must be sealed.
 */
const NOT_FREE_TEXT = new Set([
  'nrm_team.kind', // code
  'nrm_team.name', // a team's name (an organisation), set by an administrator
  'nrm_team.organisation_type', // code
  'nrm_team.email', // a team's functional mailbox
  'nrm_case.reference', // generated reference
  'nrm_case.kind',
  'nrm_case.status',
  'nrm_case.municipality_code',
  'nrm_case.safety_region_code',
  'nrm_case.police_unit_code',
  'nrm_case.urgency',
  'nrm_case.minor',
  'nrm_case.minor_source',
  'nrm_case.consent',
  'nrm_case.legal_ground',
  'nrm_case.gender',
  'nrm_case.age_group',
  'nrm_case.citizenship', // ISO country code (validated)
  'nrm_case.forms',
  'nrm_case.sector', // code from SECTORS
  'nrm_case.indicators',
  'nrm_case.methods_of_control',
  'nrm_case.recruitment',
  'nrm_case.needs',
  'nrm_case.closed_reason', // code from CLOSE_REASONS; the words go in the event's sealed reason
  'nrm_case.submission_token', // random token
  'nrm_case.next_decision_code', // a decision type's code (0035)
  'nrm_next_decision_basis.fingerprint', // a hash of the decision types and the calendar's version (0035)
  'nrm_case_event.kind',
  'nrm_case_event.from_status',
  'nrm_case_event.to_status',
  'nrm_referral.kind',
  'nrm_referral.service_type',
  'nrm_referral.status',
  'nrm_referral.legal_ground',
  'nrm_capacity.category',
  'nrm_capacity_history.category',
  'nrm_placement.category',
  'nrm_placement.status',
  'nrm_notification.kind',
  'nrm_notification.roles',
  'nrm_sealing_pending.table_name',
  'nrm_match_key.match_key', // keyed hash (HMAC) of a blocking key: no name or date in the clear
  'nrm_duplicate.reasons', // codes from matching.ts
  'nrm_duplicate.outcome', // linked / dismissed
  'nrm_consent.purpose', // code from the service types
  'nrm_consent.answer', // given / refused
  'nrm_consent.method', // how it was given: code
  'nrm_decision_type.code', // a decision type's code, configured by an administrator (not about a case)
  'nrm_decision_type.name', // its Dutch name (configuration, not about a case)
  'nrm_decision_type.decider_roles', // roles: codes
  'nrm_decision_type.after_code', // code
  'nrm_decision.type_code', // code
  'nrm_decision.outcome', // positive / negative
  'nrm_support.aangifte', // yes / no / considering
  'nrm_support.b8_outcome', // code
  'nrm_field_scope.role', // per-field scopes: configuration codes (issue 20, point 4)
  'nrm_field_scope.purpose',
  'nrm_field_scope.field',
  'nrm_guardian.guardian_notice', // the children's route: codes (sent, nobody, no_team, not_needed)
  'nrm_guardian.veilig_thuis_notice',
  'nrm_referral.outcome', // delivered / refused / not_reachable
  'nrm_task.cancelled_reason', // code from TASK_CANCEL_REASONS (check constraint, 0034)
  // The national registration: pseudonym (keyed hash) and codes only, by design (no names, no free text).
  ...[
    'pseudonym',
    'gender',
    'age_group',
    'citizenship',
    'forms',
    'sector',
    'methods_of_control',
    'recruitment',
    'referring_org_type',
    'safety_region_code',
    'police_unit_code',
    'minor',
    'status',
  ].map((c) => `nrm_registration.${c}`),
]);

/** Sealed columns no code path writes yet: they must stay empty until one does (none left: the exit step writes
 * nrm_placement.exit_reason and exit_note_enc). */
const NOT_WRITTEN_YET = new Set<string>([]);

const account = (role: string) => {
  const a = DEMO_ACCOUNTS.find((x) => x.role === role)!;
  return { email: a.email, password: DEMO_PASSWORD, totpSecret: a.totp };
};

async function textColumns(db: Kysely<Database>): Promise<string[]> {
  const rows = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and table_name like 'nrm\\_%'
      and (data_type in ('text', 'character varying', 'character') or udt_name in ('_text', '_varchar'))
    order by table_name, column_name`.execute(db);
  return rows.rows.map((r) => `${r.table_name}.${r.column_name}`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : entry.isFile() ? [full] : [];
  });
}

describeDb('referral free text sealed at rest (attack test)', () => {
  const clock = new TestClock();
  let dataDir: string | undefined;
  let database: DatabaseHandle & { destroy?: TestDatabase['destroy'] };
  let services: Services;
  let app: Awaited<ReturnType<typeof buildApp>>['app'];
  let caseId = '';
  let reference = '';
  const users = new Map<string, { id: string; role: 'nrm_coordinator' }>();

  beforeAll(async () => {
    if (testEngine() === 'pglite') {
      dataDir = mkdtempSync(path.join(tmpdir(), 'samen-seal-'));
      database = wrapPGlite(await openPGlite(dataDir));
      await migrate(database.db);
    } else {
      database = await createTestDatabase();
    }
    const built = await buildApp({
      config: testConfig({ fieldKeys: [oldKey] }),
      database,
      clock: clock.read,
      logger: false,
      mailTransport: null,
    });
    app = built.app;
    services = built.services;
    await app.ready();
    await services.directory.loadSampleDirectory();
    await loadReferralDemo(services);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    if (database?.destroy) await database.destroy();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function userOf(role: string, email = account(role).email) {
    const row = await database.db
      .selectFrom('app_user')
      .select(['id', 'role'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    return { id: row.id, role: row.role as 'nrm_coordinator' };
  }

  it('lists every text column of the referral tables as sealed or as a code, and rotation covers the sealed ones', async () => {
    const registered = new Set(
      services.fieldCrypto.registered().flatMap((spec) => spec.columns.map((c) => `${spec.table}.${c}`)),
    );
    const unsealed = (await textColumns(database.db)).filter(
      (c) => !registered.has(c) && !NOT_FREE_TEXT.has(c),
    );
    expect(unsealed, 'free-text columns that are neither sealed nor known codes').toEqual([]);
    for (const spec of SEALED_FREE_TEXT)
      for (const column of spec.columns) expect(registered).toContain(`${spec.table}.${column}`);
  });

  it('puts a marker in every free-text field through the service and shows it decrypted on the pages', async () => {
    const referrals = services.referrals;
    const professional = await userOf('nrm_professional');
    const coordinator = await userOf('nrm_coordinator');
    const national = await userOf('nrm_national');
    const shelter = await userOf('nrm_shelter');
    users.set('coordinator', coordinator);
    const submitted = await referrals.submitSignal(professional as never, {
      kind: 'signal',
      municipality: 'Amsterdam',
      urgency: 'normal',
      minor: 'no',
      consent: 'yes',
      vitalInterest: false,
      forms: ['labour'],
      signals: ['lives_at_work'],
      methodsOfControl: [],
      recruitment: [],
      sector: '',
      needs: [],
      gender: 'female',
      ageGroup: '30--38',
      citizenship: 'PL',
      summary: mark('summary'),
      name: mark('name'),
      dateOfBirth: '',
      contact: mark('contact'),
    });
    caseId = submitted.id;
    reference = submitted.reference;
    const version = async () => (await referrals.getCase(coordinator, caseId)).row.version;
    await referrals.rectify(coordinator, caseId, {
      version: await version(),
      name: mark('name'),
      dateOfBirth: '1990-01-02',
      contact: mark('contact'),
      specialNotes: mark('special-notes'),
      // Codes from a fixed list (no marker can be typed there), sealed all the same.
      languages: ['pl', 'other'],
    });
    await referrals.transition(coordinator, caseId, {
      to: 'triage',
      reason: mark('transition'),
      version: await version(),
    });
    await referrals.correctMinor(coordinator, caseId, {
      version: await version(),
      minor: 'yes',
      reason: mark('correction'),
    });
    const comensha = (await referrals.teams()).find((t) => t.kind === 'national')!;
    await referrals.refer(coordinator, caseId, {
      version: await version(),
      kind: 'refer',
      toTeamId: comensha.id,
      serviceType: 'care',
      sharePersonalData: true,
      reason: mark('referral'),
    });
    const referral = (await referrals.getCase(coordinator, caseId)).referrals.find(
      (r) => r.to_team_id === comensha.id,
    )!;
    await referrals.respondReferral(national as never, caseId, referral.id, {
      accept: false,
      reason: mark('referral-answer'),
    });
    const shelterTeam = (await referrals.teamOf(shelter.id))!;
    await referrals.setCapacity(shelter as never, {
      category: 'women',
      available: 2,
      maximum: 4,
      reason: mark('capacity'),
    });
    await referrals.requestPlacement(coordinator, caseId, {
      version: await version(),
      shelterTeamId: shelterTeam.id,
      category: 'women',
      reason: mark('placement'),
    });
    const placement = (await referrals.getCase(coordinator, caseId)).placements[0]!;
    await referrals.respondPlacement(shelter as never, caseId, placement.id, {
      accept: false,
      reason: mark('placement-answer'),
    });
    // The shelter takes the person in on a second request, then records the exit: its reason (a code, sealed like
    // every reason column) and its note (free text, sealed).
    await referrals.requestPlacement(coordinator, caseId, {
      version: await version(),
      shelterTeamId: shelterTeam.id,
      category: 'women',
      reason: '',
    });
    const second = (await referrals.getCase(coordinator, caseId)).placements.find(
      (p) => p.status === 'requested',
    )!;
    await referrals.respondPlacement(shelter as never, caseId, second.id, { accept: true, reason: '' });
    await referrals.exitPlacement(shelter as never, caseId, second.id, {
      reason: 'left_without_notice',
      note: mark('exit-note'),
    });
    const exited = await database.db
      .selectFrom('nrm_placement')
      .select(['exit_reason', 'exit_note_enc'])
      .where('id', '=', second.id)
      .executeTakeFirstOrThrow();
    expect(exited.exit_reason).toMatch(/^f1:/);
    expect(exited.exit_note_enc).toMatch(/^f1:/);
    // Withdrawing consent (the signal's "yes") with a note.
    await referrals.withdrawConsent(coordinator, caseId, {
      version: await version(),
      consent: 'all',
      note: mark('withdrawal-note'),
    });
    // An identification decision with its reasons, and the support track's free text (issue 20).
    await referrals.decide(coordinator, caseId, {
      version: await version(),
      step: 'vermoedelijk_slachtoffer',
      outcome: 'positive',
      reasons: mark('decision-reasons'),
    });
    await referrals.saveSupport(coordinator, caseId, {
      version: await version(),
      recoveryStart: '',
      recoveryDays: '',
      aangifte: 'yes',
      aangifteOn: '',
      aangiftePlace: mark('aangifte-place'),
      b8AppliedOn: '',
      b8Outcome: '',
      b8DecidedOn: '',
      legalAidOn: clock.read().toISOString().slice(0, 10),
      legalAid: mark('legal-aid'),
    });
    // The children's route (issue 20, point 5): the case corrected to a minor's and its guardian recorded.
    await referrals.correctMinor(coordinator, caseId, {
      version: await version(),
      minor: 'yes',
      reason: mark('minor-correction'),
    });
    await referrals.recordGuardian(coordinator, caseId, {
      version: await version(),
      organisation: mark('guardian'),
      appointedOn: clock.read().toISOString().slice(0, 10),
    });
    // A task of the case plan (issue 20, point 3): its title.
    await referrals.addTask(coordinator, caseId, {
      version: await version(),
      title: mark('task-title'),
      ownerId: coordinator.id,
      dueOn: clock.read().toISOString().slice(0, 10),
    });
    // Break the glass: a coordinator of another region opens the case with a reason.
    const rotterdam = (await referrals.teams()).find(
      (t) => t.kind === 'care_coordination' && t.name.includes('Rotterdam'),
    )!;
    const outsider = await createUser(services, { role: 'nrm_coordinator' });
    await database.db
      .insertInto('nrm_member')
      .values({ user_id: outsider.id, team_id: rotterdam.id })
      .execute();
    await referrals.breakGlass({ id: outsider.id, role: 'nrm_coordinator' }, caseId, mark('break-glass'));

    // Every sealed column was written (else the search below proves nothing about it).
    for (const spec of services.fieldCrypto.registered().filter((s) => s.table.startsWith('nrm_')))
      for (const column of spec.columns) {
        const { n } = (
          await sql<{ n: string }>`select count(*) as n from ${sql.table(spec.table)}
            where ${sql.ref(column)} is not null`.execute(database.db)
        ).rows[0]!;
        if (NOT_WRITTEN_YET.has(`${spec.table}.${column}`))
          expect(Number(n), `${spec.table}.${column}`).toBe(0);
        else expect(Number(n), `${spec.table}.${column} written`).toBeGreaterThan(0);
      }

    // The pages show the text decrypted to those who may see it.
    const coordinatorAgent = await signIn(
      { app, services, database, clock } as never,
      account('nrm_coordinator'),
    );
    const casePage = await coordinatorAgent.get(`/nvm/cases/${caseId}`);
    expect(casePage.statusCode).toBe(200);
    for (const field of [
      'summary',
      'name',
      'transition',
      'correction',
      'referral',
      'referral-answer',
      'placement',
      'placement-answer',
      'exit-note',
      'decision-reasons',
      'aangifte-place',
      'legal-aid',
      'task-title',
    ])
      expect(casePage.body, field).toContain(mark(field));
    const exported = await coordinatorAgent.get(`/nvm/cases/${caseId}/export.json`);
    for (const field of ['special-notes', 'transition', 'referral', 'referral-answer', 'placement-answer'])
      expect(exported.body, field).toContain(mark(field));
    const shelterAgent = await signIn({ app, services, database, clock } as never, account('nrm_shelter'));
    expect((await shelterAgent.get('/nvm/shelter')).body).toContain(mark('capacity'));
    const privacyAgent = await signIn(
      { app, services, database, clock } as never,
      account('privacy_officer'),
    );
    expect((await privacyAgent.get('/nvm/privacy')).body).toContain(mark('break-glass'));
  }, 120_000);

  it('re-encrypts every sealed value with a new key, and the service reads them with the new key alone', async () => {
    const rotating = createServices({
      db: database.db,
      clock: clock.read,
      config: testConfig({ fieldKeys: [newKey, oldKey] }),
      mailTransport: null,
    });
    const reports = await rotating.fieldCrypto.rotate({ batchSize: 2 });
    for (const spec of SEALED_FREE_TEXT) {
      const report = reports.find((r) => r.table === spec.table)!;
      expect(report.unreadable, spec.table).toBe(0);
      if (!spec.columns.every((c) => NOT_WRITTEN_YET.has(`${spec.table}.${c}`)))
        expect(report.values, spec.table).toBeGreaterThan(0);
      for (const column of spec.columns) {
        const values = (
          await sql<{
            v: string | null;
          }>`select ${sql.ref(column)} as v from ${sql.table(spec.table)}`.execute(database.db)
        ).rows.flatMap((r) => (r.v === null ? [] : [r.v]));
        for (const value of values)
          expect(value.startsWith('f1:after:'), `${spec.table}.${column}`).toBe(true);
      }
    }
    const newOnly = createServices({
      db: database.db,
      clock: clock.read,
      config: testConfig({ fieldKeys: [newKey] }),
      mailTransport: null,
    });
    const coordinator = users.get('coordinator')!;
    const seen = await newOnly.referrals.getCase(coordinator, caseId);
    expect(seen.events.map((e) => e.reason)).toEqual(
      expect.arrayContaining([mark('transition'), mark('correction')]),
    );
    expect(seen.referrals.map((r) => r.reason)).toContain(mark('referral'));
    expect(seen.referrals.map((r) => r.response_reason)).toContain(mark('referral-answer'));
    expect(seen.placements.map((p) => p.reason)).toContain(mark('placement-answer'));
    expect((await newOnly.referrals.flaggedAccess()).map((g) => g.reason)).toContain(mark('break-glass'));
    const shelterTeam = (await newOnly.referrals.teamOf((await userOf('nrm_shelter')).id))!;
    expect((await newOnly.referrals.capacityOf(shelterTeam.id)).history.map((h) => h.reason)).toContain(
      mark('capacity'),
    );
  }, 60_000);

  it('finds the marker nowhere in the raw database, where the case reference is found', async () => {
    let raw: Buffer[];
    if (dataDir) {
      // Close the app and the database (a clean shutdown writes a checkpoint), then read every file.
      await app.close();
      await database.close();
      raw = filesUnder(dataDir).map((file) =>
        statSync(file).size > 0 ? readFileSync(file) : Buffer.alloc(0),
      );
    } else {
      const url = new URL(process.env.TEST_DATABASE_URL!);
      const dbName = (await sql<{ name: string }>`select current_database() as name`.execute(database.db))
        .rows[0]!.name;
      url.pathname = `/${dbName}`;
      raw = [hasPgDump() ? dumpOf(url.toString()) : await everyRow(database.db)];
    }
    const found = (needle: string) => raw.filter((b) => b.includes(needle)).length;
    // The search works: the case reference (not sealed) is there.
    expect(reference).toMatch(/^\S{6,}$/);
    expect(found(reference)).toBeGreaterThan(0);
    expect(found(MARK), 'files or dumps holding the marker').toBe(0);
    // Not in another encoding either (UTF-16, as some tools store text).
    expect(raw.filter((b) => b.includes(Buffer.from(MARK, 'utf16le'))).length).toBe(0);
  }, 120_000);
});

function hasPgDump(): boolean {
  try {
    execFileSync('pg_dump', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Without pg_dump: every row of every table of the database, as text. */
async function everyRow(db: Kysely<Database>): Promise<Buffer> {
  const tables = (
    await sql<{ name: string }>`select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
  ).rows;
  const parts: string[] = [];
  for (const { name } of tables)
    for (const row of (
      await sql<{ r: string }>`select (x.*)::text as r from ${sql.table(name)} x`.execute(db)
    ).rows)
      parts.push(row.r);
  return Buffer.from(parts.join('\n'), 'utf8');
}

/** A full dump: pg_dump where it is installed. */
function dumpOf(url: string): Buffer {
  return execFileSync('pg_dump', ['--no-owner', url], {
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
