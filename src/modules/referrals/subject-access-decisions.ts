// The export's section on the identification decisions and the support track (issue 20): every decision about the
// person (what, the outcome that stands, when, by whom as role and organisation, the reasons as written), a
// reconsideration asked, the recovery period, the report to the police, the B8 application and the legal aid,
// in words from `referrals.sar.*` and the decision types' names (`referrals.identification.type.*`).
import type { Translate } from '../../platform/i18n/index.js';
import { typeName } from './identification/words.js';
import type { Block, Section } from './subject-access-blocks.js';
import type { SectionHelpers } from './subject-access-consent.js';

export interface ExportedDecisions {
  decisions: {
    id: string;
    type: { code: string; name: string };
    reconsidersId: string | null;
    requestedAt: Date | null;
    outcome: string | null;
    standing: string | null;
    decidedAt: Date | null;
    decidedBy: string | null;
    teamId: string | null;
    reasons: string | null;
  }[];
  support: {
    recoveryStartsOn: string | null;
    recoveryEndsOn: string | null;
    aangifte: string | null;
    aangifteOn: string | null;
    aangiftePlace: string | null;
    b8AppliedOn: string | null;
    b8Outcome: string | null;
    b8DecidedOn: string | null;
    legalAidOn: string | null;
    legalAid: string | null;
  } | null;
}

export function decisionsSection(
  data: ExportedDecisions,
  h: SectionHelpers & {
    t: Translate;
    day: (iso: unknown) => string;
    who: (userId: string | null, teamName?: string | null) => string;
  },
): Section {
  const { s, word, moment, team, text, day, who } = h;
  const nameOf = (d: ExportedDecisions['decisions'][number]) => {
    const reconsidered = data.decisions.find((x) => x.id === d.reconsidersId);
    return reconsidered
      ? s('decisions.reconsiderationOf', { decision: typeName(h.t, reconsidered.type) })
      : typeName(h.t, d.type);
  };
  const decisions: Block[] = data.decisions.flatMap((d): Block[] => [
    { kind: 'h3', text: nameOf(d) },
    {
      kind: 'dl',
      items: [
        ...(d.requestedAt ? ([[s('decisions.asked'), moment(d.requestedAt)]] as [string, string][]) : []),
        [s('decisions.outcome'), d.outcome ? word('outcome', d.outcome) : s('decisions.waiting')],
        ...(d.outcome
          ? ([
              [s('decisions.decided'), moment(d.decidedAt)],
              [s('decisions.by'), who(d.decidedBy, d.teamId ? team(d.teamId) : null)],
              [s('decisions.reasons'), text(d.reasons)],
            ] as [string, string][])
          : []),
        ...(d.standing && d.standing !== d.outcome
          ? ([[s('decisions.standing'), word('outcome', d.standing)]] as [string, string][])
          : []),
      ],
    },
  ]);
  const sp = data.support;
  const support: Block[] = sp
    ? [
        {
          kind: 'dl',
          items: [
            [
              s('support.recovery'),
              sp.recoveryEndsOn
                ? s('support.recoveryRuns', { start: day(sp.recoveryStartsOn), end: day(sp.recoveryEndsOn) })
                : s('notRecorded'),
            ],
            [s('support.aangifte'), sp.aangifte ? word('aangifte', sp.aangifte) : s('notRecorded')],
            [s('support.aangifteOn'), day(sp.aangifteOn)],
            [s('support.aangiftePlace'), text(sp.aangiftePlace)],
            [s('support.b8Applied'), day(sp.b8AppliedOn)],
            [s('support.b8Outcome'), sp.b8Outcome ? word('b8', sp.b8Outcome) : s('notRecorded')],
            [s('support.b8DecidedOn'), day(sp.b8DecidedOn)],
            [s('support.legalAid'), day(sp.legalAidOn)],
            [s('support.lawyer'), text(sp.legalAid)],
          ],
        },
      ]
    : [];
  return {
    id: 'decisions',
    heading: s('section.decisions'),
    blocks: [
      { kind: 'p', text: s('decisions.intro') },
      ...(decisions.length ? decisions : [{ kind: 'p' as const, text: s('decisions.none') }]),
      ...support,
    ],
  };
}
