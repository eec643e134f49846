#!/usr/bin/env node
// Checks publiccode.yml against the publiccode.yml standard, version 0.7 (publiccodeyml/publiccode.yml,
// docs/standard/schema.core.rst): the mandatory keys, the enumerations (platforms, developmentStatus,
// softwareType, maintenance/type, categories and scope from the standard's lists), the length limits of the
// descriptions, BCP 47 language tags, contacts and contractors as maintenance/type requires them, and YYYY-MM-DD
// dates. Also that it agrees with this repository: softwareVersion and license as in package.json, and the
// available languages as the message catalogues in src/platform/locales.
//
// `node scripts/check-publiccode.mjs [file]` (run by `npm run lint`): prints each problem and exits 1, or prints
// the warnings (known gaps) and exits 0.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// docs/standard/categories-list.rst
export const CATEGORIES = new Set(
  `accounting agile-project-management applicant-tracking application-development appointment-scheduling backup
  billing-and-invoicing blog budgeting business-intelligence business-process-management cad call-center-management
  cloud-management collaboration communications compliance-management contact-management content-management crm
  customer-service-and-support data-analytics data-collection data-visualization design design-system
  digital-asset-management digital-citizenship document-management donor-management e-commerce e-signature
  educational-content email-management email-marketing employee-management enterprise-project-management
  enterprise-social-networking erp event-management facility-management feedback-and-reviews-management
  financial-reporting fleet-management fundraising gamification geographic-information-systems grant-management
  graphic-design help-desk hr ide identity-management instant-messaging integrated-library-system
  inventory-management it-asset-management it-development it-management it-security it-service-management
  knowledge-management learning-management-system marketing mind-mapping mobile-marketing mobile-payment
  network-management office online-booking online-community payment-gateway payroll predictive-analysis procurement
  productivity-suite project-collaboration project-management property-management real-estate-management
  regulations-and-directives remote-support resource-management sales-management seo service-desk
  social-media-management survey talent-management task-management taxes-management test-management
  time-management time-tracking translation video-conferencing video-editing visitor-management voip
  warehouse-management`.split(/\s+/),
);
// docs/standard/scope-list.rst
export const SCOPES = new Set(
  `agriculture culture defence education emergency-services employment energy environment
  finance-and-economic-development foreign-affairs government healthcare infrastructures justice local-authorities
  manufacturing research science-and-technology security society sport tourism transportation welfare`.split(
    /\s+/,
  ),
);
export const PLATFORMS = new Set(['web', 'windows', 'mac', 'linux', 'ios', 'android']);
export const DEVELOPMENT_STATUSES = new Set(['concept', 'development', 'beta', 'stable', 'obsolete']);
export const SOFTWARE_TYPES = new Set([
  'standalone/mobile',
  'standalone/iot',
  'standalone/desktop',
  'standalone/web',
  'standalone/backend',
  'standalone/other',
  'addon',
  'library',
  'configurationFiles',
]);
export const MAINTENANCE_TYPES = new Set(['internal', 'contract', 'community', 'none']);

/**
 * BCP 47 (RFC 5646) language tag, well-formed: language (2–3 letters, optional extlang, or 4–8), optional script,
 * region, variants, extensions and private use. The primary language subtag may not be left out.
 */
