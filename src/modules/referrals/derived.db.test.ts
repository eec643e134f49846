// Nothing recorded that nobody said (issue 18, point 1): a signal with the person's fields left alone records no
// gender, no age group, no "minor" and no legal ground; "minor" is derived only from an age that was given,
// shown as derived, and a coordinator can correct it with a reason: the legal ground and the national
// registration follow, and the correction is in the timeline and the audit trail.
import { beforeAll, expect, it } from 'vitest';
import { loadReferralDemo } from '../../cli/seed.js';
import { signIn, type Agent } from '../../../test/auth.js';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.js';
import { deriveMinor, isEuropeanNational, isRealDate } from './derived.js';

const account = (role: string) => {
  const a = DEMO_ACCOUNTS.find((x) => x.role === role)!;
  return { email: a.email, password: DEMO_PASSWORD, totpSecret: a.totp };
};

/** What a browser posts for a form: every select's selected option (or the first), every filled text field. */
function defaults(body: string): Record<string, string> {
  const form: Record<string, string> = {};
  for (const m of body.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const options = [...m[2]!.matchAll(/<option value="([^"]*)"([^>]*)>/g)];
    const chosen = options.find((o) => /\bselected\b/.test(o[2]!)) ?? options[0]!;
    form[m[1]!] = chosen[1]!;
  }
  return form;
}

