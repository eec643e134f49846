// Words, not codes, on every staff page (issue 18 point 9): each role walks its pages of the referral mechanism
// (queue, notifications, every case it can open with its export, places, shelter, registrations, bottlenecks,
// privacy, audit log, administration) on the demo data, in Dutch and English, after a break-the-glass and a
// closed case, and no visible text shows a code of the model's lists or a UUID (hidden inputs, attributes and
// links are not visible text).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReferralDemo } from '../../cli/seed.js';
import { createUser, signIn, type Agent } from '../../../test/auth.js';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { loadCatalogues } from '../../platform/i18n/index.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.js';
import { modelCodes } from './subject-access-codes.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const catalogues = loadCatalogues();

/** Every word the catalogue of a language uses (a code that is also one of its words is a word there). */
const wordsOf = (locale: string) =>
  new Set(
    Object.values(catalogues.get(locale) ?? {}).flatMap((v) =>
      (typeof v === 'string' ? v : Object.values(v).join(' ')).toLowerCase().split(/[^\p{L}_]+/u),
    ),
  );

/** The text a person sees: no scripts, no tags, no attribute values (hidden inputs and URLs are not seen). */
export function visibleText(body: string): string {
  return body
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** Codes of the model's lists shown as text, and UUIDs. */
export function rawCodes(text: string, locale: 'nl' | 'en'): string[] {
  const found: string[] = [];
  const uuid = UUID.exec(text);
  if (uuid) found.push(`UUID ${uuid[0]}`);
  // Places by name: a municipality, safety region or police unit code is a code.
  const place = /\b(GM\d{4}|VR\d{2}|PE\d{2})\b/.exec(text);
  if (place) found.push(`place ${place[0]}`);
  // A table name (the processing register's) is a code too.
  const table = /\bnrm_[a-z_]+\b/.exec(text);
  if (table) found.push(`table ${table[0]}`);
  const words = wordsOf(locale);
  for (const code of modelCodes()) {
    const codeLike = /_|[a-z][A-Z]|--|\+/.test(code);
    // A plain code ("closed", "acute") is a code on a Dutch page; in English, or where the language uses the
    // same word, it reads as a word.
    if (!codeLike && (locale === 'en' || code.length < 4 || words.has(code))) continue;
    const escaped = code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (new RegExp(`(^|[^\\p{L}_])${escaped}($|[^\\p{L}_])`, 'u').test(text)) found.push(`code ${code}`);
  }
  return found;
}

const account = (role: string) => {
  const a = DEMO_ACCOUNTS.find((x) => x.role === role)!;
  return { email: a.email, password: DEMO_PASSWORD, totpSecret: a.totp };
};

describeDb('staff pages say codes in words', () => {
  const t = useTestApp({ mailTransport: null });
  const agents = new Map<string, Agent>();

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    await loadReferralDemo(t.services);
    for (const role of [
      'nrm_professional',
      'nrm_coordinator',
      'nrm_regional_lead',
      'nrm_national',
      'nrm_shelter',
      'privacy_officer',
    ])
      agents.set(role, await signIn(t, account(role)));
    const admin = await createUser(t.services, { role: 'admin' });
    agents.set('admin', await signIn(t, admin));
    // A closed case with a reason, and a break-the-glass grant for the privacy officer's list.
    const coordinator = agents.get('nrm_coordinator')!;
    const queue = await coordinator.get('/nvm');
    const caseUrl = /href="(\/nvm\/cases\/[0-9a-f-]{36})"/.exec(queue.body)![1]!;
    const page = await coordinator.get(caseUrl);
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    const to = /<option value="([a-z_]+)"[^>]*>[^<]*<\/option>/.exec(
      /<select[^>]*name="to"[^>]*>([\s\S]*?)<\/select>/.exec(page.body)![1]!,
    )![1]!;
    await coordinator.post(`${caseUrl}/transition`, { version, to, reason: 'Volgende stap' });
    // A referral: its step in the timeline starts with the service's code (event-reason.ts says it in words).
    const comensha = (await t.services.referrals.teams()).find((x) => x.kind === 'national')!;
    const now = /name="version" value="(\d+)"/.exec((await coordinator.get(caseUrl)).body)![1]!;
    const referred = await coordinator.post(`${caseUrl}/refer`, {
      version: now,
      kind: 'refer',
      toTeamId: comensha.id,
      serviceType: 'legal_aid',
      sharePersonalData: 'no',
      reason: 'Vraag over verblijfsrecht',
    });
    expect(referred.statusCode).toBe(303);
    const other = await t.database.db
      .selectFrom('nrm_case')
      .select(['id', 'reference'])
      .where('municipality_code', '=', 'GM0153')
      .where('kind', '=', 'signal')
      .executeTakeFirstOrThrow();
    await coordinator.post(`/nvm/cases/${other.id}/break-glass`, { reason: 'Persoon staat aan de balie' });
  });

  const PAGES: Record<string, string[]> = {
    nrm_professional: ['/nvm', '/nvm?scope=received', '/nvm/notifications', '/nvm/signal'],
    nrm_coordinator: ['/nvm', '/nvm?status=closed', '/nvm/notifications', '/nvm/places', '/nvm/bottlenecks'],
    nrm_regional_lead: ['/nvm', '/nvm/notifications', '/nvm/places', '/nvm/bottlenecks'],
    nrm_national: [
      '/nvm',
      '/nvm/notifications',
      '/nvm/registrations',
      '/nvm/places',
      '/nvm/bottlenecks',
      '/nvm/duplicates',
    ],
    nrm_shelter: ['/nvm', '/nvm/notifications', '/nvm/shelter'],
    privacy_officer: ['/nvm/privacy', '/nvm/privacy/audit'],
    admin: ['/admin/nrm', '/admin/nrm/routes'],
  };

  describe.each(Object.keys(PAGES))('%s', (role) => {
    it.each(['nl', 'en'] as const)('in %s', async (locale) => {
      const agent = agents.get(role)!;
      const prefix = locale === 'nl' ? '' : '/en';
      const urls = [...PAGES[role]!];
      // Every case the role's queue links to, with its export where the role may make one.
      for (const list of ['/nvm', '/nvm?status=closed']) {
        if (!PAGES[role]!.includes('/nvm')) break;
        const queue = await agent.get(`${prefix}${list}`);
        for (const m of queue.body.matchAll(/href="(?:\/en)?(\/nvm\/cases\/[0-9a-f-]{36})"/g))
          urls.push(m[1]!);
      }
      const found: string[] = [];
      for (const url of [...new Set(urls)]) {
        const response = await agent.get(`${prefix}${url}`);
        expect(response.statusCode, url).toBe(200);
        for (const problem of rawCodes(visibleText(response.body), locale)) found.push(`${url}: ${problem}`);
        const exportLink = response.body.includes(`action="${prefix}${url}/export"`);
        if (exportLink) {
          const exported = await agent.get(`${prefix}${url}/export?lang=${locale}`);
          for (const problem of rawCodes(visibleText(exported.body), locale))
            found.push(`${url}/export: ${problem}`);
        }
      }
      expect(found).toEqual([]);
    });
  });
});