const BCP47 =
  /^(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[a-wyz\d](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?$/i;
export const isLanguageTag = (tag) => typeof tag === 'string' && BCP47.test(tag);

/** YYYY-MM-DD, a day that exists. */
export function isDate(value) {
  if (typeof value !== 'string') return false;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

function isUrl(value) {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const isText = (value) => typeof value === 'string' && value.trim() !== '';
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * Checks a parsed publiccode.yml. `repo` (optional) holds facts of the repository it must agree with:
 * `{ version, license, locales }`. Returns `{ errors, warnings }`, each a list of messages naming the key.
 */
export function checkPublicCode(doc, repo = {}) {
  const errors = [];
  const warnings = [];
  const error = (key, message) => errors.push(`${key}: ${message}`);
  if (!isObject(doc)) return { errors: ['the file must be a YAML mapping of keys'], warnings };

  const mandatoryText = (key, value) => {
    if (value === undefined) error(key, 'is mandatory');
    else if (!isText(value)) error(key, 'must be a non-empty string');
  };

  if (doc.publiccodeYmlVersion === undefined) error('publiccodeYmlVersion', 'is mandatory');
  else if (typeof doc.publiccodeYmlVersion !== 'string')
    error('publiccodeYmlVersion', 'must be a string (quote it: "0.7")');
  else if (!/^0(?:\.\d+){0,2}$/.test(doc.publiccodeYmlVersion))
    error('publiccodeYmlVersion', `"${doc.publiccodeYmlVersion}" is not a version of the standard (0.x)`);

  mandatoryText('name', doc.name);

  if (doc.url === undefined) error('url', 'is mandatory (the address of the source code repository)');
  else if (!isUrl(doc.url)) error('url', 'must be an http(s) URL of the source code repository');
  else if (new URL(doc.url).hostname.endsWith('.invalid'))
    warnings.push(
      `url: ${doc.url} is a reserved address that never resolves: set the public repository's URL (known gap, see docs/standard-for-public-code.md)`,
    );
  if (doc.landingURL !== undefined && !isUrl(doc.landingURL)) error('landingURL', 'must be an http(s) URL');
  if (doc.softwareVersion !== undefined && !isText(doc.softwareVersion))
    error('softwareVersion', 'must be a string (quote it)');
  if (doc.releaseDate !== undefined && !isDate(doc.releaseDate))
    error('releaseDate', `must be a date as YYYY-MM-DD (got ${JSON.stringify(doc.releaseDate)})`);

  const platforms = typeof doc.platforms === 'string' ? [doc.platforms] : doc.platforms;
  if (platforms === undefined) error('platforms', 'is mandatory');
  else if (!Array.isArray(platforms) || platforms.length === 0 || !platforms.every(isText))
    error('platforms', 'must be a platform or a list of them');
  else
    for (const p of platforms)
      if (!PLATFORMS.has(p))
        warnings.push(
          `platforms: "${p}" is not one of ${[...PLATFORMS].join(', ')} (allowed, but use those if one fits)`,
        );

  if (doc.categories !== undefined) {
    if (!Array.isArray(doc.categories)) error('categories', 'must be a list');
    else
      for (const c of doc.categories)
        if (!CATEGORIES.has(c)) error('categories', `"${c}" is not in the standard's list of categories`);
  }

  if (doc.developmentStatus === undefined) error('developmentStatus', 'is mandatory');
  else if (!DEVELOPMENT_STATUSES.has(doc.developmentStatus))
    error('developmentStatus', `must be one of ${[...DEVELOPMENT_STATUSES].join(', ')}`);

  if (doc.softwareType === undefined) error('softwareType', 'is mandatory');
  else if (!SOFTWARE_TYPES.has(doc.softwareType))
    error('softwareType', `must be one of ${[...SOFTWARE_TYPES].join(', ')}`);

  if (doc.organisation !== undefined) {
    if (!isObject(doc.organisation)) error('organisation', 'must be a mapping');
    else mandatoryText('organisation/uri', doc.organisation.uri);
  }

  if (doc.intendedAudience !== undefined) {
    const audience = doc.intendedAudience;
    if (!isObject(audience)) error('intendedAudience', 'must be a mapping');
    else {
      for (const key of ['countries', 'unsupportedCountries'])
        for (const c of audience[key] ?? [])
          if (typeof c !== 'string' || !/^[A-Za-z]{2}$/.test(c))
            error(`intendedAudience/${key}`, `"${c}" is not an ISO 3166-1 alpha-2 country code`);
      for (const s of audience.scope ?? [])
        if (!SCOPES.has(s)) error('intendedAudience/scope', `"${s}" is not in the standard's list of scopes`);
    }
  }

  // description: at least one language; shortDescription in each; longDescription and features in one at least.
  if (doc.description === undefined) error('description', 'is mandatory (at least one language)');
  else if (!isObject(doc.description) || Object.keys(doc.description).length === 0)
    error('description', 'must hold at least one language, e.g. description/en');
  else {
    let withLong = 0;
    let withFeatures = 0;
    for (const [lang, entry] of Object.entries(doc.description)) {
      const key = `description/${lang}`;
      if (!isLanguageTag(lang)) error(key, `"${lang}" is not a BCP 47 language tag`);
      if (!isObject(entry)) {
        error(key, 'must be a mapping');
        continue;
      }
      const short = entry.shortDescription;
      if (short === undefined) error(`${key}/shortDescription`, 'is mandatory');
      else if (!isText(short)) error(`${key}/shortDescription`, 'must be a non-empty string');
      else if ([...short.trim()].length > 150)
        error(`${key}/shortDescription`, `is ${[...short.trim()].length} characters; at most 150`);
      const long = entry.longDescription;
      if (long !== undefined) {
        const length = typeof long === 'string' ? [...long.trim()].length : 0;
        if (typeof long !== 'string') error(`${key}/longDescription`, 'must be a string');
        else if (length < 150 || length > 10000)
          error(`${key}/longDescription`, `is ${length} characters; it must have 150 to 10000`);
        else withLong++;
      }
      if (entry.features !== undefined) {
        if (!Array.isArray(entry.features) || !entry.features.every(isText))
          error(`${key}/features`, 'must be a list of strings');
        else withFeatures++;
      }
      for (const urlKey of ['documentation', 'apiDocumentation'])
        if (entry[urlKey] !== undefined && !isUrl(entry[urlKey]))
          error(`${key}/${urlKey}`, 'must be an http(s) URL');
    }
    if (withLong === 0) error('description/[lang]/longDescription', 'is mandatory for at least one language');
    if (withFeatures === 0) error('description/[lang]/features', 'is mandatory for at least one language');
  }

  if (!isObject(doc.legal)) error('legal', 'is mandatory, with legal/license');
  else {
    mandatoryText('legal/license', doc.legal.license);
    if (isText(doc.legal.license) && repo.license !== undefined && doc.legal.license !== repo.license)
      error('legal/license', `"${doc.legal.license}" differs from package.json's "${repo.license}"`);
  }

  if (!isObject(doc.maintenance)) error('maintenance', 'is mandatory, with maintenance/type');
  else {
    const { type, contacts, contractors } = doc.maintenance;
    if (type === undefined) error('maintenance/type', 'is mandatory');
    else if (!MAINTENANCE_TYPES.has(type))
      error('maintenance/type', `must be one of ${[...MAINTENANCE_TYPES].join(', ')}`);
    if (type === 'contract') {
      if (!Array.isArray(contractors) || contractors.length === 0)
        error('maintenance/contractors', 'is mandatory when maintenance/type is contract');
    } else if (contractors !== undefined) {
      error('maintenance/contractors', 'must not be present unless maintenance/type is contract');
    }
    if ((type === 'internal' || type === 'community') && (!Array.isArray(contacts) || contacts.length === 0))
      error(
        'maintenance/contacts',
        `is mandatory when maintenance/type is ${type} (named people, not a team)`,
      );
    if (contacts !== undefined) {
      if (!Array.isArray(contacts)) error('maintenance/contacts', 'must be a list');
      else
        contacts.forEach((contact, i) => {
          const key = `maintenance/contacts/${i}`;
          if (!isObject(contact)) return error(key, 'must be a mapping with a name');
          mandatoryText(`${key}/name`, contact.name);
          if (
            contact.email !== undefined &&
            !(typeof contact.email === 'string' && EMAIL.test(contact.email))
          )
            error(`${key}/email`, 'must be an e-mail address');
          if (contact.phone !== undefined && typeof contact.phone !== 'string')
            error(`${key}/phone`, 'must be a string with the international prefix');
        });
    }
    if (Array.isArray(contractors))
      contractors.forEach((contractor, i) => {
        const key = `maintenance/contractors/${i}`;
        if (!isObject(contractor)) return error(key, 'must be a mapping with a name and until');
        mandatoryText(`${key}/name`, contractor.name);
        if (contractor.until === undefined) error(`${key}/until`, 'is mandatory');
        else if (!isDate(contractor.until))
          error(`${key}/until`, `must be a date as YYYY-MM-DD (got ${JSON.stringify(contractor.until)})`);
        if (contractor.website !== undefined && !isUrl(contractor.website))
          error(`${key}/website`, 'must be an http(s) URL');
      });
  }

  if (!isObject(doc.localisation))
    error('localisation', 'is mandatory, with localisationReady and availableLanguages');
  else {
    const { localisationReady, availableLanguages } = doc.localisation;
    if (typeof localisationReady !== 'boolean')
      error('localisation/localisationReady', 'is mandatory: true or false');
    if (!Array.isArray(availableLanguages) || availableLanguages.length === 0)
      error('localisation/availableLanguages', 'is mandatory: a list of at least one BCP 47 language tag');
    else {
      for (const tag of availableLanguages)
        if (!isLanguageTag(tag))
          error('localisation/availableLanguages', `"${tag}" is not a BCP 47 language tag`);
      if (repo.locales !== undefined) {
        const listed = new Set(availableLanguages);
        const missing = repo.locales.filter((l) => !listed.has(l));
        const extra = availableLanguages.filter((l) => !repo.locales.includes(l));
        if (missing.length || extra.length)
          error(
            'localisation/availableLanguages',
            `must list the catalogues in src/platform/locales (missing: ${missing.join(', ') || 'none'}; not there: ${extra.join(', ') || 'none'})`,
          );
      }
    }
  }

  if (doc.dependsOn !== undefined) {
    for (const kind of ['open', 'proprietary', 'hardware'])
      for (const [i, dep] of (doc.dependsOn?.[kind] ?? []).entries()) {
        if (!isObject(dep)) error(`dependsOn/${kind}/${i}`, 'must be a mapping with a name');
        else mandatoryText(`dependsOn/${kind}/${i}/name`, dep.name);
      }
  }

  if (isText(doc.softwareVersion) && repo.version !== undefined && doc.softwareVersion !== repo.version)
    error('softwareVersion', `"${doc.softwareVersion}" differs from package.json's "${repo.version}"`);

  return { errors, warnings };
}

/** Parses the YAML text; YAML errors become problems too. */
export function checkPublicCodeText(text, repo = {}) {
  const document = parseDocument(text, { version: '1.2' });
  if (document.errors.length > 0)
    return { errors: document.errors.map((e) => `YAML: ${e.message.split('\n')[0]}`), warnings: [] };
  return checkPublicCode(document.toJS(), repo);
}

/** The facts of this repository publiccode.yml must agree with. */
export function repositoryFacts(root = ROOT) {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const locales = readdirSync(path.join(root, 'src/platform/locales'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
  return { version: pkg.version, license: pkg.license, locales };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = path.resolve(process.argv[2] ?? path.join(ROOT, 'publiccode.yml'));
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    console.error(`publiccode.yml: cannot read ${file}`);
    process.exit(1);
  }
  const { errors, warnings } = checkPublicCodeText(text, repositoryFacts());
  for (const w of warnings) console.warn(`publiccode.yml: warning: ${w}`);
  for (const e of errors) console.error(`publiccode.yml: ${e}`);
  if (errors.length > 0) process.exit(1);
}
