// A steward's changes to a service: create, edit, retire and verify, each written with its change history and
// audit entry in one transaction (optimistic concurrency on the version), then the coverage index rebuilt.
import { HttpError, notFound, ValidationFailed } from '../../platform/http/errors.js';
import { recordFromDraft, type DraftContext } from './draft-record.js';
import { changedFields } from './history.js';
import { insertHistory, type HistoryRow } from './history-repository.js';
import { isUuid, orderedIds } from './ids.js';
import { readOrganization } from './reference-repository.js';
import { lockServiceVersion, readServiceRecords } from './repository.js';
import type { DirectoryContext } from './service-context.js';
import type { Actor, HistoryAction, ServiceDraft, ServiceRecord, ServiceStatus } from './types.js';
import { validateRetireReason, validateService } from './validation.js';
import { writeServiceRecord } from './write-repository.js';

/** A stale version in an edit: someone else saved the service after the form was opened. */
export class ServiceConflict extends HttpError {
  constructor(readonly currentVersion: number) {
    super(409, 'conflict', 'directory.errors.conflict');
    this.name = 'ServiceConflict';
  }
}

export function createServiceEdits(ctx: DirectoryContext) {
  const { db, clock, audit, coverage, today, regions, readOne } = ctx;

  async function validate(draft: ServiceDraft): Promise<void> {
    const [lookup, terms, org] = await Promise.all([
      regions(),
      coverage.terms(),
      isUuid(draft.organization_id) ? readOrganization(db, draft.organization_id) : undefined,
    ]);
    const problems = validateService(draft, { regions: lookup, terms, organizationExists: Boolean(org) });
    if (problems.length) throw new ValidationFailed(problems);
  }

  /** What turning a draft into a record needs from the database, fetched before the transaction opens. */
  async function draftContext(draft: ServiceDraft): Promise<DraftContext> {
    const [lookup, terms, organization] = await Promise.all([
      regions(),
      coverage.terms(),
      readOrganization(db, draft.organization_id),
    ]);
    if (!organization)
      throw new ValidationFailed([
        { field: 'organization_id', key: 'directory.validation.unknownOrganization' },
      ]);
    return { lookup, terms, organization };
  }

  /** Writes `after`, its history and its audit entry in one transaction, then brings the index up to date. */
  async function save(
    action: HistoryAction,
    actor: Actor,
    id: string,
    expectedVersion: number | undefined,
    /** Builds the new record from the stored one; runs in the transaction, so no queries (see fromDraft). */
    change: (before: ServiceRecord | undefined) => { after: ServiceRecord; extra?: HistoryRow[] },
  ): Promise<ServiceRecord> {
    const now = clock();
    const terms = await coverage.terms();
    await db.transaction().execute(async (trx) => {
      const current = await lockServiceVersion(trx, id);
      if (action !== 'create' && current === undefined) throw notFound();
      if (current !== undefined && expectedVersion !== undefined && current !== expectedVersion) {
        throw new ServiceConflict(current);
      }
      const before = current === undefined ? undefined : (await readServiceRecords(trx, [id]))[0];
      const { after, extra = [] } = change(before);
      after.last_modified = now.toISOString();
      await writeServiceRecord(trx, after);
      const rows = [...changedFields(before, after, terms), ...extra];
      await insertHistory(
        trx,
        {
          resourceId: id,
          resourceType: 'service',
          action,
          at: now,
          updatedBy: actor.id,
          ids: orderedIds(rows.length, now),
        },
        rows,
      );
      await audit.record(
        {
          actorUserId: actor.id,
          action: `directory.service.${action}`,
          entityType: 'service',
          entityId: id,
          detail: { fields: rows.map((r) => r.field) },
        },
        trx,
      );
    });
    await coverage.rebuild();
    return (await readOne(id))!;
  }

  return {
    async createService(draft: ServiceDraft, actor: Actor): Promise<ServiceRecord> {
      await validate(draft);
      const context = await draftContext(draft);
      const [id] = orderedIds(1, clock());
      return save('create', actor, id!, undefined, () => ({
        after: recordFromDraft(id!, draft, undefined, clock(), context),
      }));
    },

    /** Saves a steward's edit. `version` is the one the form was opened at: a newer stored one is a 409. */
    async updateService(
      id: string,
      draft: ServiceDraft,
      options: { version: number },
      actor: Actor,
    ): Promise<ServiceRecord> {
      if (!isUuid(id)) throw notFound();
      await validate(draft);
      const context = await draftContext(draft);
      return save('update', actor, id, options.version, (before) => ({
        after: recordFromDraft(id, draft, before, clock(), context),
      }));
    },

    /** Retires a service: status defunct, with the reason in the history. It stays readable, out of coverage. */
    async retireService(
      id: string,
      reason: string,
      actor: Actor,
      options: { version?: number } = {},
    ): Promise<ServiceRecord> {
      if (!isUuid(id)) throw notFound();
      const problems = validateRetireReason(reason);
      if (problems.length) throw new ValidationFailed(problems);
      return save('retire', actor, id, options.version, (before) => {
        if (before!.status === 'defunct')
          throw new ValidationFailed([{ field: 'status', key: 'directory.validation.alreadyRetired' }]);
        return {
          after: { ...before!, status: 'defunct' as ServiceStatus },
          extra: [{ field: 'reason', previous: '', replacement: reason.trim() }],
        };
      });
    },

    /** Marks a service as checked today (Europe/Amsterdam) by this steward. */
    async verifyService(
      id: string,
      actor: Actor,
      options: { version?: number } = {},
    ): Promise<ServiceRecord> {
      if (!isUuid(id)) throw notFound();
      return save('verify', actor, id, options.version, (before) => ({
        after: {
          ...before!,
          assured_date: today(),
          assured_by_user_id: actor.id,
          // Published: the publisher (an organisation), never the steward.
          assured_by: ctx.config.publisherName ?? 'Samen',
          // Published in the HSDS API: the directory team's role address, never the steward's login e-mail
          // (who verified stays internal, in assured_by_user_id and the history).
          assurer_email: ctx.config.directoryEmail ?? null,
        },
      }));
    },
  };
}
