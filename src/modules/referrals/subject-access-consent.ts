// The export's consent section (issue 18 point 7): every consent the person gave or refused, per organisation and
// purpose, how it was given, when, whether and when it was withdrawn, and the note written with the withdrawal
// (opened). In words from `referrals.sar.*`; subject-access.ts places it after the referrals.
import type { ExportedConsent } from './consent-service.js';
import type { Block, Section } from './subject-access-blocks.js';

/** The words and formats of the document being written (subject-access.ts makes them for one language). */
export interface SectionHelpers {
  s: (key: string, params?: Record<string, string | number>) => string;
  word: (prefix: string, code: string) => string;
  moment: (d: unknown) => string;
  team: (id: unknown) => string;
  text: (v: unknown) => string;
}

export function consentSection(consents: readonly ExportedConsent[], h: SectionHelpers): Section {
  const { s, word, moment, team, text } = h;
  return {
    id: 'consents',
    heading: s('section.consents'),
    blocks: consents.length
      ? [
          { kind: 'p', text: s('consents.intro') },
          ...consents.flatMap((c, i): Block[] => [
            { kind: 'h3', text: s('consents.heading', { number: i + 1 }) },
            {
              kind: 'dl',
              items: [
                [s('consents.organisation'), team(c.teamId)],
                [s('consents.purpose'), word('service', c.purpose)],
                [s('consents.answer'), word('consentAnswer', c.answer)],
                [s('consents.method'), word('consentMethod', c.method)],
                [s('consents.recorded'), moment(c.recordedAt)],
                [s('consents.withdrawn'), c.withdrawnAt ? moment(c.withdrawnAt) : s('consents.notWithdrawn')],
                ...(c.withdrawnAt
                  ? ([[s('consents.note'), text(c.withdrawalNote)]] as [string, string][])
                  : []),
              ],
            },
          ]),
        ]
      : [{ kind: 'p', text: s('consents.none') }],
  };
}
