// The queries of the national registration (pseudonymised rows) and the bottleneck figures drawn from it.
import type { Db } from '../repository.js';

/** The latest registrations, newest signal first. */
export async function latestRegistrations(db: Db, limit: number) {
  return db.selectFrom('nrm_registration').selectAll().orderBy('signal_at', 'desc').limit(limit).execute();
}

/** Every registration, oldest signal first. */
export async function allRegistrations(db: Db) {
  return db.selectFrom('nrm_registration').selectAll().orderBy('signal_at').execute();
}

/** The step times of every registration, the region names, how many wait for a place, how many are overdue. */
export async function bottleneckFigures(db: Db, now: Date) {
  const [registrations, regions, waiting, overdue] = await Promise.all([
    db
      .selectFrom('nrm_registration')
      .select([
        'safety_region_code',
        'registered_on',
        'signal_at',
        'triage_at',
        'first_referral_at',
        'placement_at',
      ])
      .execute(),
    db.selectFrom('safety_region').select(['code', 'name']).execute(),
    // Waiting for a place: on the waiting list, or a request a shelter has not answered yet.
    db
      .selectFrom('nrm_placement')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', 'in', ['waiting', 'requested'])
      .executeTakeFirstOrThrow(),
    // Overdue signals only: an advice request (consult) is not a signal.
    db
      .selectFrom('nrm_case')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'signal')
      .where('status', '=', 'received')
      .where('triage_due_at', '<', now)
      .executeTakeFirstOrThrow(),
  ]);
  return { registrations, regions, waiting: Number(waiting.n), overdue: Number(overdue.n) };
}
