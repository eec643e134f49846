// Open Referral HSDS 3.1 for the directory: import (JSON and the tabular CSV package, all or nothing), exports
// (one service, paginated lists, everything, the tabular package) and the read-only /api/hsds routes.
export {
  importDirectory,
  loadSampleDirectory,
  IMPORT_LIMITS,
  SAMPLE_DIR,
  type ImportInput,
  type ImportOptions,
  type ImportResult,
} from './import.js';
export {
  exportJsonAll,
  exportOrganizations,
  exportServiceJson,
  exportServiceList,
  exportTabular,
  exportTaxonomyTerms,
  EXPORT_FORMAT,
  type HsdsPage,
  type ServiceListRequest,
  type TermListRequest,
} from './export.js';
export { formatProblem, formatProblems } from './problems.js';
export { comparableRecord, sameServiceRecords } from './records.js';
export { hsdsRoutes } from './routes.js';
export type { HsdsDirectory } from './directory-port.js';
export type { ImportProblem, TaxonomyInfo } from './model.js';
export { readTerms } from './read-repository.js';
export type { Json } from './render.js';
