// The sender is told who received a referral or placement request that nobody at the chosen team could answer
// (issue 18 point 2; routing.ts passes it to the next level). Post, redirect, get: the redirect carries the two
// team keys, and the case page names both teams in words (an unknown key shows no notice rather than a guess).
import type { ForwardedTo } from '../core/context.js';
import type { ViewContext } from './common.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KINDS = ['forwarded_referral', 'forwarded_placement'] as const;

export interface ForwardedNotice {
  meant: string;
  to: string;
}

/** Where to go after a referral or placement request: the case with the forwarding notice, when it was passed on. */
export function forwardedTo(caseHref: string, result: unknown): string | undefined {
  const f = (result as { forwarded?: ForwardedTo | null } | undefined)?.forwarded;
  if (!f) return undefined;
  const q = new URLSearchParams({ done: `forwarded_${f.kind}`, meant: f.meant, to: f.to });
  return `${caseHref}?${q.toString()}`;
}

/** The forwarding named in the case page's query, when it is well formed. */
export function forwardedNotice(query: unknown): { forwarded?: ForwardedNotice } {
  const q = (query ?? {}) as Record<string, unknown>;
  const { meant, to } = q;
  if (typeof meant !== 'string' || typeof to !== 'string' || !UUID.test(meant) || !UUID.test(to)) return {};
  return { forwarded: { meant, to } };
}

/** The notice's text: a forwarding names both teams; other notices are their message. */
export function noticeText(
  ctx: ViewContext,
  notice: string,
  forwarded: ForwardedNotice | undefined,
  teams: readonly { id: string; name: string }[],
): string {
  if (!(KINDS as readonly string[]).includes(notice)) return ctx.t(`referrals.notice.${notice}`);
  const team = teams.find((x) => x.id === forwarded?.meant)?.name;
  const receiver = teams.find((x) => x.id === forwarded?.to)?.name;
  if (!team || !receiver) return '';
  return ctx.t(`referrals.notice.${notice}`, { team, receiver });
}
