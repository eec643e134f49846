// The HTCDS exchange's rules (issue 20, point 7): data-sharing agreements (recorded by an administrator: with
// whom, for what, which restricted fields, exact dates or not, valid from and to) and the export, which carries
// restricted fields and exact dates only under an agreement valid today. Every agreement recorded or ended and
// every export is audited. No SQL here (agreements-repository.ts), no HTTP.
import { randomUUID } from 'node:crypto';
import type { createAuditService } from '../../platform/audit/service.js';
import { badRequest, conflict, HttpError, notFound, type FieldProblem } from '../../platform/http/errors.js';
import { amsterdamDate, isIsoDate } from '../../platform/time/index.js';
import * as agreements from './agreements-repository.js';
import { registrationsToHtcdsCsv, RESTRICTED_FIELDS } from './exchange.js';
import type { RegistrationRecord } from './registrations.js';
import { REGISTRATIONS_DATASET } from './registrations.js';
import type { Actor } from './releases-service.js';
import type { Root } from './repository.js';

export type { SharingAgreement } from './agreements-repository.js';

export interface ExchangeDeps {
  db: Root;
  clock: () => Date;
  audit: ReturnType<typeof createAuditService>;
  registrations?: () => Promise<RegistrationRecord[]>;
  /** Dates of birth by pseudonym, opened (and audited per case) by the referral mechanism. */
  birthdates?: (
    caseRefs: readonly string[],
    o: { actorUserId: string | null; agreementId: string },
  ) => Promise<Map<string, string>>;
  newId?: () => string;
}

export interface AgreementInput {
  partner: string;
  purpose: string;
  fields: readonly string[];
  exactDates: boolean;
  validFrom: string;
  validTo: string;
}

const adminOnly = () => new HttpError(403, 'forbidden', 'stats.agreement.adminOnly');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function agreementProblems(input: AgreementInput, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const partner = input.partner.trim();
  if (partner.length < 1 || partner.length > 200)
    problems.push({ field: 'partner', key: 'stats.agreement.badPartner' });
  const purpose = input.purpose.trim();
  if (purpose.length < 3 || purpose.length > 1000)
    problems.push({ field: 'purpose', key: 'stats.agreement.badPurpose' });
  for (const field of input.fields)
    if (!RESTRICTED_FIELDS.includes(field))
      problems.push({
        field: 'fields',
        key: 'stats.agreement.unknownField',
        params: { value: field.slice(0, 60), allowed: RESTRICTED_FIELDS.join(', ') },
      });
  for (const [field, value] of [
    ['validFrom', input.validFrom],
    ['validTo', input.validTo],
  ] as const)
    if (!isIsoDate(value)) problems.push({ field, key: 'stats.agreement.badDate', params: { value } });
  if (isIsoDate(input.validFrom) && isIsoDate(input.validTo)) {
    if (input.validTo < input.validFrom)
      problems.push({ field: 'validTo', key: 'stats.agreement.endsBeforeStart' });
    else if (input.validTo < today)
      problems.push({ field: 'validTo', key: 'stats.agreement.endsInPast', params: { today } });
  }
  return problems;
}

export function createExchangeService(deps: ExchangeDeps) {
  const { db, clock, audit } = deps;
  const newId = deps.newId ?? randomUUID;

  /** The agreement, when it holds today; otherwise the refusal saying why. */
  async function agreementValidToday(id: string) {
    const agreement = UUID.test(id) ? await agreements.findAgreement(db, id) : undefined;
    if (!agreement) throw notFound('stats.agreement.notFound');
    const today = amsterdamDate(clock());
    const refuse = (key: string) =>
      conflict('stats.agreement.notValid', [
        {
          field: 'agreement',
          key,
          params: { from: agreement.validFrom, to: agreement.validTo, today, partner: agreement.partner },
        },
      ]);
    if (agreement.endedAt) throw refuse('stats.agreement.ended');
    if (today < agreement.validFrom) throw refuse('stats.agreement.notYet');
    if (today > agreement.validTo) throw refuse('stats.agreement.expired');
    return agreement;
  }

  return {
    /** Records a data-sharing agreement (an administrator only); audited. */
    async recordAgreement(input: AgreementInput, actor: Actor) {
      if (actor.role !== 'admin') throw adminOnly();
      const problems = agreementProblems(input, amsterdamDate(clock()));
      if (problems.length) throw badRequest(problems);
      return db.transaction().execute(async (trx) => {
        const agreement = await agreements.insertAgreement(trx, {
          id: newId(),
          partner: input.partner.trim(),
          purpose: input.purpose.trim(),
          fields: [...new Set(input.fields)].sort(),
          exactDates: input.exactDates,
          validFrom: input.validFrom,
          validTo: input.validTo,
          recordedBy: actor.id,
          recordedAt: clock(),
        });
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'stats.agreement.record',
            entityType: 'stats_sharing_agreement',
            entityId: agreement.id,
            detail: {
              partner: agreement.partner,
              fields: agreement.fields,
              exactDates: agreement.exactDates,
              validFrom: agreement.validFrom,
              validTo: agreement.validTo,
            },
          },
          trx,
        );
        return agreement;
      });
    },

    listAgreements: () => agreements.listAgreements(db),

    /** Ends an agreement today (an administrator only); audited. */
    async endAgreement(id: string, actor: Actor) {
      if (actor.role !== 'admin') throw adminOnly();
      if (!UUID.test(id)) throw notFound('stats.agreement.notFound');
      await db.transaction().execute(async (trx) => {
        if (!(await agreements.endAgreement(trx, id, actor.id, clock())))
          throw notFound('stats.agreement.notFound');
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'stats.agreement.end',
            entityType: 'stats_sharing_agreement',
            entityId: id,
          },
          trx,
        );
      });
    },

    /**
     * The registrations as HTCDS 2.0 CSV, for an exchange partner. Without an agreement: no restricted field and
     * every date as its month. With one: it must hold today (else 404 or 409, nothing exported); then the fields
     * it allows and, when it says so, exact days. A value outside its list fails (409), nothing exported. Audited.
     */
    async exportHtcds(actorUserId: string | null, o: { agreementId?: string } = {}): Promise<string> {
      if (!deps.registrations) throw notFound('stats.registrations.absent');
      const agreement = o.agreementId !== undefined ? await agreementValidToday(o.agreementId) : undefined;
      const records = await deps.registrations();
      const allowed = agreement?.fields ?? [];
      let birthdates: Map<string, string> | undefined;
      if (agreement && allowed.includes('prs_Birthdate')) {
        if (!deps.birthdates) throw notFound('stats.registrations.absent');
        // Every other value is checked first: an export that would fail opens nobody's date of birth.
        registrationsToHtcdsCsv(records, {
          allowed: allowed.filter((f) => f !== 'prs_Birthdate'),
          exactDates: agreement.exactDates,
        });
        birthdates = await deps.birthdates(
          records.map((r) => r.caseRef),
          { actorUserId, agreementId: agreement.id },
        );
      }
      const csv = registrationsToHtcdsCsv(records, {
        allowed,
        exactDates: agreement?.exactDates ?? false,
        ...(birthdates ? { birthdates } : {}),
      });
      await audit.record({
        actorUserId,
        action: 'stats.registrations.export_htcds',
        entityType: 'stats_dataset',
        entityId: REGISTRATIONS_DATASET,
        detail: {
          rows: records.length,
          agreement: agreement?.id ?? null,
          partner: agreement?.partner ?? null,
          fields: allowed,
          exactDates: agreement?.exactDates ?? false,
        },
      });
      return csv;
    },
  };
}
