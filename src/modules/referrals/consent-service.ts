// Consent per recipient and purpose, as actions inside the service's case transaction (service.ts wires them into
// `change`, which locks the case, checks the version and audits): record a consent or a refusal for one team and
// purpose; withdraw one consent or all of them, which ends every recipient's sight of the person that rested on
// it at once (repository.scopeFrom reads the consents on every access), tells those recipients (a notification
// and a mail naming the case reference only) and leaves the withdrawal in the timeline and the audit. Plus what
// the case page shows of it: the consents (for the owner) and, for a recipient, on which ground it sees the
// person or that consent was withdrawn. And the status a first-line professional sees after handover.
import type { Db as DbHandle, Root, Tx } from './repository.js';
import { randomUUID } from 'node:crypto';
import { fieldContext, type FieldCryptoService } from '../../platform/crypto/index.js';
import { ValidationFailed, type FieldProblem } from '../../platform/http/errors.js';
import type { CaseAccess, Viewer } from './access.js';
import {
  CONSENT_ANSWERS,
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  PLACEMENT_PURPOSE,
  recipientStanding,
  shareGround,
  stageOf,
  standing,
  type RecipientStanding,
  type Stage,
} from './consent.js';
import { legalGroundOf } from './derived.js';
import type { LegalGround } from './model.js';
import * as repo from './repository.js';
import { consentsOf, insertConsent, markWithdrawn, type ConsentRow } from './repository/consent.js';
import type { ReferralSealing } from './sealing.js';

const MAX_NOTE = 2000;
const OPEN_REFERRAL = ['pending', 'accepted'];
const OPEN_PLACEMENT = ['requested', 'accepted'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface ConsentDeps {
  crypto: FieldCryptoService;
  /** Seals the free text of the steps it writes (sealing.ts). */
  sealed: ReferralSealing;
  publicOrigin: string;
  mail?: {
    enqueue(mail: { to: string[]; subject: string; text: string }, trx?: DbHandle): Promise<void>;
  };
}

export interface RecordConsentInput {
  teamId: string;
  purpose: string;
  answer: string;
  method: string;
}

/** One consent as the owner's case page shows it. */
export interface ConsentView {
  id: string;
  teamName: string;
  purpose: string;
  answer: string;
  method: string;
  recordedAt: Date;
  recordedBy: string;
  withdrawnAt: Date | null;
  withdrawnBy: string;
  note: string | null;
  standing: boolean;
}

/** A consent as the person's export lists it (the note opened). */
export interface ExportedConsent {
  teamId: string;
  purpose: string;
  answer: string;
  method: string;
  recordedAt: Date;
  withdrawnAt: Date | null;
  withdrawalNote: string | null;
}

/** What a first-line professional sees of a case once it is handed over: the stage in words, nothing else. */
export interface FirstLineStatus {
  /** What stands of the identification decisions: type, outcome, day (status only; identification/). */
  decisions?: { type: { code: string; name: string }; outcome: string; decidedAt: Date }[];
  id: string;
  reference: string;
  kind: string;
  stage: Stage;
  receivedAt: Date;
  closedAt: Date | null;
}

const noteContext = (id: string) => fieldContext('nrm_consent', 'withdrawal_note_enc', id);

/** The teams (other than the owner) that see the person now: open referrals and placements with a ground. */
function teamsSeeingPerson(
  row: repo.CaseRow,
  refs: repo.ReferralRow[],
  places: repo.PlacementRow[],
  consents: ConsentRow[],
): Set<string> {
  const seeing = new Set<string>();
  for (const r of refs)
    if (
      OPEN_REFERRAL.includes(r.status) &&
      r.shares_personal_data &&
      shareGround(row, consents, r.to_team_id, r.service_type)
    )
      seeing.add(r.to_team_id);
  for (const p of places)
    if (
      p.shelter_team_id &&
      OPEN_PLACEMENT.includes(p.status) &&
      shareGround(row, consents, p.shelter_team_id, PLACEMENT_PURPOSE)
    )
      seeing.add(p.shelter_team_id);
  seeing.delete(row.owner_team_id);
  return seeing;
}

/** Teams with an open referral or placement on the case: the recipients. */
function recipients(refs: repo.ReferralRow[], places: repo.PlacementRow[]): Set<string> {
  return new Set([
    ...refs.filter((r) => OPEN_REFERRAL.includes(r.status)).map((r) => r.to_team_id),
    ...places
      .filter((p) => p.shelter_team_id && OPEN_PLACEMENT.includes(p.status))
      .map((p) => p.shelter_team_id!),
  ]);
}

export function validateRecordConsent(input: RecordConsentInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!UUID.test(input.teamId)) problems.push({ field: 'consentTeamId', key: 'referrals.errors.team' });
  if (!(CONSENT_PURPOSES as readonly string[]).includes(input.purpose))
    problems.push({ field: 'consentPurpose', key: 'referrals.errors.choose' });
  if (!(CONSENT_ANSWERS as readonly string[]).includes(input.answer))
    problems.push({ field: 'consentAnswer', key: 'referrals.errors.choose' });
  if (!(CONSENT_METHODS as readonly string[]).includes(input.method))
    problems.push({ field: 'consentMethod', key: 'referrals.errors.choose' });
  return problems;
}

