// What every monitor page is rendered with (the locale, links, the CSRF token), and a field's problems in words.
// The fields, buttons and notices are the platform's kit (src/platform/web/components.ts).
import type { FieldProblem } from '../../../platform/http/errors.js';
import type { Translate } from '../../../platform/i18n/index.js';

export interface PageContext {
  t: Translate;
  locale: string;
  href: (path: string) => string;
  csrfToken: string;
}

export function problemsFor(problems: FieldProblem[], field: string, t: Translate): string[] {
  return problems.filter((p) => p.field === field).map((p) => t(p.key, p.params));
}
