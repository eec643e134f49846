// The processing register lists every column of the referral mechanism's tables, so a new field cannot arrive
// without its data category, purpose, ground and retention; and every error the module shows as a page has the
// help line the error page needs, in Dutch and English.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROCESSING_REGISTER } from './register.js';
import { SEALED_FREE_TEXT } from './sealing.js';

// The table types of every area (src/db/schema/*.ts), read as text: a column added anywhere is seen.
const schemaDir = fileURLToPath(new URL('../../db/schema/', import.meta.url));
const schema = readdirSync(schemaDir)
  .filter((name) => name.endsWith('.ts'))
  .map((name) => readFileSync(path.join(schemaDir, name), 'utf8'))
  .join('\n');

function columnsOf(interfaceName: string): string[] {
  const body = new RegExp(`export interface ${interfaceName} \\{([\\s\\S]*?)\\n\\}`).exec(schema)?.[1] ?? '';
  return [...body.matchAll(/^\s*(\w+)\??:/gm)].map((m) => m[1]!);
}

describe('the processing register', () => {
  const tables: Record<string, string> = {
    nrm_case: 'NrmCaseTable',
    nrm_person: 'NrmPersonTable',
    nrm_case_event: 'NrmCaseEventTable',
    nrm_referral: 'NrmReferralTable',
    nrm_consent: 'NrmConsentTable',
    nrm_placement: 'NrmPlacementTable',
    nrm_registration: 'NrmRegistrationTable',
    nrm_access_grant: 'NrmAccessGrantTable',
    nrm_capacity: 'NrmCapacityTable',
    nrm_capacity_history: 'NrmCapacityHistoryTable',
    nrm_notification: 'NrmNotificationTable',
    nrm_notification_seen: 'NrmNotificationSeenTable',
    nrm_decision: 'NrmDecisionTable',
    nrm_support: 'NrmSupportTable',
    nrm_guardian: 'NrmGuardianTable',
    nrm_match_key: 'NrmMatchKeyTable',
    nrm_duplicate: 'NrmDuplicateTable',
    nrm_task: 'NrmTaskTable',
  };
  it.each(Object.entries(tables))('lists every column of %s', (table, iface) => {
    const declared = columnsOf(iface);
    expect(declared.length).toBeGreaterThanOrEqual(2);
    const listed = PROCESSING_REGISTER.filter((e) => e.table === table).flatMap((e) => e.columns);
    expect([...listed].sort()).toEqual([...declared].sort());
  });

  it('marks exactly the sealed free-text columns as encrypted, besides the person, the summary and the exit note', () => {
    // Those were sealed from the start (registered in src/services.ts), so they need no one-off sealing. (A consent
    // withdrawal's note is sealed from the start too, but listed in SEALED_FREE_TEXT with the other reasons.)
    const sealedFromTheStart = ['nrm_case.summary_enc', 'nrm_placement.exit_note_enc'];
    const encrypted = PROCESSING_REGISTER.filter((e) => e.encrypted)
      .flatMap((e) => e.columns.map((c) => `${e.table}.${c}`))
      .filter((c) => !c.startsWith('nrm_person.') && !sealedFromTheStart.includes(c));
    const sealed = SEALED_FREE_TEXT.flatMap((s) => s.columns.map((c) => `${s.table}.${c}`));
    expect(encrypted.sort()).toEqual(sealed.sort());
  });

  it('marks the identifying and special-category fields as encrypted', () => {
    for (const entry of PROCESSING_REGISTER)
      if (entry.category === 'identifying' || entry.category === 'special')
        expect(entry.columns.filter((c) => c !== 'case_id').every((c) => c.endsWith('_enc'))).toBe(true);
  });
});

describe('error pages of the referral mechanism', () => {
  // Every source of the module (the aggregates' services and routes included), test files aside.
  const moduleDir = fileURLToPath(new URL('./', import.meta.url));
  const sources = readdirSync(moduleDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => readFileSync(path.join(moduleDir, f), 'utf8'))
    .join('\n');
  // The errors that end on an error page: HTTP errors and the domain errors mapped to one (platform/errors.ts).
  const pageKeys = new Set([
    ...[...sources.matchAll(/new HttpError\(\d+, '\w+', '(referrals\.errors\.\w+)'/g)].map((m) => m[1]!),
    ...[...sources.matchAll(/conflict\('(referrals\.errors\.\w+)'\)/g)].map((m) => m[1]!),
    ...[...sources.matchAll(/super\((?:\d+, '\w+', )?'(referrals\.errors\.\w+)'\)/g)].map((m) => m[1]!),
    ...[
      ...sources.matchAll(
        /new (?:NotFound|Forbidden|Conflict|Refused|Unavailable)\(\s*'(referrals\.errors\.\w+)'/g,
      ),
    ].map((m) => m[1]!),
  ]);
  it.each(['nl', 'en'])('have a message and a help line in %s', (locale) => {
    const catalogue = JSON.parse(
      readFileSync(new URL(`./locales/${locale}.json`, import.meta.url), 'utf8'),
    ) as Record<string, string>;
    expect(pageKeys.size).toBeGreaterThan(3);
    // The scan still finds the errors the services throw since they were split by aggregate.
    for (const known of [
      'notAllowed',
      'noTeam',
      'noCoordinator',
      'consentRequired',
      'alreadyAnswered',
      'conflict',
    ])
      expect([...pageKeys]).toContain(`referrals.errors.${known}`);
    for (const key of pageKeys) {
      expect(catalogue[key], key).toBeTruthy();
      expect(catalogue[`${key}.help`], `${key}.help`).toBeTruthy();
    }
  });
});
