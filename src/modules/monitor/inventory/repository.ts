// SQL for the campaign inventory.
import type { Campaign, CampaignInput } from './campaigns.js';
import type { Db } from '../plan/repository.js';

export async function listCampaigns(db: Db): Promise<Campaign[]> {
  const rows = await db
    .selectFrom('monitor_campaign')
    .selectAll()
    .orderBy('start_year')
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    organisation: r.organisation,
    startYear: r.start_year,
    endYear: r.end_year,
    forms: r.forms,
    audiences: r.audiences,
    sectors: r.sectors,
    languages: r.languages,
    channels: r.channels,
    reach: r.reach,
    impactIndicator: r.impact_indicator,
    impactBaseline: r.impact_baseline,
    impactResult: r.impact_result,
    impactMethod: r.impact_method,
    impactSource: r.impact_source,
    source: r.source,
  }));
}

export async function insertCampaign(db: Db, id: string, c: CampaignInput, now: Date): Promise<void> {
  await db
    .insertInto('monitor_campaign')
    .values({
      id,
      name: c.name,
      organisation: c.organisation,
      start_year: c.startYear,
      end_year: c.endYear,
      forms: c.forms,
      audiences: c.audiences,
      sectors: c.sectors,
      languages: c.languages,
      channels: c.channels,
      reach: c.reach,
      impact_indicator: c.impactIndicator,
      impact_baseline: c.impactBaseline,
      impact_result: c.impactResult,
      impact_method: c.impactMethod,
      impact_source: c.impactSource,
      source: c.source,
      created_at: now,
    })
    .execute();
}
