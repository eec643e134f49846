// The pool's money, as part of the monitor's service: the rate card with effective dates, the volunteer-allowance
// limits, each expert's yearly total against them, and the export for the finance department. Only the pool
// coordinator changes or exports them; requesting organisations see the fees of their own assignments.
import { csvDate, csvDecimal, peopleCsv, type CsvDialect } from '../../../platform/csv.js';
import { ValidationFailed, type FieldProblem } from '../../../platform/errors.js';
import { amsterdamDate, assertRole, isValidDate } from '../rules.js';
import type { MonitorActor } from '../types.js';
import { text } from './forms.js';
import * as money from './money-repository.js';
import * as pool from './repository.js';
import {
  dutchAmount,
  dutchHours,
  parseCents,
  yearTotals,
  type AllowanceLimit,
  type YearTotal,
} from './money.js';
import { COORDINATOR, type PoolDeps } from './roles.js';
import type { Assignment, Rate } from './types.js';

/** What finance reads for each word the pool stores as a code, in the CSV's dialect. */
const PAYMENT: Record<CsvDialect, Record<Assignment['paymentStatus'], string>> = {
  nl: { not_due: 'nog niet verschuldigd', due: 'te betalen', paid: 'betaald' },
  en: { not_due: 'not yet due', due: 'due', paid: 'paid' },
};

const FINANCE_HEADER: Record<CsvDialect, string[]> = {
  nl: [
    'Datum werk',
    'Opdracht',
    'Organisatie',
    'Pseudoniem',
    'Uren',
    'Tarief per uur (EUR)',
    'Tarief geldig vanaf',
    'Honorarium (EUR)',
    'Betaalstatus',
    'Betaald (EUR)',
    'Betaald op',
  ],
  en: [
    'Date of work',
    'Assignment',
    'Organisation',
    'Pseudonym',
    'Hours',
    'Hourly rate (EUR)',
    'Rate in force from',
    'Fee (EUR)',
    'Payment status',
    'Paid (EUR)',
    'Paid on',
  ],
};

