// Overview pages: free shelter places and the waiting list, a shelter's own places and requests, the national
// registration (pseudonymised), the bottleneck view with SVG charts beside their tables, and the privacy
// officer's processing register and break-the-glass review.
import type { FieldProblem } from '../../../platform/http/errors.js';
import { draftNotice, refusedForm } from './form-state.js';
import { translateOr } from '../../../platform/i18n/index.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import {
  badge,
  buttonForm,
  notice,
  selectField,
  submitButton,
  textField,
} from '../../../platform/web/components.js';
import type { BottleneckRow } from '../bottlenecks.js';
import { trackFigures, type TrackFigures } from './support.js';
import { SHELTER_CATEGORIES } from '../model.js';
import type { RegisterEntry } from '../register.js';
import { csrf, dateOnly, dateTime, sectionNav, table, type ViewContext } from './common.js';
import { ageGroupText, countryText } from './words.js';

interface PlaceRow {
  team_id: string;
  name: string;
  category: string;
  available: number;
  maximum: number;
  updated_at: Date;
}

export function placesPage(
  ctx: ViewContext,
  o: {
    places: PlaceRow[];
    category: string;
    region: string;
    regions: { code: string; name: string }[];
    waiting: {
      reference: string;
      case_id: string;
      category: string;
      requested_at: Date;
      region_name: string;
    }[];
  },
): SafeHtml {
  const { t } = ctx;
  return html`${sectionNav(ctx, '/nvm/places')}
<h1 class="utrecht-heading-1">${t('referrals.places.title')}</h1>
<form method="get" action="${ctx.href('/nvm/places')}" class="samen-filters">
${selectField(
  {
    name: 'category',
    id: 'p-category',
    label: t('referrals.field.category'),
    value: o.category,
    errors: [],
    choices: [
      { value: '', label: t('referrals.places.all') },
      ...SHELTER_CATEGORIES.map((c) => ({ value: c, label: t(`referrals.category.${c}`) })),
    ],
  },
  t,
)}
${selectField(
  {
    name: 'region',
    id: 'p-region',
    label: t('referrals.places.region'),
    value: o.region,
    errors: [],
    choices: [
      { value: '', label: t('referrals.places.allRegions') },
      ...o.regions.map((r) => ({ value: r.code, label: r.name })),
    ],
  },
  t,
)}
${submitButton(t('referrals.queue.filter'), { variant: 'secondary' })}
</form>
${
  o.places.length
    ? table(
        'places-caption',
        t('referrals.places.caption', { count: o.places.length }),
        [
          t('referrals.col.shelter'),
          t('referrals.col.category'),
          t('referrals.col.available'),
          t('referrals.col.maximum'),
          t('referrals.col.updated'),
        ],
        o.places.map((p) => [
          p.name,
          t(`referrals.category.${p.category}`),
          p.available > 0 ? String(p.available) : html`${badge('danger', t('referrals.places.full'))}`,
          String(p.maximum),
          dateTime(p.updated_at, ctx.locale),
        ]),
      )
    : html`<p class="utrecht-paragraph">${t('referrals.places.none')}</p>`
}
<h2 class="utrecht-heading-2">${t('referrals.places.waiting')}</h2>
${
  o.waiting.length
    ? table(
        'waiting-caption',
        t('referrals.places.waitingCaption', { count: o.waiting.length }),
        [
          t('referrals.col.reference'),
          t('referrals.col.category'),
          t('referrals.places.region'),
          t('referrals.col.requested'),
        ],
        o.waiting.map((w) => [
          w.reference,
          t(`referrals.category.${w.category}`),
          w.region_name,
          dateTime(w.requested_at, ctx.locale),
        ]),
      )
    : html`<p class="utrecht-paragraph">${t('referrals.places.noneWaiting')}</p>`
}`;
}

