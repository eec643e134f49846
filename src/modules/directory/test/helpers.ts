// Database-test helpers for the directory: a steward account, an organisation and services made through the
// directory's own service functions (not the sample files), so each test states the data it relies on.
import type { Services } from '../../../services.js';
import { createUser, type CreatedUser } from '../../../../test/auth.js';
import type { Actor, AreaType, ServiceDraft } from '../types.js';

export const TERM = {
  reportingPoint: 'd0eefa54-9eb0-5fe2-b402-f606cf908df3',
  police: 'f4aa4c0c-e796-5633-89da-090a25bef6d3',
  labour: '0d1198dd-8b0c-5419-89e5-332d242c16a7',
  sexual: 'ebfa6f0c-7cd3-5e10-8645-9942f0a1aca6',
  victim: '7b528443-eebf-5175-be69-fcbf673d2540',
  free: '44006bbd-b614-530a-b29e-c01ed8d4e896',
  sample: '8fefb216-077b-5cd4-a2e5-981ff9524f0c',
};

export interface Steward extends CreatedUser {
  actor: Actor;
}

export async function createSteward(services: Services, name = 'Sanne Steward'): Promise<Steward> {
  const user = await createUser(services, { role: 'directory_steward', name });
  return { ...user, actor: { id: user.id, email: user.email, displayName: name } };
}

export async function createOrganization(
  services: Services,
  steward: Steward,
  name = 'Stichting Test',
): Promise<string> {
  const org = await services.directory.saveOrganization(
    undefined,
    {
      name,
      alternate_name: null,
      description: '',
      email: null,
      website: 'https://www.example.nl',
      legal_status: null,
    },
    steward.actor,
  );
  return org.id;
}

export function draft(organizationId: string, overrides: Partial<ServiceDraft> = {}): ServiceDraft {
  return {
    organization_id: organizationId,
    name: 'Meldpunt',
    alternate_name: null,
    description: 'Meld hier uitbuiting.',
    url: null,
    email: null,
    status: 'active',
    interpretation_services: null,
    application_process: null,
    fees_description: null,
    wait_time: null,
    accreditations: null,
    eligibility_description: null,
    minimum_age: null,
    maximum_age: null,
    alert: null,
    phones: [{ number: '0900-8844', channel: 'voice' }],
    urls: [],
    schedules: [],
    service_areas: [{ area_type: 'country', area_code: 'NL' }],
    languages: ['nl'],
    taxonomy_term_ids: [TERM.reportingPoint],
    ...overrides,
  };
}

export const areas = (...list: [AreaType, string][]) =>
  list.map(([area_type, area_code]) => ({ area_type, area_code }));

function decode(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * The values a browser would submit for the form whose action ends with `action` (inputs, checked boxes,
 * selected options, textareas; no submit buttons), so page tests post what a steward would.
 */
export function formValues(page: string, action: string): Record<string, string | string[]> {
  const forms = [...page.matchAll(/<form\b[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)];
  const form = forms.find((f) => decode(f[1]!).endsWith(action));
  if (!form) throw new Error(`no form with action ${action}`);
  const body = form[2]!;
  const values: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const existing = values[name];
    if (existing === undefined) values[name] = value;
    else values[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  };
  for (const m of body.matchAll(/<input\b([^>]*)>/g)) {
    const attrs = m[1]!;
    const name = /\bname="([^"]*)"/.exec(attrs)?.[1];
    if (!name) continue;
    const type = /\btype="([^"]*)"/.exec(attrs)?.[1] ?? 'text';
    const value = decode(/\bvalue="([^"]*)"/.exec(attrs)?.[1] ?? '');
    if ((type === 'checkbox' || type === 'radio') && !/\bchecked\b/.test(attrs)) continue;
    add(decode(name), type === 'checkbox' && !/\bvalue="/.test(attrs) ? 'on' : value);
  }
  for (const m of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[1]!)?.[1];
    // Like a browser: a newline right after <textarea> is not part of the value.
    if (name) add(decode(name), decode(m[2]!.replace(/^\r?\n/, '')));
  }
  for (const m of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[1]!)?.[1];
    if (!name) continue;
    const options = [...m[2]!.matchAll(/<option\b([^>]*)>/g)].map((o) => o[1]!);
    const chosen = options.find((o) => /\bselected\b/.test(o)) ?? options[0];
    add(decode(name), decode(/\bvalue="([^"]*)"/.exec(chosen ?? '')?.[1] ?? ''));
  }
  return values;
}
