import { beforeAll, expect, it } from 'vitest';
import { anonymousAgent, createUser, signIn, type Agent } from '../../../test/auth.js';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import {
  areas,
  createOrganization,
  createSteward,
  draft,
  formValues,
  TERM,
  type Steward,
} from './test/helpers.js';

describeDb('steward pages', () => {
  const t = useTestApp();
  let steward: Steward;
  let agent: Agent;
  let org: string;
  let serviceId: string;

  beforeAll(async () => {
    steward = await createSteward(t.services, 'Sanne de Steward');
    org = await createOrganization(t.services, steward, 'Slachtofferhulp Nederland');
    const s = await t.services.directory.createService(
      draft(org, {
        name: 'Slachtofferhulp',
        service_areas: areas(['country', 'NL']),
        taxonomy_term_ids: [TERM.victim],
      }),
      steward.actor,
    );
    serviceId = s.id;
    agent = await signIn(t, steward);
  });

  it('sends visitors without an account to the login page, and refuses other roles', async () => {
    const anonymous = await t.app.inject({
      method: 'GET',
      url: '/steward',
      headers: { accept: 'text/html' },
    });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/login?next=%2Fsteward');
    const en = await t.app.inject({
      method: 'GET',
      url: `/en/steward/services/${serviceId}/edit`,
      headers: { accept: 'text/html' },
    });
    expect(en.statusCode).toBe(303);
    expect(en.headers.location).toContain('/en/login?next=');

    await t.database.db
      .insertInto('role')
      .values({ code: 'test_reader', sees_personal_data: false })
      .execute();
    const reader = await createUser(t.services, { role: 'test_reader' });
    const readerAgent = await signIn(t, reader);
    const forbidden = await readerAgent.get('/steward/services');
    expect(forbidden.statusCode).toBe(403);
    const post = await readerAgent.post(`/steward/services/${serviceId}/verify`);
    expect(post.statusCode).toBe(403);
  });

  it('refuses a state-changing request without a valid CSRF token', async () => {
    const anonymous = await anonymousAgent(t);
    expect(
      (await anonymous.post(`/steward/services/${serviceId}/verify`, {}, {}, { csrf: false })).statusCode,
    ).toBe(403);
    // With a token but without an account: sent to the login page, nothing changes.
    const withToken = await anonymous.post(`/steward/services/${serviceId}/verify`);
    expect(withToken.statusCode).toBe(303);
    expect(withToken.headers.location).toMatch(/^\/login/);
    const noToken = await agent.post(`/steward/services/${serviceId}/verify`, {}, {}, { csrf: false });
    expect(noToken.statusCode).toBe(403);
    const wrong = await agent.post(`/steward/services/${serviceId}/verify`, { _csrf: 'x'.repeat(40) });
    expect(wrong.statusCode).toBe(403);
    expect((await t.services.directory.getService(serviceId))!.assured_date).toBeNull();
  });

  it('lets a steward edit and verify a service and see the history (done when)', async () => {
    const edit = await agent.get(`/steward/services/${serviceId}/edit`);
    expect(edit.statusCode).toBe(200);
    expect(edit.headers['cache-control']).toBe('no-store');
    expect(edit.body).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(edit.body).toContain(`name="_csrf" value="${agent.csrf}"`);
    const form = formValues(edit.body, `/steward/services/${serviceId}/edit`);
    expect(form.name).toBe('Slachtofferhulp');
    expect(form.version).toBe('1');
    const saved = await agent.post(`/steward/services/${serviceId}/edit`, {
      ...form,
      name: 'Slachtofferhulp Nederland',
      'phones[1].number': '0900-0101',
      'phones[1].channel': 'voice',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/steward/services/${serviceId}?saved=1`);
    const overview = await agent.get(String(saved.headers.location));
    expect(overview.body).toContain('De wijzigingen in ‘Slachtofferhulp Nederland’ zijn opgeslagen.');

    const verified = await agent.post(
      `/steward/services/${serviceId}/verify`,
      formValues(overview.body, `/steward/services/${serviceId}/verify`),
    );
    expect(verified.statusCode).toBe(303);
    const after = (await t.services.directory.getService(serviceId))!;
    expect(after).toMatchObject({
      name: 'Slachtofferhulp Nederland',
      assured_date: '2026-11-28',
      assured_by_user_id: steward.id,
      assurer_email: null,
    });
    expect(after.phones.map((p) => p.number)).toEqual(['0900-8844', '0900-0101']);

    const history = await agent.get(`/steward/services/${serviceId}/history`);
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain('Sanne de Steward');
    expect(history.body).toContain('gewijzigd');
    expect(history.body).toContain('gecontroleerd');
    expect(history.body).toMatch(
      /<td class="utrecht-table__cell">Naam<\/td>\s*<td[^>]*>\s*Slachtofferhulp\s*<\/td>\s*<td[^>]*>\s*Slachtofferhulp Nederland\s*<\/td>/,
    );
    expect(history.body).toContain('0900-8844 (voice); 0900-0101 (voice)');
  });

  it('shows every problem in an error summary linked to its field, in Dutch and English', async () => {
    const edit = await agent.get(`/steward/services/${serviceId}/edit`);
    const form = formValues(edit.body, `/steward/services/${serviceId}/edit`);
    const bad = {
      ...form,
      name: '',
      email: 'geen-adres',
      minimum_age: '30',
      maximum_age: '20',
      'service_areas[0].area_code': 'Atlantis',
    };
    const nl = await agent.post(`/steward/services/${serviceId}/edit`, bad);
    expect(nl.statusCode).toBe(400);
    expect(nl.body).toContain('Verbeter het volgende');
    expect(nl.body).toMatch(/<a class="utrecht-link" href="#f-name"\s*>Naam: Vul dit in<\/a/);
    expect(nl.body).toContain('href="#f-email"');
    expect(nl.body).toContain('href="#f-maximum_age"');
    expect(nl.body).toContain('href="#f-service_areas-0-area_code"');
    expect(nl.body).toMatch(/id="f-name"[^>]*aria-invalid="true"[^>]*aria-describedby="f-name-error"/);
    expect(nl.body).toContain('value="geen-adres"');
    const en = await agent.post(`/en/steward/services/${serviceId}/edit`, bad);
    expect(en.statusCode).toBe(400);
    expect(en.body).toMatch(/<a class="utrecht-link" href="#f-name"\s*>Name: Fill this in<\/a/);
    expect((await t.services.directory.getService(serviceId))!.email).toBeNull();
  });

  it('refuses to save over a newer version (409) and keeps what the steward typed', async () => {
    const edit = await agent.get(`/steward/services/${serviceId}/edit`);
    const form = formValues(edit.body, `/steward/services/${serviceId}/edit`);
    const current = (await t.services.directory.getService(serviceId))!;
    await t.services.directory.updateService(
      serviceId,
      { ...draft(org, { name: 'Intussen gewijzigd', service_areas: areas(['country', 'NL']) }) },
      { version: current.version },
      steward.actor,
    );
    const conflict = await agent.post(`/steward/services/${serviceId}/edit`, {
      ...form,
      name: 'Mijn wijziging',
    });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.body).toContain('Iemand anders heeft deze dienst gewijzigd');
    expect(conflict.body).toContain('value="Mijn wijziging"');
    expect((await t.services.directory.getService(serviceId))!.name).toBe('Intussen gewijzigd');
    // Saving again after the warning is a deliberate choice, and goes through.
    const again = await agent.post(
      `/steward/services/${serviceId}/edit`,
      formValues(conflict.body, `/steward/services/${serviceId}/edit`),
    );
    expect(again.statusCode).toBe(303);
    expect((await t.services.directory.getService(serviceId))!.name).toBe('Mijn wijziging');
  });

  it('adds empty rows without saving, then creates a new service', async () => {
    const blank = await agent.get('/steward/services/new');
    const form = formValues(blank.body, '/steward/services/new');
    const more = await agent.post('/steward/services/new', { ...form, name: 'Nieuw', _more: 'phones' });
    expect(more.statusCode).toBe(200);
    expect(more.body).toContain('name="phones[3].number"');
    expect(more.body).toContain('value="Nieuw"');
    const filled = formValues(more.body, '/steward/services/new');
    const created = await agent.post('/steward/services/new', {
      ...filled,
      organization_id: org,
      'phones[2].number': '0800-7000',
      'service_areas[0].area_code': 'Groningen',
      'service_areas[0].area_type': 'safety_region',
      taxonomy_term_ids: [TERM.reportingPoint, TERM.labour],
      always_open: 'yes',
    });
    expect(created.statusCode).toBe(303);
    const id = /\/steward\/services\/([0-9a-f-]{36})\?saved=1$/.exec(String(created.headers.location))?.[1];
    const record = (await t.services.directory.getService(id!))!;
    expect(record).toMatchObject({ name: 'Nieuw', organization_id: org });
    expect(record.phones.map((p) => p.number)).toEqual(['0800-7000']);
    expect(record.service_areas.map((a) => [a.area_type, a.area_code])).toEqual([['safety_region', 'VR01']]);
    expect(record.schedules.map((s) => [s.opens_at, s.closes_at])).toEqual([['00:00', '23:59']]);
    expect((await t.services.directory.coverageFor('GM0014')).map((r) => r.id)).toContain(id);
  });

  it('lists, filters and retires services, and shows the stale list on the dashboard', async () => {
    const dashboard = await agent.get('/steward');
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.body).toContain('Te controleren');
    expect(dashboard.body).toContain('href="/steward/services"');
    const list = await agent.get('/steward/services?q=nieuw&municipality=groningen');
    expect(list.statusCode).toBe(200);
    expect(list.body).toMatch(/>\s*Nieuw\s*<\/a/);
    const unknown = await agent.get('/steward/services?municipality=Atlantis');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('aria-invalid="true"');
    // A querystring no filter could send is refused before the list is read, naming the parameter.
    const tooLong = await agent.get(`/steward/services?organization=${'x'.repeat(37)}`);
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('mag hoogstens 36 tekens lang zijn');
    expect((await agent.get('/steward?verified=a&verified=b')).statusCode).toBe(400);

    const overview = await agent.get(`/steward/services/${serviceId}`);
    const retireForm = formValues(overview.body, `/steward/services/${serviceId}/retire`);
    const noReason = await agent.post(`/steward/services/${serviceId}/retire`, { ...retireForm, reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('href="#f-reason"');
    const retired = await agent.post(`/steward/services/${serviceId}/retire`, {
      ...retireForm,
      reason: 'Dubbel opgenomen',
    });
    expect(retired.statusCode).toBe(303);
    expect((await t.services.directory.getService(serviceId))!.status).toBe('defunct');
    const history = await agent.get(`/steward/services/${serviceId}/history`);
    expect(history.body).toContain('Dubbel opgenomen');
    expect(history.body).toContain('opgeheven');
  });

  it('manages organisations', async () => {
    const list = await agent.get('/steward/organizations');
    expect(list.body).toContain('Slachtofferhulp Nederland');
    const blank = await agent.get('/steward/organizations/new');
    const invalid = await agent.post('/steward/organizations/new', {
      ...formValues(blank.body, '/steward/organizations/new'),
      website: 'nope',
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('href="#f-name"');
    const created = await agent.post('/steward/organizations/new', {
      ...formValues(blank.body, '/steward/organizations/new'),
      name: 'FairWork',
    });
    expect(created.statusCode).toBe(303);
    expect((await t.services.directory.organizations()).map((o) => o.name)).toContain('FairWork');
  });

  it('attack: an organisation whose name is sent twice, or a service description far over any limit, is not saved; the form comes back filled', async () => {
    const blank = await agent.get('/steward/organizations/new');
    const before = (await t.services.directory.organizations()).length;
    const twice = await agent.post('/steward/organizations/new', {
      ...formValues(blank.body, '/steward/organizations/new'),
      name: ['Dubbel A', 'Dubbel B'],
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toMatch(/href="#f-name"\s*>[^<]*: is meer dan één keer verstuurd/);
    expect((await t.services.directory.organizations()).length).toBe(before);
    const edit = await agent.get(`/steward/services/${serviceId}/edit`);
    const huge = await agent.post(`/steward/services/${serviceId}/edit`, {
      ...formValues(edit.body, `/steward/services/${serviceId}/edit`),
      description: 'x'.repeat(20_001),
      email: 'nieuw@example.nl',
    });
    expect(huge.statusCode).toBe(400);
    expect(huge.body).toContain('mag hoogstens 20.000 tekens lang zijn');
    expect(huge.body).toContain('value="nieuw@example.nl"');
    expect((await t.services.directory.getService(serviceId))!.email).not.toBe('nieuw@example.nl');
  });

  it('answers malformed ids with a 404 page', async () => {
    expect((await agent.get('/steward/services/nonsense')).statusCode).toBe(404);
    expect((await agent.get('/steward/services/nonsense/history')).statusCode).toBe(404);
    expect((await agent.post('/steward/services/nonsense/verify')).statusCode).toBe(404);
    expect((await agent.get('/steward/organizations/nonsense/edit')).statusCode).toBe(404);
  });
});