export function createPoolMoneyService(deps: PoolDeps) {
  const { db, clock, audit } = deps;
  return {
    async rates(): Promise<Rate[]> {
      return money.listRates(db);
    },

    /**
     * A rate of the card from a day on. Earlier periods stay, and fees already recorded keep the rate they were
     * fixed with; a new line of the card needs a description.
     */
    async setRate(input: Record<string, unknown>, actor: MonitorActor): Promise<void> {
      assertRole(actor, COORDINATOR);
      const code = text(input.code, 40).toLowerCase();
      const description = text(input.description, 200);
      const effectiveFrom = text(input.effective_from, 10) || amsterdamDate(clock());
      const problems: FieldProblem[] = [];
      if (!/^[a-z][a-z0-9_-]{1,39}$/.test(code))
        problems.push({ field: 'code', key: 'monitor.error.rateCode' });
      if (description.length < 2 || description.length > 200)
        problems.push({ field: 'description', key: 'monitor.error.length', params: { min: 2, max: 200 } });
      if (!isValidDate(effectiveFrom)) problems.push({ field: 'effective_from', key: 'monitor.error.date' });
      const cents = parseCents(text(input.hourly_rate, 20), 'hourly_rate', problems, { min: 1, max: 1000 });
      if (problems.length) throw new ValidationFailed(problems);
      await db.transaction().execute(async (trx) => {
        await money.addRatePeriod(trx, {
          code,
          description,
          effectiveFrom,
          hourlyRateCents: cents!,
          by: actor.id,
        });
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.rate.set',
            entityType: 'monitor_rate',
            entityId: code,
            detail: { hourlyRateCents: cents!, effectiveFrom },
          },
          trx,
        );
      });
    },

    async allowanceLimits(actor: MonitorActor): Promise<AllowanceLimit[]> {
      assertRole(actor, COORDINATOR);
      return money.listAllowanceLimits(db);
    },

    /** Sets (or corrects) a year's volunteer-allowance maxima, per month and per year. */
    async setAllowanceLimit(input: Record<string, unknown>, actor: MonitorActor): Promise<void> {
      assertRole(actor, COORDINATOR);
      const problems: FieldProblem[] = [];
      const yearRaw = text(input.limit_year, 4);
      const year = Number(yearRaw);
      if (!/^\d{4}$/.test(yearRaw) || year < 2000 || year > 2100)
        problems.push({ field: 'limit_year', key: 'monitor.error.range', params: { min: 2000, max: 2100 } });
      const monthly = parseCents(text(input.monthly, 20), 'monthly', problems, { min: 1, max: 100_000 });
      const yearly = parseCents(text(input.yearly, 20), 'yearly', problems, { min: 1, max: 1_000_000 });
      if (monthly !== null && yearly !== null && yearly < monthly)
        problems.push({ field: 'yearly', key: 'monitor.error.yearlyBelowMonthly' });
      if (problems.length) throw new ValidationFailed(problems);
      const limit = { year, monthlyCents: monthly!, yearlyCents: yearly! };
      await db.transaction().execute(async (trx) => {
        await money.setAllowanceLimit(trx, limit);
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.allowance.set',
            entityType: 'monitor_allowance_limit',
            entityId: String(year),
            detail: limit,
          },
          trx,
        );
      });
    },

    /** Each expert's recorded fees in a year (by the day worked), against that year's limits if known. */
    async yearTotals(year: number, actor: MonitorActor): Promise<YearTotal[]> {
      assertRole(actor, COORDINATOR);
      const limit = (await money.listAllowanceLimits(db)).find((l) => l.year === year) ?? null;
      return yearTotals(await money.listRecordedFees(db), year, limit);
    },

    /**
     * The fees of a year (by the day worked) for the finance department, in the Dutch spreadsheet dialect
     * (or `en`: English headers and values, commas; src/platform/csv.ts).
     * Nothing personal beyond what finance needs to book them: the pseudonym (the coordinator gives the payee's
     * details through their own channel), the organisation, hours, rate, fee and payment. Audited.
     */
    async financeExport(
      year: number,
      actor: MonitorActor,
      dialect: CsvDialect = 'nl',
    ): Promise<{ filename: string; csv: string }> {
      assertRole(actor, COORDINATOR);
      if (!Number.isInteger(year) || year < 2000 || year > 2100)
        throw new ValidationFailed([
          { field: 'year', key: 'monitor.error.range', params: { min: 2000, max: 2100 } },
        ]);
      const rows = (await pool.listAssignments(db))
        .filter((a) => a.feeCents !== null && a.workedOn?.startsWith(`${year}-`))
        .sort((a, b) => a.workedOn!.localeCompare(b.workedOn!) || a.title.localeCompare(b.title, 'nl'));
      const amount = (cents: number) => csvDecimal(dutchAmount(cents), dialect);
      const csv = peopleCsv(
        FINANCE_HEADER[dialect],
        rows.map((a) => [
          csvDate(a.workedOn, dialect),
          a.title,
          a.organisation.name,
          a.expert?.pseudonym ?? '',
          csvDecimal(dutchHours(a.hoursWorked!), dialect),
          amount(a.rateCents!),
          csvDate(a.rateEffectiveFrom, dialect),
          amount(a.feeCents!),
          PAYMENT[dialect][a.paymentStatus],
          a.paidCents === null ? '' : amount(a.paidCents),
          csvDate(a.paidOn, dialect),
        ]),
        dialect,
      );
      await audit.record({
        actorUserId: actor.id,
        action: 'monitor.pool.finance_export',
        entityType: 'monitor_assignment',
        detail: { year, rows: rows.length, dialect },
      });
      return { filename: dialect === 'nl' ? `honoraria-${year}.csv` : `fees-${year}.csv`, csv };
    },
  };
}
