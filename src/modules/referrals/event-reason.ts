// A case event's reason as a person reads it. Some steps write their reason as codes followed by what was typed:
// a referral `care → <team>: <typed>`, a placement request `cosm → <shelter>: <typed>`, a closing
// `placed_and_stable: <typed>`, a consent change `no (minor)`, a reflection reminder `2026-03-01`, a merge's
// decision types or support facts carried over `vermoedelijk_slachtoffer, recovery`. Those rows are
// stored sealed (and older databases hold them too), so the codes are said in words where the reason is shown:
// the person's export (subject-access.ts) and the case page's timeline. Without this, a non-English export showed
// `care` as soon as the case had a referral (issue 18 point 7; subject-access.db.test.ts plants one early).
import { CLOSE_REASONS, CONSENTS, LEGAL_GROUNDS, SERVICE_TYPES, SHELTER_CATEGORIES } from './model.js';

/** The words for each kind of code a reason may start with, in the reader's language. */
export interface ReasonWords {
  service(code: string): string;
  category(code: string): string;
  close(code: string): string;
  consent(code: string): string;
  ground(code: string): string;
  day(iso: string): string;
  /** An identification decision's type (a merge's lines name the types carried over or not). */
  decisionType(code: string): string;
  /** A support fact a merge filled (duplicates/carry.ts). */
  supportFact(code: string): string;
}

const has = (codes: readonly string[], code: string | undefined) =>
  code !== undefined && (codes as readonly string[]).includes(code);

/** The leading code of `<code>[<rest>]` said in words, when `rest` starts as the writer wrote it. */
function leading(
  reason: string,
  codes: readonly string[],
  say: (code: string) => string,
  rest: RegExp,
): string | null {
  const m = /^([a-z_]+)([\s\S]*)$/.exec(reason);
  if (!m || !has(codes, m[1]) || !rest.test(m[2]!)) return null;
  return `${say(m[1]!)}${m[2]}`;
}

export function eventReasonInWords(kind: string, reason: string | null, w: ReasonWords): string | null {
  if (!reason) return reason;
  if (kind === 'refer' || kind === 'transfer')
    return leading(reason, SERVICE_TYPES, w.service, /^ → /) ?? reason;
  if (kind === 'placement_requested' || kind === 'waiting_list')
    return leading(reason, SHELTER_CATEGORIES, w.category, /^($| → |: )/) ?? reason;
  if (kind === 'transition' || kind === 'reopen')
    return leading(reason, CLOSE_REASONS, w.close, /^($|: )/) ?? reason;
  if (kind === 'consent') {
    const m = /^([a-z_]+)(?: \(([a-z_]+)\))?$/.exec(reason);
    if (m && has(CONSENTS, m[1]) && (m[2] === undefined || has(LEGAL_GROUNDS, m[2])))
      return m[2] ? `${w.consent(m[1]!)} (${w.ground(m[2])})` : w.consent(m[1]!);
    return reason;
  }
  if (kind === 'reflection_warning' && /^\d{4}-\d{2}-\d{2}$/.test(reason)) return w.day(reason);
  if (
    kind === 'merge_decisions_carried' ||
    kind === 'merge_decisions_kept' ||
    kind === 'merge_decisions_moved' ||
    kind === 'merge_support_filled'
  ) {
    const codes = reason.split(', ');
    if (!codes.every((c) => /^[a-z_]+$/.test(c))) return reason;
    const say = kind === 'merge_support_filled' ? w.supportFact : w.decisionType;
    return codes.map(say).join(', ');
  }
  return reason;
}
