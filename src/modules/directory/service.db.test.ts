import { beforeAll, expect, it } from 'vitest';
import { useTestApp, TestClock } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { HttpError, ValidationFailed } from '../../platform/http/errors.js';
import { ServiceConflict } from './service.js';
import { areas, createOrganization, createSteward, draft, TERM, type Steward } from './test/helpers.js';
import type { ServiceRecord } from './types.js';

describeDb('directory service', () => {
  const clock = new TestClock('2026-11-28T10:00:00Z');
  const t = useTestApp({ clock });
  let steward: Steward;
  let org: string;
  const names = (list: ServiceRecord[]) => list.map((r) => r.name);

  beforeAll(async () => {
    steward = await createSteward(t.services);
    org = await createOrganization(t.services, steward);
  });

  it('answers coverage: national + police unit + safety region + municipality, without retired services', async () => {
    const d = t.services.directory;
    const a = steward.actor;
    await d.createService(draft(org, { name: 'A landelijk', service_areas: areas(['country', 'NL']) }), a);
    await d.createService(
      draft(org, { name: 'B eenheid Amsterdam', service_areas: areas(['police_unit', 'PE-amsterdam']) }),
      a,
    );
    await d.createService(
      draft(org, { name: 'C regio Amsterdam-Amstelland', service_areas: areas(['safety_region', 'VR13']) }),
      a,
    );
    const diemen = await d.createService(
      draft(org, { name: 'D gemeente Diemen', service_areas: areas(['municipality', 'GM0384']) }),
      a,
    );
    await d.createService(
      draft(org, { name: 'E regio Groningen', service_areas: areas(['safety_region', 'VR01']) }),
      a,
    );
    const old = await d.createService(
      draft(org, { name: 'F opgeheven', service_areas: areas(['country', 'NL']) }),
      a,
    );
    await d.retireService(old.id, 'Bestaat niet meer', a);

    expect(names(await d.coverageFor('GM0384'))).toEqual([
      'A landelijk',
      'B eenheid Amsterdam',
      'C regio Amsterdam-Amstelland',
      'D gemeente Diemen',
    ]);
    expect(names(await d.coverageFor('GM0363'))).toEqual([
      'A landelijk',
      'B eenheid Amsterdam',
      'C regio Amsterdam-Amstelland',
    ]);
    expect(names(await d.coverageFor('GM0014'))).toEqual(['A landelijk', 'E regio Groningen']);

    // The index follows an edit at once: Diemen's service moves to Groningen.
    await d.updateService(
      diemen.id,
      draft(org, { name: 'D gemeente Diemen', service_areas: areas(['municipality', 'GM0014']) }),
      { version: diemen.version },
      a,
    );
    expect(names(await d.coverageFor('GM0384'))).not.toContain('D gemeente Diemen');
    expect(names(await d.coverageFor('GM0014'))).toContain('D gemeente Diemen');

    const error = await d.coverageFor('GM9999').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).statusCode).toBe(400);
    expect((error as HttpError).fields[0]!.field).toBe('municipality');
  });

  it('reads a whole record back as it was written', async () => {
    const d = t.services.directory;
    const created = await d.createService(
      draft(org, {
        name: 'Volledig',
        email: 'info@example.nl',
        url: 'https://www.example.nl',
        minimum_age: 12,
        maximum_age: 23,
        phones: [
          { number: '0800-7000', channel: 'voice', description: 'gratis' },
          { number: '06-12345678', channel: 'whatsapp' },
        ],
        urls: [{ url: 'https://chat.example.nl', channel: 'chat', label: 'Chat' }],
        schedules: [{ byday: 'MO,TU,WE,TH,FR', opens_at: '09:00', closes_at: '17:00' }],
        service_areas: areas(['safety_region', 'VR13'], ['municipality', 'GM0014']),
        languages: ['nl', 'en'],
        taxonomy_term_ids: [TERM.reportingPoint, TERM.labour, TERM.free],
      }),
      steward.actor,
    );
    const read = (await d.getService(created.id))!;
    expect(read).toMatchObject({
      name: 'Volledig',
      organization: { id: org, name: 'Stichting Test' },
      minimum_age: 12,
      maximum_age: 23,
      version: 1,
      status: 'active',
      assured_date: null,
    });
    expect(read.phones.map((p) => [p.number, p.channel, p.description])).toEqual([
      ['0800-7000', 'voice', 'gratis'],
      ['06-12345678', 'whatsapp', null],
    ]);
    expect(read.urls.map((u) => [u.url, u.channel])).toEqual([['https://chat.example.nl', 'chat']]);
    expect(read.schedules.map((s) => [s.byday, s.opens_at, s.closes_at])).toEqual([
      ['MO,TU,WE,TH,FR', '09:00', '17:00'],
    ]);
    expect(read.service_areas.map((a) => [a.area_type, a.area_code, a.name])).toEqual([
      ['safety_region', 'VR13', 'Amsterdam-Amstelland'],
      ['municipality', 'GM0014', 'Groningen'],
    ]);
    expect(read.languages.map((l) => l.code)).toEqual(['nl', 'en']);
    expect([...read.taxonomy_term_ids].sort()).toEqual([TERM.reportingPoint, TERM.labour, TERM.free].sort());
    expect(await d.getService('not-a-uuid')).toBeUndefined();
  });

  it('reports every wrong field and stores nothing', async () => {
    const before = await t.services.directory.countServices();
    const error = await t.services.directory
      .createService(
        draft(org, {
          name: '',
          email: 'nope',
          minimum_age: 30,
          maximum_age: 20,
          phones: [{ number: 'x', channel: 'voice' }],
          service_areas: areas(['municipality', 'GM9999']),
          schedules: [{ byday: 'MO', opens_at: '25:00', closes_at: '17:00' }],
          taxonomy_term_ids: ['00000000-0000-4000-8000-000000000000'],
        }),
        steward.actor,
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as ValidationFailed).problems.map((p) => p.field)).toEqual([
      'name',
      'email',
      'maximum_age',
      'phones[0].number',
      'schedules[0].opens_at',
      'service_areas[0].area_code',
      'taxonomy_term_ids',
    ]);
    expect(await t.services.directory.countServices()).toBe(before);
  });

  it('refuses an edit made on an old version (409), never overwriting silently', async () => {
    const d = t.services.directory;
    const s = await d.createService(draft(org, { name: 'Versie' }), steward.actor);
    const first = await d.updateService(
      s.id,
      draft(org, { name: 'Versie twee' }),
      { version: s.version },
      steward.actor,
    );
    expect(first.version).toBe(s.version + 1);
    const stale = await d
      .updateService(s.id, draft(org, { name: 'Versie drie' }), { version: s.version }, steward.actor)
      .catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ServiceConflict);
    expect((stale as ServiceConflict).statusCode).toBe(409);
    expect((stale as ServiceConflict).currentVersion).toBe(first.version);
    expect((await d.getService(s.id))!.name).toBe('Versie twee');
  });

  it('writes one history row per changed field, with who and what', async () => {
    const d = t.services.directory;
    const s = await d.createService(draft(org, { name: 'Geschiedenis' }), steward.actor);
    clock.advance(60_000);
    await d.updateService(
      s.id,
      draft(org, {
        name: 'Geschiedenis bijgewerkt',
        phones: [
          { number: '0900-8844', channel: 'voice' },
          { number: '112', channel: 'voice' },
        ],
      }),
      { version: s.version },
      steward.actor,
    );
    const history = await d.history(s.id);
    const update = history.filter((h) => h.action === 'update');
    expect(update.map((h) => h.field).sort()).toEqual(['name', 'phones']);
    expect(update.find((h) => h.field === 'name')).toMatchObject({
      previous: 'Geschiedenis',
      replacement: 'Geschiedenis bijgewerkt',
      updatedBy: steward.id,
      updatedByName: 'Sanne Steward',
    });
    expect(update.find((h) => h.field === 'phones')).toMatchObject({
      previous: '0900-8844 (voice)',
      replacement: '0900-8844 (voice); 112 (voice)',
    });
    expect(history.filter((h) => h.action === 'create').map((h) => h.field)).toEqual(
      expect.arrayContaining([
        'name',
        'organization_id',
        'status',
        'phones',
        'service_areas',
        'taxonomy_terms',
      ]),
    );
    // Newest first.
    expect(history[0]!.action).toBe('update');
    const audit = await t.services.audit.recent(50);
    expect(
      audit.some(
        (e) =>
          e.action === 'directory.service.update' && e.entity_id === s.id && e.actor_user_id === steward.id,
      ),
    ).toBe(true);
  });

  it('retires with a reason in the history and takes the service out of coverage', async () => {
    const d = t.services.directory;
    const s = await d.createService(
      draft(org, { name: 'Op te heffen', service_areas: areas(['municipality', 'GM0363']) }),
      steward.actor,
    );
    expect(names(await d.coverageFor('GM0363'))).toContain('Op te heffen');
    await expect(d.retireService(s.id, '  ', steward.actor)).rejects.toBeInstanceOf(ValidationFailed);
    const retired = await d.retireService(s.id, 'Gefuseerd met een andere dienst', steward.actor);
    expect(retired.status).toBe('defunct');
    expect(names(await d.coverageFor('GM0363'))).not.toContain('Op te heffen');
    const rows = (await d.history(s.id)).filter((h) => h.action === 'retire');
    expect(rows.map((r) => [r.field, r.replacement]).sort()).toEqual([
      ['reason', 'Gefuseerd met een andere dienst'],
      ['status', 'defunct'],
    ]);
  });

  it('verifies today in Amsterdam, leaves the stale list, and is stale again after 181 days', async () => {
    const d = t.services.directory;
    clock.set('2026-11-28T23:30:00Z'); // already 29 November in Amsterdam
    const s = await d.createService(draft(org, { name: 'Te controleren' }), steward.actor);
    expect((await d.staleServices()).map((r) => r.id)).toContain(s.id);
    const verified = await d.verifyService(s.id, steward.actor);
    expect(verified).toMatchObject({
      assured_date: '2026-11-29',
      assured_by_user_id: steward.id,
      // Never the steward's login e-mail (it is published in the HSDS API): the role address, none configured here.
      assurer_email: null,
      // Published who verified: the publisher (default name), an organisation, never the steward.
      assured_by: 'Samen',
    });
    expect((await d.staleServices()).map((r) => r.id)).not.toContain(s.id);
    expect(
      (await d.history(s.id))
        .filter((h) => h.action === 'verify')
        .map((h) => h.field)
        .sort(),
    ).toEqual(['assured_by', 'assured_by_user_id', 'assured_date']);
    clock.advance(180 * 86_400_000);
    expect((await d.staleServices()).map((r) => r.id)).not.toContain(s.id);
    clock.advance(86_400_000);
    expect((await d.staleServices()).map((r) => r.id)).toContain(s.id);
    expect(d.isStale((await d.getService(s.id))!)).toBe(true);
    clock.set('2026-11-28T10:00:00Z');
  });

  it('searches by words, term, status and municipality, paged', async () => {
    const d = t.services.directory;
    await d.createService(
      draft(org, {
        name: 'Zoek arbeidsuitbuiting',
        taxonomy_term_ids: [TERM.labour],
        service_areas: areas(['municipality', 'GM0014']),
      }),
      steward.actor,
    );
    const byWord = await d.listServices({ q: 'arbeidsuit' });
    expect(names(byWord.items)).toEqual(['Zoek arbeidsuitbuiting']);
    expect((await d.listServices({ q: '100%_' })).total).toBe(0);
    const byTerm = await d.listServices({ taxonomyTermIds: [TERM.labour], statuses: ['active'] });
    expect(names(byTerm.items)).toContain('Zoek arbeidsuitbuiting');
    expect(names(byTerm.items)).not.toContain('A landelijk');
    const inAmsterdam = await d.listServices({ municipality: 'GM0363', statuses: ['active'] });
    expect(names(inAmsterdam.items)).not.toContain('Zoek arbeidsuitbuiting');
    const inGroningen = await d.listServices({ municipality: 'GM0014', q: 'zoek' });
    expect(names(inGroningen.items)).toEqual(['Zoek arbeidsuitbuiting']);
    const paged = await d.listServices({ perPage: 2, page: 2 });
    expect(paged.items).toHaveLength(2);
    expect(paged.total).toBe(await d.countServices());
    await expect(d.listServices({ perPage: 101 })).rejects.toBeInstanceOf(HttpError);
    await expect(d.listServices({ municipality: 'GM0000' })).rejects.toBeInstanceOf(HttpError);
    await expect(d.listServices({ taxonomyTermIds: ['nope'] })).rejects.toBeInstanceOf(HttpError);
  });

  it('keeps organisations with services and deletes empty ones', async () => {
    const d = t.services.directory;
    await expect(d.deleteOrganization(org, steward.actor)).rejects.toMatchObject({ statusCode: 409 });
    const empty = await createOrganization(t.services, steward, 'Leeg');
    await d.deleteOrganization(empty, steward.actor);
    expect(await d.getOrganization(empty)).toBeUndefined();
    await expect(
      d.saveOrganization(
        undefined,
        { name: '', alternate_name: null, description: '', email: 'x', website: 'nope', legal_status: null },
        steward.actor,
      ),
    ).rejects.toBeInstanceOf(ValidationFailed);
  });
});
