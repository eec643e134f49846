// What is decided, as HTCDS says it: the identification decisions become vic_TraffickingStatus and the kind of
// organisation that decided, the case's state cas_Status, the signal's consent con_Consent.
import { describe, expect, it } from 'vitest';
import {
  htcdsCaseStatus,
  htcdsClosureReason,
  htcdsConsent,
  htcdsOrgType,
  traffickingStatusOf,
} from './htcds.js';

const TYPES = [
  { code: 'vermoedelijk_slachtoffer', after_code: null },
  { code: 'slachtoffer', after_code: 'vermoedelijk_slachtoffer' },
  { code: 'heroverweging', after_code: null },
];
const at = (day: number) => new Date(Date.UTC(2026, 0, day, 10));
const decision = (o: {
  id: string;
  type: string;
  outcome: string | null;
  day?: number;
  org?: string | null;
  reconsiders?: string;
}) => ({
  id: o.id,
  type_code: o.type,
  reconsiders_id: o.reconsiders ?? null,
  outcome: o.outcome,
  decided_at: o.outcome ? at(o.day ?? 1) : null,
  decided_org_type: o.org ?? 'care_coordination',
});

describe('vic_TraffickingStatus from the identification decisions', () => {
  it('nothing decided: no status (nothing recorded that nobody decided)', () => {
    expect(traffickingStatusOf([], TYPES)).toEqual({ status: null, org: null });
    expect(
      traffickingStatusOf([decision({ id: 'a', type: 'vermoedelijk_slachtoffer', outcome: null })], TYPES),
    ).toEqual({
      status: null,
      org: null,
    });
  });

  it('reasonable grounds positive: a possible victim; conclusive grounds positive: an actual victim', () => {
    const first = decision({
      id: 'a',
      type: 'vermoedelijk_slachtoffer',
      outcome: 'positive',
      org: 'comensha',
    });
    expect(traffickingStatusOf([first], TYPES)).toEqual({
      status: 'PossibleVictimOfTrafficking',
      org: 'NGO',
    });
    const second = decision({ id: 'b', type: 'slachtoffer', outcome: 'positive', day: 20, org: 'police' });
    expect(traffickingStatusOf([second, first], TYPES)).toEqual({
      status: 'ActualVictimOfTrafficking',
      org: 'Police',
    });
  });

  it('a negative decision: not a victim; a reconsideration that turns it stands, with its own organisation', () => {
    const no = decision({ id: 'a', type: 'vermoedelijk_slachtoffer', outcome: 'negative' });
    expect(traffickingStatusOf([no], TYPES)).toEqual({ status: 'NotAVictimOfTrafficking', org: 'Other' });
    const again = decision({
      id: 'r',
      type: 'heroverweging',
      outcome: 'positive',
      day: 9,
      org: 'municipality',
      reconsiders: 'a',
    });
    expect(traffickingStatusOf([no, again], TYPES)).toEqual({
      status: 'PossibleVictimOfTrafficking',
      org: 'NonPoliceGovernmentalOrganization',
    });
    const conclusiveNo = decision({ id: 'b', type: 'slachtoffer', outcome: 'negative', day: 30 });
    expect(traffickingStatusOf([no, again, conclusiveNo], TYPES).status).toBe('NotAVictimOfTrafficking');
  });

  it('an unknown team kind decides as Other; no deciding team: no organisation', () => {
    const d = {
      ...decision({ id: 'a', type: 'vermoedelijk_slachtoffer', outcome: 'positive' }),
      decided_org_type: null,
    };
    expect(traffickingStatusOf([d], TYPES)).toEqual({ status: 'PossibleVictimOfTrafficking', org: null });
  });
});

describe('case status, closing reason, consent, organisation type', () => {
  it('maps every state of the case to cas_Status', () => {
    for (const s of ['received', 'triage', 'assessment', 'referral', 'placement'])
      expect(htcdsCaseStatus(s, null)).toBe('Active');
    expect(htcdsCaseStatus('follow_up', null)).toBe('FollowUp');
    expect(htcdsCaseStatus('closed', 'lost_contact')).toBe('Closed');
    expect(htcdsCaseStatus('closed', 'transferred_abroad')).toBe('ClosedReferred');
  });

  it('says a closing reason only for a closed case, from the fixed list', () => {
    expect(htcdsClosureReason('closed', 'placed_and_stable')).toBe('PlacedAndStable');
    expect(htcdsClosureReason('follow_up', 'placed_and_stable')).toBeNull();
    expect(htcdsClosureReason('closed', null)).toBeNull();
  });

  it('consent: yes true, no false, not asked nothing; org types without an HTCDS match: nothing', () => {
    expect([htcdsConsent('yes'), htcdsConsent('no'), htcdsConsent('not_asked')]).toEqual([true, false, null]);
    expect(htcdsOrgType('police')).toBe('LawEnforcement');
    expect(htcdsOrgType('youth_care')).toBeNull();
  });
});
