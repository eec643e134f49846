// The national coordination's page of possible duplicates and its answer to a pair. Only the national
// coordinator's role passes the guard (403 for every other); the service checks the team as well.
import type { FastifyInstance } from 'fastify';
import { ValidationFailed } from '../../../platform/errors.js';
import { FormField, formBody, formPost, textQuery } from '../../../platform/http/form-schema.js';
import { userOf, type RouteKit } from '../http.js';
import { duplicatesPage } from './view.js';

const decideBody = formBody({
  a: FormField.text(36, { required: true }),
  b: FormField.text(36, { required: true }),
  outcome: FormField.choice(['linked', 'dismissed'] as const, { required: true }),
});

const mergeBody = formBody({
  a: FormField.text(36, { required: true }),
  b: FormField.text(36, { required: true }),
  keep: FormField.text(36, { required: true }),
  versionA: FormField.text(12, { required: true }),
  versionB: FormField.text(12, { required: true }),
});

const version = (value: string) => (/^\d{1,9}$/.test(value) ? Number(value) : Number.NaN);

export function duplicateRoutes(app: FastifyInstance, kit: RouteKit) {
  const { referrals, ctxOf, page, guard } = kit;

  app.get(
    '/nvm/duplicates',
    { ...guard('nrm_national'), schema: { hide: true, querystring: textQuery(['done']) } },
    async (request, reply) => {
      const data = await referrals.duplicateCandidates(userOf(request));
      const done = (request.query as { done?: string }).done;
      const notice =
        done === 'linked' || done === 'dismissed' || done === 'merged'
          ? request.t(`referrals.duplicates.done.${done}`)
          : undefined;
      return page(
        reply,
        request.t('referrals.duplicates.title'),
        duplicatesPage(ctxOf(request), data, notice),
      );
    },
  );

  app.post(
    '/nvm/duplicates/decide',
    formPost(
      {
        ...guard('nrm_national'),
        body: decideBody,
        // Hidden fields and two buttons: bad input is refused (400, the field named), never a 500.
        invalid: (_request, _reply, problems) => {
          throw new ValidationFailed(problems);
        },
      },
      async (request, reply) => {
        const { a, b, outcome } = request.body;
        if (outcome !== 'linked' && outcome !== 'dismissed')
          throw new ValidationFailed([{ field: 'outcome', key: 'referrals.errors.choose' }]);
        await referrals.decideDuplicate(userOf(request), a, b, outcome);
        return reply.redirect(request.href(`/nvm/duplicates?done=${outcome}`), 303);
      },
    ),
  );

  app.post(
    '/nvm/duplicates/merge',
    formPost(
      {
        ...guard('nrm_national'),
        body: mergeBody,
        invalid: (_request, _reply, problems) => {
          throw new ValidationFailed(problems);
        },
      },
      async (request, reply) => {
        const { a, b, keep, versionA, versionB } = request.body;
        await referrals.mergeDuplicate(userOf(request), {
          a,
          b,
          keep,
          versionA: version(versionA),
          versionB: version(versionB),
        });
        return reply.redirect(request.href('/nvm/duplicates?done=merged'), 303);
      },
    ),
  );
}
