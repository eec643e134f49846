// What the person's export holds of the identification decisions and the support track: every decision with its
// reasons opened, the outcome that stands, and the track with its sealed texts opened (the owner's export only).
import type { CaseCore } from '../core/context.js';
import type { ExportedDecisions } from '../subject-access-decisions.js';
import { supportOf } from '../support/repository.js';
import { decisionsOf, decisionTypes } from './repository.js';
import { standingOutcome } from './steps.js';

export async function exportedDecisions(core: CaseCore, caseId: string): Promise<ExportedDecisions> {
  const [types, decisions, support] = await Promise.all([
    decisionTypes(core.db),
    decisionsOf(core.db, caseId),
    supportOf(core.db, caseId),
  ]);
  const open = (table: string, column: string, id: string, value: string | null) =>
    core.sealed.open(table, column, id, value);
  return {
    decisions: decisions.map((d) => ({
      id: d.id,
      type: types.find((t) => t.code === d.type_code) ?? { code: d.type_code, name: d.type_code },
      reconsidersId: d.reconsiders_id,
      requestedAt: d.requested_at,
      outcome: d.outcome,
      standing: d.outcome ? standingOutcome(d, decisions) : null,
      decidedAt: d.decided_at,
      decidedBy: d.decided_by,
      teamId: d.decided_team_id,
      reasons: open('nrm_decision', 'reasons_enc', d.id, d.reasons_enc),
    })),
    support: support
      ? {
          recoveryStartsOn: support.recovery_starts_on,
          recoveryEndsOn: support.recovery_ends_on,
          aangifte: support.aangifte,
          aangifteOn: support.aangifte_on,
          aangiftePlace: open('nrm_support', 'aangifte_place_enc', caseId, support.aangifte_place_enc),
          b8AppliedOn: support.b8_applied_on,
          b8Outcome: support.b8_outcome,
          b8DecidedOn: support.b8_decided_on,
          legalAidOn: support.legal_aid_on,
          legalAid: open('nrm_support', 'legal_aid_enc', caseId, support.legal_aid_enc),
        }
      : null,
  };
}
