// What the data hub's staff pages are rendered with.
import type { ExplorerContext } from './explorer.js';

export interface StaffContext extends ExplorerContext {
  csrfToken: string;
  /** The signed-in account's role: only an administrator sees the budget form. */
  role: string;
}
