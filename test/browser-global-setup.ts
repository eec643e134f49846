// The browser tier needs Debian's chromium. Locally it skips with a message when chromium is missing; in CI
// (CI=true) it fails instead, because a tier that would skip must not pass quietly.
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.SAMEN_CHROMIUM ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** True when chromium is there; false (with a warning) when not; throws in CI. */
export function requireChromium(): boolean {
  if (chromiumAvailable()) return true;
  const message = `${CHROMIUM_PATH} is missing (Debian: apt-get install chromium)`;
  if (process.env.CI === 'true') throw new Error(`${message}: the browser tier cannot be skipped in CI.`);
  console.warn(`${message}: skipping the browser tests.`);
  return false;
}

export default function setup() {
  requireChromium();
}
