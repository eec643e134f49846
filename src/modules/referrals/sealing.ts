// The referral mechanism's free text, sealed at rest (issue 16, point 3). Every column a person can type about a
// case (reasons of steps, referrals, answers, placement requests, exits, break-the-glass grants, shelter capacity
// changes) holds a field-encrypted value (`f1:…`, src/platform/crypto) or null, never the text itself: a reason
// may name the person ("Anna was picked up at …"). The module README lists every text column and why it is or is
// not sealed; `sealing.db.test.ts` plants a marker in each and searches the raw database for it.
import type { EncryptedColumns, FieldCryptoService } from '../../platform/crypto/index.js';
import { fieldContext } from '../../platform/crypto/index.js';

/**
 * The sealed free-text columns besides nrm_person and nrm_case.summary_enc (registered in src/services.ts), for
 * `samen keys rotate` and the one-off sealing of rows written before migration 0019. Event and capacity-history
 * rows get their key from the database on insert, so their values are bound to the case and the shelter team.
 */
export const SEALED_FREE_TEXT: readonly EncryptedColumns[] = [
  { table: 'nrm_case_event', idColumn: 'id', contextIdColumn: 'case_id', columns: ['reason'] },
  { table: 'nrm_referral', idColumn: 'id', columns: ['reason', 'response_reason'] },
  { table: 'nrm_placement', idColumn: 'id', columns: ['reason', 'exit_reason'] },
  { table: 'nrm_access_grant', idColumn: 'id', columns: ['reason'] },
  { table: 'nrm_capacity_history', idColumn: 'id', contextIdColumn: 'team_id', columns: ['reason'] },
  // A consent withdrawal's note (consent-service.ts seals it with the same binding).
  { table: 'nrm_consent', idColumn: 'id', columns: ['withdrawal_note_enc'] },
  // An identification decision's reasons (identification/), bound to the decision; the support track's aangifte
  // place and legal aid (support/), bound to the case (one row per case).
  { table: 'nrm_decision', idColumn: 'id', columns: ['reasons_enc'] },
  { table: 'nrm_support', idColumn: 'case_id', columns: ['aangifte_place_enc', 'legal_aid_enc'] },
  // The guardian organisation of a minor's case (children/), bound to the case (one row per case).
  { table: 'nrm_guardian', idColumn: 'case_id', columns: ['organisation_enc'] },
  // A task of the case plan (casework/), bound to the task.
  { table: 'nrm_task', idColumn: 'id', columns: ['title_enc'] },
];

type Crypto = Pick<FieldCryptoService, 'encryptField' | 'decryptField'>;

/** Seals and opens the module's free text; each value bound to its table, column and row (or case, or team). */
export function createReferralSealing(crypto: Crypto) {
  const seal = (table: string, column: string, boundId: string, value: string | null | undefined) =>
    value ? crypto.encryptField(value, fieldContext(table, column, boundId)) : null;
  const open = (table: string, column: string, boundId: string, value: string | null) =>
    value ? crypto.decryptField(value, fieldContext(table, column, boundId)) : null;

  return {
    seal,
    open,
    /** A step's reason (nrm_case_event.reason), bound to the case. */
    eventReason: (caseId: string, reason: string | null | undefined) =>
      seal('nrm_case_event', 'reason', caseId, reason),
    openEvents<T extends { reason: string | null }>(caseId: string, rows: T[]): T[] {
      return rows.map((e) => ({ ...e, reason: open('nrm_case_event', 'reason', caseId, e.reason) }));
    },
    openReferral<T extends { id: string; reason: string | null; response_reason: string | null }>(r: T): T {
      return {
        ...r,
        reason: open('nrm_referral', 'reason', r.id, r.reason),
        response_reason: open('nrm_referral', 'response_reason', r.id, r.response_reason),
      };
    },
    openPlacement<T extends { id: string; reason: string | null; exit_reason?: string | null }>(p: T): T {
      return {
        ...p,
        reason: open('nrm_placement', 'reason', p.id, p.reason),
        ...(p.exit_reason !== undefined
          ? { exit_reason: open('nrm_placement', 'exit_reason', p.id, p.exit_reason) }
          : {}),
      };
    },
    openGrant<T extends { id: string; reason: string }>(g: T): T {
      return { ...g, reason: open('nrm_access_grant', 'reason', g.id, g.reason) ?? '' };
    },
    /** A shelter's capacity change reason, bound to the shelter team. */
    capacityReason: (teamId: string, reason: string) =>
      seal('nrm_capacity_history', 'reason', teamId, reason)!,
    openCapacityHistory<T extends { team_id: string; reason: string }>(rows: T[]): T[] {
      return rows.map((h) => ({
        ...h,
        reason: open('nrm_capacity_history', 'reason', h.team_id, h.reason) ?? '',
      }));
    },
  };
}

export type ReferralSealing = ReturnType<typeof createReferralSealing>;
