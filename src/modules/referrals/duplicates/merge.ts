// Merging a pair the national coordination found to be one person (issue 20, point 6: "merge with audit"). The
// coordinator chooses the case that continues; the other is closed with the closing reason "merged" and points to
// it (`nrm_case.merged_into`, read by nobody but the national coordination). Closing it withdraws its open
// referrals and cancels its open placement requests as any close does (closing.ts), each a step in its timeline;
// the continuing case's empty person fields are filled from the merged one (sealed again, bound to the continuing
// case); its open tasks move to the continuing case and its team; what was decided about the person and their
// support track come along (carry.ts): the merged case's identification decisions move, with their
// reconsiderations (a waiting one on its own clock), for each type the continuing case has no decision of (and
// whose earlier step stands positive there), so the continuing case is due the right next decision by the right
// day; where both have one, the continuing case's stands and the other stays with the merged record; the
// continuing case's empty support facts (reflection and recovery periods, aangifte, B8, legal aid) are filled,
// each whole, sealed again for its row. Both timelines say what happened without naming the other case (the
// continuing one also which decision types came over or not and which facts were filled, the merged one which
// decision types went with the person); one audit entry names both references, the tasks moved, the decisions
// moved and kept (ids) and the facts filled (names, no values).
// Refused: a person still placed through the merged case (exit first), a closed or anonymised case, a pair
// already dismissed or merged, a stale form (either case changed since the page was loaded).
import { fieldContext } from '../../../platform/crypto/index.js';
import { Conflict, NotFound, ValidationFailed, type FieldProblem } from '../../../platform/errors.js';
import { moveOpenTasks } from '../casework/repository.js';
import { refreshNextDecision } from '../identification/next-due-repository.js';
import { resolveOnClose } from '../closing.js';
import { CaseConflict, refreshRegistration, type CaseCore, type User } from '../core/context.js';
import { bumpVersion, updateCase } from '../core/repository.js';
import { isId } from '../core/validation.js';
import * as repo from '../repository.js';
import { carryOver } from './carry.js';
import { comparable, decidePair, forgetCase, lockPair } from './repository.js';

export interface MergeInput {
  a: string;
  b: string;
  /** The case that continues: `a` or `b`. */
  keep: string;
  /** The versions of both cases when the page was loaded (a stale form is a 409). */
  versionA: number;
  versionB: number;
}

/** The person's sealed columns, each with the scope field it is (the audit names fields, never values). */
const PERSON_COLUMNS = [
  ['name_enc', 'name'],
  ['date_of_birth_enc', 'date_of_birth'],
  ['contact_enc', 'contact'],
  ['special_notes_enc', 'special_notes'],
  ['languages_enc', 'languages'],
] as const;

function validate(input: MergeInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.keep !== input.a && input.keep !== input.b)
    problems.push({ field: 'keep', key: 'referrals.duplicates.errors.keep' });
  for (const field of ['versionA', 'versionB'] as const)
    if (!Number.isInteger(input[field]) || input[field] < 1)
      problems.push({ field, key: 'referrals.errors.choose' });
  return problems;
}

/**
 * Fills the continuing case's empty person fields from the merged case: each value opened under the merged case's
 * binding and sealed again under the continuing case's (the seal binds the case id). Returns the fields filled.
 */
async function fillPerson(core: CaseCore, trx: repo.Tx, from: string, into: string): Promise<string[]> {
  const [source, target] = await Promise.all(
    [from, into].map((id) =>
      trx.selectFrom('nrm_person').selectAll().where('case_id', '=', id).executeTakeFirst(),
    ),
  );
  if (!source) return [];
  const set: Record<string, string> = {};
  const filled: string[] = [];
  for (const [column, field] of PERSON_COLUMNS) {
    const value = source[column];
    if (!value || target?.[column]) continue;
    const opened = core.open(value, fieldContext('nrm_person', column, from));
    if (!opened) continue;
    set[column] = core.seal(opened, fieldContext('nrm_person', column, into))!;
    filled.push(field);
  }
  if (!filled.length) return [];
  if (target) await trx.updateTable('nrm_person').set(set).where('case_id', '=', into).execute();
  else
    await trx
      .insertInto('nrm_person')
      .values({ case_id: into, ...set })
      .execute();
  return filled;
}

