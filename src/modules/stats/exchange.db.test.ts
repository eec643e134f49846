// The HTCDS exchange on the real referral mechanism (issue 20, point 7), on the app's test clock: what has been
// decided goes out (vic_TraffickingStatus and who decided, cas_Status, con_Consent); without an agreement no
// identity field, no team's name and no exact date; an agreement allows what it lists and nothing else; an expired,
// not yet valid, ended or unknown agreement is refused with nothing exported and no person's data opened; only an
// administrator records or ends one, and bad input names its fields; every export is audited.
import { parse } from 'csv-parse/sync';
import { beforeAll, expect, it } from 'vitest';
import { TestClock, useTestApp } from '../../../test/app.js';
import { createUser } from '../../../test/auth.js';
import { describeDb } from '../../../test/db-suite.js';
import { loadReferralDemo } from '../../cli/seed.js';
import { HttpError } from '../../platform/http/errors.js';
import { DEMO_ACCOUNTS } from '../referrals/index.js';

const BIRTHDATE = '1991-07-13';

describeDb('the HTCDS exchange (attack tests)', () => {
  // Friday 24 April 2026, 10:00 in Amsterdam.
  const clock = new TestClock('2026-04-24T08:00:00Z');
  const t = useTestApp({ clock });
  const users: Record<string, { id: string; role: string }> = {};
  let admin = { id: '', role: 'admin' };
  let steward = { id: '', role: 'data_steward' };
  let caseId = '';
  let caseRef = '';

  const rows = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];
  const ours = (csv: string) => rows(csv).find((r) => r.samen_CaseRef === caseRef)!;
  const audits = (action: string) =>
    t.database.db.selectFrom('audit_event').selectAll().where('action', '=', action).orderBy('id').execute();
  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HttpError);
    return error as HttpError;
  };
  const agreement = (over: Record<string, unknown> = {}) => ({
    partner: 'Partnerorganisatie Exchange',
    purpose: 'Joint analysis of identification outcomes',
    fields: ['prs_Birthdate'],
    exactDates: true,
    validFrom: '2026-04-01',
    validTo: '2026-06-30',
    ...over,
  });

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    await loadReferralDemo(t.services);
    for (const a of DEMO_ACCOUNTS)
      users[a.role] = await t.database.db
        .selectFrom('app_user')
        .select(['id', 'role'])
        .where('email', '=', a.email)
        .executeTakeFirstOrThrow();
    admin = { id: (await createUser(t.services, { role: 'admin' })).id, role: 'admin' };
    steward = { id: (await createUser(t.services, { role: 'data_steward' })).id, role: 'data_steward' };
    // A signal with the person's date of birth, triaged, and a reasonable-grounds decision taken.
    const submitted = await t.services.referrals.submitSignal(
      users.nrm_professional as never,
      {
        kind: 'signal',
        municipality: 'Amsterdam',
        urgency: 'normal',
        consent: 'yes',
        vitalInterest: false,
        minor: 'no',
        forms: ['labour', 'criminal'],
        signals: ['no_or_little_pay'],
        methodsOfControl: ['DebtBondage'],
        recruitment: [],
        needs: [],
        sector: 'agriculture',
        gender: 'female',
        ageGroup: '30--38',
        citizenship: 'RO',
        summary: 'Verzonnen voorbeeld voor de uitwisseling.',
        name: 'Uitwisseling Voorbeeldpersoon',
        dateOfBirth: BIRTHDATE,
        contact: '',
      } as never,
    );
    caseId = submitted.id;
    caseRef = t.services.referrals.pseudonymOf(caseId);
    const version = async () =>
      (
        await t.database.db
          .selectFrom('nrm_case')
          .select('version')
          .where('id', '=', caseId)
          .executeTakeFirstOrThrow()
      ).version;
    await t.services.referrals.transition(users.nrm_coordinator as never, caseId, {
      to: 'triage',
      reason: '',
      version: await version(),
    });
    await t.services.referrals.decide(users.nrm_coordinator as never, caseId, {
      version: await version(),
      step: 'vermoedelijk_slachtoffer',
      outcome: 'positive',
      reasons: 'Verzonnen redenen',
    });
  });

  it('without an agreement: the decision, status and consent go out; no identity, no team’s name, no exact date', async () => {
    const before = (await audits('stats.registrations.export_htcds')).length;
    const csv = await t.services.stats.exportHtcds(users.nrm_national!.id);
    const row = ours(csv);
    expect(row).toMatchObject({
      vic_TraffickingStatus: 'PossibleVictimOfTrafficking',
      // The deciding team is a care coordination: HTCDS has no such kind of organisation.
      vic_TraffickingStatusDecisionMakingOrg: 'Other',
      cas_Status: 'Active',
      cas_ReasonForCaseClosure: '',
      con_Consent: 'true',
      prs_Gender: 'Feminine',
      vic_TypeOfExploitation: 'ForcedLabour;Other',
      vic_ForcedLabourIndustry: 'A_AgricultureForestryAndFishing',
      cas_IncomingReferralDate: '2026-04',
      samen_RegisteredOn: '2026-04',
    });
    expect(Object.keys(row)).not.toContain('prs_Birthdate');
    expect(Object.keys(row)).not.toContain('cas_CaseOwner');
    expect(csv).not.toContain(BIRTHDATE);
    expect(csv).not.toContain('1991');
    expect(csv).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(csv).not.toContain('Uitwisseling Voorbeeldpersoon');
    const teams = await t.database.db.selectFrom('nrm_team').select('name').execute();
    for (const team of teams) expect(csv).not.toContain(team.name);
    // No raw code in Samen's own columns (region by name, referring organisation as an HTCDS org_Type).
    const codes = await t.database.db.selectFrom('police_unit').select('code').execute();
    for (const r of rows(csv)) expect(codes.map((c) => c.code)).not.toContain(r.samen_Region);
    // The demo's closed and undecided cases are there too, with every value from its list (or the export fails).
    expect(rows(csv).length).toBeGreaterThanOrEqual(3);
    const audited = await audits('stats.registrations.export_htcds');
    expect(audited).toHaveLength(before + 1);
    expect(audited.at(-1)).toMatchObject({
      actor_user_id: users.nrm_national!.id,
      detail: expect.objectContaining({ agreement: null, fields: [], exactDates: false }),
    });
    expect(await audits('nrm.person.exchange')).toHaveLength(0);
  });

  it('under an agreement: the fields it allows and exact days, each date of birth opened audited', async () => {
    const recorded = await t.services.stats.recordAgreement(agreement(), admin);
    expect((await t.services.stats.listAgreements()).map((a) => a.id)).toContain(recorded.id);
    expect(await audits('stats.agreement.record')).toHaveLength(1);
    const csv = await t.services.stats.exportHtcds(admin.id, { agreementId: recorded.id });
    const row = ours(csv);
    expect(row.prs_Birthdate).toBe(BIRTHDATE);
    expect(row.cas_IncomingReferralDate).toBe('2026-04-24');
    // Not allowed by this agreement: the teams' names stay out.
    expect(Object.keys(row)).not.toContain('cas_CaseOwner');
    expect(Object.keys(row)).not.toContain('cas_ReferringOrganisation');
    const opened = await audits('nrm.person.exchange');
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({
      entity_id: caseId,
      actor_user_id: admin.id,
      detail: { fields: ['prs_Birthdate'], agreement: recorded.id },
    });
    expect((await audits('stats.registrations.export_htcds')).at(-1)!.detail).toMatchObject({
      agreement: recorded.id,
      fields: ['prs_Birthdate'],
      exactDates: true,
    });
    // An agreement for the teams' names only, dates as months: those names, no birth date, no exact day.
    const teamsOnly = await t.services.stats.recordAgreement(
      agreement({ fields: ['cas_CaseOwner', 'cas_ReferringOrganisation'], exactDates: false }),
      admin,
    );
    const named = await t.services.stats.exportHtcds(admin.id, { agreementId: teamsOnly.id });
    expect(ours(named).cas_CaseOwner).toBeTruthy();
    expect(Object.keys(ours(named))).not.toContain('prs_Birthdate');
    expect(named).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(await audits('nrm.person.exchange')).toHaveLength(1);
  });

  it('refuses an expired, not yet valid, ended or unknown agreement: nothing exported, nobody’s data opened', async () => {
    const short = await t.services.stats.recordAgreement(
      agreement({ validFrom: '2026-04-24', validTo: '2026-04-30' }),
      admin,
    );
    const later = await t.services.stats.recordAgreement(
      agreement({ validFrom: '2026-09-01', validTo: '2026-12-31' }),
      admin,
    );
    const ended = await t.services.stats.recordAgreement(agreement(), admin);
    await t.services.stats.endAgreement(ended.id, admin);
    const opened = (await audits('nrm.person.exchange')).length;
    const exported = (await audits('stats.registrations.export_htcds')).length;

    const notYet = await refusal(t.services.stats.exportHtcds(admin.id, { agreementId: later.id }));
    expect(notYet.statusCode).toBe(409);
    expect(notYet.fields[0]).toMatchObject({ field: 'agreement', key: 'stats.agreement.notYet' });
    const gone = await refusal(t.services.stats.exportHtcds(admin.id, { agreementId: ended.id }));
    expect(gone.fields[0]).toMatchObject({ field: 'agreement', key: 'stats.agreement.ended' });
    for (const id of ['00000000-0000-4000-8000-000000000000', "x' or 1=1 --"])
      expect((await refusal(t.services.stats.exportHtcds(admin.id, { agreementId: id }))).statusCode).toBe(
        404,
      );

    // Valid on its last day (Amsterdam time), expired the next.
    clock.set('2026-04-30T21:59:00Z');
    expect(ours(await t.services.stats.exportHtcds(admin.id, { agreementId: short.id })).prs_Birthdate).toBe(
      BIRTHDATE,
    );
    clock.set('2026-04-30T22:01:00Z');
    const expired = await refusal(t.services.stats.exportHtcds(admin.id, { agreementId: short.id }));
    expect(expired.statusCode).toBe(409);
    expect(expired.fields[0]).toMatchObject({
      field: 'agreement',
      key: 'stats.agreement.expired',
      params: expect.objectContaining({ to: '2026-04-30', today: '2026-05-01' }),
    });
    // Only the one export within the agreement's days opened a date of birth and was recorded.
    expect(await audits('nrm.person.exchange')).toHaveLength(opened + 1);
    expect(await audits('stats.registrations.export_htcds')).toHaveLength(exported + 1);
    clock.set('2026-04-24T08:00:00Z');
  });

  it('only an administrator records or ends an agreement; bad input names each field and writes nothing', async () => {
    const count = async () =>
      (await t.database.db.selectFrom('stats_sharing_agreement').select('id').execute()).length;
    const before = await count();
    expect((await refusal(t.services.stats.recordAgreement(agreement(), steward))).statusCode).toBe(403);
    const [someone] = await t.services.stats.listAgreements();
    expect((await refusal(t.services.stats.endAgreement(someone!.id, steward))).statusCode).toBe(403);
    const bad = await refusal(
      t.services.stats.recordAgreement(
        agreement({
          partner: ' ',
          purpose: '',
          fields: ['prs_FirstName', 'prs_Birthdate'],
          validFrom: '2026-02-30',
          validTo: '2026-01-01',
        }),
        admin,
      ),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.fields.map((f) => [f.field, f.key])).toEqual([
      ['partner', 'stats.agreement.badPartner'],
      ['purpose', 'stats.agreement.badPurpose'],
      ['fields', 'stats.agreement.unknownField'],
      ['validFrom', 'stats.agreement.badDate'],
    ]);
    const past = await refusal(
      t.services.stats.recordAgreement(agreement({ validFrom: '2026-01-01', validTo: '2026-04-23' }), admin),
    );
    expect(past.fields).toEqual([
      expect.objectContaining({ field: 'validTo', key: 'stats.agreement.endsInPast' }),
    ]);
    const reversed = await refusal(
      t.services.stats.recordAgreement(agreement({ validFrom: '2026-06-01', validTo: '2026-05-01' }), admin),
    );
    expect(reversed.fields).toEqual([
      expect.objectContaining({ field: 'validTo', key: 'stats.agreement.endsBeforeStart' }),
    ]);
    expect(await count()).toBe(before);
  });
});
