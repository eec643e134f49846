// The directory's own badge: a service's status in words (the kit's badge, platform/web/components.ts).
import type { Translate } from '../../../platform/i18n/index.js';
import { badge } from '../../../platform/web/components.js';
import type { SafeHtml } from '../../../platform/web/html.js';

export function statusBadge(status: string, t: Translate): SafeHtml {
  const kind = status === 'active' ? 'success' : status === 'defunct' ? 'danger' : 'warning';
  return badge(kind, t(`directory.status.${status}`));
}
