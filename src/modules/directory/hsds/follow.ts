// `samen directory follow <url>`: reads another HSDS 3.1 feed incrementally and merges it here. Per feed the
// follower remembers the newest `last_modified` it took (directory_followed_feed) and asks only for what changed
// since (`modified_after`, on or after). Every page is fetched and checked before anything is written: a feed that
// answers an error, a redirect loop, something that is not JSON, a page over the size limit or a record that fails
// the import's HSDS schema (the schemas Samen carries, hsds/schema.ts, so the command needs no ../shared) stops the
// run with a clear message and writes nothing. The records then go through the HSDS import in one transaction,
// with the feed as their source; services verified here, or not from this feed, are kept and reported as
// conflicts. A retired service in the feed (status defunct) is retired here by the same import.
import type { AuditService } from '../../../platform/audit/service.js';
import type { ApplySummary, ImportConflict } from './apply.js';
import { protectedServices, readFollowState, saveFollowState, type FollowerDb } from './follow-repository.js';
import { IMPORT_LIMITS, importDirectory } from './import.js';
import type { ImportProblem } from './model.js';

export const FOLLOW_LIMITS = {
  /** One page (or the feed's `/`). */
  pageBytes: 20 * 1024 * 1024,
  /** All pages of one run together (the import's own limit). */
  totalBytes: IMPORT_LIMITS.totalBytes,
  pages: 1000,
  redirects: 5,
  timeoutMs: 60_000,
  perPage: 100,
} as const;

export type FollowLimits = { -readonly [K in keyof typeof FOLLOW_LIMITS]: number };

export interface FollowOptions {
  clock: () => Date;
  audit: Pick<AuditService, 'record'>;
  limits?: Partial<FollowLimits>;
}

export type FollowResult =
  | {
      ok: true;
      url: string;
      publisher: string | null;
      /** The place the run started from (null: the first run, everything). */
      since: string | null;
      /** Records the feed gave this run. */
      received: number;
      changes: ApplySummary | null;
      conflicts: ImportConflict[];
    }
  | { ok: false; url: string; error: string; problems?: ImportProblem[] };

/** A feed that cannot be followed this run; the message names the address and what was wrong. */
export class FeedError extends Error {}

