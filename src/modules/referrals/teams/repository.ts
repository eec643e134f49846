// The queries of teams and memberships (administrator; no case content).
import type { Db, Tx } from '../repository.js';

/** Teams with their member count, by kind and name. */
export async function teamsWithMemberCount(db: Db) {
  return db
    .selectFrom('nrm_team as t')
    .leftJoin('nrm_member as m', 'm.team_id', 't.id')
    .select([
      't.id',
      't.kind',
      't.name',
      't.organisation_type',
      't.directory_service_id',
      't.email',
      (eb) => eb.fn.count<number>('m.user_id').as('members'),
    ])
    .groupBy('t.id')
    .orderBy('t.kind')
    .orderBy('t.name')
    .execute();
}

export async function insertTeam(
  trx: Tx,
  t: {
    id: string;
    kind: string;
    name: string;
    organisationType: string;
    directoryServiceId: string | null;
    email: string | null;
  },
): Promise<void> {
  await trx
    .insertInto('nrm_team')
    .values({
      id: t.id,
      kind: t.kind,
      name: t.name,
      organisation_type: t.organisationType,
      directory_service_id: t.directoryServiceId,
      email: t.email,
    })
    .execute();
}

/** An account by its e-mail address, with its role. */
export async function accountByEmail(db: Db, email: string) {
  return db.selectFrom('app_user').select(['id', 'role']).where('email', '=', email).executeTakeFirst();
}

/** Puts a user in a team (one team per user; moving replaces the old membership). */
export async function setMember(trx: Tx, userId: string, teamId: string): Promise<void> {
  await trx
    .insertInto('nrm_member')
    .values({ user_id: userId, team_id: teamId })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ team_id: teamId }))
    .execute();
}
