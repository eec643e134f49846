// The organisations behind the services: listed, read, created and edited (with change history and audit) and
// deleted while they have no services.
import { HttpError, notFound, ValidationFailed } from '../../platform/http/errors.js';
import { insertHistory } from './history-repository.js';
import { isUuid, orderedIds } from './ids.js';
import {
  deleteOrganization,
  listOrganizations,
  readOrganization,
  upsertOrganization,
} from './reference-repository.js';
import type { DirectoryContext } from './service-context.js';
import type { Actor, Organization } from './types.js';
import { validateOrganization, type OrganizationDraft } from './validation.js';

export function createOrganizationActions(ctx: DirectoryContext) {
  const { db, clock, audit, coverage } = ctx;
  const actions = {
    async organizations() {
      return listOrganizations(db);
    },

    async getOrganization(id: string): Promise<Organization | undefined> {
      return isUuid(id) ? readOrganization(db, id) : undefined;
    },

    async saveOrganization(
      id: string | undefined,
      draft: OrganizationDraft,
      actor: Actor,
    ): Promise<Organization> {
      const problems = validateOrganization(draft);
      if (problems.length) throw new ValidationFailed(problems);
      const before = id ? await actions.getOrganization(id) : undefined;
      if (id && !before) throw notFound();
      const now = clock();
      const orgId = before?.id ?? orderedIds(1, now)[0]!;
      const after: Organization = {
        id: orgId,
        uri: before?.uri ?? null,
        parent_organization_id: before?.parent_organization_id ?? null,
        is_sample: before?.is_sample ?? false,
        ...draft,
        name: draft.name.trim(),
      };
      const fields = (
        ['name', 'alternate_name', 'description', 'email', 'website', 'legal_status'] as const
      ).filter((f) => (before?.[f] ?? '') !== (after[f] ?? ''));
      await db.transaction().execute(async (trx) => {
        await upsertOrganization(trx, after, now);
        await insertHistory(
          trx,
          {
            resourceId: orgId,
            resourceType: 'organization',
            action: before ? 'update' : 'create',
            at: now,
            updatedBy: actor.id,
            ids: orderedIds(fields.length, now),
          },
          fields.map((f) => ({
            field: f,
            previous: String(before?.[f] ?? ''),
            replacement: String(after[f] ?? ''),
          })),
        );
        await audit.record(
          {
            actorUserId: actor.id,
            action: `directory.organization.${before ? 'update' : 'create'}`,
            entityType: 'organization',
            entityId: orgId,
            detail: { fields: [...fields] },
          },
          trx,
        );
      });
      await coverage.rebuild();
      return after;
    },

    /** Deletes an organisation without services; a 409 when it still has some. */
    async deleteOrganization(id: string, actor: Actor): Promise<void> {
      if (!(await actions.getOrganization(id))) throw notFound();
      await db.transaction().execute(async (trx) => {
        if (!(await deleteOrganization(trx, id)))
          throw new HttpError(409, 'conflict', 'directory.errors.organizationInUse');
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'directory.organization.delete',
            entityType: 'organization',
            entityId: id,
          },
          trx,
        );
      });
      await coverage.rebuild();
    },
  };
  return actions;
}
