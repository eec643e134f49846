// The export the person is owed (issue 18 point 7), as the person would read it, in every shipped language, as a
// page and as a PDF: a planted break-the-glass reason, every access, the national registration and the complaint
// route are there; no raw code of the module's lists, no UUID, no internal key or version, and no English where
// the language has its own words.
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReferralDemo } from '../../cli/seed.js';
import { createUser, signIn, type Agent } from '../../../test/auth.js';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { LOCALES, loadCatalogues } from '../../platform/i18n/index.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.js';
import { AUTHORITY_NAME, AUTHORITY_WEBSITE } from './subject-access.js';
import { modelCodes } from './subject-access-codes.js';
import { EXIT_REASONS } from './placement-exit.js';

const account = (role: string) => {
  const a = DEMO_ACCOUNTS.find((x) => x.role === role)!;
  return { email: a.email, password: DEMO_PASSWORD, totpSecret: a.totp };
};

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const PLANTED = 'Persoon staat nu bij onze balie in Rotterdam en vraagt om opvang';
const REFERRAL_REASON = 'Doorverwezen omdat zij Pools spreekt en dichtbij familie wil wonen';
const EXIT_NOTE = 'Vertrokken naar haar zus in Almelo, adres bij de opvang bekend';
const WITHDRAWAL_NOTE = 'Wil niet dat de opvang nog gegevens ziet na vertrek';
const version = (body: string) => /name="version" value="(\d+)"/.exec(body)?.[1] ?? '';
const catalogues = loadCatalogues();
const sarOf = (locale: string) =>
  Object.entries(catalogues.get(locale) ?? {}).filter(([k]) => k.startsWith('referrals.sar.')) as [
    string,
    string,
  ][];

/** Every word the language's own export catalogue uses, lower case. */
const ownWords = (locale: string) =>
  new Set(sarOf(locale).flatMap(([, v]) => v.toLowerCase().split(/[^\p{L}]+/u)));

