// The queries behind the HTCDS exchange (issue 20, point 7): per case what has been decided and by which kind of
// organisation, the case's status and closing reason, its teams (owner, origin, the first referral's receiver),
// the consent on the signal form; and, for an export under a data-sharing agreement, the sealed date of birth.
import type { Db } from '../repository.js';

export interface ExchangeCaseRow {
  id: string;
  status: string;
  closed_reason: string | null;
  consent: string;
  owner_team: string;
  origin_team: string;
}

export interface ExchangeDecisionRow {
  id: string;
  case_id: string;
  type_code: string;
  reconsiders_id: string | null;
  outcome: string | null;
  decided_at: Date | null;
  decided_org_type: string | null;
}

export interface ExchangeReferralRow {
  case_id: string;
  to_team: string;
  created_at: Date;
}

export async function exchangeFacts(db: Db) {
  const [cases, decisions, types, referrals] = await Promise.all([
    db
      .selectFrom('nrm_case as c')
      .innerJoin('nrm_team as o', 'o.id', 'c.owner_team_id')
      .innerJoin('nrm_team as f', 'f.id', 'c.origin_team_id')
      .select([
        'c.id',
        'c.status',
        'c.closed_reason',
        'c.consent',
        'o.name as owner_team',
        'f.name as origin_team',
      ])
      .execute() as Promise<ExchangeCaseRow[]>,
    db
      .selectFrom('nrm_decision as d')
      .leftJoin('nrm_team as t', 't.id', 'd.decided_team_id')
      .select([
        'd.id',
        'd.case_id',
        'd.type_code',
        'd.reconsiders_id',
        'd.outcome',
        'd.decided_at',
        't.organisation_type as decided_org_type',
      ])
      .execute() as Promise<ExchangeDecisionRow[]>,
    db.selectFrom('nrm_decision_type').select(['code', 'after_code']).execute(),
    // Every referral to another team except the coordination's own (those carry no personal data and are not a
    // referral of the person to a service), oldest first: the first one is HTCDS's outgoing referral.
    db
      .selectFrom('nrm_referral as r')
      .innerJoin('nrm_team as t', 't.id', 'r.to_team_id')
      .select(['r.case_id', 't.name as to_team', 'r.created_at'])
      .where('r.service_type', '!=', 'coordination')
      .orderBy('r.created_at')
      .execute() as Promise<ExchangeReferralRow[]>,
  ]);
  return { cases, decisions, types, referrals };
}

/** The sealed dates of birth of the given cases (still sealed: the service opens them and audits it). */
export async function sealedBirthdates(db: Db, caseIds: readonly string[]) {
  if (caseIds.length === 0) return [];
  return db
    .selectFrom('nrm_person')
    .select(['case_id', 'date_of_birth_enc'])
    .where('case_id', 'in', caseIds)
    .where('date_of_birth_enc', 'is not', null)
    .execute();
}

/** The police units' names by code, so the exchange names a region instead of giving its code. */
export async function regionNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('police_unit').select(['code', 'name']).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** Every case id (the pseudonyms are keyed hashes of them: the service matches them). */
export async function caseIds(db: Db): Promise<string[]> {
  return (await db.selectFrom('nrm_case').select('id').execute()).map((r) => r.id);
}