export function shelterPage(
  ctx: ViewContext,
  o: {
    teamName: string;
    current: PlaceRow[] | { category: string; available: number; maximum: number; updated_at: Date }[];
    history: { category: string; available: number; maximum: number; at: Date; reason: string }[];
    notice?: string;
    /** A refused capacity form: the problems in words and what was typed. */
    refused?: { problems: FieldProblem[]; attempt: [string, string][] };
    /** A statement kept when the session ended, brought back as typed. */
    typed?: [string, string][];
    draft?: 'back' | 'gone';
  },
): SafeHtml {
  const { t } = ctx;
  // A refused statement comes back in the form as it was typed.
  const typed = new Map(o.refused?.attempt ?? o.typed ?? []);
  const was = (name: string) => typed.get(name) ?? '';
  return html`${sectionNav(ctx, '/nvm/shelter')}
<h1 class="utrecht-heading-1">${t('referrals.shelter.title', { team: o.teamName })}</h1>
${o.refused ? refusedForm(ctx, o.refused.problems, o.refused.attempt, []) : ''}
${o.draft ? draftNotice(ctx, o.draft) : ''}
${o.notice ? notice(t(`referrals.notice.${o.notice}`)) : ''}
<p class="utrecht-paragraph">${t('referrals.shelter.intro')}</p>
<p class="utrecht-paragraph"><a class="utrecht-link" href="${ctx.href('/nvm?scope=shelter')}">${t('referrals.shelter.requests')}</a></p>
${table(
  'cap-caption',
  t('referrals.shelter.current'),
  [
    t('referrals.col.category'),
    t('referrals.col.available'),
    t('referrals.col.maximum'),
    t('referrals.col.updated'),
  ],
  o.current.map((c) => [
    t(`referrals.category.${c.category}`),
    String(c.available),
    String(c.maximum),
    dateTime(c.updated_at, ctx.locale),
  ]),
)}
<h2 class="utrecht-heading-2">${t('referrals.shelter.update')}</h2>
<form method="post" action="${ctx.href('/nvm/shelter/capacity')}" class="samen-filters">${csrf(ctx)}
${selectField(
  {
    name: 'category',
    id: 'c-category',
    label: t('referrals.field.category'),
    value: was('category'),
    errors: [],
    choices: SHELTER_CATEGORIES.map((c) => ({ value: c, label: t(`referrals.category.${c}`) })),
  },
  t,
)}
${(['available', 'maximum'] as const).map((name) =>
  textField(
    {
      name,
      id: `c-${name}`,
      label: t(`referrals.col.${name}`),
      value: was(name),
      errors: [],
      inputmode: 'numeric',
      size: 'small',
      required: true,
    },
    t,
  ),
)}
${textField({ name: 'reason', id: 'c-reason', label: t('referrals.field.capacityReason'), value: was('reason'), errors: [] }, t)}
${submitButton(t('referrals.shelter.save'))}
</form>
<h2 class="utrecht-heading-2">${t('referrals.shelter.history')}</h2>
${table(
  'hist-caption',
  t('referrals.shelter.historyCaption'),
  [
    t('referrals.col.when'),
    t('referrals.col.category'),
    t('referrals.col.available'),
    t('referrals.col.maximum'),
    t('referrals.col.why'),
  ],
  o.history.map((h) => [
    dateTime(h.at, ctx.locale),
    t(`referrals.category.${h.category}`),
    String(h.available),
    String(h.maximum),
    // The system's own reasons (a placement, an exit) in words; a shelter's typed reason as typed.
    translateOr(t, `referrals.capacityReason.${h.reason}`, h.reason),
  ]),
)}`;
}

export function registrationsPage(
  ctx: ViewContext,
  regionNames: Record<string, string>,
  rows: {
    pseudonym: string;
    registered_on: string;
    gender: string;
    age_group: string;
    citizenship: string;
    forms: string[];
    referring_org_type: string;
    safety_region_code: string;
    status: string;
  }[],
): SafeHtml {
  const { t } = ctx;
  return html`${sectionNav(ctx, '/nvm/registrations')}
<h1 class="utrecht-heading-1">${t('referrals.registrations.title')}</h1>
<p class="utrecht-paragraph">${t('referrals.registrations.intro')}</p>
${table(
  'reg-caption',
  t('referrals.registrations.caption', { count: rows.length }),
  [
    t('referrals.col.pseudonym'),
    t('referrals.col.registered'),
    t('referrals.field.gender'),
    t('referrals.field.ageGroup'),
    t('referrals.field.citizenship'),
    t('referrals.field.forms'),
    t('referrals.col.referrer'),
    t('referrals.places.region'),
    t('referrals.col.status'),
  ],
  rows.map((r) => [
    html`<span class="samen-code">${r.pseudonym}</span>`,
    dateOnly(String(r.registered_on).slice(0, 10), ctx.locale),
    t(`referrals.gender.${r.gender}`),
    ageGroupText(ctx, r.age_group),
    countryText(ctx, r.citizenship),
    r.forms.map((f) => t(`referrals.form.${f}`)).join(', '),
    t(`referrals.orgType.${r.referring_org_type}`),
    regionNames[r.safety_region_code] ?? t('referrals.unknown'),
    t(`referrals.status.${r.status}`),
  ]),
)}`;
}