export function validateWithdrawal(input: { consent: string; note: string }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.consent !== 'all' && !UUID.test(input.consent))
    problems.push({ field: 'consentId', key: 'referrals.errors.choose' });
  if (input.note.trim().length > MAX_NOTE)
    problems.push({ field: 'withdrawalNote', key: 'referrals.errors.tooLong', params: { max: MAX_NOTE } });
  return problems;
}

/** Tells a team that consent was withdrawn: in its list and by mail, the case reference only. */
async function tellWithdrawn(deps: ConsentDeps, trx: Tx, teamId: string, row: repo.CaseRow, now: Date) {
  await repo.insertNotification(trx, {
    teamId,
    caseId: row.id,
    kind: 'consent_withdrawn',
    roles: null,
    at: now,
  });
  if (!deps.mail) return;
  const to = await repo.teamRecipients(trx, teamId);
  if (to.length === 0) return;
  const link = `${deps.publicOrigin}/nvm/cases/${row.id}`;
  const nl = `Toestemming ingetrokken voor zaak ${row.reference}`;
  const en = `Consent withdrawn for case ${row.reference}`;
  await deps.mail.enqueue(
    {
      to,
      subject: `Samen: ${nl} / ${en}`,
      text:
        `${nl}. Persoonsgegevens worden uw organisatie niet meer getoond, tenzij een andere wettelijke grondslag geldt.\n` +
        `Bekijk het in Samen (inloggen met tweede factor):\n${link}\n\n` +
        `${en}. Personal data is no longer shown to your organisation unless another legal ground applies.\n` +
        `View it in Samen (sign in with your second factor):\n${link}\n`,
    },
    trx,
  );
}

