// Data-sharing agreements (migration 0031): recorded once, never changed; one can be ended early.
import type { Selectable } from 'kysely';
import type { StatsSharingAgreementTable } from '../../db/schema.js';
import type { Db } from './repository.js';

export type AgreementRow = Selectable<StatsSharingAgreementTable>;

export interface SharingAgreement {
  id: string;
  partner: string;
  purpose: string;
  /** The restricted fields (identity fields, organisations' names) the partner may receive. */
  fields: string[];
  exactDates: boolean;
  /** yyyy-mm-dd, both days included. */
  validFrom: string;
  validTo: string;
  recordedBy: string | null;
  recordedAt: Date;
  endedAt: Date | null;
}

const toAgreement = (r: AgreementRow): SharingAgreement => ({
  id: r.id,
  partner: r.partner,
  purpose: r.purpose,
  fields: r.fields,
  exactDates: r.exact_dates,
  validFrom: String(r.valid_from).slice(0, 10),
  validTo: String(r.valid_to).slice(0, 10),
  recordedBy: r.recorded_by,
  recordedAt: new Date(r.recorded_at),
  endedAt: r.ended_at ? new Date(r.ended_at) : null,
});

export async function insertAgreement(
  db: Db,
  a: Omit<SharingAgreement, 'endedAt'>,
): Promise<SharingAgreement> {
  const row = await db
    .insertInto('stats_sharing_agreement')
    .values({
      id: a.id,
      partner: a.partner,
      purpose: a.purpose,
      fields: a.fields,
      exact_dates: a.exactDates,
      valid_from: a.validFrom,
      valid_to: a.validTo,
      recorded_by: a.recordedBy,
      recorded_at: a.recordedAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toAgreement(row);
}

export async function findAgreement(db: Db, id: string): Promise<SharingAgreement | undefined> {
  const row = await db
    .selectFrom('stats_sharing_agreement')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toAgreement(row) : undefined;
}

export async function listAgreements(db: Db): Promise<SharingAgreement[]> {
  const rows = await db
    .selectFrom('stats_sharing_agreement')
    .selectAll()
    .orderBy('valid_to', 'desc')
    .orderBy('recorded_at', 'desc')
    .execute();
  return rows.map(toAgreement);
}

/** Ends an agreement now; false when there is none or it had ended already. */
export async function endAgreement(db: Db, id: string, by: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('stats_sharing_agreement')
    .set({ ended_at: at, ended_by: by })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
