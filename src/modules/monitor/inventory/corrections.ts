// Campaigns corrected, withdrawn and put back with their history (issue 21 point 3): an impact measurement added
// later, an end year once the campaign stops, any field; each from a form opened on the version it shows (changed
// meanwhile: 409). A withdrawn campaign keeps its row and reason and leaves the counts; put back, it counts again.
// A campaign that is already registered, or looks like one registered (similar.ts), is refused unless the team
// confirms it is a different campaign (issue 21 point 8).
import { Conflict, NotFound, ValidationFailed, type FieldProblem } from '../../../platform/errors.js';
import { assertTeam, UUID, type Core } from '../rules.js';
import { changes, recordRevision, revisionsOf, type Revision } from '../revisions.js';
import type { MonitorActor } from '../types.js';
import {
  campaignKey,
  validateCampaign,
  type Campaign,
  type CampaignFields,
  type CampaignInput,
} from './campaigns.js';
import * as repo from './repository.js';
import { findSimilar } from './similar.js';

/** Why `campaign` may not be registered next to `registered` (empty: it may). */
export function registrationProblems(
  campaign: CampaignInput,
  registered: Campaign[],
  currentYear: number,
  allowSimilar: boolean,
  prefix = '',
): FieldProblem[] {
  const key = campaignKey(campaign);
  const same = registered.find((c) => campaignKey(c) === key);
  if (same) return [{ field: `${prefix}name`, key: 'monitor.error.campaignExists' }];
  const similar = allowSimilar ? null : findSimilar(campaign, registered, currentYear);
  return similar
    ? [
        {
          field: `${prefix}name`,
          key: 'monitor.error.campaignSimilar',
          params: {
            name: similar.match.name,
            organisation: similar.match.organisation,
            year: similar.match.startYear,
          },
        },
      ]
    : [];
}

export function assertNotRegistered(
  campaign: CampaignInput,
  registered: Campaign[],
  currentYear: number,
  allowSimilar: boolean,
): void {
  const problems = registrationProblems(campaign, registered, currentYear, allowSimilar);
  if (problems.length) throw new ValidationFailed(problems);
}

const version = (input: Record<string, unknown>) => {
  const v = typeof input.version === 'string' ? input.version : '';
  if (!/^\d{1,9}$/.test(v))
    throw new ValidationFailed([{ field: 'version', key: 'monitor.error.staleRecord' }]);
  return Number(v);
};

const inputOf = (c: Campaign): CampaignInput => {
  const { id: _id, version: _v, withdrawnAt: _w, withdrawnReason: _r, ...input } = c;
  return input;
};

export function createCampaignCorrections(
  deps: Core & { maxCampaignYear: () => number; currentYear: () => number },
) {
  const { db, clock, audit, newId, maxCampaignYear, currentYear } = deps;

  async function found(id: string): Promise<Campaign> {
    const campaign = UUID.test(id) ? await repo.getCampaign(db, id) : undefined;
    if (!campaign) throw new NotFound();
    return campaign;
  }

  async function audited(
    actor: MonitorActor,
    action: string,
    id: string,
    detail: Record<string, string[]>,
    trx: Parameters<typeof recordRevision>[0],
  ) {
    await audit.record(
      { actorUserId: actor.id, action, entityType: 'monitor_campaign', entityId: id, detail },
      trx,
    );
  }

  return {
    /** One campaign (in force or withdrawn) with its history. */
    async campaign(id: string): Promise<{ campaign: Campaign; history: Revision[] }> {
      const campaign = await found(id);
      return { campaign, history: await revisionsOf(db, 'monitor_campaign', id) };
    },

    /** Corrects a campaign from a form opened on `input.version` (team); `distinct=yes` confirms a look-alike. */
    async editCampaign(
      id: string,
      input: Record<string, string | string[]>,
      actor: MonitorActor,
    ): Promise<void> {
      assertTeam(actor);
      const before = await found(id);
      if (before.withdrawnAt) throw new Conflict('monitor.error.campaignWithdrawn');
      const opened = version(input);
      const fields = Object.fromEntries(
        Object.entries(input).map(([k, v]) => [k, Array.isArray(v) ? v.join(';') : v]),
      ) as Partial<CampaignFields>;
      const { campaign, problems } = validateCampaign(fields, maxCampaignYear());
      if (!campaign) throw new ValidationFailed(problems);
      const others = (await repo.listCampaigns(db)).filter((c) => c.id !== id);
      assertNotRegistered(campaign, others, currentYear(), input.distinct === 'yes');
      const changed = changes({ ...inputOf(before) }, { ...campaign });
      if (changed.fields.length === 0) return;
      await db.transaction().execute(async (trx) => {
        if (!(await repo.updateCampaign(trx, id, opened, campaign, clock())))
          throw new Conflict('monitor.error.staleRecord');
        await recordRevision(trx, {
          id: newId(),
          entity: 'monitor_campaign',
          entityId: id,
          kind: 'edited',
          version: opened + 1,
          ...changed,
          actorUserId: actor.id,
          at: clock(),
        });
        await audited(actor, 'monitor.campaign.edit', id, { fields: changed.fields }, trx);
      });
    },

    /** Withdraws a campaign (team): kept with the reason, out of the counts. */
    async withdrawCampaign(id: string, input: Record<string, unknown>, actor: MonitorActor): Promise<void> {
      assertTeam(actor);
      const before = await found(id);
      const opened = version(input);
      const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
      if (reason.length < 3 || reason.length > 500)
        throw new ValidationFailed([
          { field: 'reason', key: 'monitor.error.length', params: { min: 3, max: 500 } },
        ]);
      if (before.withdrawnAt) throw new Conflict('monitor.error.campaignWithdrawn');
      await db.transaction().execute(async (trx) => {
        const at = clock();
        if (!(await repo.setWithdrawn(trx, id, opened, { at, reason }, at)))
          throw new Conflict('monitor.error.staleRecord');
        await recordRevision(trx, {
          id: newId(),
          entity: 'monitor_campaign',
          entityId: id,
          kind: 'withdrawn',
          version: opened + 1,
          reason,
          actorUserId: actor.id,
          at,
        });
        await audited(actor, 'monitor.campaign.withdraw', id, {}, trx);
      });
    },

    /** Puts a withdrawn campaign back (team), unless one like it is registered meanwhile (409). */
    async restoreCampaign(id: string, input: Record<string, unknown>, actor: MonitorActor): Promise<void> {
      assertTeam(actor);
      const before = await found(id);
      const opened = version(input);
      if (!before.withdrawnAt) throw new Conflict('monitor.error.campaignNotWithdrawn');
      const key = campaignKey(before);
      if ((await repo.listCampaigns(db)).some((c) => campaignKey(c) === key))
        throw new Conflict('monitor.error.campaignExists');
      await db.transaction().execute(async (trx) => {
        const at = clock();
        if (!(await repo.setWithdrawn(trx, id, opened, null, at)))
          throw new Conflict('monitor.error.staleRecord');
        await recordRevision(trx, {
          id: newId(),
          entity: 'monitor_campaign',
          entityId: id,
          kind: 'restored',
          version: opened + 1,
          previous: { withdrawnReason: before.withdrawnReason },
          actorUserId: actor.id,
          at,
        });
        await audited(actor, 'monitor.campaign.restore', id, {}, trx);
      });
    },
  };
}
