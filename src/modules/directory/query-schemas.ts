// The querystrings of the directory's pages: each value one string of a bounded length (a value sent twice, or one
// longer than any real filter, is a 400 naming the parameter in the reader's language, before the handler runs).
// Parameters not named here are let through unread (a `lang`, a tracker's tag). What a value means (an unknown
// municipality, a page past the end) stays the handler's and the service's to judge.
import { Type } from '@sinclair/typebox';
import { FormField } from '../../platform/http/form-schema.js';

/** A page number as typed in the address bar: read leniently (not a number: the first page), but short. */
const PAGE = FormField.text(6);
/** A flag the app adds after a redirect (`?saved`, `?verified`): present or not, its value unread. */
const FLAG = FormField.text(10);

/** `GET /directory`: words, desk type, form of exploitation, audience, municipality (or place), page. */
export const PUBLIC_LIST_QUERY = Type.Object({
  q: FormField.text(200),
  desk: FormField.text(50),
  form: FormField.text(50),
  audience: FormField.text(50),
  municipality: FormField.text(100),
  page: PAGE,
});

/** `GET /steward`: the service just verified, by id. */
export const STEWARD_DASHBOARD_QUERY = Type.Object({ verified: FormField.text(36) });

/** `GET /steward/services`: the steward's filters. */
export const STEWARD_LIST_QUERY = Type.Object({
  q: FormField.text(200),
  status: FormField.text(30),
  stale: FormField.text(5),
  term: FormField.text(36),
  municipality: FormField.text(100),
  organization: FormField.text(36),
  page: PAGE,
});

/** `GET /steward/services/:id`: what was just done to it. */
export const STEWARD_SERVICE_QUERY = Type.Object({ saved: FLAG, verified: FLAG, retired: FLAG });

/** `GET /steward/organizations`: what was just done. */
export const ORGANIZATIONS_QUERY = Type.Object({ saved: FLAG, deleted: FLAG });
