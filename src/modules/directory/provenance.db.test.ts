// Provenance and verification per service record (issue 23, point 3): a steward's verification names the
// publisher (an organisation), never the steward, and is audited; an import names its file (never a path) and
// when it changed the record, keeps who the record says verified it, and leaves the source alone when it changes
// nothing; the steward's service page and the HSDS feed show both.
import { beforeAll, expect, it } from 'vitest';
import { signIn, type Agent } from '../../../test/auth.js';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { minimalService, organization, parentOrganization } from './hsds/test/fixtures.js';
import { areas, createOrganization, createSteward, draft, formValues, type Steward } from './test/helpers.js';

describeDb('provenance and verification per record', () => {
  const t = useTestApp({
    config: { publisherName: 'Stichting Samen Test', directoryEmail: 'team@samen.test' },
  });
  let steward: Steward;
  let agent: Agent;
  let localId: string;

  const imported = (name: string, services: unknown[]) =>
    t.services.directory.importHsds(
      {
        format: 'json',
        files: [
          {
            name,
            content: JSON.stringify({ organizations: [parentOrganization(), organization()], services }),
          },
        ],
      },
      { actorUserId: null },
    );
  const stored = (id: string) => t.services.directory.getService(id);

  beforeAll(async () => {
    steward = await createSteward(t.services, 'Sanne de Steward');
    const org = await createOrganization(t.services, steward, 'Stichting Hier');
    localId = (
      await t.services.directory.createService(
        draft(org, { name: 'Hier ingevoerd', service_areas: areas(['country', 'NL']) }),
        steward.actor,
      )
    ).id;
    agent = await signIn(t, steward);
  });

  it('a record entered here is local; a steward verification names the publisher, never the steward, and is audited', async () => {
    expect(await stored(localId)).toMatchObject({
      source_type: 'local',
      source_name: null,
      source_imported_at: null,
      assured_by: null,
    });
    const overview = await agent.get(`/steward/services/${localId}`);
    const verified = await agent.post(
      `/steward/services/${localId}/verify`,
      formValues(overview.body, `/steward/services/${localId}/verify`),
    );
    expect(verified.statusCode).toBe(303);
    const record = await stored(localId);
    expect(record).toMatchObject({
      assured_by: 'Stichting Samen Test',
      assurer_email: 'team@samen.test',
      assured_by_user_id: steward.id,
      source_type: 'local',
    });
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'actor_user_id'])
      .where('action', '=', 'directory.service.verify')
      .execute();
    expect(audit).toEqual([{ action: 'directory.service.verify', actor_user_id: steward.id }]);
    // Published: the organisation that verified, not who.
    await t.services.directory.refreshCoverage();
    const feed = (await t.app.inject({ url: `/api/hsds/services/${localId}` })).body;
    expect(JSON.parse(feed)).toMatchObject({ assured_by: 'Stichting Samen Test', source_type: 'local' });
    expect(feed).not.toContain(steward.email);
    expect(feed).not.toContain('Sanne');
    // The steward sees both on the service page.
    const page = (await agent.get(`/steward/services/${localId}`)).body;
    expect(page).toContain('Gecontroleerd door</dt>');
    expect(page).toMatch(/<dd>\s*Stichting Samen Test\s*<\/dd>/);
    expect(page).toMatch(/<dd>\s*Hier ingevoerd\s*<\/dd>/);
  });

  it('an import names its file (not its path) and when, and keeps who the record says verified it', async () => {
    const a = minimalService('verified-elsewhere', {
      assured_date: '2026-10-01',
      assured_by: 'GGD Testregio',
    });
    const b = minimalService('date-without-verifier', { assured_date: '2026-10-02' });
    const c = minimalService('never-verified');
    const result = await imported('/home/anna/exports/sociale-kaart.json', [a, b, c]);
    expect(result.ok).toBe(true);
    expect(await stored(String(a.id))).toMatchObject({
      assured_by: 'GGD Testregio',
      source_type: 'file',
      source_name: 'sociale-kaart.json',
      source_imported_at: '2026-11-28T10:00:00.000Z',
    });
    // A date without who: the source said so, and that is what is recorded.
    expect(await stored(String(b.id))).toMatchObject({ assured_by: 'sociale-kaart.json' });
    expect(await stored(String(c.id))).toMatchObject({ assured_by: null, assured_date: null });
    // The source's claims about its own provenance are not taken over: the file is the source here.
    const claims = minimalService('claims-a-feed', {
      source_type: 'feed',
      source_name: 'https://elsewhere.example/api/hsds',
      source_imported_at: '2020-01-01T00:00:00Z',
    });
    expect((await imported('claims.json', [claims])).ok).toBe(true);
    expect(await stored(String(claims.id))).toMatchObject({
      source_type: 'file',
      source_name: 'claims.json',
    });

    const page = (await agent.get(`/steward/services/${String(a.id)}`)).body;
    expect(page).toContain('HSDS-bestand sociale-kaart.json');
    expect(page).toMatch(/<dd>\s*GGD Testregio\s*<\/dd>/);
  });

  it('a re-import that changes nothing leaves the source and its time alone; one that changes it moves them', async () => {
    const a = minimalService('verified-elsewhere', {
      assured_date: '2026-10-01',
      assured_by: 'GGD Testregio',
    });
    t.clock.set('2026-11-30T10:00:00Z');
    const again = await imported('other-name.json', [a]);
    expect(again.ok && again.changes.services).toMatchObject({ unchanged: 1, updated: 0 });
    expect(await stored(String(a.id))).toMatchObject({
      source_name: 'sociale-kaart.json',
      source_imported_at: '2026-11-28T10:00:00.000Z',
    });
    const changed = await imported('other-name.json', [{ ...a, name: 'Nieuwe naam' }]);
    expect(changed.ok && changed.changes.services).toMatchObject({ updated: 1 });
    expect(await stored(String(a.id))).toMatchObject({
      source_name: 'other-name.json',
      source_imported_at: '2026-11-30T10:00:00.000Z',
    });
  });

  it('refuses an assured_by that is not a short name', async () => {
    const result = await imported('long.json', [minimalService('long', { assured_by: 'x'.repeat(201) })]);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems[0]).toMatchObject({ field: expect.stringContaining('assured_by') });
  });
});