/** The visible text of the export's article (tags out, entities decoded). */
function articleText(body: string): string {
  const article = /<article class="samen-export"[^>]*>([\s\S]*?)<\/article>/.exec(body)?.[1] ?? '';
  return article
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** The problems a person's export must not have, in the language it claims. */
function problems(text: string, locale: string): string[] {
  const found: string[] = [];
  const uuid = UUID.exec(text);
  if (uuid) found.push(`UUID ${uuid[0]}`);
  for (const code of modelCodes()) {
    // A code that looks like a code (snake_case, CamelCase, an age band) must never show; a plain word is only
    // a code outside English, where it cannot be an English word of the sentence.
    // (French says "police", Spanish "normal": a plain word the language's own catalogue uses is its word).
    const codeLike = /_|[a-z][A-Z]|--|\+/.test(code);
    if (!codeLike && (locale === 'en' || code.length < 4 || ownWords(locale).has(code))) continue;
    const escaped = code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (new RegExp(`(^|[^\\p{L}_])${escaped}($|[^\\p{L}_])`, 'u').test(text)) found.push(`code ${code}`);
  }
  for (const internal of ['Interne sleutel', 'Internal key', 'Versie:', 'Version:', 'placed_and_stable'])
    if (text.includes(internal)) found.push(`internal ${internal}`);
  if (locale !== 'en') {
    const own = new Map(sarOf(locale));
    for (const [key, english] of sarOf('en')) {
      if (own.get(key) === english) continue;
      for (const fragment of english.split(/\{\w+\}/))
        if (fragment.trim().length >= 12 && text.includes(fragment.trim()))
          found.push(`English ${key}: ${fragment.trim()}`);
    }
  }
  return found;
}

describeDb('the subject-access export the person is owed', () => {
  const t = useTestApp({ mailTransport: null });
  let amsterdam: Agent;
  let caseUrl = '';
  let reference = '';
  let caseId = '';

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    await loadReferralDemo(t.services);
    amsterdam = await signIn(t, account('nrm_coordinator'));
    const queue = await amsterdam.get('/nvm');
    caseUrl = /href="(\/nvm\/cases\/[0-9a-f-]{36})"/.exec(queue.body)![1]!;
    caseId = caseUrl.split('/').pop()!;
    reference = (
      await t.database.db
        .selectFrom('nrm_case')
        .select('reference')
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow()
    ).reference;
    // A coordinator elsewhere breaks the glass with a reason and reads the file; another is refused.
    const teams = await t.database.db.selectFrom('nrm_team').select(['id', 'name', 'kind']).execute();
    const rotterdamTeam = teams.find((x) => x.name.includes('Rotterdam') && x.kind === 'care_coordination')!;
    const rotterdamUser = await createUser(t.services, { role: 'nrm_coordinator' });
    await t.database.db
      .insertInto('nrm_member')
      .values({ user_id: rotterdamUser.id, team_id: rotterdamTeam.id })
      .execute();
    const rotterdam = await signIn(t, rotterdamUser);
    expect((await rotterdam.get(caseUrl)).statusCode).toBe(404);
    expect((await rotterdam.post(`${caseUrl}/break-glass`, { reason: PLANTED })).statusCode).toBe(303);
    expect((await rotterdam.get(caseUrl)).statusCode).toBe(200);

    // Planted before any export is read (a referral made late hid the code `care` in the timeline): a referral
    // to CoMensha with a reason; consent for the shelter, a placement there, the person's exit with a reason and
    // a note, and the consent then withdrawn with a note.
    const post = async (path: string, form: Record<string, string>) =>
      amsterdam.post(`${caseUrl}${path}`, { version: version((await amsterdam.get(caseUrl)).body), ...form });
    const teamsNow = await t.services.referrals.teams();
    const comensha = teamsNow.find((x) => x.kind === 'national')!;
    const shelterUser = await t.database.db
      .selectFrom('app_user as u')
      .innerJoin('nrm_member as m', 'm.user_id', 'u.id')
      .select('m.team_id')
      .where('u.email', '=', account('nrm_shelter').email)
      .executeTakeFirstOrThrow();
    const referral = {
      kind: 'refer',
      toTeamId: comensha.id,
      serviceType: 'care',
      sharePersonalData: 'no',
      reason: REFERRAL_REASON,
    };
    expect((await post('/refer', referral)).statusCode).toBe(303);
    const consent = {
      consentTeamId: shelterUser.team_id,
      consentPurpose: 'shelter',
      consentAnswer: 'given',
      consentMethod: 'phone',
    };
    expect((await post('/consents', consent)).statusCode).toBe(303);
    const placement = { category: 'women', shelterTeamId: shelterUser.team_id, reason: '' };
    expect((await post('/placements', placement)).statusCode).toBe(303);
    const shelter = await signIn(t, account('nrm_shelter'));
    const respond = /action="(\/nvm\/cases\/[0-9a-f-]{36}\/placements\/[0-9a-f-]{36}\/respond)"/.exec(
      (await shelter.get(caseUrl)).body,
    )![1]!;
    expect((await shelter.post(respond, { answer: 'accept', reason: '' })).statusCode).toBe(303);
    const exit = { exitReason: 'family_or_network', exitNote: EXIT_NOTE };
    expect((await shelter.post(respond.replace(/\/respond$/, '/exit'), exit)).statusCode).toBe(303);
    const consentId = (
      await t.database.db
        .selectFrom('nrm_consent')
        .select('id')
        .where('case_id', '=', caseId)
        .where('team_id', '=', shelterUser.team_id)
        .executeTakeFirstOrThrow()
    ).id;
    const withdrawal = { consentId, withdrawalNote: WITHDRAWAL_NOTE };
    expect((await post('/consents/withdraw', withdrawal)).statusCode).toBe(303);
  });

  it('is offered on the case page in every language, as a page and a PDF', async () => {
    const page = await amsterdam.get(caseUrl);
    expect(page.body).toContain(`action="${caseUrl}/export"`);
    expect(page.body).toContain(`formaction="${caseUrl}/export.pdf"`);
    for (const { code } of LOCALES) expect(page.body).toContain(`<option value="${code}"`);
  });

  describe.each(LOCALES.map((l) => l.code))('in %s', (locale) => {
    const own = new Map(sarOf(locale));
    const mustSay = (text: string) => {
      // The break-the-glass reason, who it was (role and organisation, never an address), the registration,
      // the complaint route and the case number.
      expect(text).toContain(PLANTED);
      expect(text).toContain(reference);
      expect(text).toContain(own.get('referrals.sar.section.emergency'));
      expect(text).toContain(own.get('referrals.sar.section.registration'));
      expect(text).not.toContain(own.get('referrals.sar.registration.none'));
      expect(text).toContain(AUTHORITY_NAME);
      expect(text).toContain(AUTHORITY_WEBSITE);
      expect(text).toContain(own.get('referrals.sar.complaint.court'));
      expect(text).not.toMatch(/@[a-z0-9.-]+\.[a-z]{2,}/i);
      // The consent records and the shelter exit, in the language's words, the notes opened.
      expect(text).toContain(own.get('referrals.sar.section.consents'));
      expect(text).toContain(own.get('referrals.sar.consentMethod.phone'));
      expect(text).toContain(own.get('referrals.sar.consentAnswer.given'));
      expect(text).toContain(own.get('referrals.sar.exitReason.family_or_network'));
      expect(text).toContain(own.get('referrals.sar.service.care'));
    };

    it('as a page: complete, in words, in the language and direction asked for', async () => {
      const response = await amsterdam.get(`${caseUrl}/export?lang=${locale}`);
      expect(response.statusCode).toBe(200);
      const dir = locale === 'ar' ? 'rtl' : 'ltr';
      expect(response.body).toContain(`<article class="samen-export" lang="${locale}" dir="${dir}">`);
      const text = articleText(response.body);
      mustSay(text);
      // Every access is listed: the emergency read, the refused attempt, and this export itself.
      for (const kind of ['readEmergency', 'denied', 'emergency', 'export', 'read'])
        expect(text).toContain(own.get(`referrals.sar.access.${kind}`));
      expect(text).toContain(own.get('referrals.sar.role.nrm_coordinator'));
      for (const typed of [REFERRAL_REASON, EXIT_NOTE, WITHDRAWAL_NOTE]) expect(text).toContain(typed);
      expect(problems(text, locale)).toEqual([]);
    });

    it('as a PDF: the same, with a font that has the letters', async () => {
      const response = await amsterdam.request({
        method: 'GET',
        url: `${caseUrl}/export.pdf?lang=${locale}`,
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      const pdf = await getDocumentProxy(new Uint8Array(response.rawPayload));
      const { text } = await extractText(pdf, { mergePages: true });
      const flat = text.replace(/\s+/g, ' ');
      // Every glyph comes from the embedded DejaVu Sans (no font without the script's letters).
      const fonts = response.rawPayload.toString('latin1');
      expect(fonts).toMatch(/DejaVuSans/);
      expect(fonts).not.toMatch(/\/BaseFont \/Helvetica/);
      // Right-to-left lines may break the reason over two lines: every word of it is there.
      for (const word of PLANTED.split(' ')) expect(flat).toContain(word);
      expect(flat).toContain(AUTHORITY_WEBSITE);
      if (locale !== 'ar') {
        // Right-to-left lines are drawn in visual order, which text extraction reads back reversed.
        mustSay(flat);
        expect(problems(flat, locale)).toEqual([]);
      } else {
        expect(UUID.test(flat)).toBe(false);
        expect(problems(flat, 'en').filter((p) => !p.startsWith('English'))).toEqual([]);
      }
    });
  });

  it('opens sealed reasons: the referral, exit, withdrawal and break-the-glass reasons read as given, never as ciphertext', async () => {
    const stored = await t.database.db
      .selectFrom('nrm_referral')
      .select('reason')
      .where('case_id', '=', caseId)
      .where('reason', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(stored.reason).toMatch(/^f1:/);
    const json = await amsterdam.request({ method: 'GET', url: `${caseUrl}/export.json` });
    const record = JSON.parse(json.body) as {
      referrals: { reason: string | null }[];
      grants: { reason: string }[];
      placements: { exit_reason: string | null; exit_note: string | null }[];
      consents: { withdrawalNote: string | null; method: string }[];
    };
    expect(record.referrals.map((r) => r.reason)).toContain(REFERRAL_REASON);
    expect(record.grants.map((g) => g.reason)).toContain(PLANTED);
    expect(record.placements.map((p) => [p.exit_reason, p.exit_note])).toContainEqual([
      'family_or_network',
      EXIT_NOTE,
    ]);
    expect(record.consents.map((c) => c.withdrawalNote)).toContain(WITHDRAWAL_NOTE);
    expect(json.body).not.toContain('"f1:');
    const page = await amsterdam.get(`${caseUrl}/export?lang=nl`);
    for (const typed of [REFERRAL_REASON, PLANTED, EXIT_NOTE, WITHDRAWAL_NOTE])
      expect(page.body).toContain(typed);
    expect(page.body).not.toContain('f1:');
  });

  it('keeps a code, never the note, in the exit’s audit entry, and the privacy officer reads it in words', async () => {
    const entry = await t.database.db
      .selectFrom('audit_event')
      .select('detail')
      .where('action', '=', 'nrm.placement.exit')
      .where('entity_id', '=', caseId)
      .executeTakeFirstOrThrow();
    const detail = entry.detail as Record<string, unknown>;
    expect(EXIT_REASONS).toContain(detail.exitReason);
    expect(detail.note).toBe(true);
    expect(JSON.stringify(detail)).not.toContain('Almelo');
    const officer = await signIn(t, account('privacy_officer'));
    const page = await officer.get(`/nvm/privacy/audit?case=${encodeURIComponent(reference)}`);
    expect(page.statusCode).toBe(200);
    const text = page.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('Vertrek uit een opvang vastgelegd: Naar familie of eigen netwerk');
    expect(text).not.toContain('family_or_network');
    expect(text).not.toContain('Almelo');
  });

  it('is only for the case owner, and the JSON stays the exact record with the accesses', async () => {
    const json = await amsterdam.request({ method: 'GET', url: `${caseUrl}/export.json` });
    const record = JSON.parse(json.body) as { grants: { reason: string }[]; registration: unknown };
    expect(record.grants.map((g) => g.reason)).toContain(PLANTED);
    expect(record.registration).not.toBeNull();
    const national = await signIn(t, account('nrm_national'));
    expect((await national.get(`${caseUrl}/export?lang=ar`)).statusCode).toBe(404);
    expect((await national.request({ method: 'GET', url: `${caseUrl}/export.pdf` })).statusCode).toBe(404);
  });
});
