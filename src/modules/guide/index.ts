// The wegwijzer module's one door: its service (advice, rule sets, places) and its routes (the public route,
// information pages and search, the advice API, the admin pages for the routing rules).
import type { FastifyInstance } from 'fastify';
import type { I18n } from '../../platform/i18n/index.js';
import type { DirectoryService } from '../directory/index.js';
import type { GuideService } from './service.js';

/** What the wegwijzer's routes use. */
export interface GuideRouteServices {
  guide: GuideService;
  directory: DirectoryService;
}

export { createGuideService, type GuideService } from './service.js';
export { parseAnswers, type Answers } from './answers.js';

export async function guideRoutes(
  app: FastifyInstance,
  options: { services: GuideRouteServices; i18n: I18n; publicOrigin: string },
) {
  // Loaded here, when the server registers them: a CLI run, which needs only the service, never loads them.
  const [{ guideAdminRoutes }, { guideApiRoutes }, { InfoLibrary }, { guidePublicRoutes }] =
    await Promise.all([
      import('./admin-routes.js'),
      import('./api-routes.js'),
      import('./content.js'),
      import('./public-routes.js'),
    ]);
  const library = new InfoLibrary();
  await app.register(guidePublicRoutes, { ...options, library });
  await app.register(guideApiRoutes, options);
  await app.register(guideAdminRoutes, options);
}
