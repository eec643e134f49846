// Shared bits of the referral pages: the view context, dates in Amsterdam time, status badges, the section nav.
import type { Translate } from '../../../platform/i18n/index.js';
import type { Role } from '../../../platform/auth/index.js';
import { formatCalendarDate, formatMoment } from '../../../platform/time/index.js';
import { badge, csrfField, table as kitTable } from '../../../platform/web/components.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';

export interface ViewContext {
  t: Translate;
  locale: string;
  href: (path: string) => string;
  csrfToken: string;
  role: Role;
  now: Date;
}

/** The form's CSRF token (the kit's field). */
export const csrf = (ctx: ViewContext) => csrfField(ctx.csrfToken);

// Formatting itself costs microseconds per date, and a queue shows the same cases' dates on every visit: the
// text per locale and minute is kept (bounded: the memo starts over when it is full).
const formattedDateTimes = new Map<string, string>();

export function dateTime(d: Date | null | undefined, locale: string): string {
  if (!d) return '';
  const minute = Math.floor(new Date(d).getTime() / 60_000);
  const key = `${locale}|${minute}`;
  const known = formattedDateTimes.get(key);
  if (known !== undefined) return known;
  const text = formatMoment(new Date(minute * 60_000), locale, 'medium');
  if (formattedDateTimes.size >= 20_000) formattedDateTimes.clear();
  formattedDateTimes.set(key, text);
  return text;
}

export function dateOnly(iso: string | null | undefined, locale: string): string {
  if (!iso) return '';
  return formatCalendarDate(iso, locale, 'medium');
}

export function statusBadge(status: string, t: Translate): SafeHtml {
  const kind = status === 'closed' ? 'neutral' : status === 'received' ? 'warning' : 'success';
  return badge(kind, t(`referrals.status.${status}`));
}

/** Hours between two moments, shown as "3 h" or "2 d 4 h". */
export function duration(from: Date | null, to: Date | null, t: Translate): string {
  if (!from || !to) return '';
  const hours = Math.max(0, Math.round((new Date(to).getTime() - new Date(from).getTime()) / 3_600_000));
  if (hours < 48) return t('referrals.hours', { n: hours });
  return t('referrals.daysHours', { d: Math.floor(hours / 24), h: hours % 24 });
}

/** The roles that work on cases: each has the queue and the notifications. */
const CASE_WORKERS: readonly Role[] = [
  'nrm_professional',
  'nrm_coordinator',
  'nrm_regional_lead',
  'nrm_national',
  'nrm_shelter',
];

const SECTIONS: { path: string; key: string; roles: readonly Role[] }[] = [
  {
    path: '/nvm',
    key: 'referrals.nav.cases',
    roles: CASE_WORKERS,
  },
  { path: '/nvm/waiting', key: 'referrals.nav.waiting', roles: CASE_WORKERS },
  { path: '/nvm/signal', key: 'referrals.nav.newSignal', roles: ['nrm_professional'] },
  {
    path: '/nvm/notifications',
    key: 'referrals.nav.notifications',
    roles: CASE_WORKERS,
  },
  {
    path: '/nvm/places',
    key: 'referrals.nav.places',
    roles: ['nrm_coordinator', 'nrm_regional_lead', 'nrm_national'],
  },
  { path: '/nvm/shelter', key: 'referrals.nav.shelter', roles: ['nrm_shelter'] },
  { path: '/nvm/registrations', key: 'referrals.nav.registrations', roles: ['nrm_national'] },
  { path: '/nvm/duplicates', key: 'referrals.nav.duplicates', roles: ['nrm_national'] },
  {
    path: '/nvm/bottlenecks',
    key: 'referrals.nav.bottlenecks',
    roles: ['nrm_coordinator', 'nrm_regional_lead', 'nrm_national'],
  },
  { path: '/nvm/privacy', key: 'referrals.nav.privacy', roles: ['privacy_officer'] },
];

export function sectionNav(ctx: ViewContext, current: string): SafeHtml {
  const items = SECTIONS.filter((s) => s.roles.includes(ctx.role));
  if (items.length < 2) return html``;
  return html`<nav class="samen-subnav" aria-label="${ctx.t('referrals.nav.label')}"><ul>
${items.map(
  (s) =>
    html`<li><a class="utrecht-link" href="${ctx.href(s.path)}" ${s.path === current ? html`aria-current="page"` : ''}>${ctx.t(s.key)}</a></li>`,
)}
</ul></nav>`;
}

/** The referral pages' lists: the kit's table with a caption of this id and rows of data cells only. */
export function table(
  captionId: string,
  caption: string,
  headers: string[],
  rows: (SafeHtml | string)[][],
): SafeHtml {
  return kitTable({
    id: captionId,
    captionId,
    caption,
    head: headers,
    rows: rows.map((cells) => ({ cells })),
  });
}
