// The monitor's service: the plan (lines, actions, commitments, reporting rounds and reminders), the expert pool
// and the mirror group, and the inventories (campaigns, desks), each in its own folder with its repository. No SQL
// here, no HTTP: a refusal is a domain error (platform/errors.ts) that the platform maps to a status.
import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../../platform/audit/service.js';
import type { FieldCryptoService } from '../../platform/crypto/index.js';
import { I18n } from '../../platform/i18n/index.js';
import type { OutgoingMail } from '../../platform/mail/index.js';
import type { ServiceRecord, TaxonomyTerm } from '../directory/index.js';
import type { RegionsView } from './inventory/desks.js';
import { createInventoryService } from './inventory/service.js';
import type { Db, Root } from './plan/repository.js';
import { createPlanService } from './plan/service.js';
import { createMirrorService } from './pool/mirror-service.js';
import { createRosterService } from './pool/roster-service.js';
import { createPoolMoneyService } from './pool/money-service.js';
import { createIdentitySealing } from './pool/sealing.js';
import { createAssignmentStepsService } from './pool/assignment-steps.js';
import { createAssignmentService, createExpertService } from './pool/service.js';
import { amsterdamDate, createOwnership } from './rules.js';
import { loadMonitorDemo, type MonitorDemoDeps } from './demo.js';
import { loadSamplePlan } from './sample-loader.js';

export { TEAM_ROLES, READ_ROLES, POOL_ROLES, isTeam, isValidDate, amsterdamDate } from './rules.js';
export type { RoundView } from './plan/rounds-service.js';
export type { EntryInput } from './plan/forms.js';

export interface MonitorDeps {
  db: Root;
  clock: () => Date;
  audit: { record(entry: AuditEntry, trx?: Db): Promise<void> };
  mail: { enqueue(mail: OutgoingMail, trx?: Db): Promise<void> };
  config: { publicOrigin: string };
  /** The directory's door: reporting points and knowledge centres are counted from it, live. */
  directory?: {
    allServices(): Promise<ServiceRecord[]>;
    termMap(): Promise<Map<string, TaxonomyTerm>>;
    regions(): Promise<RegionsView>;
  };
  /** Field encryption: the expert pool's real names and contact details are sealed with it. */
  fieldCrypto: Pick<FieldCryptoService, 'encryptField' | 'decryptField'>;
  newId?: () => string;
  i18n?: I18n;
}

export function createMonitorService(deps: MonitorDeps) {
  const { db, clock } = deps;
  const newId = deps.newId ?? randomUUID;
  const core = { db, clock, audit: deps.audit, newId };
  const ownership = createOwnership(db);
  const plan = {
    ...core,
    ownership,
    today: () => amsterdamDate(clock()),
    mail: deps.mail,
    config: deps.config,
    i18n: deps.i18n ?? new I18n(),
  };
  return {
    ...createPlanService(plan),
    ...createExpertService({ ...core, ownership, crypto: deps.fieldCrypto }),
    ...createIdentitySealing({ ...core, crypto: deps.fieldCrypto }),
    ...createAssignmentService({ ...core, ownership, crypto: deps.fieldCrypto }),
    ...createAssignmentStepsService({ ...core, ownership, crypto: deps.fieldCrypto }),
    ...createPoolMoneyService({ ...core, ownership, crypto: deps.fieldCrypto }),
    ...createMirrorService({ ...core, ownership, crypto: deps.fieldCrypto }),
    ...createRosterService({ ...core, ownership, crypto: deps.fieldCrypto }),
    ...createInventoryService({ ...core, directory: deps.directory }),

    now: () => clock(),

    /**
     * Loads the action plan, commitments and the locked round "voorjaar 2025" from the letter of 4 July 2025,
     * when the plan is empty (what owners keep current afterwards is never overwritten).
     */
    async loadSamplePlan(): Promise<{ lines: number; actions: number } | undefined> {
      return loadSamplePlan(db, clock, newId);
    },

    /** The demo accounts (published secrets): only for a start on loopback outside production (see demo.ts). */
    async loadDemoAccounts(
      auth: Pick<MonitorDemoDeps, 'findUserByEmail' | 'createUser'>,
      password: string,
    ): Promise<{ users: number }> {
      return loadMonitorDemo(
        { db, findUserByEmail: auth.findUserByEmail, createUser: auth.createUser },
        password,
      );
    },
  };
}

export type MonitorService = ReturnType<typeof createMonitorService>;
