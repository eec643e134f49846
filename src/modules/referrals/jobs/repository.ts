// The queries of the scheduled jobs: overdue signals, reflection periods ending soon, and the cases due for
// anonymisation with the erasure of everything about the person.
import type { CaseRow, Db, Tx } from '../repository.js';
import { forgetCase } from '../duplicates/repository.js';
import { eraseWithdrawalNotes } from '../repository/consent.js';

/** Signals still waiting for triage after their deadline, not yet escalated. */
export async function overdueUnescalated(db: Db, now: Date): Promise<CaseRow[]> {
  return db
    .selectFrom('nrm_case')
    .selectAll()
    .where('status', '=', 'received')
    .where('triage_due_at', '<', now)
    .where('escalated_at', 'is', null)
    .execute();
}

/** Open cases whose reflection period ends on or before `on`, not yet warned about. */
export async function reflectionEndingUnwarned(db: Db, on: string): Promise<CaseRow[]> {
  return db
    .selectFrom('nrm_case')
    .selectAll()
    .where('status', '!=', 'closed')
    .where('reflection_ends_on', '<=', on)
    .where('reflection_warned_at', 'is', null)
    .execute();
}

/** Closed cases closed before the cutoff and not anonymised yet. */
export async function closedBefore(db: Db, cutoff: Date): Promise<{ id: string }[]> {
  return db
    .selectFrom('nrm_case')
    .select('id')
    .where('status', '=', 'closed')
    .where('closed_at', '<', cutoff)
    .where('anonymised_at', 'is', null)
    .execute();
}

/**
 * Erases the person's data, the summary and every free-text reason of a case; the pseudonymised registration
 * stays. The caller audits it in the same transaction.
 */
export async function anonymiseCase(trx: Tx, id: string, at: Date): Promise<void> {
  await trx.deleteFrom('nrm_person').where('case_id', '=', id).execute();
  await forgetCase(trx, id);
  await trx.updateTable('nrm_case_event').set({ reason: null }).where('case_id', '=', id).execute();
  await trx
    .updateTable('nrm_referral')
    .set({ reason: null, response_reason: null })
    .where('case_id', '=', id)
    .execute();
  await trx
    .updateTable('nrm_placement')
    .set({ reason: null, exit_reason: null, exit_note_enc: null })
    .where('case_id', '=', id)
    .execute();
  await eraseWithdrawalNotes(trx, id);
  // Identification decisions keep their type, outcome and moments; their reasons go. The support track keeps its
  // dates and codes; where the aangifte was made and who gave legal aid go.
  await trx.updateTable('nrm_decision').set({ reasons_enc: null }).where('case_id', '=', id).execute();
  // A minor's route (children/): the guardian's organisation is about the person; the row goes as a whole.
  await trx.deleteFrom('nrm_guardian').where('case_id', '=', id).execute();
  await trx
    .updateTable('nrm_support')
    .set({ aangifte_place_enc: null, legal_aid_enc: null })
    .where('case_id', '=', id)
    .execute();
  // The case plan keeps its owners and dates; what each task was goes.
  await trx.updateTable('nrm_task').set({ title_enc: null }).where('case_id', '=', id).execute();
  await trx
    .updateTable('nrm_case')
    // An anonymised case waits for no decision (0035: the stored next decision goes with it).
    .set({
      summary_enc: null,
      anonymised_at: at,
      origin_user_id: null,
      next_decision_due_at: null,
      next_decision_code: null,
    })
    .where('id', '=', id)
    .execute();
}
