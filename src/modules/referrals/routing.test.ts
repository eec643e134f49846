// Who receives a referral or placement request meant for a team nobody there can act for (routing.ts): the team
// itself when someone can; else a regional lead of another coordination covering the case's place; else
// CoMensha; never the sender's own team; nobody when no one is left.
import { describe, expect, it } from 'vitest';
import { forwardReceiver, type ActiveRoles } from './routing.js';

const team = (id: string, kind: string) => ({ id, kind, name: id });
const rotterdam = team('rotterdam', 'care_coordination');
const rijnmond = team('rijnmond', 'care_coordination');
const amsterdam = team('amsterdam', 'care_coordination');
const comensha = team('comensha', 'national');
const shelter = team('shelter', 'shelter');
const all = [rotterdam, rijnmond, amsterdam, comensha, shelter];
const active = (entries: [string, string[]][]): ActiveRoles =>
  new Map(entries.map(([id, roles]) => [id, new Set(roles)]));

describe('forwarding to the next level', () => {
  it('keeps the team chosen when someone there can act', () => {
    const roles = active([['shelter', ['nrm_shelter']]]);
    expect(forwardReceiver(shelter, [], all, roles, 'amsterdam')).toEqual({ team: shelter, level: 'meant' });
  });

  it('passes a coordination nobody can answer to a regional lead covering the place, else CoMensha', () => {
    const roles = active([
      ['rijnmond', ['nrm_regional_lead']],
      ['comensha', ['nrm_national']],
    ]);
    expect(forwardReceiver(rotterdam, [rotterdam, rijnmond], all, roles, 'amsterdam')).toEqual({
      team: rijnmond,
      level: 'region',
    });
    // A coordination with a coordinator but no lead is not "the region's lead".
    const noLead = active([
      ['rijnmond', ['nrm_coordinator']],
      ['comensha', ['nrm_national']],
    ]);
    expect(forwardReceiver(rotterdam, [rotterdam, rijnmond], all, noLead, 'amsterdam')).toEqual({
      team: comensha,
      level: 'national',
    });
  });

  it('passes a shelter nobody can answer straight to CoMensha (it coordinates shelter placement nationally)', () => {
    const roles = active([
      ['rijnmond', ['nrm_regional_lead']],
      ['comensha', ['nrm_national']],
      ['shelter', ['nrm_professional']],
    ]);
    expect(forwardReceiver(shelter, [rijnmond], all, roles, 'amsterdam')).toEqual({
      team: comensha,
      level: 'national',
    });
  });

  it('never forwards to the sender itself, and says nobody when no one is left', () => {
    const roles = active([['comensha', ['nrm_national']]]);
    expect(forwardReceiver(shelter, [], all, roles, 'comensha')).toBeUndefined();
    expect(forwardReceiver(shelter, [], all, active([]), 'amsterdam')).toBeUndefined();
    const ownLead = active([['amsterdam', ['nrm_regional_lead']]]);
    expect(forwardReceiver(rotterdam, [rotterdam, amsterdam], all, ownLead, 'amsterdam')).toBeUndefined();
  });
});