/** The two cases locked in id order, checked for the merge: open, not anonymised, on the versions the form saw. */
async function lockBoth(trx: repo.Tx, ids: [string, string], versions: Map<string, number>) {
  const rows: repo.CaseRow[] = [];
  for (const id of ids) {
    const row = await repo.lockCase(trx, id);
    if (!row) throw new NotFound();
    if (row.anonymised_at || row.status === 'closed')
      throw new Conflict('referrals.duplicates.errors.closed');
    if (versions.get(id) !== row.version) throw new CaseConflict(row.version);
    rows.push(row);
  }
  return rows;
}

export async function mergePair(
  core: CaseCore,
  user: User,
  viewerTeamId: string | null,
  input: MergeInput,
  reindex: (trx: repo.Tx, caseId: string) => Promise<unknown>,
) {
  if (!isId(input.a) || !isId(input.b)) throw new NotFound();
  const problems = validate(input);
  if (problems.length) throw new ValidationFailed(problems);
  const [x, y] = input.a < input.b ? [input.a, input.b] : [input.b, input.a];
  const keep = input.keep;
  const merged = keep === input.a ? input.b : input.a;
  const versions = new Map([
    [input.a, input.versionA],
    [input.b, input.versionB],
  ]);
  await core.db.transaction().execute(async (trx) => {
    const pair = await lockPair(trx, x, y);
    if (!pair) throw new NotFound();
    if (pair.outcome === 'dismissed') throw new Conflict('referrals.duplicates.errors.dismissed');
    if (pair.outcome === 'merged') throw new Conflict('referrals.errors.alreadyAnswered');
    const rows = await lockBoth(trx, [x, y], versions);
    const keepRow = rows.find((r) => r.id === keep)!;
    const mergedRow = rows.find((r) => r.id === merged)!;
    if ((await repo.placementsOf(trx, merged)).some((p) => p.status === 'accepted'))
      throw new Conflict('referrals.duplicates.errors.placed');
    const now = core.clock();
    const actor = { actorUserId: user.id, actorTeamId: viewerTeamId };
    const resolved = await resolveOnClose(trx, core.sealed, {
      caseId: merged,
      ...actor,
      now,
      withdraw: true,
    });
    await updateCase(trx, merged, {
      status: 'closed',
      closed_at: now,
      closed_reason: 'merged',
      merged_into: keep,
    });
    // Each timeline says what happened, neither names the other case (no region sees another's file).
    await repo.addEvent(trx, core.sealed, {
      caseId: merged,
      at: now,
      ...actor,
      kind: 'merged_away',
      from: mergedRow.status,
      to: 'closed',
    });
    const filled = await fillPerson(core, trx, merged, keep);
    // The merged case's open tasks are the continuing case's work now, in its team (an owner outside that team
    // shows as no longer in the team until its managers choose another); their titles are bound to the task.
    const movedTasks = await moveOpenTasks(
      trx,
      { caseId: merged },
      { caseId: keep, teamId: keepRow.owner_team_id },
    );
    await repo.addEvent(trx, core.sealed, { caseId: keep, at: now, ...actor, kind: 'merged_in' });
    // What was decided about the person and their support track continue with them (carry.ts).
    const carried = await carryOver(core, trx, { from: mergedRow, into: keepRow, now, actor });
    // The continuing case's next decision follows what it now holds; the merged case, closed, has none due.
    await refreshNextDecision(trx, [keep, merged]);
    await decidePair(trx, x, y, { outcome: 'merged', by: user.id, at: now });
    // The merged case's keys go: a later signal of this person is matched with the case that continues.
    await forgetCase(trx, merged);
    if (filled.includes('name') || filled.includes('date_of_birth')) await reindex(trx, keep);
    await bumpVersion(trx, mergedRow, now);
    await bumpVersion(trx, keepRow, now);
    for (const id of [merged, keep]) await refreshRegistration(core, trx, id);
    await core.audit.record(
      {
        actorUserId: user.id,
        action: 'nrm.duplicate.merge',
        entityType: 'nrm_case',
        entityId: keep,
        detail: {
          continuing: keepRow.reference,
          merged: mergedRow.reference,
          mergedCase: merged,
          filled,
          movedTasks,
          ...carried,
          withdrawnReferrals: resolved.withdrawnReferrals.length,
          cancelledPlacements: resolved.cancelledPlacements.length,
        },
      },
      trx,
    );
  });
  core.notifier.forgetUnseen();
}

/** The comparable row of one case, for indexing it again inside the merge's transaction. */
export const comparableOne = async (trx: repo.Tx, caseId: string) => (await comparable(trx, [caseId]))[0];