/** A horizontal bar chart of median and p90 hours per step: SVG, with the same numbers in the table beside it. */
function stepChart(ctx: ViewContext, id: string, row: BottleneckRow): SafeHtml {
  const { t } = ctx;
  const steps = [
    { key: 'triage', s: row.triage },
    { key: 'referral', s: row.referral },
    { key: 'placement', s: row.placement },
  ];
  const max = Math.max(1, ...steps.map((x) => x.s.p90Hours ?? 0));
  const width = 320;
  const bar = (v: number | null) => (v === null ? 0 : Math.max(2, Math.round((v / max) * (width - 120))));
  return html`<svg class="samen-chart" role="img" aria-labelledby="${id}-title" viewBox="0 0 ${width} ${steps.length * 44 + 10}" width="100%" preserveAspectRatio="xMinYMin meet">
<title id="${id}-title">${t('referrals.bottlenecks.chartTitle', { month: row.month })}</title>
${steps.map(
  (x, i) => html`<g transform="translate(0 ${i * 44 + 6})">
<text x="0" y="12" class="samen-chart__label">${t(`referrals.bottlenecks.step.${x.key}`)}</text>
<rect x="110" y="2" height="14" width="${bar(x.s.medianHours)}" class="samen-chart__bar"></rect>
<rect x="110" y="20" height="10" width="${bar(x.s.p90Hours)}" class="samen-chart__bar samen-chart__bar--p90"></rect>
<text x="${114 + bar(x.s.p90Hours)}" y="30" class="samen-chart__value">${x.s.p90Hours ?? '–'}</text>
</g>`,
)}
</svg>`;
}

export function bottlenecksPage(
  ctx: ViewContext,
  o: {
    rows: BottleneckRow[];
    national: BottleneckRow[];
    waiting: number;
    overdue: number;
    track?: TrackFigures;
  },
): SafeHtml {
  const { t } = ctx;
  const fmt = (v: number | null) => (v === null ? '–' : String(v));
  const head = [
    t('referrals.col.month'),
    t('referrals.col.signals'),
    t('referrals.bottlenecks.triageMedian'),
    t('referrals.bottlenecks.triageP90'),
    t('referrals.bottlenecks.referralMedian'),
    t('referrals.bottlenecks.referralP90'),
    t('referrals.bottlenecks.placementMedian'),
    t('referrals.bottlenecks.placementP90'),
  ];
  const cells = (r: BottleneckRow) => [
    String(r.signals),
    fmt(r.triage.medianHours),
    fmt(r.triage.p90Hours),
    fmt(r.referral.medianHours),
    fmt(r.referral.p90Hours),
    fmt(r.placement.medianHours),
    fmt(r.placement.p90Hours),
  ];
  return html`${sectionNav(ctx, '/nvm/bottlenecks')}
<h1 class="utrecht-heading-1">${t('referrals.bottlenecks.title')}</h1>
<p class="utrecht-paragraph">${t('referrals.bottlenecks.intro')}</p>
<ul class="utrecht-unordered-list"><li>${t('referrals.bottlenecks.waiting', { count: o.waiting })}</li><li>${t('referrals.bottlenecks.overdue', { count: o.overdue })}</li></ul>
${o.track ? trackFigures(ctx, o.track) : ''}
<h2 class="utrecht-heading-2">${t('referrals.bottlenecks.national')}</h2>
${o.national.length === 0 ? html`<p class="utrecht-paragraph">${t('referrals.none')}</p>` : ''}
<div class="samen-chart-grid">
${o.national.slice(0, 6).map((r, i) => html`<figure class="samen-figure">${stepChart(ctx, `chart-${i}`, r)}<figcaption class="samen-meta">${t('referrals.bottlenecks.legend')}</figcaption></figure>`)}
</div>
${table(
  'nat-caption',
  t('referrals.bottlenecks.nationalCaption'),
  head,
  o.national.map((r) => [r.month, ...cells(r)]),
)}
<h2 class="utrecht-heading-2">${t('referrals.bottlenecks.perRegion')}</h2>
${table(
  'reg-caption',
  t('referrals.bottlenecks.regionCaption'),
  [t('referrals.places.region'), ...head],
  o.rows.map((r) => [r.region, r.month, ...cells(r)]),
)}`;
}

