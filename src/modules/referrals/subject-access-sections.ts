// The sections of the person's subject-access document (subject-access.ts puts them in order): about the
// person, what was reported, what happened, referrals and shelter places, emergency access and every access, the
// national registration, purposes and grounds from the processing register, rights and the complaint route. Each
// writes only through the document's words (subject-access-words.ts), so it says no code, key or staff name.
import { languagesInWords } from './languages.js';
import { translateOr } from '../../platform/i18n/index.js';
import { eventReasonInWords } from './event-reason.js';
import { PROCESSING_REGISTER } from './register.js';
import type { Block, Section } from './subject-access-blocks.js';
import type { SubjectAccessData } from './subject-access-data.js';
import type { DocumentWords } from './subject-access-words.js';

export const AUTHORITY_NAME = 'Autoriteit Persoonsgegevens';
export const AUTHORITY_WEBSITE = 'autoriteitpersoonsgegevens.nl';

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

export function personSection(p: SubjectAccessData['person'], h: DocumentWords): Section {
  const { s, text, day, locale } = h;
  return {
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
          [
            s('field.languages'),
            p?.languages ? languagesInWords(locale, p.languages, s('language.other')) : s('notRecorded'),
          ],
        ],
      },
    ],
  };
}

export function caseSection(c: SubjectAccessData['case'], h: DocumentWords): Section {
  const { s, word, words, team, place, text, moment, ageGroup, country, day } = h;
  const minorSource = typeof c.minor_source === 'string' ? c.minor_source : 'given';
  return {
    id: 'case',
    heading: s('section.case'),
    blocks: [
      {
        kind: 'dl',
        items: [
          [s('field.kind'), word('caseKind', String(c.kind))],
          [s('field.status'), word('status', String(c.status))],
          [s('field.reportedBy'), team(c.origin_team_id)],
          [s('field.handledBy'), team(c.owner_team_id)],
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
  };
}

export function timelineSection(events: SubjectAccessData['events'], h: DocumentWords): Section {
  const { s, t, word, moment, who, reasonWords } = h;
  return {
    id: 'timeline',
    heading: s('section.timeline'),
    blocks: events.length
      ? [
          {
            kind: 'ul',
            items: events.map((e) => {
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
  };
}

export function referralsSection(referrals: SubjectAccessData['referrals'], h: DocumentWords): Section {
  const { s, word, team, moment, text } = h;
  return {
    id: 'referrals',
    heading: s('section.referrals'),
    blocks: referrals.length
      ? referrals.flatMap((r, i): Block[] => [
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
  };
}

export function placementsSection(placements: SubjectAccessData['placements'], h: DocumentWords): Section {
  const { s, word, team, moment, text } = h;
  return {
    id: 'placements',
    heading: s('section.placements'),
    blocks: placements.length
      ? placements.flatMap((pl, i): Block[] => [
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
  };
}

export function emergencySection(grants: SubjectAccessData['grants'], h: DocumentWords): Section {
  const { s, moment, who } = h;
  return {
    id: 'emergency',
    heading: s('section.emergency'),
    blocks: [
      { kind: 'p', text: s('emergency.intro') },
      ...(grants.length
        ? [
            {
              kind: 'ul' as const,
              items: grants.map(
                (g) =>
                  `${s('emergency.item', { date: moment(g.grantedAt), who: who(g.userId), until: moment(g.expiresAt) })} ${s('emergency.reason', { reason: g.reason })} ${g.reviewedAt ? s('emergency.reviewed', { date: moment(g.reviewedAt) }) : s('emergency.notReviewed')}`,
              ),
            },
          ]
        : [{ kind: 'p' as const, text: s('emergency.none') }]),
    ],
  };
}

export function accessSection(
  data: Pick<SubjectAccessData, 'accesses' | 'listAppearances'>,
  h: DocumentWords,
): Section {
  const { s, moment, who, team } = h;
  return {
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
  };
}

export function registrationSection(reg: SubjectAccessData['registration'], h: DocumentWords): Section {
  const { s, word, words, day, moment, ageGroup, country, place } = h;
  return {
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
  };
}

export function purposesSection(retentionYears: number, h: DocumentWords): Section {
  const { s } = h;
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
          [...g.retentions].map((x) => s(`retention.${x}`, { years: retentionYears })).join(' '),
        ],
      ],
    },
  ]);
  return {
    id: 'purposes',
    heading: s('section.purposes'),
    blocks: [
      { kind: 'p', text: s('purposes.intro') },
      ...purposes,
      { kind: 'p', text: s('purposes.sharing') },
    ],
  };
}

export function rightsSection(ownerName: string, h: DocumentWords): Section {
  const { s } = h;
  return {
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
  };
}

export function complaintSection(h: DocumentWords): Section {
  const { s } = h;
  return {
    id: 'complaint',
    heading: s('section.complaint'),
    blocks: [
      { kind: 'p', text: s('complaint.authority', { authority: AUTHORITY_NAME }) },
      { kind: 'link', text: AUTHORITY_WEBSITE, href: `https://${AUTHORITY_WEBSITE}` },
      { kind: 'p', text: s('complaint.court') },
    ],
  };
}
