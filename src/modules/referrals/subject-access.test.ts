// The person's export in words (issue 18 point 7), without a database: its catalogue is complete in all 11
// languages and translated, every code of every list in the model has words for the person in every language (a
// new list or code without them fails here), a document holding every code of every list shows none of them,
// and right-to-left lines keep a Latin name and a number in their own order.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { I18n, LOCALES, loadCatalogues } from '../../platform/i18n/index.js';
import { visualRuns } from './export-pdf.js';
import * as model from './model.js';
import { MINOR_SOURCES } from './derived.js';
import { CONSENT_ANSWERS, CONSENT_METHODS, SYSTEM_CONSENT_METHODS } from './consent.js';
import { EXIT_REASONS } from './placement-exit.js';
import { CODE_WORDS, modelCodes, modelLists } from './subject-access-codes.js';
import {
  documentLines,
  PERSON_REGISTER,
  subjectAccessDocument,
  type SubjectAccessData,
} from './subject-access.js';

const catalogues = loadCatalogues();
const i18n = new I18n(catalogues);
const sar = (locale: string) =>
  Object.fromEntries(
    Object.entries(catalogues.get(locale) ?? {}).filter(([k]) => k.startsWith('referrals.sar.')),
  ) as Record<string, string>;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe('the export catalogue', () => {
  const english = sar('en');

  it('has every message in every shipped language, and no other', () => {
    expect(Object.keys(english).length).toBeGreaterThan(250);
    for (const { code } of LOCALES)
      expect(Object.keys(sar(code)).sort(), code).toEqual(Object.keys(english).sort());
  });

  // Words a language spells as English does, each checked by hand (not an English fallback).
  const SAME_WORD: Record<string, string[]> = {
    pl: ['referrals.sar.field.safetyRegion'],
    es: ['referrals.sar.urgency.normal', 'referrals.sar.tri.no', 'referrals.sar.outcome.negative'],
    fr: ['referrals.sar.sector.construction', 'referrals.sar.orgType.police'],
    pt: ['referrals.sar.urgency.normal'],
  };

  it('is translated: no language repeats the English, except names the Dutch keep too', () => {
    const dutch = sar('nl');
    for (const { code } of LOCALES.filter((l) => l.code !== 'en')) {
      const own = sar(code);
      const copied = Object.keys(english).filter(
        (k) => own[k] === english[k] && dutch[k] !== english[k] && !SAME_WORD[code]?.includes(k),
      );
      expect(copied, code).toEqual([]);
    }
  });

  it('says the purpose, legal ground and retention of every register entry about the person, in every language', () => {
    const missing: string[] = [];
    for (const entry of PERSON_REGISTER)
      for (const key of [
        `purpose.${entry.purpose}`,
        `basis.${entry.legalGround}`,
        `retention.${entry.retention}`,
      ])
        for (const { code } of LOCALES)
          if (!sar(code)[`referrals.sar.${key}`]) missing.push(`${code}: ${key}`);
    expect(missing).toEqual([]);
  });

  it('says every code of every list in the model in words, in every language', () => {
    const missing: string[] = [];
    for (const [name, codes] of modelLists()) {
      if (!(name in CODE_WORDS)) {
        missing.push(`${name}: a list without words for the person (add it to CODE_WORDS)`);
        continue;
      }
      const prefix = CODE_WORDS[name];
      if (!prefix) continue;
      for (const { code: locale } of LOCALES)
        for (const code of codes)
          if (!sar(locale)[`referrals.sar.${prefix}.${code}`]) missing.push(`${locale}: ${name} ${code}`);
    }
    expect(missing).toEqual([]);
  });
});

