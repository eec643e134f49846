// The inventories, as part of the monitor's service: the awareness campaigns (register, import from CSV, the
// dashboard) and the reporting points and knowledge centres counted live from the directory's door.
import { ValidationFailed } from '../../../platform/errors.js';
import type { ServiceRecord, TaxonomyTerm } from '../../directory/index.js';
import { amsterdamDate, assertTeam, type Core } from '../rules.js';
import { recordRevision } from '../revisions.js';
import { assertNotRegistered, createCampaignCorrections, registrationProblems } from './corrections.js';
import {
  campaignDashboard,
  parseCampaignCsv,
  validateCampaign,
  type Campaign,
  type CampaignDashboard,
  type CampaignFields,
} from './campaigns.js';
import { deskInventory, type DeskInventory, type RegionsView } from './desks.js';
import * as repo from './repository.js';
import type { MonitorActor } from '../types.js';

export interface InventoryDeps extends Core {
  directory?:
    | {
        allServices(): Promise<ServiceRecord[]>;
        termMap(): Promise<Map<string, TaxonomyTerm>>;
        regions(): Promise<RegionsView>;
      }
    | undefined;
}

export function createInventoryService(deps: InventoryDeps) {
  const { db, clock, audit, newId } = deps;
  /** Campaigns may run up to next year (planned ones). */
  const currentYear = () => Number(amsterdamDate(clock()).slice(0, 4));
  const maxCampaignYear = () => currentYear() + 1;
  return {
    /** Reporting points and knowledge centres in the directory now, next to the letter's figures. */
    async desks(): Promise<DeskInventory> {
      if (!deps.directory) throw new Error('monitor: the directory service is not wired');
      const [records, terms, regions] = await Promise.all([
        deps.directory.allServices(),
        deps.directory.termMap(),
        deps.directory.regions(),
      ]);
      return deskInventory(records, terms, regions);
    },

    // ---- the campaign inventory ----------------------------------------------------------------------------

    async campaigns(): Promise<Campaign[]> {
      return repo.listCampaigns(db);
    },

    async campaignDashboard(): Promise<CampaignDashboard> {
      return campaignDashboard(await repo.listCampaigns(db), currentYear());
    },

    async withdrawnCampaigns(): Promise<Campaign[]> {
      return repo.listCampaigns(db, 'withdrawn');
    },

    ...createCampaignCorrections({ ...deps, maxCampaignYear, currentYear }),

    /** Registers one campaign (programme team); problems name the form field. */
    async addCampaign(
      fields: Partial<CampaignFields>,
      actor: MonitorActor,
      options: { distinct?: boolean } = {},
    ): Promise<string> {
      assertTeam(actor);
      const { campaign, problems } = validateCampaign(fields, maxCampaignYear());
      if (!campaign) throw new ValidationFailed(problems);
      assertNotRegistered(campaign, await repo.listCampaigns(db), currentYear(), options.distinct === true);
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await repo.insertCampaign(trx, id, campaign, clock());
        await recordRevision(trx, {
          id: newId(),
          entity: 'monitor_campaign',
          entityId: id,
          kind: 'created',
          version: 1,
          actorUserId: actor.id,
          at: clock(),
        });
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.campaign.create',
            entityType: 'monitor_campaign',
            entityId: id,
          },
          trx,
        );
      });
      return id;
    },

    /**
     * Imports campaigns from CSV: every row is checked (and against what is registered) before anything is
     * written; one problem anywhere means nothing is imported, and every problem names its row and column.
     */
    async importCampaigns(
      csv: string,
      actor: MonitorActor | null,
      options: { allowSimilar?: boolean; headerNames?: Readonly<Record<string, string>> } = {},
    ): Promise<{ imported: number }> {
      if (actor) assertTeam(actor);
      const allowSimilar = options.allowSimilar === true;
      const { campaigns, problems } = parseCampaignCsv(csv, maxCampaignYear(), {
        currentYear: currentYear(),
        allowSimilar,
        ...(options.headerNames ? { headerNames: options.headerNames } : {}),
      });
      if (problems.length) throw new ValidationFailed(problems);
      const registered = await repo.listCampaigns(db);
      const clashes = campaigns.flatMap((c, i) =>
        registrationProblems(c, registered, currentYear(), allowSimilar, `row ${i + 2}, `),
      );
      if (clashes.length) throw new ValidationFailed(clashes);
      const now = clock();
      await db.transaction().execute(async (trx) => {
        for (const c of campaigns) {
          const id = newId();
          await repo.insertCampaign(trx, id, c, now);
          await recordRevision(trx, {
            id: newId(),
            entity: 'monitor_campaign',
            entityId: id,
            kind: 'created',
            version: 1,
            actorUserId: actor?.id ?? null,
            at: now,
          });
        }
        await audit.record(
          {
            actorUserId: actor?.id ?? null,
            action: 'monitor.campaign.import',
            entityType: 'monitor_campaign',
            detail: { rows: campaigns.length },
          },
          trx,
        );
      });
      return { imported: campaigns.length };
    },
  };
}
