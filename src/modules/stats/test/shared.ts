// The CTDC files live beside the project in ../shared (never in the repository). Tests that need them skip
// with a message when they are absent (a user's checkout) and fail when CI=true.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const SHARED = path.join(REPO_ROOT, '..', 'shared');
export const CTDC_VP_FILE = path.join(
  SHARED,
  'data/ctdc/victim-perpetrator-synthetic-2022/CTDC_VPsynthetic_condensed.csv',
);

/** True when the file is there; otherwise warns (or, in CI, throws so the test file fails). */
export function sharedFileAvailable(file: string): boolean {
  if (existsSync(file)) return true;
  const message = `${path.relative(REPO_ROOT, file)} is absent: the tests that read the CTDC data are skipped`;
  if (process.env.CI === 'true') throw new Error(`CI: ${message}`);
  console.warn(message);
  return false;
}
export const CTDC_GLOBAL_CODEBOOK = path.join(
  SHARED,
  'data/ctdc/global-synthetic-v2024/Codebook_CTDC_global_synthetic_data_v2024.pdf',
);
/** The HTCDS 2.0 field list as published (UNMigration/HTCDS), beside the repository. */
export const HTCDS_FIELD_LIST = path.join(SHARED, 'standards/htcds-2.0/htcds-2.0-field_standards.csv');
