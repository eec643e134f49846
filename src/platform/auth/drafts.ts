// Forms never lose work when a session ends (issue 18, point 5). A form posted after the session expired (30
// minutes idle, 12 hours absolute) fails the CSRF check, since its token is bound to a session that is gone. When
// the cookie still names a session that ended (remembered by its token hash, `auth_expired_session`) and the
// form's token is that session's own, the form came from that person's page: what was typed is kept, sealed with
// the field encryption under the draft's own context, bound to that account, for DRAFT_TTL_MS. The person is
// asked to sign in again; the link brings them to the form's page with `?draft=<id>`, where the module shows the
// form filled in to check and send themselves (a new CSRF token; nothing is submitted automatically). Taking a
// draft deletes it; another account gets nothing (and the draft stays for its owner); the retention job deletes
// expired drafts. The values are never in a URL, a cookie or a log.
import { randomUUID } from 'node:crypto';
import { fieldContext, type FieldCryptoService } from '../crypto/index.js';
import { deleteDraft, findOwnDraft, insertDraft, purgeDrafts, type Root } from './drafts-repository.js';

/** How long a kept form waits for its owner to sign in again. */
export const DRAFT_TTL_MS = 60 * 60_000;
/** How long an ended session is remembered (by its token hash) so a late post can still be kept. */
export const EXPIRED_SESSION_MEMORY_MS = 12 * 60 * 60_000;
/** Values per form and characters per value that are kept (a staff form is far below). */
const MAX_FIELDS = 200;
const MAX_VALUE = 20_000;

export type DraftValues = Record<string, string[]>;

/** Which posted paths can be kept, and the page (GET) that shows that form again. Modules register theirs. */
interface DraftForm {
  pattern: RegExp;
  page: (match: RegExpExecArray) => string;
}
const draftForms: DraftForm[] = [];

/**
 * A module's forms that come back after signing in again: `pattern` matches the form's action (without the
 * locale prefix), `page` names the page that shows it; that page reads `?draft=` and calls `drafts.take`.
 */
export function registerDraftForm(form: DraftForm): void {
  draftForms.push(form);
}

/** The page that shows the form posted to this path again, or undefined when the form is not registered. */
export function draftPageFor(path: string): string | undefined {
  for (const form of draftForms) {
    const match = form.pattern.exec(path);
    if (match) return form.page(match);
  }
  return undefined;
}

/** The posted body as lists of strings, without the CSRF token; bounded. */
export function draftValuesOf(body: unknown): DraftValues | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const values: DraftValues = {};
  let fields = 0;
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (name === '_csrf') continue;
    const list = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    if (list.length === 0) continue;
    if (++fields > MAX_FIELDS) break;
    values[name] = list.slice(0, 50).map((v) => v.slice(0, MAX_VALUE));
  }
  return values;
}

const context = (id: string) => fieldContext('auth_form_draft', 'values_enc', id);

export function createFormDrafts(deps: {
  db: Root;
  clock: () => Date;
  fieldCrypto: Pick<FieldCryptoService, 'encryptField' | 'decryptField'>;
}) {
  const { db, clock, fieldCrypto } = deps;
  return {
    /** Keeps a posted form for the account that must sign in again; returns the draft's id. */
    async keep(userId: string, path: string, values: DraftValues): Promise<string> {
      const id = randomUUID();
      const now = clock();
      await insertDraft(db, {
        id,
        userId,
        path,
        valuesEnc: fieldCrypto.encryptField(JSON.stringify(values), context(id)),
        createdAt: now,
        expiresAt: new Date(now.getTime() + DRAFT_TTL_MS),
      });
      return id;
    },

    /**
     * The kept form for this account, deleted as it is taken; undefined when it is not this account's, expired
     * or already taken. `path` (when given) must be the form's action, so a draft shows only on its own form.
     */
    async take(
      userId: string,
      id: string,
      accept?: (path: string) => boolean,
    ): Promise<{ path: string; values: DraftValues } | undefined> {
      if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
      const row = await findOwnDraft(db, userId, id);
      if (!row) return undefined;
      const expired = new Date(row.expires_at).getTime() <= clock().getTime();
      // Another form's page leaves the draft for its own page.
      if (!expired && accept && !accept(row.path)) return undefined;
      // Taken once: of two pages opened at the same moment, only the one that deletes it gets it.
      const taken = await deleteDraft(db, id);
      if (expired || !taken) return undefined;
      return { path: row.path, values: JSON.parse(fieldCrypto.decryptField(row.values_enc, context(id))) };
    },

    /** Deletes expired drafts and ended sessions remembered too long (the auth retention job). */
    async purge(now: Date): Promise<{ drafts: number; endedSessions: number }> {
      return purgeDrafts(db, now, new Date(now.getTime() - EXPIRED_SESSION_MEMORY_MS));
    },
  };
}

export type FormDrafts = ReturnType<typeof createFormDrafts>;
