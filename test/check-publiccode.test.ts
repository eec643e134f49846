// scripts/check-publiccode.mjs: the repository's publiccode.yml passes (with the known url gap as a warning), and
// every way of breaking it that the standard forbids is caught and named by its key.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  checkPublicCode,
  checkPublicCodeText,
  isDate,
  isLanguageTag,
  repositoryFacts,
} from '../scripts/check-publiccode.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TEXT = readFileSync(path.join(ROOT, 'publiccode.yml'), 'utf8');
const FACTS = repositoryFacts(ROOT);

type Doc = Record<string, unknown> & {
  description: Record<string, Record<string, unknown>>;
  maintenance: Record<string, unknown>;
  localisation: Record<string, unknown>;
  legal: Record<string, unknown>;
};
const fresh = (): Doc => parse(TEXT) as Doc;

/** The errors after `change` was applied to a copy of the repository's file. */
function errorsAfter(change: (doc: Doc) => void): string[] {
  const doc = fresh();
  change(doc);
  return checkPublicCode(doc, FACTS).errors;
}

describe('publiccode.yml checker', () => {
  it('passes the repository’s file, warning only about the url the maintainers must set', () => {
    const result = checkPublicCodeText(TEXT, FACTS);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([expect.stringMatching(/^url: .* reserved address that never resolves/)]);
    expect(FACTS.locales).toHaveLength(11);
  });

  it('names each missing mandatory key', () => {
    for (const key of [
      'publiccodeYmlVersion',
      'name',
      'url',
      'platforms',
      'developmentStatus',
      'softwareType',
      'description',
      'legal',
      'maintenance',
      'localisation',
    ]) {
      const errors = errorsAfter((doc) => delete doc[key]);
      expect(errors, key).toEqual([expect.stringMatching(new RegExp(`^${key}: is mandatory`))]);
    }
    expect(errorsAfter((doc) => delete doc.legal.license)).toEqual(['legal/license: is mandatory']);
    expect(errorsAfter((doc) => delete doc.maintenance.type)).toEqual(['maintenance/type: is mandatory']);
    expect(errorsAfter((doc) => delete doc.localisation.localisationReady)).toEqual([
      'localisation/localisationReady: is mandatory: true or false',
    ]);
    expect(errorsAfter((doc) => delete doc.description.nl!.shortDescription)).toEqual([
      'description/nl/shortDescription: is mandatory',
    ]);
    // longDescription and features: mandatory in one language at least, so dropping them from one is fine...
    expect(errorsAfter((doc) => delete doc.description.nl!.longDescription)).toEqual([]);
    // ...and from all is not.
    expect(
      errorsAfter((doc) => {
        for (const entry of Object.values(doc.description)) {
          delete entry.longDescription;
          delete entry.features;
        }
      }),
    ).toEqual([
      'description/[lang]/longDescription: is mandatory for at least one language',
      'description/[lang]/features: is mandatory for at least one language',
    ]);
  });

  it('refuses values outside the standard’s enumerations', () => {
    expect(errorsAfter((doc) => (doc.developmentStatus = 'production'))).toEqual([
      expect.stringMatching(
        /^developmentStatus: must be one of concept, development, beta, stable, obsolete/,
      ),
    ]);
    expect(errorsAfter((doc) => (doc.softwareType = 'standalone/saas'))).toEqual([
      expect.stringMatching(/^softwareType: must be one of /),
    ]);
    expect(errorsAfter((doc) => (doc.maintenance.type = 'volunteers'))).toEqual([
      expect.stringMatching(/^maintenance\/type: must be one of internal, contract, community, none/),
    ]);
    expect(errorsAfter((doc) => (doc.categories = ['data-analytics', 'case-management']))).toEqual([
      'categories: "case-management" is not in the standard\'s list of categories',
    ]);
    expect(
      errorsAfter((doc) => ((doc.intendedAudience as { scope: string[] }).scope = ['welfare', 'police'])),
    ).toEqual(['intendedAudience/scope: "police" is not in the standard\'s list of scopes']);
    // Platforms outside the list are allowed by the standard ("human readable values"): a warning, not an error.
    const doc = fresh();
    doc.platforms = ['web', 'kiosk'];
    const result = checkPublicCode(doc, FACTS);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toContainEqual(expect.stringMatching(/^platforms: "kiosk" is not one of web, /));
    expect(errorsAfter((doc) => (doc.platforms = []))).toEqual([
      'platforms: must be a platform or a list of them',
    ]);
  });

  it('holds the descriptions to their length limits, counting characters, not bytes', () => {
    const short = errorsAfter((doc) => (doc.description.en!.shortDescription = 'x'.repeat(151)));
    expect(short).toEqual(['description/en/shortDescription: is 151 characters; at most 150']);
    // 150 characters of Ukrainian are 300 bytes: still within the limit.
    expect(errorsAfter((doc) => (doc.description.en!.shortDescription = 'ї'.repeat(150)))).toEqual([]);
    expect(errorsAfter((doc) => (doc.description.nl!.longDescription = 'Te kort.'))).toEqual([
      'description/nl/longDescription: is 8 characters; it must have 150 to 10000',
    ]);
    expect(errorsAfter((doc) => (doc.description.nl!.longDescription = 'a'.repeat(10_001)))).toEqual([
      'description/nl/longDescription: is 10001 characters; it must have 150 to 10000',
    ]);
    expect(errorsAfter((doc) => (doc.description.nl!.longDescription = 'a'.repeat(10_000)))).toEqual([]);
  });

  it('requires BCP 47 language tags, and the languages the catalogues really have', () => {
    for (const good of ['nl', 'en-GB', 'sl-IT-nedis', 'zh-Hant-TW', 'es-419'])
      expect(isLanguageTag(good), good).toBe(true);
    for (const bad of ['', 'dutch_NL', 'nl_NL', '-NL', 'e', 'en--GB', 'Nederlands'])
      expect(isLanguageTag(bad), bad).toBe(false);
    expect(
      errorsAfter((doc) => {
        doc.description.nl_NL = doc.description.nl!;
        delete doc.description.nl;
      }),
    ).toEqual(['description/nl_NL: "nl_NL" is not a BCP 47 language tag']);
    expect(errorsAfter((doc) => ((doc.localisation.availableLanguages as string[])[0] = 'NL_nl'))).toEqual([
      'localisation/availableLanguages: "NL_nl" is not a BCP 47 language tag',
      expect.stringMatching(
        /^localisation\/availableLanguages: must list the catalogues .*missing: nl; not there: NL_nl/,
      ),
    ]);
    expect(errorsAfter((doc) => (doc.localisation.availableLanguages = ['nl', 'en']))).toEqual([
      expect.stringMatching(/missing: ar, bg, es, fr, hu, pl, pt, ro, uk; not there: none/),
    ]);
  });

  it('requires named contacts for internal and community maintenance, and contractors only for contract', () => {
    expect(errorsAfter((doc) => (doc.maintenance.type = 'community'))).toEqual([
      'maintenance/contacts: is mandatory when maintenance/type is community (named people, not a team)',
    ]);
    expect(errorsAfter((doc) => (doc.maintenance.type = 'internal'))).toEqual([
      'maintenance/contacts: is mandatory when maintenance/type is internal (named people, not a team)',
    ]);
    expect(
      errorsAfter((doc) => {
        doc.maintenance.type = 'community';
        doc.maintenance.contacts = [{ email: 'not-an-address' }];
      }),
    ).toEqual([
      'maintenance/contacts/0/name: is mandatory',
      'maintenance/contacts/0/email: must be an e-mail address',
    ]);
    expect(errorsAfter((doc) => (doc.maintenance.type = 'contract'))).toEqual([
      'maintenance/contractors: is mandatory when maintenance/type is contract',
    ]);
    expect(
      errorsAfter(
        (doc) => (doc.maintenance.contractors = [{ name: 'Leverancier B.V.', until: '2027-12-31' }]),
      ),
    ).toEqual(['maintenance/contractors: must not be present unless maintenance/type is contract']);
  });

  it('requires dates as YYYY-MM-DD, on days that exist', () => {
    for (const good of ['2026-12-05', '2028-02-29']) expect(isDate(good), good).toBe(true);
    for (const bad of [
      '05-12-2026',
      '2026-12-5',
      '2027-02-29',
      '2026-13-01',
      '2026-12-05T00:00:00Z',
      20261205,
    ])
      expect(isDate(bad), String(bad)).toBe(false);
    expect(errorsAfter((doc) => (doc.releaseDate = '5 december 2026'))).toEqual([
      'releaseDate: must be a date as YYYY-MM-DD (got "5 december 2026")',
    ]);
    expect(
      errorsAfter((doc) => {
        doc.maintenance = {
          type: 'contract',
          contractors: [{ name: 'Leverancier B.V.', until: '2027-02-30' }],
        };
      }),
    ).toEqual(['maintenance/contractors/0/until: must be a date as YYYY-MM-DD (got "2027-02-30")']);
    // YAML 1.1 would read an unquoted date as a Date object; YAML 1.2 keeps it a string, so it passes.
    expect(checkPublicCodeText(`${TEXT}\nreleaseDate: 2026-12-05\n`, FACTS).errors).toEqual([]);
  });

  it('catches a version quoted wrongly, a url that is no URL, a file that disagrees with package.json', () => {
    expect(errorsAfter((doc) => (doc.publiccodeYmlVersion = 0.7))).toEqual([
      'publiccodeYmlVersion: must be a string (quote it: "0.7")',
    ]);
    expect(errorsAfter((doc) => (doc.url = 'git@example.nl:samen.git'))).toEqual([
      'url: must be an http(s) URL of the source code repository',
    ]);
    expect(errorsAfter((doc) => (doc.softwareVersion = '9.9.9'))).toEqual([
      `softwareVersion: "9.9.9" differs from package.json's "${FACTS.version}"`,
    ]);
    expect(errorsAfter((doc) => (doc.legal.license = 'MIT'))).toEqual([
      `legal/license: "MIT" differs from package.json's "${FACTS.license}"`,
    ]);
    expect(checkPublicCodeText('name: [unclosed', FACTS).errors[0]).toMatch(/^YAML: /);
    expect(checkPublicCodeText('- just\n- a list\n', FACTS).errors).toEqual([
      'the file must be a YAML mapping of keys',
    ]);
  });
});
