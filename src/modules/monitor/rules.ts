// What the plan, the pool and the inventory share: the roles, the guards that throw domain errors (the platform
// maps them to HTTP), the Dutch calendar day, and the dependencies every part of the service receives.
import type { Db as DbHandle, Root } from './plan/repository.js';
import type { AuditEntry } from '../../platform/audit/service.js';
import type { Role } from '../../platform/auth/index.js';
import { Forbidden, NotFound } from '../../platform/errors.js';
import { organisationOfUser } from './plan/repository.js';
import type { MonitorActor, Organisation } from './types.js';

/** Roles that run the programme: open, review and lock rounds, edit every action. */
export const TEAM_ROLES: readonly Role[] = ['programme_team', 'admin'];
/** Roles that may read the plan, the rounds and the annex. */
export const READ_ROLES: readonly Role[] = [
  'programme_team',
  'admin',
  'action_owner',
  'monitor_viewer',
  'pool_coordinator',
];
/** Roles of the expert pool: its coordinator and the organisations asking for experts. */
export const POOL_ROLES: readonly Role[] = ['pool_coordinator', 'requesting_organisation'];

export const isTeam = (role: Role) => TEAM_ROLES.includes(role);

/** Ids are UUIDs: anything else is not found, without asking the database. */
export const UUID = /^[0-9a-f-]{36}$/i;

// Rounds and deadlines are Dutch calendar days: "today" and date checks are the platform's one time module's.
export { amsterdamDate, isIsoDate as isValidDate } from '../../platform/time/index.js';

/** What every part of the monitor's service is built from. */
export interface Core {
  db: Root;
  clock: () => Date;
  audit: { record(entry: AuditEntry, trx?: DbHandle): Promise<void> };
  newId: () => string;
}

export function assertTeam(actor: MonitorActor): void {
  if (!isTeam(actor.role)) throw new Forbidden();
}

export function assertRole(actor: MonitorActor, roles: readonly Role[]): void {
  if (!roles.includes(actor.role)) throw new Forbidden();
}

/** 404 for an id that is not a UUID or names nothing. */
export function found<T>(value: T | undefined): T {
  if (value === undefined) throw new NotFound();
  return value;
}

/** Who works for which organisation, and the rule that owners change only their own organisation's actions. */
export function createOwnership(db: Root) {
  async function organisationOf(actor: MonitorActor): Promise<Organisation | undefined> {
    return organisationOfUser(db, actor.id);
  }
  async function assertCanEdit(actor: MonitorActor, ownerId: string): Promise<void> {
    if (isTeam(actor.role)) return;
    if (actor.role === 'action_owner') {
      const org = await organisationOf(actor);
      if (org && org.id === ownerId) return;
    }
    throw new Forbidden('monitor.error.notYourAction');
  }
  return { organisationOf, assertCanEdit };
}

export type Ownership = ReturnType<typeof createOwnership>;
