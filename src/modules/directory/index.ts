// The directory module's one door: its service (for the app's wiring, the CLI and later modules such as the
// wegwijzer) and its routes (public pages, steward pages, the /api/v1 JSON API and the /api/hsds API).
import type { FastifyInstance } from 'fastify';
import { registerStaffArea } from '../../platform/auth/index.js';
import type { DirectoryService } from './service.js';

export { createDirectoryService, ServiceConflict, type DirectoryService } from './service.js';
export type * from './types.js';

export async function directoryRoutes(app: FastifyInstance, options: { services: DirectoryRouteServices }) {
  // Stewards land on their dashboard after signing in and find it in the staff header.
  registerStaffArea({
    path: '/steward',
    labelKey: 'directory.nav.dashboard',
    roles: ['directory_steward', 'admin'],
  });
  // Loaded here, when the server registers them: a CLI run, which needs only the service, never loads them.
  const [{ publicRoutes }, { stewardRoutes }, { apiRoutes }, { hsdsRoutes }] = await Promise.all([
    import('./public-routes.js'),
    import('./steward-routes.js'),
    import('./api-routes.js'),
    import('./hsds/routes.js'),
  ]);
  await app.register(publicRoutes, options);
  await app.register(stewardRoutes, options);
  await app.register(apiRoutes, options);
  await app.register(hsdsRoutes, options);
}

// For the wegwijzer: regions, coverage and the words for directory data, so it shows desks the way the
// directory's own pages do.
export { RegionLookup, normalizeName, type MunicipalityInfo } from './regions.js';
export {
  editDistance,
  placeKey,
  placeLabel,
  type PlaceCandidate,
  type PlaceResolution,
} from './gazetteer.js';
export { coversVia } from './coverage.js';
export { phoneFacts, type PhoneFacts, type PhoneFee } from './phone-facts.js';
export { phoneFactsLine, type AbroadAlternative } from './views/phone.js';
export { days, isAlwaysOpen } from './summary.js';
export {
  dayName,
  describeHours,
  dialable,
  hasTerm,
  languageName,
  phoneLink,
  termLabel,
  whatsappLink,
} from './views/format.js';

/** What the directory's routes use. */
export interface DirectoryRouteServices {
  directory: DirectoryService;
}
export { stableId } from './ids.js';