/** A case that uses every code of every list at once, closed with the given reason. */
function everything(closeIndex: number): SubjectAccessData {
  const team = '11111111-1111-4111-8111-111111111111';
  const user = '22222222-2222-4222-8222-222222222222';
  const at = new Date('2026-11-28T10:00:00Z');
  const reason = model.CLOSE_REASONS[closeIndex % model.CLOSE_REASONS.length]!;
  return {
    exportedAt: at.toISOString(),
    teamNames: { [team]: 'Zorgcoördinatie Voorbeeld' },
    accountNames: { [user]: 'Voorbeeld Medewerker' },
    placeNames: { GM0363: 'Amsterdam', VR13: 'Amsterdam-Amstelland', PE01: 'Amsterdam' },
    case: {
      id: '33333333-3333-4333-8333-333333333333',
      reference: 'NVM-2026-000001',
      version: 10,
      kind: model.CASE_KINDS[closeIndex % 2],
      status: model.STATUSES[closeIndex % model.STATUSES.length],
      owner_team_id: team,
      origin_team_id: team,
      origin_user_id: user,
      municipality_code: 'GM0363',
      safety_region_code: 'VR13',
      police_unit_code: 'PE01',
      urgency: model.URGENCIES[closeIndex % model.URGENCIES.length],
      minor: model.TRI_STATE[closeIndex % 3],
      minor_source: MINOR_SOURCES[closeIndex % 3],
      consent: model.CONSENTS[closeIndex % 3],
      legal_ground: model.LEGAL_GROUNDS[closeIndex % 3],
      gender: model.GENDERS[closeIndex % model.GENDERS.length],
      age_group: model.AGE_GROUPS[closeIndex % model.AGE_GROUPS.length],
      citizenship: 'BG',
      forms: [...model.FORMS],
      sector: model.SECTORS[closeIndex % model.SECTORS.length],
      indicators: [...model.SIGNALS],
      methods_of_control: [...model.METHODS_OF_CONTROL],
      recruitment: [...model.RECRUITMENT],
      needs: [...model.NEEDS],
      summary: 'Wat de professional zag.',
      closed_reason: reason,
      created_at: at,
    },
    person: { name: 'Voorbeeld Persoon', dateOfBirth: '1990-02-03', contact: null, specialNotes: null },
    events: [
      ...model.STATUSES.map((s) => ['transition', null, s] as const),
      // The steps whose stored reason starts with codes (event-reason.ts), as the service writes them.
      ...model.SERVICE_TYPES.map((c) => ['refer', `${c} → Zorgcoördinatie Voorbeeld: getypt`, null] as const),
      ...model.SHELTER_CATEGORIES.map((c) => ['waiting_list', c, null] as const),
      ...model.SHELTER_CATEGORIES.map((c) => ['placement_requested', `${c} → Opvang: getypt`, null] as const),
      ['transition', `${reason}: getypt`, 'closed'] as const,
      ['reopen', reason, 'triage'] as const,
      ...model.CONSENTS.flatMap((c) => [
        ['consent', c, null] as const,
        ...model.LEGAL_GROUNDS.map((g) => ['consent', `${c} (${g})`, null] as const),
      ]),
      ['reflection_warning', '2026-12-01', null] as const,
    ].map(([kind, why, to]) => ({
      at,
      kind,
      from_status: null,
      to_status: to,
      reason: why,
      actor_name: 'Voorbeeld Medewerker',
      team_name: 'Zorgcoördinatie Voorbeeld',
      actor_user_id: user,
    })),
    referrals: model.SERVICE_TYPES.flatMap((service, i) =>
      model.REFERRAL_STATUSES.map((status) => ({
        id: user,
        case_id: user,
        kind: model.REFERRAL_KINDS[i % 2]!,
        service_type: service,
        from_team_id: team,
        to_team_id: team,
        status,
        shares_personal_data: i % 2 === 0,
        legal_ground: model.LEGAL_GROUNDS[i % 3]!,
        reason: null,
        created_at: at,
        created_by: user,
        responded_at: null,
        responded_by: null,
        response_reason: null,
        outcome: null,
        outcome_at: null,
        outcome_by: null,
      })),
    ),
    placements: model.SHELTER_CATEGORIES.flatMap((category) =>
      model.PLACEMENT_STATUSES.map((status, i) => ({
        id: user,
        case_id: user,
        shelter_team_id: team,
        category,
        status,
        requested_at: at,
        requested_by: user,
        responded_at: at,
        responded_by: user,
        reason: null,
        exited_at: status === 'exited' ? at : null,
        exit_reason: status === 'exited' ? EXIT_REASONS[(closeIndex + i) % EXIT_REASONS.length]! : null,
        exit_note: status === 'exited' ? 'Vertrokken naar haar zus' : null,
      })),
    ),
    consents: [...CONSENT_METHODS, ...SYSTEM_CONSENT_METHODS].flatMap((method, i) =>
      CONSENT_ANSWERS.map((answer) => ({
        teamId: team,
        purpose: model.SERVICE_TYPES[i % model.SERVICE_TYPES.length]!,
        answer,
        method,
        recordedAt: at,
        withdrawnAt: answer === 'given' ? at : null,
        withdrawalNote: answer === 'given' ? 'Wil niet meer gebeld worden' : null,
      })),
    ),
    accesses: ['nrm.case.read', 'nrm.case.break_glass', 'nrm.case.denied', 'nrm.case.transition'].map(
      (action) => ({ at, action, actorUserId: user }),
    ),
    listAppearances: [{ teamId: team, action: 'nrm.queue.read', times: 3, first: at, last: at }],
    grants: [
      {
        id: user,
        userId: user,
        reason: 'Staat nu aan de balie',
        grantedAt: at,
        expiresAt: at,
        reviewedAt: null,
      },
    ],
    registration: {
      pseudonym: 'Rabcdefghijklmno',
      registered_on: '2026-11-28',
      gender: 'female',
      age_group: '48+',
      citizenship: 'NG',
      forms: [...model.FORMS],
      sector: 'cleaning',
      methods_of_control: [...model.METHODS_OF_CONTROL],
      recruitment: [...model.RECRUITMENT],
      referring_org_type: model.ORGANISATION_TYPES[closeIndex % model.ORGANISATION_TYPES.length]!,
      safety_region_code: 'VR13',
      police_unit_code: 'PE01',
      minor: 'no',
      status: 'closed',
      signal_at: at,
      triage_at: at,
      first_referral_at: null,
      placement_at: null,
      closed_at: at,
      updated_at: at,
    },
    actors: { [user]: { role: 'nrm_coordinator', teamId: team } },
    retentionYears: 5,
  };
}