/** The feed's base address (e.g. https://example.org/api/hsds): http or https only, no credentials, no query. */
export function feedBase(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new FeedError(
      `${input} is not a web address (give the feed's base, e.g. https://example.org/api/hsds)`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FeedError(`${input}: only http: and https: feeds can be followed, not ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new FeedError(
      `${url.host}: a feed address with a user name or password is refused (it would be stored)`,
    );
  }
  if (url.search || url.hash) throw new FeedError(`${input}: give the feed's base address without ? or #`);
  return url.toString().replace(/\/+$/, '');
}

async function readLimited(response: Response, where: string, limit: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? 'NaN');
  if (declared > limit) throw new FeedError(`${where}: the answer is over the limit of ${limit} bytes`);
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new FeedError(`${where}: the answer is over the limit of ${limit} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** GET one JSON document, following at most `limits.redirects` redirects, to http(s) only. */
async function getJson(address: string, limits: FollowLimits): Promise<{ json: unknown; bytes: number }> {
  let current = new URL(address);
  for (let hop = 0; ; hop++) {
    let response: Response;
    try {
      response = await fetch(current, {
        redirect: 'manual',
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(limits.timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason =
        (error as Error).name === 'TimeoutError'
          ? `no answer within ${limits.timeoutMs / 1000} s`
          : (cause?.code ?? cause?.message ?? (error as Error).message);
      throw new FeedError(`${current.toString()}: cannot reach the feed (${reason})`);
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      if (hop >= limits.redirects) {
        throw new FeedError(`${address}: more than ${limits.redirects} redirects (a redirect loop?)`);
      }
      const next = new URL(location, current);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new FeedError(`${current.toString()}: redirects to ${next.protocol}, not http: or https:`);
      }
      current = next;
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new FeedError(
        `${current.toString()}: the feed answered ${response.status} ${response.statusText}`,
      );
    }
    const text = await readLimited(response, current.toString(), limits.pageBytes);
    try {
      return { json: JSON.parse(text) as unknown, bytes: Buffer.byteLength(text) };
    } catch (error) {
      throw new FeedError(`${current.toString()}: the answer is not JSON (${(error as Error).message})`);
    }
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every service changed since `since`, fully nested, page by page (an HSDS Page each). */
async function fetchChanged(base: string, since: string | null, limits: FollowLimits): Promise<Json[]> {
  const records: Json[] = [];
  let total = 0;
  for (let page = 1; ; page++) {
    if (page > limits.pages) throw new FeedError(`${base}: more than ${limits.pages} pages in one run`);
    const query = new URLSearchParams({ full: 'true', per_page: String(limits.perPage), page: String(page) });
    if (since) query.set('modified_after', since);
    const address = `${base}/services?${query.toString()}`;
    const { json, bytes } = await getJson(address, limits);
    total += bytes;
    if (total > limits.totalBytes)
      throw new FeedError(`${base}: the changes are over ${limits.totalBytes} bytes`);
    if (!isObject(json) || !Array.isArray(json.contents) || typeof json.total_pages !== 'number') {
      throw new FeedError(`${address}: not an HSDS page (contents and total_pages expected)`);
    }
    json.contents.forEach((record, i) => {
      if (!isObject(record) || typeof record.id !== 'string') {
        throw new FeedError(`${address}: contents[${i}] is not a service with an id`);
      }
      if (typeof record.last_modified !== 'string' || Number.isNaN(Date.parse(record.last_modified))) {
        throw new FeedError(
          `${address}: service ${record.id} has no valid last_modified (the feed cannot be followed incrementally)`,
        );
      }
      records.push(record);
    });
    if (page >= json.total_pages || json.contents.length === 0) return records;
  }
}

/**
 * The parent organisations the changed services' organisations name but do not nest (HSDS gives a parent by id
 * only), from the feed's `/organizations/{id}`, up the chain. Their own service lists are left out: services come
 * from the services list only.
 */
async function fetchParents(base: string, records: Json[], limits: FollowLimits): Promise<Json[]> {
  const have = new Set<string>();
  const wanted: string[] = [];
  for (const r of records) {
    const org = r.organization;
    if (!isObject(org)) continue;
    if (typeof org.id === 'string') have.add(org.id);
    if (typeof org.parent_organization_id === 'string') wanted.push(org.parent_organization_id);
  }
  const parents: Json[] = [];
  for (let depth = 0; wanted.length && depth < 10; depth++) {
    const next: string[] = [];
    for (const id of new Set(wanted.filter((x) => !have.has(x)))) {
      if (!/^[0-9a-f-]{36}$/i.test(id))
        throw new FeedError(`${base}: parent organisation id ${id} is not a uuid`);
      const address = `${base}/organizations/${id}`;
      const { json } = await getJson(address, limits);
      if (!isObject(json) || json.id !== id) throw new FeedError(`${address}: not the organisation ${id}`);
      const { services: _services, ...organization } = json;
      have.add(id);
      parents.push(organization);
      if (typeof organization.parent_organization_id === 'string')
        next.push(organization.parent_organization_id);
    }
    wanted.splice(0, wanted.length, ...next);
  }
  // Parents before children, so the import can resolve each reference.
  return parents.reverse();
}

/** The publisher's name from the feed's `/` (HSDS API root), if it says one. */
async function publisherOf(base: string, limits: FollowLimits): Promise<string | null> {
  const { json } = await getJson(`${base}/`, limits);
  if (!isObject(json)) throw new FeedError(`${base}/: not the root of an HSDS API`);
  const publisher = json.publisher;
  const name = isObject(publisher) ? publisher.name : undefined;
  return typeof name === 'string' && name.trim() ? name.trim().slice(0, 200) : null;
}

/** Follows one feed once: fetch what changed, check it all, merge it in one transaction. */
export async function followFeed(
  db: FollowerDb,
  input: string,
  options: FollowOptions,
): Promise<FollowResult> {
  const limits = { ...FOLLOW_LIMITS, ...options.limits };
  let url = input;
  try {
    url = feedBase(input);
    const state = await readFollowState(db, url);
    const since = state?.lastModifiedSeen ?? null;
    const publisher = await publisherOf(url, limits);
    const records = await fetchChanged(url, since, limits);
    const newest = records.reduce<string | null>((max, r) => {
      const at = new Date(r.last_modified as string).toISOString();
      return max === null || at > max ? at : max;
    }, null);
    const now = options.clock();
    const place = {
      url,
      publisherName: publisher,
      lastModifiedSeen: newest,
      followedAt: now.toISOString(),
      servicesSeenNow: records.length,
    };
    if (records.length === 0) {
      await db.transaction().execute((trx) => saveFollowState(trx, place));
      return { ok: true, url, publisher, since, received: 0, changes: null, conflicts: [] };
    }
    const parents = await fetchParents(url, records, limits);
    const files = [
      ...(parents.length
        ? [{ name: `${url}/organizations`, content: JSON.stringify({ organizations: parents }) }]
        : []),
      { name: url, content: JSON.stringify(records) },
    ];
    const result = await importDirectory(
      db,
      { format: 'json', files },
      {
        actorUserId: null,
        via: 'cli',
        clock: options.clock,
        audit: options.audit,
        source: { type: 'feed', name: url, verifier: publisher ?? new URL(url).host },
        protect: (trx, ids) => protectedServices(trx, ids, url),
        afterApply: (trx) => saveFollowState(trx, place),
      },
    );
    if (!result.ok) {
      return {
        ok: false,
        url,
        error: `${url}: the feed's records fail the checks`,
        problems: result.problems,
      };
    }
    return {
      ok: true,
      url,
      publisher,
      since,
      received: records.length,
      changes: result.changes,
      conflicts: result.conflicts ?? [],
    };
  } catch (error) {
    if (error instanceof FeedError) return { ok: false, url, error: error.message };
    throw error;
  }
}
