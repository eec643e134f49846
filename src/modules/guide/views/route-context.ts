// What the route's pages are rendered with.
import type { Translate } from '../../../platform/i18n/index.js';

export interface RouteContext {
  t: Translate;
  locale: string;
  href: (path: string) => string;
}
