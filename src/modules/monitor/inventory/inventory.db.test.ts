// The campaign inventory through its pages (register, import CSV all-or-nothing, the dashboard for readers) and
// the reporting points and knowledge centres counted live from the directory.
import { beforeAll, expect, it } from 'vitest';
import { createUser, signIn, type Agent } from '../../../../test/auth.js';
import { useTestApp } from '../../../../test/app.js';
import { describeDb } from '../../../../test/db-suite.js';

const HEADER = 'name,organisation,start_year,end_year,forms,audiences,reach,impact_indicator,impact_result';

describeDb('the campaign inventory and the desk counts', () => {
  const t = useTestApp();
  let team: Agent;
  let viewer: Agent;

  beforeAll(async () => {
    await t.services.monitor.loadSamplePlan();
    team = await signIn(t, await createUser(t.services, { role: 'programme_team' }));
    viewer = await signIn(t, await createUser(t.services, { role: 'monitor_viewer' }));
  });

  it('shows readers at a glance which campaigns were never measured', async () => {
    const page = await viewer.get('/en/monitor/campaigns');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2 of the 3 campaigns have no impact measurement.');
    const unmeasured = page.body.slice(
      page.body.indexOf('id="unmeasured-caption"'),
      page.body.indexOf('id="by-form-caption"'),
    );
    expect(unmeasured).toContain('#GeenBUIT');
    expect(unmeasured).toContain('Escapetruck');
    expect(unmeasured).not.toContain('FairWork');
    expect(page.body).not.toContain('action="/en/monitor/campaigns/import"');
    expect(
      (await viewer.post('/monitor/campaigns/import', { csv: `${HEADER}\nA,B,2024,,labour,citizens,,,` }))
        .statusCode,
    ).toBe(403);
  });

  it('imports nothing from a CSV with one bad row, and names the row and column', async () => {
    const csv = `${HEADER}\nGoede campagne,Org,2023,2024,labour,citizens,100,,\nSlechte campagne,Org,2024,2022,sexual,professionals,,,`;
    const response = await team.post('/monitor/campaigns/import', { csv });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Regel 3, kolom Eindjaar (end_year)');
    expect(response.body).toContain('Het eindjaar ligt voor het beginjaar.');
    expect(await t.services.monitor.campaigns()).toHaveLength(3);
    const broken = await team.post('/monitor/campaigns/import', { csv: `${HEADER}\n"open,Org` });
    expect(broken.statusCode).toBe(400);
    expect(broken.body).toContain('geen geldige CSV');
  });

  it('imports a clean CSV and refuses a campaign that is registered already', async () => {
    const csv = `${HEADER}\nGoede campagne,Org,2023,2024,labour,citizens,100,,\nTweede,Org,2022,,criminal,young_people,,Bezoekers,1200`;
    const response = await team.post('/monitor/campaigns/import', { csv });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toContain('imported=2');
    expect(await t.services.monitor.campaigns()).toHaveLength(5);
    const again = await team.post('/monitor/campaigns/import', { csv });
    expect(again.statusCode).toBe(400);
    // Named by the spreadsheet's row and the column's header, in the reader's language (issue 21 point 4).
    expect(again.body).toContain('Regel 2, kolom Naam (name)');
    expect(await t.services.monitor.campaigns()).toHaveLength(5);
  });

  it('registers a campaign from the form, and keeps the input with the problems when it is wrong', async () => {
    const bad = await team.post('/monitor/campaigns', {
      name: 'Nieuw',
      organisation: 'CoMensha',
      start_year: '1800',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="Nieuw"');
    expect(bad.body).toContain('href="#f-start_year"');
    expect(bad.body).toContain('href="#f-forms"');
    const good = await team.post('/monitor/campaigns', {
      name: 'Nieuw',
      organisation: 'CoMensha',
      start_year: '2025',
      forms: ['labour', 'sexual'],
      audiences: ['citizens'],
      languages: 'nl; en',
    });
    expect(good.statusCode).toBe(303);
    const saved = (await t.services.monitor.campaigns()).find((c) => c.name === 'Nieuw');
    expect(saved).toMatchObject({ forms: ['labour', 'sexual'], languages: ['nl', 'en'], startYear: 2025 });
  });

  it('counts reporting points and knowledge centres live from the directory, next to the letter’s figures', async () => {
    await t.services.directory.loadSampleDirectory();
    const desks = await t.services.monitor.desks();
    expect(desks.reference.reporting_point).toEqual({ national: 6, regional: 89, total: 95 });
    expect(desks.reference.knowledge_centre).toEqual({ national: 17, regional: 22, total: 39 });
    for (const kind of ['reporting_point', 'knowledge_centre'] as const) {
      expect(desks.live[kind].total).toBe(desks.live[kind].national + desks.live[kind].regional);
    }
    expect(desks.live.reporting_point.total).toBeGreaterThan(0);
    expect(desks.byRegion).toHaveLength(10);
    expect(desks.regionsWithoutReportingPoint.map((u) => u.code)).toEqual(
      desks.byRegion.filter((r) => r.counts.reporting_point === 0).map((r) => r.unit.code),
    );
    const page = await viewer.get('/monitor/desks');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('brief juli 2025');
    expect(page.body).toContain('>95<');
  });
});
