// No signal without a reader: a signal, referral, placement request or escalation goes only to a team with an
// active member in the role that must act on it, else to the next level (the region's lead, then CoMensha's
// national coordination). Pure choices over the teams and who is in them; the service reads both and acts.
import type { TeamKind } from './model.js';

export interface RoutableTeam {
  id: string;
  kind: string;
  name: string;
}

/** Roles that act on what arrives at a team of each kind (answer a referral, own a signal, answer a request). */
export const ACTING_ROLES: Record<TeamKind, readonly string[]> = {
  care_coordination: ['nrm_coordinator', 'nrm_regional_lead'],
  national: ['nrm_national', 'nrm_coordinator', 'nrm_regional_lead'],
  shelter: ['nrm_shelter'],
  first_line: ['nrm_professional'],
};
/** Who an overdue signal is escalated to: a regional lead; at CoMensha, its national coordinators. */
export const LEAD_ROLES = ['nrm_regional_lead'] as const;
export const NATIONAL_ROLES = ['nrm_national'] as const;

export type ActiveRoles = Map<string, Set<string>>;

/** Whether the team has an active member in one of the roles (by default: the roles that act for its kind). */
export function canAct(active: ActiveRoles, team: RoutableTeam, roles?: readonly string[]): boolean {
  const present = active.get(team.id);
  if (!present) return false;
  return (roles ?? ACTING_ROLES[team.kind as TeamKind] ?? []).some((r) => present.has(r));
}

/**
 * Who receives a signal: of the covering coordinations (in routing order), those with someone to act; where
 * none has, CoMensha's national coordination (R13), when someone works there. Empty: nobody at all.
 */
export function signalReceivers<T extends RoutableTeam>(
  covering: readonly T[],
  all: readonly T[],
  active: ActiveRoles,
): { teams: T[]; level: 'region' | 'national' } {
  const regional = covering.filter((t) => t.kind !== 'national' && canAct(active, t));
  if (regional.length > 0) return { teams: regional, level: 'region' };
  return {
    teams: all.filter((t) => t.kind === 'national' && canAct(active, t)).slice(0, 1),
    level: 'national',
  };
}

export interface EscalationTarget {
  team: RoutableTeam;
  roles: readonly string[];
  /** owner: the owner's own lead; region: a lead of another coordination covering the place; national: CoMensha. */
  level: 'owner' | 'region' | 'national';
}

/**
 * Where an overdue signal is escalated: the owner team's regional lead; else a lead of another coordination
 * covering the municipality; else CoMensha's national coordinators. Undefined when nobody is there at all.
 */
export function escalationTarget(
  owner: RoutableTeam,
  covering: readonly RoutableTeam[],
  all: readonly RoutableTeam[],
  active: ActiveRoles,
): EscalationTarget | undefined {
  if (canAct(active, owner, LEAD_ROLES)) return { team: owner, roles: LEAD_ROLES, level: 'owner' };
  const other = covering.find(
    (t) => t.id !== owner.id && t.kind === 'care_coordination' && canAct(active, t, LEAD_ROLES),
  );
  if (other) return { team: other, roles: LEAD_ROLES, level: 'region' };
  const national = all.find((t) => t.kind === 'national' && canAct(active, t, NATIONAL_ROLES));
  if (national) return { team: national, roles: NATIONAL_ROLES, level: 'national' };
  return undefined;
}

export interface Forwarding<T extends RoutableTeam = RoutableTeam> {
  team: T;
  /** meant: the team chosen; region: a lead of a coordination covering the case's place; national: CoMensha. */
  level: 'meant' | 'region' | 'national';
}

/**
 * Who receives a referral or placement request meant for a team: that team when someone there can act on it;
 * else the next level: for a care coordination, a coordination covering the case's municipality with an active
 * regional lead; then (and at once for a shelter or first-line team: CoMensha coordinates shelter placement
 * nationally) CoMensha's national coordination. Never the sender's own team; undefined when nobody is left.
 */
