// Per-field scopes (issue 20, point 4), as configuration: the rows of nrm_field_scope (what each recipient role
// sees of the person, per purpose) listed and replaced by an administrator, audited with codes only. The rule
// that applies them is field-scopes.ts; the case read applies it (workflow/cases-service.ts).
import { ValidationFailed, type FieldProblem } from '../../../platform/errors.js';
import type { CaseCore } from '../core/context.js';
import { PERSON_FIELDS, SCOPE_ROLES, type PersonField } from '../field-scopes.js';
import { SERVICE_TYPES } from '../model.js';
import { fieldScopeRows, setFieldScope } from '../repository/field-scopes.js';
import { NOTICE_PURPOSES } from '../children/codes.js';

/** The purposes a scope is configured for: every service type, and the children's route's notices. */
export const SCOPE_PURPOSES = [...SERVICE_TYPES, ...NOTICE_PURPOSES] as const;

export function createScopeService(core: CaseCore) {
  return {
    /** The configuration, one row per role, purpose and field. */
    fieldScopeRows: () => fieldScopeRows(core.db),
    /** Forget the scopes kept on this server (they were changed outside this service). */
    forgetFieldScopes: () => core.fieldScopes.forget(),

    /** Replaces what one role sees for one purpose (administrators; audited, codes only). */
    async setFieldScope(
      actorUserId: string | null,
      input: { role: string; purpose: string; fields: readonly string[] },
    ) {
      const problems: FieldProblem[] = [];
      if (!(SCOPE_ROLES as readonly string[]).includes(input.role))
        problems.push({ field: 'role', key: 'referrals.scopes.errors.role' });
      if (!(SCOPE_PURPOSES as readonly string[]).includes(input.purpose))
        problems.push({ field: 'purpose', key: 'referrals.scopes.errors.purpose' });
      if (input.fields.some((f) => !(PERSON_FIELDS as readonly string[]).includes(f)))
        problems.push({ field: 'fields', key: 'referrals.scopes.errors.field' });
      if (problems.length) throw new ValidationFailed(problems);
      const fields = [...new Set(input.fields)] as PersonField[];
      await core.db.transaction().execute(async (trx) => {
        await setFieldScope(trx, input.role, input.purpose, fields);
        await core.audit.record(
          {
            actorUserId,
            action: 'nrm.field_scope.set',
            entityType: 'nrm_field_scope',
            entityId: `${input.role}/${input.purpose}`,
            detail: { role: input.role, purpose: input.purpose, fields },
          },
          trx,
        );
      });
      core.fieldScopes.forget();
    },
  };
}
