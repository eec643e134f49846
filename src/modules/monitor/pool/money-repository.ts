// SQL for the pool's money (migration 0023): the rate card with every rate it has had and the day each took
// effect, the volunteer-allowance limits per year, and the fees as recorded (never recomputed).
import type { Db } from '../plan/repository.js';
import type { AllowanceLimit, YearFee } from './money.js';
import type { Rate } from './types.js';

export async function listRates(db: Db): Promise<Rate[]> {
  const [lines, periods] = await Promise.all([
    db.selectFrom('monitor_rate').select(['code', 'description']).orderBy('code').execute(),
    db
      .selectFrom('monitor_rate_period')
      .select(['code', 'effective_from', 'hourly_rate_cents'])
      .orderBy('effective_from')
      .execute(),
  ]);
  return lines.map((l) => ({
    code: l.code,
    description: l.description,
    periods: periods
      .filter((p) => p.code === l.code)
      .map((p) => ({ effectiveFrom: p.effective_from, hourlyRateCents: p.hourly_rate_cents })),
  }));
}

/** Adds a rate from a day on (or corrects the rate of that very day); earlier periods stay as they were. */
export async function addRatePeriod(
  db: Db,
  r: { code: string; description: string; effectiveFrom: string; hourlyRateCents: number; by: string },
): Promise<void> {
  await db
    .insertInto('monitor_rate')
    .values({ code: r.code, description: r.description })
    .onConflict((oc) => oc.column('code').doUpdateSet({ description: r.description }))
    .execute();
  await db
    .insertInto('monitor_rate_period')
    .values({
      code: r.code,
      effective_from: r.effectiveFrom,
      hourly_rate_cents: r.hourlyRateCents,
      created_by: r.by,
    })
    .onConflict((oc) =>
      oc
        .columns(['code', 'effective_from'])
        .doUpdateSet({ hourly_rate_cents: r.hourlyRateCents, created_by: r.by }),
    )
    .execute();
}

export async function listAllowanceLimits(db: Db): Promise<AllowanceLimit[]> {
  const rows = await db.selectFrom('monitor_allowance_limit').selectAll().orderBy('year').execute();
  return rows.map((r) => ({ year: r.year, monthlyCents: r.monthly_cents, yearlyCents: r.yearly_cents }));
}

export async function setAllowanceLimit(db: Db, l: AllowanceLimit): Promise<void> {
  await db
    .insertInto('monitor_allowance_limit')
    .values({ year: l.year, monthly_cents: l.monthlyCents, yearly_cents: l.yearlyCents })
    .onConflict((oc) =>
      oc.column('year').doUpdateSet({ monthly_cents: l.monthlyCents, yearly_cents: l.yearlyCents }),
    )
    .execute();
}

/** Every recorded fee (due or paid) with the day worked and the expert's pseudonym. */
export async function listRecordedFees(db: Db): Promise<YearFee[]> {
  const rows = await db
    .selectFrom('monitor_assignment as a')
    .innerJoin('monitor_expert as e', 'e.id', 'a.expert_id')
    .select(['e.id as expert_id', 'e.pseudonym', 'a.worked_on', 'a.fee_cents'])
    .where('a.fee_cents', 'is not', null)
    .where('a.worked_on', 'is not', null)
    .execute();
  return rows.map((r) => ({
    expertId: r.expert_id,
    pseudonym: r.pseudonym,
    workedOn: r.worked_on!,
    feeCents: r.fee_cents!,
  }));
}
