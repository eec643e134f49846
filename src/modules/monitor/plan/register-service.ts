// The register of motions and commitments as it stands (with the warnings), and what locking a round will freeze:
// the team sees it, with the carried-over texts nobody confirmed, before it confirms the lock.
import type { AnnexRegister } from '../annex-register.js';
import { assertTeam } from '../rules.js';
import type { MonitorActor, Round, RoundEntry } from '../types.js';
import type { PlanDeps } from './actions-service.js';
import { RoundLocked } from './rounds-service.js';
import * as roundRepo from './rounds-repository.js';
import { currentRegister } from './snapshot.js';

export interface LockPreview {
  round: Round;
  entries: RoundEntry[];
  /** Updates still awaiting review or changes: locking is refused while there are any. */
  awaiting: RoundEntry[];
  /** No update received in this round. */
  notUpdated: RoundEntry[];
  /** Carried-over text its owner neither confirmed nor rewrote. */
  carried: RoundEntry[];
  register: AnnexRegister;
}

export function createRegisterService(deps: PlanDeps & { getRound(id: string): Promise<Round> }) {
  const { db } = deps;
  return {
    /** The motions and commitments as they stand today, with their linked actions' statuses. */
    async commitmentRegister(): Promise<AnnexRegister> {
      return currentRegister(db, deps.today());
    },

    /** What locking this open round will freeze (the team; a locked round: 409). */
    async lockPreview(roundId: string, actor: MonitorActor): Promise<LockPreview> {
      assertTeam(actor);
      const round = await deps.getRound(roundId);
      if (round.status === 'locked') throw RoundLocked();
      const [entries, register] = await Promise.all([
        roundRepo.listEntries(db, [roundId]),
        currentRegister(db, deps.today()),
      ]);
      return {
        round,
        entries,
        awaiting: entries.filter(
          (e) => e.reviewState === 'submitted' || e.reviewState === 'changes_requested',
        ),
        notUpdated: entries.filter((e) => e.reviewState === 'pending'),
        carried: entries.filter((e) => e.narrativeCarried),
        register,
      };
    },
  };
}