export function privacyPage(
  ctx: ViewContext,
  o: {
    register: RegisterEntry[];
    grants: {
      id: string;
      granted_at: Date;
      expires_at: Date;
      reason: string;
      reviewed_at: Date | null;
      display_name: string;
      email: string;
      reference: string;
    }[];
    audit: {
      id: number;
      at: Date;
      action: string;
      entity_type: string;
      entity_id: string | null;
      actor_name: string | null;
    }[];
    chain: { checked: number; brokenAt?: number } | undefined;
  },
): SafeHtml {
  const { t } = ctx;
  return html`${sectionNav(ctx, '/nvm/privacy')}
<h1 class="utrecht-heading-1">${t('referrals.privacy.title')}</h1>
<h2 class="utrecht-heading-2">${t('referrals.privacy.flagged')}</h2>
${
  o.grants.length
    ? table(
        'grant-caption',
        t('referrals.privacy.grantsCaption'),
        [
          t('referrals.col.when'),
          t('referrals.col.who'),
          t('referrals.col.reference'),
          t('referrals.col.why'),
          t('referrals.col.action'),
        ],
        o.grants.map((g) => [
          dateTime(g.granted_at, ctx.locale),
          `${g.display_name} (${g.email})`,
          g.reference,
          g.reason,
          g.reviewed_at
            ? t('referrals.privacy.reviewed', { when: dateTime(g.reviewed_at, ctx.locale) })
            : buttonForm({
                action: ctx.href(`/nvm/privacy/grants/${g.id}/review`),
                csrfToken: ctx.csrfToken,
                label: t('referrals.privacy.markReviewed'),
              }),
        ]),
      )
    : html`<p class="utrecht-paragraph">${t('referrals.privacy.noGrants')}</p>`
}
<h2 class="utrecht-heading-2">${t('referrals.privacy.chain')}</h2>
${
  o.chain
    ? html`<p class="utrecht-paragraph">${o.chain.brokenAt === undefined ? t('referrals.privacy.chainIntact', { count: o.chain.checked }) : t('referrals.privacy.chainBroken', { id: o.chain.brokenAt })}</p>`
    : buttonForm({
        action: ctx.href('/nvm/privacy'),
        method: 'get',
        hidden: { verify: '1' },
        label: t('referrals.privacy.verify'),
      })
}
<h2 class="utrecht-heading-2">${t('referrals.privacy.audit')}</h2>
<p class="utrecht-paragraph"><a class="utrecht-link" href="${ctx.href('/nvm/privacy/audit')}">${t('referrals.auditLog.open')}</a></p>
<h2 class="utrecht-heading-2">${t('referrals.privacy.register')}</h2>
${table(
  'register-caption',
  t('referrals.privacy.registerCaption'),
  [
    t('referrals.privacy.col.table'),
    t('referrals.privacy.col.fields'),
    t('referrals.privacy.col.category'),
    t('referrals.privacy.col.purpose'),
    t('referrals.privacy.col.ground'),
    t('referrals.privacy.col.retention'),
    t('referrals.privacy.col.encrypted'),
  ],
  o.register.map((e) => [
    translateOr(t, `referrals.register.table.${e.table}`, e.table),
    translateOr(t, `referrals.register.fields.${e.table}.${e.category}`, e.columns.join(', ')),
    t(`referrals.register.category.${e.category}`),
    t(`referrals.register.purpose.${e.purpose}`),
    t(`referrals.register.ground.${e.legalGround}`),
    t(`referrals.register.retention.${e.retention}`),
    e.encrypted ? t('referrals.tri.yes') : t('referrals.tri.no'),
  ]),
)}`;
}
