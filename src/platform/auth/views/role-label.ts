// A role's name in the user's language (the account and user pages show it).
import { translateOr, type Translate } from '../../i18n/index.js';

/** A role's name in the user's language; a role added to the table before its translation shows its code. */
export function roleLabel(t: Translate, role: string): string {
  return translateOr(t, `auth.role.${role}`, role);
}
