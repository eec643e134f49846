// What the person's export is made from (the JSON export is this record, exact): read by
// subject-access-repository.ts and the services, written out in words by subject-access.ts and its sections.
import type { ExportedConsent } from './consent-service.js';
import type { PlacementRow, ReferralRow } from './repository.js';
import type { ExportedDecisions } from './subject-access-decisions.js';
import type {
  Actor,
  CaseAuditEntry,
  GrantRow,
  ListAppearance,
  RegistrationRow,
} from './subject-access-repository.js';

/** Everything the export is made from (the JSON export is this record, exact). */
export interface SubjectAccessData {
  exportedAt: string;
  teamNames: Record<string, string>;
  /** Display names of the accounts the record refers to by key (JSON only; the document names roles). */
  accountNames: Record<string, string>;
  /** Names of the municipality, safety region and police unit, by code. */
  placeNames: Record<string, string>;
  case: Record<string, unknown> & { reference: string };
  person: Record<string, string | null> | null;
  events: {
    at: Date;
    kind: string;
    from_status: string | null;
    to_status: string | null;
    reason: string | null;
    actor_name: string | null;
    team_name: string | null;
    actor_user_id?: string | null;
  }[];
  referrals: ReferralRow[];
  /** The exit note opened (its sealed column left out). */
  placements: (Omit<PlacementRow, 'exit_note_enc'> & { exit_note?: string | null })[];
  /** Every consent per recipient and purpose, withdrawn ones too, the withdrawal note opened. */
  consents: ExportedConsent[];
  accesses: CaseAuditEntry[];
  listAppearances: ListAppearance[];
  grants: GrantRow[];
  registration: RegistrationRow | null;
  /** Role and team of every account the document mentions. */
  actors: Record<string, Actor>;
  retentionYears: number;
  /** The identification decisions and the support track, reasons and texts opened (issue 20). */
  identification?: ExportedDecisions;
}