describeDb('derived facts on a signal', () => {
  const t = useTestApp({ mailTransport: null });
  let professional: Agent;
  let national: Agent;

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    await loadReferralDemo(t.services);
    professional = await signIn(t, account('nrm_professional'));
    national = await signIn(t, account('nrm_national'));
  });

  const caseOf = async (body: string) => {
    const url = /href="(\/nvm\/cases\/([0-9a-f-]{36}))"/.exec(body)!;
    const row = await t.database.db
      .selectFrom('nrm_case')
      .selectAll()
      .where('id', '=', url[2]!)
      .executeTakeFirstOrThrow();
    return { url: url[1]!, row };
  };
  const registration = (caseId: string) =>
    t.database.db
      .selectFrom('nrm_registration')
      .selectAll()
      .where('pseudonym', '=', t.services.referrals.pseudonymOf(caseId))
      .executeTakeFirstOrThrow();

  it('records nothing for person fields left alone: no "female / 0–8", minor unknown, no legal ground', async () => {
    const form = await professional.get('/nvm/signal');
    const chosen = defaults(form.body);
    expect(chosen).toMatchObject({
      gender: 'unknown',
      ageGroup: 'unknown',
      minor: 'unknown',
      consent: 'not_asked',
    });
    const sent = await professional.submit('/nvm/signal', {
      ...chosen,
      kind: 'signal',
      municipality: 'Enschede',
      forms: 'labour',
    });
    expect(sent.postStatus).toBe(303);
    expect(sent.statusCode).toBe(200);
    const { row } = await caseOf(sent.body);
    expect(row).toMatchObject({
      gender: 'unknown',
      age_group: 'unknown',
      minor: 'unknown',
      legal_ground: null,
    });
    const reg = await registration(row.id);
    expect(reg).toMatchObject({ gender: 'unknown', age_group: 'unknown', minor: 'unknown' });
  });

  it('derives "minor" from an age group that was given, shows it as derived; a correction re-derives the ground', async () => {
    const sent = await professional.submit('/nvm/signal', {
      kind: 'signal',
      municipality: 'Enschede',
      urgency: 'normal',
      minor: 'unknown',
      consent: 'not_asked',
      forms: 'sexual',
      ageGroup: '9--17',
      gender: 'unknown',
    });
    expect(sent.postStatus).toBe(303);
    expect(sent.statusCode).toBe(200);
    const { url, row } = await caseOf(sent.body);
    expect(row).toMatchObject({ minor: 'yes', minor_source: 'derived', legal_ground: 'minor' });
    const page = await national.get(url);
    expect(page.body).toMatch(/afgeleid uit de opgegeven leeftijd|derived from the age given/);

    // Someone tries to correct without a reason: refused, nothing changes.
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    const noReason = await national.post(`${url}/minor`, { version, minor: 'no', reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect((await registration(row.id)).minor).toBe('yes');

    const fixed = await national.post(`${url}/minor`, {
      version,
      minor: 'no',
      reason: 'Paspoort gezien: 19 jaar',
    });
    expect(fixed.statusCode).toBe(303);
    const after = await t.database.db
      .selectFrom('nrm_case')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({ minor: 'no', minor_source: 'corrected', legal_ground: null });
    expect((await registration(row.id)).minor).toBe('no');
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'detail'])
      .where('entity_id', '=', row.id)
      .where('action', '=', 'nrm.case.correct_minor')
      .execute();
    expect(audit).toHaveLength(1);
    const shown = await national.get(url);
    expect(shown.body).toContain('Paspoort gezien: 19 jaar');
    expect(shown.body).toMatch(/gecorrigeerd door de coördinator|corrected by the coordinator/);

    // The assessment cannot quietly turn the correction back with an age group under 18.
    const v2 = /name="version" value="(\d+)"/.exec(shown.body)![1]!;
    const contradict = await national.post(`${url}/assess`, {
      version: v2,
      ageGroup: '9--17',
      forms: 'sexual',
    });
    expect(contradict.statusCode).toBe(400);
    expect((await registration(row.id)).minor).toBe('no');
  });

  it('lets the assessment move a derived "minor" with the age group (18–20 no longer keeps "yes" and the ground)', async () => {
    const sent = await professional.submit('/nvm/signal', {
      kind: 'signal',
      municipality: 'Enschede',
      urgency: 'normal',
      minor: 'unknown',
      consent: 'not_asked',
      forms: 'sexual',
      ageGroup: '9--17',
    });
    const { url, row } = await caseOf(sent.body);
    const page = await national.get(url);
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    const assessed = await national.post(`${url}/assess`, { version, ageGroup: '18--20', forms: 'sexual' });
    expect(assessed.statusCode).toBe(303);
    const after = await t.database.db
      .selectFrom('nrm_case')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({
      minor: 'no',
      minor_source: 'derived',
      legal_ground: null,
      age_group: '18--20',
    });
    expect(await registration(row.id)).toMatchObject({ minor: 'no', age_group: '18--20' });
  });

  it('refuses a reflection period for an EU national and a date that does not exist', async () => {
    const sent = await professional.submit('/nvm/signal', {
      kind: 'signal',
      municipality: 'Enschede',
      urgency: 'normal',
      minor: 'no',
      consent: 'yes',
      forms: 'labour',
    });
    const { url, row } = await caseOf(sent.body);
    const page = await national.get(url);
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    const feb30 = await national.post(`${url}/assess`, {
      version,
      forms: 'labour',
      reflectionStart: '2026-02-30',
    });
    expect(feb30.statusCode).toBe(400);
    expect(feb30.body).toMatch(/bestaande datum|date that exists/);
    const eu = await national.post(`${url}/assess`, {
      version,
      forms: 'labour',
      citizenship: 'PL',
      reflectionStart: '2026-02-10',
    });
    expect(eu.statusCode).toBe(400);
    expect(eu.body).toMatch(/EU/);
    const fine = await national.post(`${url}/assess`, {
      version,
      forms: 'labour',
      citizenship: 'NG',
      reflectionStart: '2026-02-28',
    });
    expect(fine.statusCode).toBe(303);
    const after = await t.database.db
      .selectFrom('nrm_case')
      .select('reflection_ends_on')
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(after.reflection_ends_on).toBeTruthy();
  });
});

it('derives only from what was given', () => {
  expect(deriveMinor({ given: 'unknown', ageGroup: 'unknown', on: '2026-12-05' })).toEqual({
    minor: 'unknown',
    source: 'given',
  });
  expect(
    deriveMinor({ given: 'unknown', ageGroup: 'unknown', dateOfBirth: '2010-12-06', on: '2026-12-05' }),
  ).toEqual({
    minor: 'yes',
    source: 'derived',
  });
  expect(deriveMinor({ given: 'unknown', ageGroup: '21--23', on: '2026-12-05' }).minor).toBe('no');
  expect(deriveMinor({ given: 'no', ageGroup: 'unknown', on: '2026-12-05' })).toEqual({
    minor: 'no',
    source: 'given',
  });
  expect(isRealDate('2026-02-30')).toBe(false);
  expect(isRealDate('2024-02-29')).toBe(true);
  expect(isEuropeanNational('pl')).toBe(true);
  expect(isEuropeanNational('UA')).toBe(false);
});