describe('the export document', () => {
  const codeLike = modelCodes().filter((c) => /_|[a-z][A-Z]|--|\+/.test(c));

  it.each(LOCALES.map((l) => l.code))('in %s shows no code, key, UUID, version or pseudonym', (locale) => {
    for (let i = 0; i < model.CLOSE_REASONS.length; i++) {
      const doc = subjectAccessDocument(everything(i), i18n.translator(locale), locale);
      const text = documentLines(doc).join('\n');
      expect(text).not.toMatch(UUID);
      expect(text).not.toContain('Rabcdefghijklmno');
      expect(text).not.toContain('GM0363');
      expect(text).not.toContain('VR13');
      expect(text).not.toContain('Voorbeeld Medewerker');
      for (const code of codeLike) expect(text, `${locale}: ${code}`).not.toContain(code);
      expect(text).toContain('Staat nu aan de balie');
      expect(text).toContain('Vertrokken naar haar zus');
      expect(text).toContain('Wil niet meer gebeld worden');
      expect(text).toContain('getypt');
      // A plain-word code (`care`, `cosm`, `given`) in a language that has its own word for it (Romanian
      // "care" is the word "which": a word the language's own catalogue uses is its word, not a code).
      const ownWords = new Set(
        Object.values(sar(locale)).flatMap((v) => v.toLowerCase().split(/[^\p{L}_]+/u)),
      );
      if (locale !== 'en')
        for (const code of ['care', 'cosm', 'given', 'refused', 'phone', 'other_shelter', 'not_asked'])
          if (!ownWords.has(code))
            expect(text, `${locale}: ${code}`).not.toMatch(
              new RegExp(`(^|[^\\p{L}_])${code}($|[^\\p{L}_])`, 'u'),
            );
      expect(doc.dir).toBe(locale === 'ar' ? 'rtl' : 'ltr');
    }
  });
});

describe('the PDF font', () => {
  it('has a glyph for every letter of the export in every language (Arabic, Cyrillic, ő, ł, ș, ț…)', () => {
    const require = createRequire(import.meta.url);
    const fontkit = require('fontkit') as {
      openSync(path: string): { hasGlyphForCodePoint(codePoint: number): boolean };
    };
    const font = fontkit.openSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
    const missing = new Set<string>();
    for (const { code } of LOCALES)
      for (const text of Object.values(sar(code)))
        for (const char of text)
          if (!font.hasGlyphForCodePoint(char.codePointAt(0)!)) missing.add(`${code} ${char}`);
    expect([...missing]).toEqual([]);
  });
});

describe('right-to-left lines in the PDF', () => {
  it('put the runs in visual order and keep a Latin name and a number in theirs', () => {
    const runs = visualRuns('تتولى ملفك جهة Zorgcoördinatie Amsterdam (HVO). 12 سنة');
    // Rightmost (last) is the start of the sentence, left in logical order for fontkit to lay out right to left.
    expect(runs[runs.length - 1]).toBe('تتولى ملفك جهة ');
    expect(runs).toContain('Zorgcoördinatie Amsterdam (HVO). 12');
    expect(runs[0]).toBe(' سنة');
  });

  it('leaves a line without right-to-left letters as it is', () => {
    expect(visualRuns('autoriteitpersoonsgegevens.nl')).toEqual(['autoriteitpersoonsgegevens.nl']);
  });
});
