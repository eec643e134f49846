// Which services match the filters of the service lists (public, steward and API), and the counts the steward's
// overview shows.
import { sql } from 'kysely';
import type { Db } from './repository.js';
import type { ServiceFilter, ServiceStatus } from './types.js';

export async function countServices(db: Db): Promise<number> {
  const row = await db
    .selectFrom('service')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function countServicesByStatus(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('service')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** The areas that cover one municipality: the country, its police unit, its safety region and itself. */
export interface CoveringAreas {
  policeUnit: string;
  safetyRegion: string;
  municipality: string;
}

export interface SearchOptions extends Omit<ServiceFilter, 'municipality' | 'stale' | 'page' | 'perPage'> {
  coveredBy?: CoveringAreas;
  /** ISO date: with `stale`, a service is stale when assured_date is before it (or missing). */
  staleBefore?: string;
  stale?: boolean;
  limit: number;
  offset: number;
}

function escapeLike(q: string): string {
  return q.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** Ids of the services matching the filters, ordered by name, and the total count. */
export async function searchServiceIds(
  db: Db,
  options: SearchOptions,
): Promise<{ ids: string[]; total: number }> {
  let query = db.selectFrom('service as s').innerJoin('organization as o', 'o.id', 's.organization_id');
  const q = options.q?.trim();
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('s.name', 'ilike', pattern),
        eb('s.alternate_name', 'ilike', pattern),
        eb('s.description', 'ilike', pattern),
        eb('o.name', 'ilike', pattern),
      ]),
    );
  }
  for (const termId of options.taxonomyTermIds ?? []) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('attribute as a')
          .select(sql`1`.as('one'))
          .whereRef('a.link_id', '=', 's.id')
          .where('a.link_entity', '=', 'service')
          .where('a.taxonomy_term_id', '=', termId),
      ),
    );
  }
  if (options.statuses?.length) query = query.where('s.status', 'in', options.statuses);
  if (options.organizationId) query = query.where('s.organization_id', '=', options.organizationId);
  if (options.stale !== undefined && options.staleBefore) {
    const before = options.staleBefore;
    query = options.stale
      ? query.where((eb) => eb.or([eb('s.assured_date', 'is', null), eb('s.assured_date', '<', before)]))
      : query.where('s.assured_date', '>=', before);
  }
  const area = options.coveredBy;
  if (area) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('service_area as sa')
          .select(sql`1`.as('one'))
          .whereRef('sa.service_id', '=', 's.id')
          .where((w) =>
            w.or([
              w('sa.area_type', '=', 'country'),
              w.and([w('sa.area_type', '=', 'police_unit'), w('sa.area_code', '=', area.policeUnit)]),
              w.and([w('sa.area_type', '=', 'safety_region'), w('sa.area_code', '=', area.safetyRegion)]),
              w.and([w('sa.area_type', '=', 'municipality'), w('sa.area_code', '=', area.municipality)]),
            ]),
          ),
      ),
    );
  }
  const [countRow, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    query
      .select('s.id')
      .orderBy(sql`lower(s.name)`)
      .orderBy('s.id')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
  ]);
  return { ids: rows.map((r) => r.id), total: Number(countRow?.n ?? 0) };
}

/** Ids of all services with one of these statuses (all services when none are given). */
export async function serviceIds(db: Db, statuses?: readonly string[]): Promise<string[]> {
  let query = db.selectFrom('service').select('id');
  if (statuses?.length) query = query.where('status', 'in', statuses as ServiceStatus[]);
  return (await query.orderBy('id').execute()).map((r) => r.id);
}
