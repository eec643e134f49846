// SQL for the campaign inventory: campaigns in force or withdrawn, and corrections that match the version the form
// was opened on (migration 0024).
import type { Selectable } from 'kysely';
import type { MonitorCampaignTable } from '../../../db/schema/monitor.js';
import type { Campaign, CampaignInput } from './campaigns.js';
import type { Db } from '../plan/repository.js';

const toCampaign = (r: Selectable<MonitorCampaignTable>): Campaign => ({
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
  version: r.version,
  withdrawnAt: r.withdrawn_at,
  withdrawnReason: r.withdrawn_reason,
});

const columns = (c: CampaignInput) => ({
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
});

/** Campaigns in force (by default) or the withdrawn ones. */
export async function listCampaigns(db: Db, which: 'current' | 'withdrawn' = 'current'): Promise<Campaign[]> {
  const rows = await db
    .selectFrom('monitor_campaign')
    .selectAll()
    .where('withdrawn_at', which === 'current' ? 'is' : 'is not', null)
    .orderBy('start_year')
    .orderBy('name')
    .execute();
  return rows.map(toCampaign);
}

export async function getCampaign(db: Db, id: string): Promise<Campaign | undefined> {
  const row = await db.selectFrom('monitor_campaign').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toCampaign(row) : undefined;
}

export async function insertCampaign(db: Db, id: string, c: CampaignInput, now: Date): Promise<void> {
  await db
    .insertInto('monitor_campaign')
    .values({ id, ...columns(c), created_at: now })
    .execute();
}

/** Corrects a campaign in force opened on `version`; false when it changed meanwhile or was withdrawn. */
export async function updateCampaign(
  db: Db,
  id: string,
  version: number,
  c: CampaignInput,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('monitor_campaign')
    .set({ ...columns(c), version: version + 1, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Withdraws (`reason`) or restores (null) a campaign opened on `version`; false when it changed meanwhile. */
export async function setWithdrawn(
  db: Db,
  id: string,
  version: number,
  withdrawn: { at: Date; reason: string } | null,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('monitor_campaign')
    .set({
      version: version + 1,
      updated_at: now,
      withdrawn_at: withdrawn?.at ?? null,
      withdrawn_reason: withdrawn?.reason ?? '',
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('withdrawn_at', withdrawn ? 'is' : 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
