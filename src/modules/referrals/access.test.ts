// The authorisation matrix, property-based: for every role × relation to a case (owner, origin, referred with or
// without personal data, placement, break-the-glass grant, other organisation or region), exactly who may read,
// see the person, manage and answer. The oracle below is the rule written out independently of access.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../platform/auth/index.js';
import { caseAccess, type CaseScope } from './access.js';

const TEAMS = ['team-a', 'team-b', 'team-c'];
const MANAGERS: Role[] = ['nrm_coordinator', 'nrm_regional_lead', 'nrm_national'];

const scopeArb: fc.Arbitrary<CaseScope> = fc.record({
  ownerTeamId: fc.constantFrom(...TEAMS),
  originTeamId: fc.constantFrom(...TEAMS),
  referrals: fc.array(
    fc.record({
      teamId: fc.constantFrom(...TEAMS),
      sharesPersonalData: fc.boolean(),
      kind: fc.constantFrom('refer' as const, 'transfer' as const),
      status: fc.constantFrom('pending', 'accepted', 'declined', 'withdrawn'),
    }),
    { maxLength: 3 },
  ),
  placements: fc.array(fc.record({ teamId: fc.constantFrom(...TEAMS), sharesPersonalData: fc.boolean() }), {
    maxLength: 2,
  }),
  grant: fc.boolean(),
  handedOver: fc.boolean(),
});
const viewerArb = fc.record({
  userId: fc.constant('u1'),
  role: fc.constantFrom(...ROLES),
  teamId: fc.option(fc.constantFrom(...TEAMS, 'team-elsewhere'), { nil: null }),
});

function oracle(role: Role, team: string | null, s: CaseScope) {
  const activeReferral = s.referrals.find(
    (r) => r.teamId === team && (r.status === 'pending' || r.status === 'accepted'),
  );
  const placement = s.placements.find((p) => p.teamId === team);
  if (!team) return { read: false, person: false, manage: false };
  if (MANAGERS.includes(role)) {
    if (s.ownerTeamId === team) return { read: true, person: true, manage: true };
    if (activeReferral) return { read: true, person: activeReferral.sharesPersonalData, manage: false };
    if (s.grant) return { read: true, person: true, manage: false };
    return { read: false, person: false, manage: false };
  }
  if (role === 'nrm_shelter') {
    if (!placement && !activeReferral) return { read: false, person: false, manage: false };
    return {
      read: true,
      person: Boolean(placement?.sharesPersonalData || activeReferral?.sharesPersonalData),
      manage: false,
    };
  }
  if (role === 'nrm_professional') {
    // Before handover the professional's own signal in full; after it, a referral to their team decides, else
    // the stage only (read, no person).
    if (s.originTeamId === team && !s.handedOver) return { read: true, person: true, manage: false };
    if (activeReferral) return { read: true, person: activeReferral.sharesPersonalData, manage: false };
    if (s.originTeamId === team) return { read: true, person: false, manage: false };
    return { read: false, person: false, manage: false };
  }
  return { read: false, person: false, manage: false };
}

describe('case access: the authorisation matrix', () => {
  it('matches the written-out rule for every role and relation to the case', () => {
    fc.assert(
      fc.property(viewerArb, scopeArb, (viewer, scope) => {
        const got = caseAccess(viewer, scope);
        const want = oracle(viewer.role, viewer.teamId, scope);
        expect({ read: got.read, person: got.person, manage: got.manage }).toEqual(want);
      }),
      { numRuns: 3000 },
    );
  });

  it('never lets the privacy officer, the administrator or a steward read case content, whatever the case', () => {
    fc.assert(
      fc.property(
        scopeArb,
        fc.constantFrom<Role>('privacy_officer', 'admin', 'directory_steward'),
        fc.option(fc.constantFrom(...TEAMS), { nil: null }),
        (scope, role, teamId) => {
          const got = caseAccess({ userId: 'u', role, teamId }, scope);
          expect(got.read || got.person || got.manage).toBe(false);
        },
      ),
    );
  });

  it('never shows the person without read access, and manage only to the owner team', () => {
    fc.assert(
      fc.property(viewerArb, scopeArb, (viewer, scope) => {
        const got = caseAccess(viewer, scope);
        if (got.person || got.manage || got.respondPlacement || got.respondReferral)
          expect(got.read).toBe(true);
        if (got.manage) expect(scope.ownerTeamId).toBe(viewer.teamId);
      }),
    );
  });

  it('gives a declined or withdrawn referral no access at all', () => {
    const scope: CaseScope = {
      ownerTeamId: 'team-a',
      originTeamId: 'team-a',
      referrals: [{ teamId: 'team-b', sharesPersonalData: true, kind: 'refer', status: 'withdrawn' }],
      placements: [],
      grant: false,
      handedOver: false,
    };
    for (const role of ROLES)
      expect(caseAccess({ userId: 'u', role, teamId: 'team-b' }, scope).read).toBe(false);
  });

  it('gives the professional who raised a handed-over signal the stage only, never the person', () => {
    fc.assert(
      fc.property(scopeArb, (scope) => {
        const handed = { ...scope, handedOver: true, originTeamId: 'team-c', referrals: [] };
        const got = caseAccess({ userId: 'u', role: 'nrm_professional', teamId: 'team-c' }, handed);
        expect(got).toMatchObject({ read: true, person: false, manage: false, statusOnly: true });
      }),
    );
  });
});
