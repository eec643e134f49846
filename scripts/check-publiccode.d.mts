// Types for scripts/check-publiccode.mjs, so tests in TypeScript can import it.
export interface PublicCodeResult {
  errors: string[];
  warnings: string[];
}
export interface RepositoryFacts {
  version?: string;
  license?: string;
  locales?: string[];
}
export const CATEGORIES: Set<string>;
export const SCOPES: Set<string>;
export const PLATFORMS: Set<string>;
export const DEVELOPMENT_STATUSES: Set<string>;
export const SOFTWARE_TYPES: Set<string>;
export const MAINTENANCE_TYPES: Set<string>;
export function isLanguageTag(tag: unknown): boolean;
export function isDate(value: unknown): boolean;
export function checkPublicCode(doc: unknown, repo?: RepositoryFacts): PublicCodeResult;
export function checkPublicCodeText(text: string, repo?: RepositoryFacts): PublicCodeResult;
export function repositoryFacts(root?: string): Required<RepositoryFacts>;
