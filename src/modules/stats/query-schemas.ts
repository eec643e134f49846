// The querystrings of the explorer's pages: each parameter given at most once, of a bounded length (a value sent
// twice, or longer than any column or `column=value` could be, is a 400 naming the parameter in the reader's
// language, before the handler runs). Whether a column or value exists stays the service's to judge (a 400 page
// naming it). Parameters not named here are let through unread.
import { Type } from '@sinclair/typebox';
import { FormField } from '../../platform/http/form-schema.js';

/** The explorer's choice: up to three columns (d1..d3) and two filters (f1, f2, `column=value`). */
const CHOICE = {
  d1: FormField.text(100),
  d2: FormField.text(100),
  d3: FormField.text(100),
  f1: FormField.text(200),
  f2: FormField.text(200),
};

/** `GET /stats/:name` and the staff's `GET /stats/manage/:name/preview`: the explorer's choice. */
export const EXPLORER_QUERY = Type.Object(CHOICE);

/** `GET /stats/manage/:name`: what was just done (settings, release, budget, audit), for the notice on top. */
export const MANAGE_DATASET_QUERY = Type.Object({ done: FormField.text(20) });
