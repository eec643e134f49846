// The national registration (CoMensha): pseudonymised rows without names or contact data, its HTCDS-aligned
// records for the data hub, and the bottleneck view drawn from it (no person data). Reads are audited.
import { bottlenecks } from '../bottlenecks.js';
import type { CaseCore } from '../core/context.js';
import { identificationFigures } from '../identification/service.js';
import { localDate } from '../model.js';
import { supportFigures } from '../support/repository.js';
import { exchangeBirthdates, exchangeRecords } from './exchange.js';
import { bottleneckFigures, latestRegistrations } from './repository.js';

export function createRegistrationService(core: CaseCore) {
  return {
    /** The national registration: pseudonymised rows, no names or contact data (CoMensha). */
    async registrations(user: { id: string }, o: { limit?: number } = {}) {
      const rows = await latestRegistrations(core.db, o.limit ?? 500);
      await core.audit.record({
        actorUserId: user.id,
        action: 'nrm.registration.read',
        entityType: 'nrm_registration',
        detail: { rows: rows.length },
      });
      return rows;
    },

    /**
     * Every registration in the data hub's HTCDS-aligned shape (pseudonymised already; no names, no contacts),
     * with what has been decided, the case's status and teams, and the consent (exchange.ts).
     */
    async registrationRecords() {
      return exchangeRecords(core);
    },

    /** The dates of birth for an HTCDS export under a data-sharing agreement (each opened one audited). */
    async exchangeBirthdates(
      caseRefs: readonly string[],
      o: { actorUserId: string | null; agreementId: string },
    ) {
      return exchangeBirthdates(core, caseRefs, o);
    },

    /** Time per step per region and month, how many wait for a place, overdue deadlines (no person data). */
    async bottleneckView(user: { id: string }) {
      const figures = await bottleneckFigures(core.db, core.clock());
      const regionName = new Map(figures.regions.map((r) => [r.code, r.name]));
      const steps = (region: (code: string) => string) =>
        figures.registrations.map((r) => ({
          region: region(r.safety_region_code),
          month: String(r.registered_on).slice(0, 7),
          signalAt: new Date(r.signal_at),
          triageAt: r.triage_at ? new Date(r.triage_at) : null,
          firstReferralAt: r.first_referral_at ? new Date(r.first_referral_at) : null,
          placementAt: r.placement_at ? new Date(r.placement_at) : null,
        }));
      const rows = bottlenecks(steps((code) => regionName.get(code) ?? code));
      const national = bottlenecks(steps(() => ''));
      await core.audit.record({
        actorUserId: user.id,
        action: 'nrm.bottlenecks.read',
        entityType: 'nrm_registration',
        detail: { rows: figures.registrations.length },
      });
      const [identification, support] = await Promise.all([
        identificationFigures(core),
        supportFigures(core.db, localDate(core.clock())),
      ]);
      return {
        rows,
        national,
        waiting: figures.waiting,
        overdue: figures.overdue,
        track: { ...identification, ...support },
      };
    },
  };
}
