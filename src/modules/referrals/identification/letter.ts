// The outcome letter of an identification decision, written for the person in their language (any of the 11;
// Arabic right to left): what was decided, when and by which organisation, why, what it means, and how to ask
// for reconsideration. The same document shape as the subject-access export, so the same tagged PDF renders it
// (export-pdf.ts). No internal key, UUID or code appears: the type is said by its name.
import type { Translate } from '../../../platform/i18n/index.js';
import { localeInfo } from '../../../platform/i18n/index.js';
import { formatCalendarDate } from '../../../platform/time/index.js';
import { localDate } from '../model.js';
import type { SubjectAccessDocument } from '../subject-access.js';
import type { DecisionLetter } from './service.js';
import { typeName } from './words.js';

export function decisionLetterDocument(
  letter: DecisionLetter,
  t: Translate,
  lang: string,
): SubjectAccessDocument {
  const s = (key: string, params?: Record<string, string | number>) =>
    t(`referrals.identification.letter.${key}`, params);
  const day = formatCalendarDate(localDate(letter.decidedAt), lang);
  const name = typeName(t, letter.type);
  const about = letter.reconsideredType ? typeName(t, letter.reconsideredType) : name;
  return {
    lang,
    dir: localeInfo(lang).dir,
    title: s('title'),
    intro: [
      s('caseNumber', { reference: letter.reference }),
      s('intro', { date: day, organisation: letter.organisation }),
    ],
    sections: [
      {
        id: 'decision',
        heading: s('decision'),
        blocks: [
          {
            kind: 'dl',
            items: [
              [s('question'), letter.reconsideredType ? s('reconsiderationOf', { decision: about }) : name],
              [s('outcome'), s(`outcome.${letter.outcome}`)],
              [s('date'), day],
            ],
          },
          { kind: 'p', text: s(`means.${letter.outcome}`) },
        ],
      },
      {
        id: 'reasons',
        heading: s('reasons'),
        blocks: [{ kind: 'p', text: letter.reasons || s('noReasons') }],
      },
      {
        id: 'next',
        heading: s('next'),
        blocks: [
          {
            kind: 'p',
            text: letter.reconsiderable ? s('reconsider') : s('questions'),
          },
          { kind: 'p', text: s('help') },
        ],
      },
    ],
  };
}
