// Identifiers for directory records. Child rows (phones, urls, schedules, ...) have no order column in HSDS, so
// the repository reads them ordered by id: new rows get time-ordered UUIDv7s whose sequence field follows the
// order the steward entered them in. Attribute rows get a UUIDv5 of (service, term), so writing the same terms
// twice gives the same ids and an export is stable.
import { createHash, randomBytes } from 'node:crypto';

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

function format(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

let lastMs = 0;
let sequence = 0;

/**
 * `count` UUIDv7s that sort after every id this process made before (RFC 9562 method 1: a 12-bit counter in
 * rand_a within one millisecond, moving the timestamp on when it runs out), so rows written in one call, and calls
 * made at the same instant of a test clock, keep their order.
 */
export function orderedIds(count: number, now: Date): string[] {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    let t = now.getTime();
    if (t <= lastMs) {
      t = lastMs;
      sequence++;
      if (sequence > 0xfff) {
        t = lastMs + 1;
        sequence = 0;
      }
    } else {
      sequence = 0;
    }
    lastMs = t;
    const ms = BigInt(t);
    const bytes = randomBytes(16);
    for (let b = 0; b < 6; b++) bytes[b] = Number((ms >> BigInt(8 * (5 - b))) & 0xffn);
    const seq = sequence;
    bytes[6] = 0x70 | (seq >> 8);
    bytes[7] = seq & 0xff;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    ids.push(format(bytes));
  }
  return ids;
}

const SAMEN_NAMESPACE = Buffer.from('5a6d656e3a5361a08a1d4d6972656374', 'hex');

/** A UUIDv5 (SHA-1, RFC 9562) of `name` in the project's namespace. */
export function stableId(name: string): string {
  const hash = createHash('sha1').update(SAMEN_NAMESPACE).update(name, 'utf8').digest().subarray(0, 16);
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  return format(hash);
}
