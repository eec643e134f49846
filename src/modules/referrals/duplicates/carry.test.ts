// The merge's carry-over rules (carry.ts) as pure rules: which of the merged case's decisions move (type by type,
// with their reconsiderations), which stay with it, and which support facts fill the continuing case's empty ones.
import { describe, expect, it } from 'vitest';
import type { Decision, DecisionType } from '../identification/steps.js';
import type { SupportRow } from '../support/repository.js';
import { carryPlan, standingOf, type CarryFacts } from './carry.js';

const type = (code: string, position: number, o: Partial<DecisionType> = {}): DecisionType => ({
  code,
  position,
  name: code,
  decider_roles: ['nrm_national'],
  deadline_working_days: 5,
  after_code: null,
  reconsiders: false,
  active: true,
  ...o,
});
const TYPES = [
  type('heroverweging', 3, { reconsiders: true }),
  type('slachtoffer', 2, { after_code: 'vermoedelijk_slachtoffer' }),
  type('vermoedelijk_slachtoffer', 1),
];
const DAY = new Date('2026-03-02T09:00:00Z');

let n = 0;
const decision = (typeCode: string, outcome: string | null, o: Partial<Decision> = {}): Decision => ({
  id: `d${++n}`,
  type_code: typeCode,
  reconsiders_id: null,
  requested_at: null,
  due_at: DAY,
  outcome,
  decided_at: outcome ? DAY : null,
  decided_by: null,
  decided_team_id: null,
  ...o,
});
const EMPTY: SupportRow = {
  case_id: 'c',
  recovery_starts_on: null,
  recovery_ends_on: null,
  recovery_warned_at: null,
  aangifte: null,
  aangifte_on: null,
  aangifte_place_enc: null,
  b8_applied_on: null,
  b8_outcome: null,
  b8_decided_on: null,
  legal_aid_on: null,
  legal_aid_enc: null,
  updated_at: DAY,
  updated_by: null,
};
const facts = (o: Partial<CarryFacts> = {}): CarryFacts => ({
  decisions: [],
  support: undefined,
  reflectionEndsOn: null,
  ...o,
});

describe('carryPlan: decisions', () => {
  it('moves a type the continuing case lacks, so the next type becomes due there', () => {
    const presumed = decision('vermoedelijk_slachtoffer', 'positive');
    const plan = carryPlan(TYPES, facts(), facts({ decisions: [presumed] }));
    expect(plan.moved).toEqual([presumed]);
    expect(plan.movedIds).toEqual([presumed.id]);
    expect(plan.kept).toEqual([]);
  });

  it('keeps the continuing case’s decision of a type both have, and what followed the other one', () => {
    const ours = decision('vermoedelijk_slachtoffer', 'negative');
    const theirs = decision('vermoedelijk_slachtoffer', 'positive');
    const conclusive = decision('slachtoffer', 'positive');
    const plan = carryPlan(TYPES, facts({ decisions: [ours] }), facts({ decisions: [conclusive, theirs] }));
    expect(plan.moved).toEqual([]);
    expect(plan.kept).toEqual([theirs, conclusive]);
  });

  it('moves a following type when the step before stands positive on the continuing case', () => {
    const ours = decision('vermoedelijk_slachtoffer', 'positive');
    const theirs = decision('vermoedelijk_slachtoffer', 'positive');
    const conclusive = decision('slachtoffer', 'negative');
    const plan = carryPlan(TYPES, facts({ decisions: [ours] }), facts({ decisions: [theirs, conclusive] }));
    expect(plan.moved).toEqual([conclusive]);
    expect(plan.kept).toEqual([theirs]);
  });

  it('counts a reconsideration that turned the step before positive', () => {
    const ours = decision('vermoedelijk_slachtoffer', 'negative');
    const again = decision('heroverweging', 'positive', { reconsiders_id: ours.id, requested_at: DAY });
    const conclusive = decision('slachtoffer', 'positive');
    const plan = carryPlan(TYPES, facts({ decisions: [ours, again] }), facts({ decisions: [conclusive] }));
    expect(plan.moved).toEqual([conclusive]);
  });

  it('moves a decision with its reconsideration, waiting or decided, and both along a chain', () => {
    const presumed = decision('vermoedelijk_slachtoffer', 'negative');
    const waiting = decision('heroverweging', null, { reconsiders_id: presumed.id, requested_at: DAY });
    const plan = carryPlan(TYPES, facts(), facts({ decisions: [waiting, presumed] }));
    expect(plan.moved).toEqual([presumed]);
    expect(plan.movedIds).toEqual([waiting.id, presumed.id]);
    // Reconsidered positive on the merged case: the conclusive decision that followed moves too.
    const first = decision('vermoedelijk_slachtoffer', 'negative');
    const turned = decision('heroverweging', 'positive', { reconsiders_id: first.id, requested_at: DAY });
    const conclusive = decision('slachtoffer', 'positive');
    const chain = carryPlan(TYPES, facts(), facts({ decisions: [first, turned, conclusive] }));
    expect(chain.movedIds).toEqual([first.id, turned.id, conclusive.id]);
  });

  it('moves a decision of a type no longer active (what was decided stays a fact)', () => {
    const types = TYPES.map((t) => (t.code === 'vermoedelijk_slachtoffer' ? { ...t, active: false } : t));
    const presumed = decision('vermoedelijk_slachtoffer', 'positive');
    expect(carryPlan(types, facts(), facts({ decisions: [presumed] })).moved).toEqual([presumed]);
  });
});

describe('carryPlan: support facts', () => {
  it('fills only the facts the continuing case lacks, any field of a fact counting as holding it', () => {
    const merged = facts({
      reflectionEndsOn: '2026-05-29',
      support: {
        ...EMPTY,
        recovery_starts_on: '2026-03-01',
        recovery_ends_on: '2026-03-31',
        aangifte: 'yes',
        b8_applied_on: '2026-02-10',
        b8_outcome: 'granted',
        legal_aid_on: '2026-02-25',
      },
    });
    const keep = facts({ support: { ...EMPTY, aangifte: 'considering', b8_applied_on: '2026-02-27' } });
    expect(carryPlan(TYPES, keep, merged).facts).toEqual(['reflection', 'recovery', 'legal_aid']);
    expect(carryPlan(TYPES, merged, keep).facts).toEqual([]);
    expect(carryPlan(TYPES, facts(), merged).facts).toEqual([
      'reflection',
      'recovery',
      'aangifte',
      'b8',
      'legal_aid',
    ]);
  });
});

describe('standingOf', () => {
  it('says which periods run today, and each decision with its outcome or its deadline', () => {
    const presumed = decision('vermoedelijk_slachtoffer', 'positive');
    const s = standingOf(
      TYPES,
      facts({
        decisions: [presumed],
        reflectionEndsOn: '2026-03-01',
        support: { ...EMPTY, recovery_starts_on: '2026-03-01', recovery_ends_on: '2026-03-31' },
      }),
      '2026-03-02',
    );
    expect(s).toEqual({
      decisions: [{ type: TYPES[2], outcome: 'positive', at: DAY }],
      recoveryUntil: '2026-03-31',
      reflectionUntil: null,
    });
  });
});
