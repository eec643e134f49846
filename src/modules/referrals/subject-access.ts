// The subject-access export the person is owed (AVG art. 15), as one document in the person's language: every
// field held about them in words, what happened in their case, every access to their file (emergency access with
// its reason first), the national registration, purposes, legal grounds, retention, their rights and the
// complaint route. Who acted is said as role and organisation, never a staff member's name or address; no
// internal key, version, UUID or code appears (subject-access.db.test.ts checks every locale). The HTML page and
// the PDF render this same document, so they say the same. Messages: `referrals.sar.*`, in all 11 locales
// (`subject-access/locales`).
import { isLocale, localeInfo, translateOr, type Translate } from '../../platform/i18n/index.js';
import { formatCalendarDate, formatMoment } from '../../platform/time/index.js';
import type { ExportedConsent } from './consent-service.js';
import { eventReasonInWords } from './event-reason.js';
import { PROCESSING_REGISTER } from './register.js';
import { decisionsSection, type ExportedDecisions } from './subject-access-decisions.js';
import type { Block, Section } from './subject-access-blocks.js';
import { consentSection } from './subject-access-consent.js';
import type { PlacementRow, ReferralRow } from './repository.js';
import type {
  Actor,
  CaseAuditEntry,
  GrantRow,
  ListAppearance,
  RegistrationRow,
} from './subject-access-repository.js';

/** Everything the export is made from (the JSON export is this record, exact). */
export interface SubjectAccessData {
  exportedAt: string;
  teamNames: Record<string, string>;
  /** Display names of the accounts the record refers to by key (JSON only; the document names roles). */
  accountNames: Record<string, string>;
  /** Names of the municipality, safety region and police unit, by code. */
  placeNames: Record<string, string>;
  case: Record<string, unknown> & { reference: string };
  person: Record<string, string | null> | null;
  events: {
    at: Date;
    kind: string;
    from_status: string | null;
    to_status: string | null;
    reason: string | null;
    actor_name: string | null;
    team_name: string | null;
    actor_user_id?: string | null;
  }[];
  referrals: ReferralRow[];
  /** The exit note opened (its sealed column left out). */
  placements: (Omit<PlacementRow, 'exit_note_enc'> & { exit_note?: string | null })[];
  /** Every consent per recipient and purpose, withdrawn ones too, the withdrawal note opened. */
  consents: ExportedConsent[];
  accesses: CaseAuditEntry[];
  listAppearances: ListAppearance[];
  grants: GrantRow[];
  registration: RegistrationRow | null;
  /** Role and team of every account the document mentions. */
  actors: Record<string, Actor>;
  retentionYears: number;
  /** The identification decisions and the support track, reasons and texts opened (issue 20). */
  identification?: ExportedDecisions;
}

export type { Block, Section } from './subject-access-blocks.js';

export interface SubjectAccessDocument {
  lang: string;
  dir: 'ltr' | 'rtl';
  title: string;
  intro: string[];
  sections: Section[];
}

export const AUTHORITY_NAME = 'Autoriteit Persoonsgegevens';
export const AUTHORITY_WEBSITE = 'autoriteitpersoonsgegevens.nl';

/** The language of the document: the one asked for, else the page's. */
export function documentLocale(asked: unknown, fallback: string): string {
  return typeof asked === 'string' && isLocale(asked) ? asked : fallback;
}

/** What an audit action was, for the person: a handful of kinds in plain words (unknown ones: "other"). */
export function accessKind(action: string): string {
  if (action === 'nrm.case.read' || action === 'nrm.duplicate.read') return 'read';
  if (action === 'nrm.case.read.break_glass') return 'readEmergency';
  if (action === 'nrm.case.break_glass') return 'emergency';
  if (action === 'nrm.case.denied') return 'denied';
  if (action === 'nrm.case.lookup') return 'lookup';
  if (action === 'nrm.case.create' || action === 'nrm.consult.create') return 'create';
  if (action === 'nrm.case.subject_access') return 'export';
  if (action === 'nrm.case.escalate') return 'escalate';
  if (action === 'nrm.person.rectify') return 'rectify';
  if (action.startsWith('nrm.')) return 'change';
  return 'other';
}

