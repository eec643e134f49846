// Shelter places: the free places and waiting list for coordinators, and a shelter's own page where it states
// its places (the statement's history beside it).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFound, ValidationFailed, type FieldProblem } from '../../../platform/errors.js';
import { formBody, FormField, formPost, textQuery } from '../../../platform/http/form-schema.js';
import { bodyOf, MANAGERS, one, userOf, type Query, type RouteKit } from '../http.js';
import { attemptOf } from '../views/form-state.js';
import { placesPage, shelterPage } from '../views/overview.js';

interface ShelterView {
  notice?: string;
  refused?: { problems: FieldProblem[]; attempt: [string, string][] };
  typed?: [string, string][];
  draft?: 'back' | 'gone';
}

/** A statement of places: numbers as digits (the service reads them), a category and a short reason. */
const CAPACITY_FORM = formBody({
  category: FormField.text(40),
  available: FormField.text(12),
  maximum: FormField.text(12),
  reason: FormField.text(200),
});

export function capacityRoutes(app: FastifyInstance, kit: RouteKit) {
  const { referrals, directory, ctxOf, page, guard, draftOf } = kit;

  app.get(
    '/nvm/places',
    { ...guard(...MANAGERS), schema: { hide: true, querystring: textQuery(['category', 'region'], 40) } },
    async (request, reply) => {
      const q = request.query as Query;
      const regions = (await directory.regions()).safetyRegions;
      const category = typeof q.category === 'string' ? q.category.slice(0, 30) : '';
      const region = typeof q.region === 'string' && regions.some((r) => r.code === q.region) ? q.region : '';
      const [places, waiting] = await Promise.all([
        referrals.freePlaces({
          ...(category ? { category } : {}),
          ...(region ? { safetyRegion: region } : {}),
        }),
        referrals.waitingList(),
      ]);
      return page(
        reply,
        request.t('referrals.places.title'),
        placesPage(ctxOf(request), { places, category, region, regions, waiting }),
      );
    },
  );

  async function showShelter(request: FastifyRequest, reply: FastifyReply, o: ShelterView, status = 200) {
    const team = await referrals.teamOf(request.user!.id);
    if (!team) throw new NotFound();
    const { current, history } = await referrals.capacityOf(team.id);
    return page(
      reply,
      request.t('referrals.shelter.title', { team: team.name }),
      shelterPage(ctxOf(request), { teamName: team.name, current, history, ...o }),
      status,
    );
  }
  const refused = (request: FastifyRequest, reply: FastifyReply, problems: FieldProblem[]) =>
    showShelter(request, reply, { refused: { problems, attempt: attemptOf(bodyOf(request)) } }, 400);

  app.get(
    '/nvm/shelter',
    { ...guard('nrm_shelter'), schema: { hide: true, querystring: textQuery(['done', 'draft'], 100) } },
    async (request, reply) => {
      const done = (request.query as Query).done;
      const draft = await draftOf(request, (path) => path === '/nvm/shelter/capacity');
      if (draft)
        return showShelter(request, reply, {
          draft: draft.state,
          ...(draft.state === 'back' ? { typed: attemptOf(draft.values) } : {}),
        });
      return showShelter(request, reply, done === 'capacity' || done === 'exit' ? { notice: done } : {});
    },
  );

  app.post(
    '/nvm/shelter/capacity',
    formPost({ ...guard('nrm_shelter'), body: CAPACITY_FORM, invalid: refused }, async (request, reply) => {
      const body = bodyOf(request);
      const number = (name: string) => {
        const raw = one(body, name, 12).trim();
        return /^\d{1,6}$/.test(raw) ? Number(raw) : -1;
      };
      try {
        await referrals.setCapacity(userOf(request), {
          category: one(body, 'category'),
          available: number('available'),
          maximum: number('maximum'),
          reason: one(body, 'reason', 300),
        });
      } catch (error) {
        if (error instanceof ValidationFailed) return refused(request, reply, error.problems);
        throw error;
      }
      return reply.redirect(`${request.href('/nvm/shelter')}?done=capacity`, 303);
    }),
  );
}
