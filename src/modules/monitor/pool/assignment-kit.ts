// What an assignment's steps share: finding one as the actor may see it, recording a step (history and audit trail
// in the same transaction), moving it on only from the state the service saw (409 otherwise), an expert who may
// take it, and the optional note.
import { Conflict, Forbidden, NotFound, ValidationFailed } from '../../../platform/errors.js';
import { assertRole, UUID } from '../rules.js';
import type { MonitorActor } from '../types.js';
import { text } from './forms.js';
import * as pool from './repository.js';
import { COORDINATOR, type PoolDeps } from './roles.js';
import type { Assignment } from './types.js';

export function assignmentKit(deps: PoolDeps) {
  const { db, clock, audit, newId } = deps;
  const listAssignments = (filter: { organisationId?: string; id?: string } = {}) =>
    pool.listAssignments(db, filter);

  async function findAssignment(id: string, actor: MonitorActor): Promise<Assignment> {
    const [found] = UUID.test(id) ? await listAssignments({ id }) : [];
    if (!found) throw new NotFound();
    if (actor.role === 'requesting_organisation') {
      const org = await deps.ownership.organisationOf(actor);
      if (org?.id !== found.organisation.id) throw new Forbidden();
    } else assertRole(actor, COORDINATOR);
    return found;
  }

  /** A step in the assignment's history and in the audit trail, in the transaction that made it. */
  async function record(
    trx: Parameters<typeof pool.insertAssignmentEvent>[0],
    a: { id: string; actor: MonitorActor; kind: Parameters<typeof pool.insertAssignmentEvent>[1]['kind'] },
    o: { expertId?: string | null; note?: string; detail?: Record<string, unknown> } = {},
  ) {
    await pool.insertAssignmentEvent(trx, {
      id: newId(),
      assignmentId: a.id,
      at: clock(),
      actorUserId: a.actor.id,
      kind: a.kind,
      expertId: o.expertId ?? null,
      ...(o.note ? { note: o.note } : {}),
      ...(o.detail ? { detail: o.detail } : {}),
    });
    await audit.record(
      {
        actorUserId: a.actor.id,
        action: `monitor.assignment.${a.kind}`,
        entityType: 'monitor_assignment',
        entityId: a.id,
        ...(o.expertId || o.detail
          ? { detail: { ...(o.expertId ? { expertId: o.expertId } : {}), ...o.detail } }
          : {}),
      },
      trx,
    );
  }

  /** Moves an assignment on from the statuses the rule allows, or refuses (409) when it moved meanwhile. */
  async function move(
    trx: Parameters<typeof pool.moveAssignment>[0],
    id: string,
    from: Parameters<typeof pool.moveAssignment>[2],
    to: Parameters<typeof pool.moveAssignment>[3],
    conflictKey: string,
  ) {
    if (!(await pool.moveAssignment(trx, id, from, to))) throw new Conflict(conflictKey);
  }

  async function eligibleExpert(expertId: string) {
    const expert = UUID.test(expertId)
      ? (await pool.listExperts(db)).find((e) => e.id === expertId)
      : undefined;
    if (!expert || !expert.available || expert.erased)
      throw new ValidationFailed([{ field: 'expert', key: 'monitor.error.expert' }]);
    return expert;
  }

  /** An optional note (why cancelled, withdrawn, declined), at most 1000 characters. */
  function noteOf(input: Record<string, unknown>): string {
    const note = text(input.note, 1000);
    if (note.length > 1000)
      throw new ValidationFailed([{ field: 'note', key: 'monitor.error.tooLong', params: { max: 1000 } }]);
    return note;
  }

  return { listAssignments, findAssignment, record, move, eligibleExpert, noteOf };
}
