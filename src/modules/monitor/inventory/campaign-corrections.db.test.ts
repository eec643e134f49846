// Campaigns corrected, withdrawn and put back with their history (issue 21 point 3), and look-alikes caught
// beyond exact names (point 8), through the pages: the correction form opens with the stored values; an impact
// measurement is added later; a stale form is refused (409) keeping what was typed; the wrong role 403, bad input
// 400 with nothing written; a renamed copy is refused unless the team confirms it; a withdrawn campaign leaves the
// counts and comes back; running campaigns count up to the app clock's year.
import { beforeAll, expect, it } from 'vitest';
import { createUser, signIn, type Agent } from '../../../../test/auth.js';
import { useTestApp } from '../../../../test/app.js';
import { describeDb } from '../../../../test/db-suite.js';
import type { Campaign } from './campaigns.js';

describeDb('correcting and withdrawing campaigns', () => {
  const t = useTestApp();
  let team: Agent;
  let owner: Agent;
  let viewer: Agent;
  const byName = async (name: string) => (await t.services.monitor.campaigns()).find((c) => c.name === name)!;
  /** What the correction form sends when it is saved as it opened (every field with its stored value). */
  const stored = (c: Campaign, over: Record<string, string | string[]> = {}) => ({
    name: c.name,
    organisation: c.organisation,
    start_year: String(c.startYear),
    end_year: c.endYear === null ? '' : String(c.endYear),
    forms: c.forms,
    audiences: c.audiences,
    sectors: c.sectors.join('; '),
    languages: c.languages.join('; '),
    channels: c.channels.join('; '),
    reach: c.reach === null ? '' : String(c.reach),
    impact_indicator: c.impactIndicator,
    impact_baseline: c.impactBaseline,
    impact_result: c.impactResult,
    impact_method: c.impactMethod,
    impact_source: c.impactSource,
    source: c.source,
    version: String(c.version),
    ...over,
  });

  beforeAll(async () => {
    t.clock.set('2026-11-28T10:00:00Z');
    await t.services.monitor.loadSamplePlan();
    team = await signIn(t, await createUser(t.services, { role: 'programme_team' }));
    owner = await signIn(t, await createUser(t.services, { role: 'action_owner' }));
    viewer = await signIn(t, await createUser(t.services, { role: 'monitor_viewer' }));
  });

  it('counts a running campaign in every year up to the app clock’s, on an axis that reaches it', async () => {
    const d = await t.services.monitor.campaignDashboard();
    expect(d.years).toEqual([2024, 2025, 2026]);
    expect(d.byAudience.find((a) => a.key === 'professionals')?.perYear).toEqual([0, 2, 2]);
    const page = await viewer.get('/en/monitor/campaigns');
    expect(page.body).toContain('>2026</th>');
  });

  it('opens the correction form with the stored values and adds an impact measurement later, with history', async () => {
    const campaign = await byName('#GeenBUIT');
    const page = await team.get(`/monitor/campaigns/${campaign.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="Defence for Children–ECPAT"');
    expect(page.body).toMatch(/name="forms"\s+value="criminal"\s+checked/);
    expect(page.body).toContain(`name="version" value="${campaign.version}"`);
    const saved = await team.post(`/monitor/campaigns/${campaign.id}/edit`, {
      ...stored(campaign),
      impact_indicator: 'Professionals die signalen herkennen',
      impact_baseline: '31% (2025)',
      impact_result: '58% (2026)',
      end_year: '2026',
    });
    expect(saved.statusCode).toBe(303);
    const after = await byName('#GeenBUIT');
    expect(after).toMatchObject({ impactResult: '58% (2026)', endYear: 2026, version: campaign.version + 1 });
    expect((await t.services.monitor.campaignDashboard()).unmeasured.map((c) => c.name)).toEqual([
      'Escapetruck',
    ]);
    const { history } = await t.services.monitor.campaign(campaign.id);
    expect(history.map((h) => h.kind)).toEqual(['edited']);
    expect(history[0]!.fields.sort()).toEqual([
      'endYear',
      'impactBaseline',
      'impactIndicator',
      'impactResult',
    ]);
    expect(history[0]!.previous).toMatchObject({ endYear: null, impactResult: '' });
    const shown = await viewer.get(`/en/monitor/campaigns/${campaign.id}`);
    expect(shown.body).toContain('Impact: result: was —');
    expect(shown.body).not.toContain(`/monitor/campaigns/${campaign.id}/edit`);
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'detail'])
      .where('entity_id', '=', campaign.id)
      .execute();
    expect(audit.map((a) => a.action)).toContain('monitor.campaign.edit');
  });

  it('refuses a form opened on an older version (409) and keeps what was typed', async () => {
    const campaign = await byName('#GeenBUIT');
    const stale = await team.post(
      `/monitor/campaigns/${campaign.id}/edit`,
      stored(campaign, { impact_result: 'Overschreven-7731', version: String(campaign.version - 1) }),
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('value="Overschreven-7731"');
    expect(stale.body).toContain(`name="version" value="${campaign.version}"`);
    expect((await byName('#GeenBUIT')).impactResult).toBe('58% (2026)');
  });

  it('ATTACK: the wrong role, an unknown campaign and bad input change nothing', async () => {
    const campaign = await byName('Escapetruck');
    const body = stored(campaign, { name: 'Gekaapt' });
    for (const agent of [owner, viewer]) {
      expect((await agent.post(`/monitor/campaigns/${campaign.id}/edit`, body)).statusCode).toBe(403);
      expect(
        (
          await agent.post(`/monitor/campaigns/${campaign.id}/withdraw`, {
            version: '1',
            reason: 'weg ermee',
          })
        ).statusCode,
      ).toBe(403);
    }
    expect(
      (await team.post('/monitor/campaigns/00000000-0000-4000-8000-000000000000/edit', body)).statusCode,
    ).toBe(404);
    const bad = await team.post(`/en/monitor/campaigns/${campaign.id}/edit`, {
      ...body,
      start_year: '2026',
      end_year: '2024',
      audiences: [],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#f-end_year"');
    expect(bad.body).toContain('href="#f-audiences"');
    expect(bad.body).toContain('value="Gekaapt"');
    const empty = await team.post(`/monitor/campaigns/${campaign.id}/withdraw`, {
      version: String(campaign.version),
      reason: '',
    });
    expect(empty.statusCode).toBe(400);
    expect(await byName('Escapetruck')).toEqual(campaign);
  });

  it('refuses a renamed copy beyond the exact name unless the team confirms it is a different campaign', async () => {
    const copy = {
      name: 'ESCAPE-truck!',
      organisation: 'Reshape Foundation',
      start_year: '2026',
      forms: ['labour'],
      audiences: ['citizens'],
    };
    const refused = await team.post('/en/monitor/campaigns', copy);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('looks like a registered one: Escapetruck');
    const csv =
      '\uFEFFname;organisation;start_year;forms;audiences\r\nEscape truk;Reshape Foundation;2026;labour;citizens\r\n';
    const imported = await team.post('/monitor/campaigns/import', { csv });
    expect(imported.statusCode).toBe(400);
    expect(imported.body).toContain('Regel 2, kolom Naam (name)');
    expect(await t.services.monitor.campaigns()).toHaveLength(3);
    const confirmed = await team.post('/monitor/campaigns', { ...copy, distinct: 'yes' });
    expect(confirmed.statusCode).toBe(303);
    const d = await t.services.monitor.campaignDashboard();
    expect(d.similar.map((p) => [p.a.name, p.b.name].sort())).toEqual([['ESCAPE-truck!', 'Escapetruck']]);
  });

  it('withdraws a campaign out of the counts, keeps it with its reason, and puts it back', async () => {
    const copy = await byName('ESCAPE-truck!');
    const withdrawn = await team.post(`/monitor/campaigns/${copy.id}/withdraw`, {
      version: String(copy.version),
      reason: 'Dubbel: kopie van de Escapetruck',
    });
    expect(withdrawn.statusCode).toBe(303);
    expect((await t.services.monitor.campaigns()).map((c) => c.name)).not.toContain('ESCAPE-truck!');
    expect((await t.services.monitor.campaignDashboard()).similar).toEqual([]);
    const list = await viewer.get('/monitor/campaigns');
    expect(list.body).toContain('Dubbel: kopie van de Escapetruck');
    const again = await team.post(`/monitor/campaigns/${copy.id}/withdraw`, {
      version: String(copy.version + 1),
      reason: 'nogmaals',
    });
    expect(again.statusCode).toBe(409);
    const restored = await team.post(`/monitor/campaigns/${copy.id}/restore`, {
      version: String(copy.version + 1),
    });
    expect(restored.statusCode).toBe(303);
    const { campaign, history } = await t.services.monitor.campaign(copy.id);
    expect(campaign.withdrawnAt).toBeNull();
    expect(history.map((h) => h.kind)).toEqual(['created', 'withdrawn', 'restored']);
    expect(history[1]!.reason).toBe('Dubbel: kopie van de Escapetruck');
  });
});
