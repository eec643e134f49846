// The per-field scopes as configuration (no case content): the administrator sees, per recipient role and
// purpose, which fields of the person it receives, and changes them there: one form per role and purpose, a
// checkbox per field (the values are positions in the lists), saved through the service (`setFieldScope`: validated, audited with codes only). A forged
// role, purpose or field is a 400 naming it, and nothing is written.
import type { FastifyInstance } from 'fastify';
import { ValidationFailed } from '../../../platform/errors.js';
import { FormField, formBody, formPost, textQuery } from '../../../platform/http/form-schema.js';
import { many, one, userOf, type RouteKit } from '../http.js';
import { PERSON_FIELDS, SCOPE_ROLES } from '../field-scopes.js';
import { scopesPage } from '../views/scopes.js';
import { SCOPE_PURPOSES } from './service.js';

const scopeBody = formBody({
  role: FormField.text(40, { required: true }),
  purpose: FormField.text(40, { required: true }),
  fields: FormField.list({ maxItems: 20, maxLength: 40 }),
});

export function scopeRoutes(app: FastifyInstance, kit: RouteKit) {
  const { referrals, ctxOf, page, guard } = kit;
  app.get(
    '/admin/nrm/scopes',
    { ...guard('admin'), schema: { hide: true, querystring: textQuery(['saved']) } },
    async (request, reply) =>
      page(
        reply,
        request.t('referrals.scopes.title'),
        scopesPage(ctxOf(request), await referrals.fieldScopeRows(), {
          saved: (request.query as { saved?: string }).saved === '1',
        }),
      ),
  );

  app.post(
    '/admin/nrm/scopes',
    formPost(
      {
        ...guard('admin'),
        body: scopeBody,
        invalid: (_request, _reply, problems) => {
          throw new ValidationFailed(problems);
        },
      },
      async (request, reply) => {
        const body = request.body as Record<string, unknown>;
        // A position that is not in its list stays as typed, and the service refuses it (400, the field named).
        const at = (list: readonly string[], value: string) =>
          /^\d{1,2}$/.test(value) ? (list[Number(value)] ?? value) : value;
        await referrals.setFieldScope(userOf(request).id, {
          role: at(SCOPE_ROLES, one(body, 'role', 40)),
          purpose: at(SCOPE_PURPOSES, one(body, 'purpose', 40)),
          fields: many(body, 'fields').map((f) => at(PERSON_FIELDS, f)),
        });
        return reply.redirect(request.href('/admin/nrm/scopes?saved=1'), 303);
      },
    ),
  );
}