/** The register's tables that are not about the person (shelter places, team notifications); all others are. */
const NOT_ABOUT_THE_PERSON = new Set([
  'nrm_capacity',
  'nrm_capacity_history',
  'nrm_notification',
  'nrm_notification_seen',
]);

/** The register's entries about the person: their purposes, grounds and retention are in the export. */
export const PERSON_REGISTER = PROCESSING_REGISTER.filter((e) => !NOT_ABOUT_THE_PERSON.has(e.table));

export function subjectAccessDocument(
  data: SubjectAccessData,
  t: Translate,
  locale: string,
): SubjectAccessDocument {
  const s = (key: string, params?: Record<string, string | number>) => t(`referrals.sar.${key}`, params);
  const word = (prefix: string, code: string) =>
    translateOr(t, `referrals.sar.${prefix}.${code}`, s('unknownValue'));
  const listed = new Intl.ListFormat(locale, { type: 'unit', style: 'short' });
  const words = (prefix: string, codes: readonly string[] | null | undefined) =>
    codes && codes.length ? listed.format(codes.map((c) => word(prefix, c))) : s('none');
  const moment = (d: unknown) => (d ? formatMoment(new Date(d as string), locale) : s('notRecorded'));
  const day = (iso: unknown) => {
    if (!iso) return s('notRecorded');
    return formatCalendarDate(iso instanceof Date ? iso : String(iso), locale);
  };
  const countries = new Intl.DisplayNames([locale], { type: 'region' });
  const country = (code: unknown) =>
    typeof code === 'string' && /^[A-Z]{2}$/.test(code)
      ? (countries.of(code) ?? s('notRecorded'))
      : s('notRecorded');
  const ageGroup = (code: unknown) => {
    const range = /^(\d+)--(\d+)$/.exec(String(code));
    if (range) return s('age.range', { from: Number(range[1]), to: Number(range[2]) });
    if (code === '48+') return s('age.over', { from: 48 });
    return s('notRecorded');
  };
  const place = (code: unknown) =>
    typeof code === 'string' && data.placeNames[code] && data.placeNames[code] !== code
      ? data.placeNames[code]!
      : s('notRecorded');
  const team = (id: unknown) =>
    typeof id === 'string' && data.teamNames[id] ? data.teamNames[id]! : s('unknownOrganisation');
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : s('notRecorded'));
  const who = (userId: string | null | undefined, teamName?: string | null) => {
    if (!userId) return teamName ? s('who.teamOnly', { organisation: teamName }) : s('who.system');
    const actor = data.actors[userId];
    if (!actor) return teamName ? s('who.teamOnly', { organisation: teamName }) : s('who.former');
    const role = translateOr(t, `referrals.sar.role.${actor.role}`, s('role.other'));
    const organisation = teamName ?? (actor.teamId ? data.teamNames[actor.teamId] : undefined);
    return organisation ? s('who.roleAt', { role, organisation }) : role;
  };
  const reasonWords = {
    service: (code: string) => word('service', code),
    category: (code: string) => word('category', code),
    close: (code: string) => word('close', code),
    consent: (code: string) => word('consent', code),
    ground: (code: string) => word('ground', code),
    day: (iso: string) => day(iso),
  };
  const c = data.case;
  const ownerName = team(c.owner_team_id);

  const sections: Section[] = [];

  // ---- about you -------------------------------------------------------------------------------------
  const p = data.person;
  sections.push({
    id: 'person',
    heading: s('section.person'),
    blocks: [
      { kind: 'p', text: s('person.intro') },
      {
        kind: 'dl',
        items: [
          [s('field.name'), text(p?.name)],
          [s('field.dateOfBirth'), p?.dateOfBirth ? day(p.dateOfBirth) : s('notRecorded')],
          [s('field.contact'), text(p?.contact)],
          [s('field.specialNotes'), text(p?.specialNotes)],
        ],
      },
    ],
  });

  // ---- what was reported -----------------------------------------------------------------------------
  const minorSource = typeof c.minor_source === 'string' ? c.minor_source : 'given';
  sections.push({
    id: 'case',
    heading: s('section.case'),
    blocks: [
      {
        kind: 'dl',
        items: [
          [s('field.kind'), word('caseKind', String(c.kind))],
          [s('field.status'), word('status', String(c.status))],
          [s('field.reportedBy'), team(c.origin_team_id)],
          [s('field.handledBy'), ownerName],
          [s('field.municipality'), place(c.municipality_code)],
          [s('field.safetyRegion'), place(c.safety_region_code)],
          [s('field.policeUnit'), place(c.police_unit_code)],
          [s('field.urgency'), word('urgency', String(c.urgency))],
          [s('field.minor'), `${word('tri', String(c.minor))} (${word('minorSource', minorSource)})`],
          [s('field.gender'), word('gender', String(c.gender))],
          [s('field.ageGroup'), ageGroup(c.age_group)],
          [s('field.citizenship'), country(c.citizenship)],
          [s('field.forms'), words('form', c.forms as string[])],
          [s('field.indicators'), words('signal', c.indicators as string[])],
          [s('field.methodsOfControl'), words('control', c.methods_of_control as string[])],
          [s('field.recruitment'), words('recruitment', c.recruitment as string[])],
          [s('field.sector'), c.sector ? word('sector', String(c.sector)) : s('notRecorded')],
          [s('field.needs'), words('need', c.needs as string[])],
          [s('field.summary'), text(c.summary)],
          [s('field.consent'), word('consent', String(c.consent))],
          [s('field.legalGround'), c.legal_ground ? word('ground', String(c.legal_ground)) : s('noGround')],
          [s('field.reflection'), c.reflection_ends_on ? day(c.reflection_ends_on) : s('notRecorded')],
          [s('field.received'), moment(c.created_at)],
          [s('field.triaged'), moment(c.triaged_at)],
          [s('field.firstReferral'), moment(c.first_referral_at)],
          [s('field.placed'), moment(c.placed_at)],
          [s('field.closed'), moment(c.closed_at)],
          [
            s('field.closedReason'),
            c.closed_reason ? word('close', String(c.closed_reason)) : s('notRecorded'),
          ],
        ],
      },
    ],
  });

  // ---- what happened ---------------------------------------------------------------------------------
  sections.push({
    id: 'timeline',
    heading: s('section.timeline'),
    blocks: data.events.length
      ? [
          {
            kind: 'ul',
            items: data.events.map((e) => {
              const what = translateOr(t, `referrals.sar.event.${e.kind}`, s('event.other'));
              const stage = e.to_status
                ? ` ${s('timeline.stage', { stage: word('status', e.to_status) })}`
                : '';
              // Some steps write codes before what was typed (a referral's service, a closing's reason): in words.
              const said = eventReasonInWords(e.kind, e.reason, reasonWords);
              const reason = said ? ` ${s('timeline.reason', { reason: said })}` : '';
              return `${moment(e.at)}: ${what}.${stage} ${s('timeline.by', { who: who(e.actor_user_id ?? null, e.team_name) })}${reason}`;
            }),
          },
        ]
      : [{ kind: 'p', text: s('none') }],
  });

  // ---- referrals and shelter places ------------------------------------------------------------------
  sections.push({
    id: 'referrals',
    heading: s('section.referrals'),
    blocks: data.referrals.length
      ? data.referrals.flatMap((r, i): Block[] => [
          { kind: 'h3', text: s('referral.heading', { number: i + 1 }) },
          {
            kind: 'dl',
            items: [
              [s('referral.to'), team(r.to_team_id)],
              [s('referral.kind'), word('referKind', r.kind)],
              [s('referral.service'), word('service', r.service_type)],
              [s('referral.status'), word('referralStatus', r.status)],
              [s('referral.shared'), word('tri', r.shares_personal_data ? 'yes' : 'no')],
              [s('field.legalGround'), r.legal_ground ? word('ground', r.legal_ground) : s('noGround')],
              [s('referral.date'), moment(r.created_at)],
              [s('referral.reason'), text(r.reason)],
              [s('referral.answered'), r.responded_at ? moment(r.responded_at) : s('notRecorded')],
              [s('referral.answer'), text(r.response_reason)],
            ],
          },
        ])
      : [{ kind: 'p', text: s('none') }],
  });
  sections.push({
    id: 'placements',
    heading: s('section.placements'),
    blocks: data.placements.length
      ? data.placements.flatMap((pl, i): Block[] => [
          { kind: 'h3', text: s('placement.heading', { number: i + 1 }) },
          {
            kind: 'dl',
            items: [
              [
                s('placement.shelter'),
                pl.shelter_team_id ? team(pl.shelter_team_id) : s('placement.waitingList'),
              ],
              [s('placement.category'), word('category', pl.category)],
              [s('placement.status'), word('placementStatus', pl.status)],
              [s('placement.requested'), moment(pl.requested_at)],
              [s('placement.answered'), pl.responded_at ? moment(pl.responded_at) : s('notRecorded')],
              [s('placement.reason'), text(pl.reason)],
              ...(pl.exited_at
                ? ([
                    [s('placement.left'), moment(pl.exited_at)],
                    [
                      s('placement.leftReason'),
                      pl.exit_reason ? word('exitReason', pl.exit_reason) : s('notRecorded'),
                    ],
                    [s('placement.leftNote'), text(pl.exit_note)],
                  ] as [string, string][])
                : []),
            ],
          },
        ])
      : [{ kind: 'p', text: s('none') }],
  });

  sections.push(consentSection(data.consents, { s, word, moment, team, text }));
  if (data.identification)
    sections.push(decisionsSection(data.identification, { s, word, moment, team, text, t, day, who }));

  // ---- emergency access, then every access --------------------------------------------------------
  sections.push({
    id: 'emergency',
    heading: s('section.emergency'),
    blocks: [
      { kind: 'p', text: s('emergency.intro') },
      ...(data.grants.length
        ? [
            {
              kind: 'ul' as const,
              items: data.grants.map(
                (g) =>
                  `${s('emergency.item', { date: moment(g.grantedAt), who: who(g.userId), until: moment(g.expiresAt) })} ${s('emergency.reason', { reason: g.reason })} ${g.reviewedAt ? s('emergency.reviewed', { date: moment(g.reviewedAt) }) : s('emergency.notReviewed')}`,
              ),
            },
          ]
        : [{ kind: 'p' as const, text: s('emergency.none') }]),
    ],
  });
  sections.push({
    id: 'access',
    heading: s('section.access'),
    blocks: [
      { kind: 'p', text: s('access.intro') },
      {
        kind: 'ul',
        items: data.accesses.map(
          (a) => `${moment(a.at)}: ${who(a.actorUserId)}. ${s(`access.${accessKind(a.action)}`)}`,
        ),
      },
      { kind: 'h3', text: s('lists.heading') },
      ...(data.listAppearances.length
        ? [
            { kind: 'p' as const, text: s('lists.intro') },
            {
              kind: 'ul' as const,
              items: data.listAppearances.map((l) =>
                s('lists.item', {
                  organisation: team(l.teamId),
                  list: s(l.action === 'nrm.notifications.read' ? 'lists.notifications' : 'lists.queue'),
                  count: l.times,
                  first: moment(l.first),
                  last: moment(l.last),
                }),
              ),
            },
          ]
        : [{ kind: 'p' as const, text: s('none') }]),
    ],
  });

  // ---- the national registration ------------------------------------------------------------------
  const reg = data.registration;
  sections.push({
    id: 'registration',
    heading: s('section.registration'),
    blocks: reg
      ? [
          { kind: 'p', text: s('registration.intro') },
          {
            kind: 'dl',
            items: [
              [s('registration.registered'), day(reg.registered_on)],
              [s('registration.updated'), moment(reg.updated_at)],
              [s('field.gender'), word('gender', reg.gender)],
              [s('field.ageGroup'), ageGroup(reg.age_group)],
              [s('field.citizenship'), country(reg.citizenship)],
              [s('field.minor'), word('tri', reg.minor)],
              [s('field.forms'), words('form', reg.forms)],
              [s('field.sector'), reg.sector ? word('sector', reg.sector) : s('notRecorded')],
              [s('field.methodsOfControl'), words('control', reg.methods_of_control)],
              [s('field.recruitment'), words('recruitment', reg.recruitment)],
              [s('registration.reporter'), word('orgType', reg.referring_org_type)],
              [s('field.safetyRegion'), place(reg.safety_region_code)],
              [s('field.policeUnit'), place(reg.police_unit_code)],
              [s('field.status'), word('status', reg.status)],
              [s('field.received'), moment(reg.signal_at)],
              [s('field.triaged'), moment(reg.triage_at)],
              [s('field.firstReferral'), moment(reg.first_referral_at)],
              [s('field.placed'), moment(reg.placement_at)],
              [s('field.closed'), moment(reg.closed_at)],
            ],
          },
          { kind: 'p', text: s('registration.notSent') },
        ]
      : [{ kind: 'p', text: s('registration.none') }],
  });

  // ---- purposes, legal grounds, retention (from the processing register, grouped by purpose) ---------
  const byPurpose = new Map<string, { grounds: Set<string>; retentions: Set<string> }>();
  for (const entry of PERSON_REGISTER) {
    const group = byPurpose.get(entry.purpose) ?? { grounds: new Set(), retentions: new Set() };
    group.grounds.add(entry.legalGround);
    group.retentions.add(entry.retention);
    byPurpose.set(entry.purpose, group);
  }
  const purposes: Block[] = [...byPurpose].flatMap(([purpose, g]): Block[] => [
    { kind: 'h3', text: s(`purpose.${purpose}`) },
    {
      kind: 'dl',
      items: [
        [s('purposes.ground'), [...g.grounds].map((x) => s(`basis.${x}`)).join(' ')],
        [
          s('purposes.retention'),
          [...g.retentions].map((x) => s(`retention.${x}`, { years: data.retentionYears })).join(' '),
        ],
      ],
    },
  ]);
  sections.push({
    id: 'purposes',
    heading: s('section.purposes'),
    blocks: [
      { kind: 'p', text: s('purposes.intro') },
      ...purposes,
      { kind: 'p', text: s('purposes.sharing') },
    ],
  });

  // ---- rights and complaints ----------------------------------------------------------------------
  sections.push({
    id: 'rights',
    heading: s('section.rights'),
    blocks: [
      { kind: 'p', text: s('rights.intro', { organisation: ownerName }) },
      {
        kind: 'ul',
        items: ['access', 'rectification', 'erasure', 'restriction', 'objection', 'withdraw'].map((r) =>
          s(`right.${r}`),
        ),
      },
    ],
  });
  sections.push({
    id: 'complaint',
    heading: s('section.complaint'),
    blocks: [
      { kind: 'p', text: s('complaint.authority', { authority: AUTHORITY_NAME }) },
      { kind: 'link', text: AUTHORITY_WEBSITE, href: `https://${AUTHORITY_WEBSITE}` },
      { kind: 'p', text: s('complaint.court') },
    ],
  });

  return {
    lang: locale,
    dir: localeInfo(locale).dir,
    title: s('title'),
    intro: [
      s('caseNumber', { reference: c.reference }),
      s('intro', { date: moment(data.exportedAt) }),
      s('handledBy', { organisation: ownerName }),
    ],
    sections,
  };
}

/** The document as plain lines (what the PDF shows; tests read it). */
export function documentLines(doc: SubjectAccessDocument): string[] {
  const lines = [doc.title, ...doc.intro];
  for (const section of doc.sections) {
    lines.push(section.heading);
    for (const b of section.blocks) {
      if (b.kind === 'p' || b.kind === 'h3') lines.push(b.text);
      else if (b.kind === 'link') lines.push(b.text);
      else if (b.kind === 'ul') lines.push(...b.items);
      else lines.push(...b.items.map(([k, v]) => `${k}: ${v}`));
    }
  }
  return lines;
}