export function createConsentActions(deps: ConsentDeps) {
  const { crypto } = deps;

  /**
   * Withdraws standing consents (one, or all of them): recipients that saw the person on them stop seeing it at
   * once, every recipient whose consent was withdrawn or who lost sight is told, and the timeline says so.
   */
  async function withdraw(
    trx: Tx,
    row: repo.CaseRow,
    actor: { userId: string; teamId: string | null },
    input: { consent: string; note: string },
    now: Date,
  ) {
    const [refs, places, consents] = await Promise.all([
      repo.referralsOf(trx, row.id),
      repo.placementsOf(trx, row.id),
      consentsOf(trx, row.id),
    ]);
    const before = teamsSeeingPerson(row, refs, places, consents);
    const targets =
      input.consent === 'all'
        ? consents.filter(standing)
        : consents.filter((c) => c.id === input.consent && standing(c));
    if (targets.length === 0)
      throw new ValidationFailed([{ field: 'consentId', key: 'referrals.errors.consentNotStanding' }]);
    const note = input.note.trim();
    const ids = await markWithdrawn(trx, {
      caseId: row.id,
      ids: targets.map((c) => c.id),
      at: now,
      by: actor.userId,
      noteOf: (id) => (note ? crypto.encryptField(note, noteContext(id)) : null),
    });
    // Withdrawing everything is also the answer "no consent" for the case itself (the signal's consent).
    if (input.consent === 'all' && row.consent === 'yes')
      await trx
        .updateTable('nrm_case')
        .set({ consent: 'no', legal_ground: legalGroundOf('no', row.minor, row.vital_interest) })
        .where('id', '=', row.id)
        .execute();
    const after = teamsSeeingPerson(row, refs, places, await consentsOf(trx, row.id));
    const lost = [...before].filter((t) => !after.has(t));
    const open = recipients(refs, places);
    const withdrawnTeams = targets.filter((c) => ids.includes(c.id)).map((c) => c.team_id);
    const told = new Set([...lost, ...withdrawnTeams.filter((t) => open.has(t))]);
    told.delete(row.owner_team_id);
    for (const team of told) await tellWithdrawn(deps, trx, team, row, now);
    await repo.addEvent(trx, deps.sealed, {
      caseId: row.id,
      at: now,
      actorUserId: actor.userId,
      actorTeamId: actor.teamId,
      kind: 'consent_withdrawn',
    });
    return {
      consents_withdrawn: ids,
      recipients_without_person: lost,
      recipients_told: [...told],
      all: input.consent === 'all',
    };
  }

  return {
    withdraw,

    /**
     * Records a consent or a refusal for one team and purpose. A refusal withdraws a standing consent for the same
     * team and purpose (telling that team, as any withdrawal does).
     */
    async record(
      trx: Tx,
      row: repo.CaseRow,
      actor: { userId: string; teamId: string | null },
      input: RecordConsentInput,
      now: Date,
    ) {
      const team = await repo.findTeam(trx, input.teamId);
      if (!team) throw new ValidationFailed([{ field: 'consentTeamId', key: 'referrals.errors.team' }]);
      let withdrawn: Awaited<ReturnType<typeof withdraw>> | undefined;
      if (input.answer === 'refused') {
        const standingOnes = (await consentsOf(trx, row.id)).filter(
          (c) => c.team_id === team.id && c.purpose === input.purpose && standing(c),
        );
        for (const c of standingOnes)
          withdrawn = await withdraw(trx, row, actor, { consent: c.id, note: '' }, now);
      }
      const id = randomUUID();
      await insertConsent(trx, {
        id,
        caseId: row.id,
        teamId: team.id,
        purpose: input.purpose,
        answer: input.answer,
        method: input.method,
        at: now,
        by: actor.userId,
      });
      await repo.addEvent(trx, deps.sealed, {
        caseId: row.id,
        at: now,
        actorUserId: actor.userId,
        actorTeamId: actor.teamId,
        kind: input.answer === 'given' ? 'consent_given' : 'consent_refused',
        reason: team.name,
      });
      return {
        consent: id,
        team: team.id,
        purpose: input.purpose,
        answer: input.answer,
        method: input.method,
        ...(withdrawn ?? {}),
      };
    },

    /** The signal form's "consent: yes": the professional's statement, for the care coordination that owns it. */
    async fromSignal(trx: Tx, caseId: string, ownerTeamId: string, at: Date, by: string) {
      await insertConsent(trx, {
        id: randomUUID(),
        caseId,
        teamId: ownerTeamId,
        purpose: 'coordination',
        answer: 'given',
        method: 'signal_form',
        at,
        by,
      });
    },

    /** The share gate for a referral: the ground for this team and purpose now, or null. */
    async groundFor(trx: Tx, row: repo.CaseRow, teamId: string, purpose: string) {
      return shareGround(row, await consentsOf(trx, row.id), teamId, purpose);
    },

    /**
     * Every consent on the case for the person's export (issue 18 point 7): recipient, purpose, answer, how and
     * when, withdrawn when, and the withdrawal note opened. Who recorded it is left out: the person is told the
     * organisation, never a staff member.
     */
    async forExport(db: Root, caseId: string): Promise<ExportedConsent[]> {
      return (await consentsOf(db, caseId)).map((c) => ({
        teamId: c.team_id,
        purpose: c.purpose,
        answer: c.answer,
        method: c.method,
        recordedAt: c.recorded_at,
        withdrawnAt: c.withdrawn_at,
        withdrawalNote: c.withdrawal_note_enc
          ? crypto.decryptField(c.withdrawal_note_enc, noteContext(c.id))
          : null,
      }));
    },

    /**
     * What the case page shows about consent: for the owner every consent with its history (notes opened); for a
     * recipient team, on which ground it sees the person, or that consent was withdrawn.
     */
    async forCase(
      db: Root,
      row: repo.CaseRow,
      access: CaseAccess,
      viewer: Viewer,
      refs: repo.ReferralRow[],
      places: repo.PlacementRow[],
      teamName: Map<string, string>,
      /** The case's consents when the caller read them already (loadAccess does). */
      read?: ConsentRow[],
    ): Promise<{
      consents: ConsentView[];
      standing: RecipientStanding | null;
      referralGround: Map<string, LegalGround | null>;
    }> {
      const consents = read ?? (await consentsOf(db, row.id));
      const referralGround = new Map(
        refs.map((r) => [r.id, shareGround(row, consents, r.to_team_id, r.service_type)]),
      );
      let views: ConsentView[] = [];
      if (access.manage) {
        const names = await repo.accountNames(db, [
          ...consents.map((c) => c.recorded_by),
          ...consents.map((c) => c.withdrawn_by),
        ]);
        views = consents.map((c) => ({
          id: c.id,
          teamName: teamName.get(c.team_id) ?? '',
          purpose: c.purpose,
          answer: c.answer,
          method: c.method,
          recordedAt: c.recorded_at,
          recordedBy: c.recorded_by ? (names[c.recorded_by] ?? '') : '',
          withdrawnAt: c.withdrawn_at,
          withdrawnBy: c.withdrawn_by ? (names[c.withdrawn_by] ?? '') : '',
          note: c.withdrawal_note_enc ? crypto.decryptField(c.withdrawal_note_enc, noteContext(c.id)) : null,
          standing: standing(c),
        }));
      }
      let recipient: RecipientStanding | null = null;
      const team = viewer.teamId;
      if (team && !access.manage && team !== row.owner_team_id) {
        const shares = [
          ...refs
            .filter(
              (r) => r.to_team_id === team && OPEN_REFERRAL.includes(r.status) && r.shares_personal_data,
            )
            .map((r) => ({ purpose: r.service_type })),
          ...places
            .filter((p) => p.shelter_team_id === team && OPEN_PLACEMENT.includes(p.status))
            .map(() => ({ purpose: PLACEMENT_PURPOSE })),
        ];
        if (shares.length) recipient = recipientStanding(row, consents, team, shares);
      }
      return { consents: views, standing: recipient, referralGround };
    },
  };
}

/** The first-line professional's view of a handed-over case. */
export function firstLineStatus(row: repo.CaseRow): FirstLineStatus {
  return {
    id: row.id,
    reference: row.reference,
    kind: row.kind,
    // Handed over while still "received" (a referral or placement request before triage): being handled.
    stage: row.status === 'received' ? 'in_progress' : stageOf(row.status),
    receivedAt: row.created_at,
    closedAt: row.status === 'closed' ? row.closed_at : null,
  };
}

export type ConsentActions = ReturnType<typeof createConsentActions>;