export function forwardReceiver<T extends RoutableTeam>(
  meant: T,
  covering: readonly T[],
  all: readonly T[],
  active: ActiveRoles,
  senderTeamId: string | null,
): Forwarding<T> | undefined {
  if (canAct(active, meant)) return { team: meant, level: 'meant' };
  if (meant.kind === 'care_coordination') {
    const lead = covering.find(
      (t) =>
        t.id !== meant.id &&
        t.id !== senderTeamId &&
        t.kind === 'care_coordination' &&
        canAct(active, t, LEAD_ROLES),
    );
    if (lead) return { team: lead, level: 'region' };
  }
  const national = all.find(
    (t) => t.kind === 'national' && t.id !== meant.id && t.id !== senderTeamId && canAct(active, t),
  );
  return national ? { team: national, level: 'national' } : undefined;
}

/** One finding of the route check, in words through the message catalogue (key and parameters). */
export interface RouteFinding {
  /** nobody: something would reach no one; fallback: it reaches the next level instead. */
  severity: 'nobody' | 'fallback';
  key: string;
  params: Record<string, string | number>;
}

/**
 * Every route that would reach nobody, or only the next level: teams where nobody can act, municipalities whose
 * signals fall back to CoMensha or reach no one, coordinations whose overdue signals have no lead to go to.
 */
export function routeFindings(o: {
  municipalities: { name: string; covering: RoutableTeam[] }[];
  teams: readonly RoutableTeam[];
  active: ActiveRoles;
  kindName: (kind: string) => string;
}): RouteFinding[] {
  const findings: RouteFinding[] = [];
  for (const team of o.teams)
    if (!canAct(o.active, team))
      findings.push({
        severity: team.kind === 'national' ? 'nobody' : 'fallback',
        key: 'referrals.check.teamNobody',
        params: { team: team.name, kind: o.kindName(team.kind) },
      });
  // Municipalities grouped by the team their signals were meant for.
  const groups = new Map<string, { meant: string; receiver: string | undefined; names: string[] }>();
  for (const m of o.municipalities) {
    const { teams, level } = signalReceivers(m.covering, o.teams, o.active);
    const meantFor = m.covering.filter((t) => t.kind !== 'national');
    if (level === 'region' && teams.length > 0) continue;
    if (level === 'national' && teams.length > 0 && meantFor.length === 0) continue; // R13: CoMensha is the route
    const meant = meantFor.map((t) => t.name).join(', ') || 'CoMensha';
    const receiver = teams[0]?.name;
    const key = `${meant}|${receiver ?? ''}`;
    const group = groups.get(key) ?? { meant, receiver, names: [] };
    group.names.push(m.name);
    groups.set(key, group);
  }
  for (const g of groups.values())
    findings.push(
      g.receiver
        ? {
            severity: 'fallback',
            key: 'referrals.check.signalFallback',
            params: {
              count: g.names.length,
              municipalities: g.names.join(', '),
              team: g.meant,
              receiver: g.receiver,
            },
          }
        : {
            severity: 'nobody',
            key: 'referrals.check.signalNobody',
            params: { count: g.names.length, municipalities: g.names.join(', ') },
          },
    );
  for (const team of o.teams) {
    if ((team.kind !== 'care_coordination' && team.kind !== 'national') || !canAct(o.active, team)) continue;
    const target = escalationTarget(team, [], o.teams, o.active);
    if (!target)
      findings.push({
        severity: 'nobody',
        key: 'referrals.check.escalationNobody',
        params: { team: team.name },
      });
    else if (target.level !== 'owner' && team.kind !== 'national')
      findings.push({
        severity: 'fallback',
        key: 'referrals.check.escalationFallback',
        params: { team: team.name, receiver: target.team.name },
      });
    else if (target.level !== 'owner')
      findings.push({
        severity: 'fallback',
        key: 'referrals.check.escalationNational',
        params: { team: team.name },
      });
  }
  return findings;
}
