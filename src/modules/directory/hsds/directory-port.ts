// What the HSDS API needs of the directory service: its own file, so that the API's route files (routes.ts,
// api-services.ts) can both name it without importing each other.
import type { DirectoryService } from '../service.js';

/** What the HSDS API needs of the directory service. */
export type HsdsDirectory = Pick<
  DirectoryService,
  | 'allServices'
  | 'coverageFor'
  | 'coverageForNow'
  | 'publishedService'
  | 'organizations'
  | 'taxonomyTerms'
  | 'hsdsTaxonomies'
  | 'resolvePlace'
  | 'publisher'
>;
