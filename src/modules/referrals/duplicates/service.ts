// Duplicate detection across regions (issue 20, point 6). When a signal or a rectification saves a person, their
// blocking keys (matching.ts) are stored as keyed hashes; the cases sharing one are opened here, in the service,
// scored, and a pair that scores high enough is kept with its score and reasons (codes). Nobody sees that
// comparison: only the national coordination (CoMensha) sees the pairs, names included (each case shown is
// audited), and decides "the same person" (linked, a line in both timelines) or "not the same person"
// (dismissed, remembered: the pair is not offered again). A region sees neither the pair nor the other file.
import { createHmac } from 'node:crypto';
import { fieldContext } from '../../../platform/crypto/index.js';
import { Conflict, Forbidden, NotFound } from '../../../platform/errors.js';
import { viewerOf, type CaseCore, type User } from '../core/context.js';
import { isId } from '../core/validation.js';
import { localDate } from '../model.js';
import * as repo from '../repository.js';
import { blockingKeys, scorePair, SHOWN_FROM, type MatchPerson } from './matching.js';
import {
  blockSizes,
  comparable,
  decidedPairs,
  decidePair,
  dropOpenPairs,
  linkedOpenPairs,
  lockPair,
  openPairs,
  personsAfter,
  referencesOf,
  replaceKeys,
  sharingKeys,
  upsertPairs,
  type ComparableRow,
} from './repository.js';
import { carryFactsOf, carrySummary, standingOf } from './carry.js';
import { comparableOne, mergePair, type MergeInput } from './merge.js';

/** At most this many cases sharing a key are opened and scored for one person (most keys shared first). */
const COMPARED_AT_MOST = 200;
/** A block holding more cases than this is not used to find candidates (too common to tell people apart). */
const BLOCK_AT_MOST = 1000;
/** A name whose name block holds more cases than this counts as common. */
const COMMON_NAME = 50;
/** Pairs on the national coordination's page. */
const PAGE_SIZE = 50;

export type DuplicateOutcome = 'linked' | 'dismissed' | 'merged';

/** The keyed hash of a blocking key: without the server's key, the stored value says nothing about the name. */
export function matchKeyHasher(secret: string | Buffer) {
  const key = createHmac('sha256', secret).update('nrm-duplicate-match').digest();
  return (blockingKey: string) =>
    createHmac('sha256', key).update(blockingKey).digest('base64url').slice(0, 22);
}

function openRow(core: CaseCore, row: ComparableRow): MatchPerson {
  return {
    name: core.open(row.name_enc, fieldContext('nrm_person', 'name_enc', row.id)),
    dateOfBirth: core.open(row.date_of_birth_enc, fieldContext('nrm_person', 'date_of_birth_enc', row.id)),
    citizenship: row.citizenship,
    gender: row.gender,
    municipalityCode: row.municipality_code,
    safetyRegionCode: row.safety_region_code,
  };
}

/**
 * Stores a case's keys and the candidate pairs it makes, inside the caller's transaction (the signal, the
 * rectification, the backfill). The person is given opened (the caller has it); the others are opened here.
 */
export async function indexCase(core: CaseCore, trx: repo.Tx, caseId: string, person: MatchPerson) {
  const hash = matchKeyHasher(core.config.encryptionKey);
  const clear = blockingKeys(person);
  const keys = clear.map(hash);
  await dropOpenPairs(trx, caseId);
  await replaceKeys(trx, caseId, keys);
  const sizes = await blockSizes(trx, keys);
  // A block this large says little (a very common name without more): its cases are not fetched from it.
  const usable = keys.filter((k) => (sizes.get(k) ?? 0) <= BLOCK_AT_MOST);
  // How common the name is, from the size of its name blocks: a common name alone is weak evidence.
  const commonName = clear.some((k, i) => k.startsWith('n|') && (sizes.get(keys[i]!) ?? 0) > COMMON_NAME);
  const sharing = await sharingKeys(trx, caseId, usable, COMPARED_AT_MOST);
  const others = await comparable(
    trx,
    sharing.map((s) => s.case_id),
  );
  const at = core.clock();
  const pairs = others.flatMap((other) => {
    const opened = openedOrNot(core, other);
    if (!opened) return [];
    const { score, reasons } = scorePair(person, opened, { commonName });
    return score >= SHOWN_FROM ? [{ a: caseId, b: other.id, score, reasons, at }] : [];
  });
  await upsertPairs(trx, pairs);
  return { compared: others.length, pairs: pairs.length };
}

/**
 * Another case's person, or undefined when it cannot be opened on this server (its key is not in this server's
 * ring yet, during a key rotation): a signal is never refused because of someone else's case.
 */
function openedOrNot(core: CaseCore, row: ComparableRow): MatchPerson | undefined {
  try {
    return openRow(core, row);
  } catch {
    return undefined;
  }
}

async function national(core: CaseCore, user: User) {
  const viewer = await viewerOf(core, user);
  if (user.role !== 'nrm_national' || viewer.team?.kind !== 'national') throw new Forbidden();
  return viewer;
}

export function createDuplicateService(core: CaseCore) {
  return {
    /**
     * The candidate pairs for the national coordination, best first, each case with its name, date of birth,
     * place, region and team; every case shown is audited (`nrm.duplicate.read`). Others: 403.
     */
    async duplicateCandidates(user: User) {
      await national(core, user);
      const [open, decided, linked] = await Promise.all([
        openPairs(core.db, SHOWN_FROM, PAGE_SIZE),
        decidedPairs(core.db, 20),
        linkedOpenPairs(core.db, PAGE_SIZE),
      ]);
      const ids = [...new Set(open.flatMap((p) => [p.case_a, p.case_b]))];
      const decidedIds = [...new Set(decided.flatMap((p) => [p.case_a, p.case_b]))];
      const linkedIds = [...new Set(linked.flatMap((p) => [p.case_a, p.case_b]))];
      const [rows, linkedRows, references, teams, regions] = await Promise.all([
        comparable(core.db, ids),
        comparable(core.db, linkedIds),
        referencesOf(core.db, decidedIds),
        core.teams.all(),
        core.directory.regions(),
      ]);
      const teamName = new Map(teams.map((t) => [t.id, t.name]));
      // What was decided about the person on each case and what a merge either way would carry over (carry.ts),
      // so the coordinator can choose which case continues.
      const { types, facts } = await carryFactsOf(core.db, [...rows, ...linkedRows]);
      const today = localDate(core.clock());
      const standing = (id: string) => standingOf(types, facts.get(id)!, today);
      const carry = (a: string, b: string) => ({
        intoA: carrySummary(types, facts.get(a)!, facts.get(b)!),
        intoB: carrySummary(types, facts.get(b)!, facts.get(a)!),
      });
      const cases = new Map(
        rows.map((row) => {
          const person = openRow(core, row);
          return [
            row.id,
            {
              id: row.id,
              reference: row.reference,
              version: row.version,
              status: row.status,
              name: person.name,
              dateOfBirth: person.dateOfBirth,
              citizenship: row.citizenship,
              place: regions.municipality(row.municipality_code)?.name ?? row.municipality_code,
              region: regions.safetyRegion(row.safety_region_code)?.name ?? row.safety_region_code,
              team: teamName.get(row.owner_team_id) ?? '',
              createdAt: row.created_at,
              standing: standing(row.id),
            },
          ] as const;
        }),
      );
      // One entry per case shown (the person's subject-access export lists it), written in one transaction: a
      // linked pair's cases too, since what was decided about the person is shown with them.
      await core.db.transaction().execute(async (trx) => {
        for (const id of new Set([...cases.keys(), ...linkedRows.map((r) => r.id)]))
          await core.audit.record(
            { actorUserId: user.id, action: 'nrm.duplicate.read', entityType: 'nrm_case', entityId: id },
            trx,
          );
      });
      return {
        pairs: open.flatMap((p) => {
          const a = cases.get(p.case_a);
          const b = cases.get(p.case_b);
          return a && b ? [{ a, b, score: p.score, reasons: p.reasons, carry: carry(a.id, b.id) }] : [];
        }),
        // Linked pairs still open, to merge: references, region and team, what was decided and runs (no person
        // field is opened).
        linked: linked.flatMap((p) => {
          const [a, b] = [p.case_a, p.case_b].map((id) => linkedRows.find((r) => r.id === id));
          if (!a || !b) return [];
          const side = (r: ComparableRow) => ({
            id: r.id,
            reference: r.reference,
            version: r.version,
            region: regions.safetyRegion(r.safety_region_code)?.name ?? r.safety_region_code,
            team: teamName.get(r.owner_team_id) ?? '',
            standing: standing(r.id),
          });
          return [{ a: side(a), b: side(b), carry: carry(a.id, b.id) }];
        }),
        decided: decided.map((p) => ({
          a: references.get(p.case_a) ?? '',
          b: references.get(p.case_b) ?? '',
          outcome: p.outcome as DuplicateOutcome,
          at: p.decided_at!,
        })),
      };
    },

    /** The national coordination's decision on a pair: the same person (linked) or not (dismissed). */
    async decideDuplicate(user: User, caseA: string, caseB: string, outcome: 'linked' | 'dismissed') {
      const viewer = await national(core, user);
      if (!isId(caseA) || !isId(caseB)) throw new NotFound();
      const [a, b] = caseA < caseB ? [caseA, caseB] : [caseB, caseA];
      await core.db.transaction().execute(async (trx) => {
        const pair = await lockPair(trx, a, b);
        if (!pair) throw new NotFound();
        if (pair.outcome) throw new Conflict('referrals.errors.alreadyAnswered');
        const at = core.clock();
        await decidePair(trx, a, b, { outcome, by: user.id, at });
        for (const caseId of [a, b]) {
          // Each region's timeline says that the person has another case, not where or which.
          if (outcome === 'linked')
            await repo.addEvent(trx, core.sealed, {
              caseId,
              at,
              actorUserId: user.id,
              actorTeamId: viewer.teamId,
              kind: 'same_person',
            });
          await core.audit.record(
            {
              actorUserId: user.id,
              action: outcome === 'linked' ? 'nrm.duplicate.link' : 'nrm.duplicate.dismiss',
              entityType: 'nrm_case',
              entityId: caseId,
              detail: { other: caseId === a ? b : a, score: pair.score },
            },
            trx,
          );
        }
      });
    },

    /**
     * Merges a pair (open or linked): the case `keep` continues, the other is closed as "merged" into it (merge.ts).
     * National coordination only; audited once with both references.
     */
    async mergeDuplicate(user: User, input: MergeInput) {
      const viewer = await national(core, user);
      await mergePair(core, user, viewer.teamId, input, async (trx, caseId) => {
        const row = await comparableOne(trx, caseId);
        const person = row && openedOrNot(core, row);
        if (person) await indexCase(core, trx, caseId, person);
      });
    },

    /** Computes one case's keys and pairs again (its own transaction); undefined without a named person. */
    indexDuplicatesOf: (caseId: string) =>
      isId(caseId) ? indexOne(core, caseId) : Promise.resolve(undefined),

    /**
     * Computes the keys and pairs of every case with a named person (cases from before migration 0030, or after
     * the key material changed), one transaction per case. `samen nrm duplicates index`.
     */
    async indexDuplicates(o: { batch?: number } = {}) {
      let after = '00000000-0000-0000-0000-000000000000';
      let cases = 0;
      let pairs = 0;
      for (;;) {
        const batch = await personsAfter(core.db, after, o.batch ?? 500);
        if (!batch.length) break;
        for (const { case_id } of batch) {
          pairs += (await indexOne(core, case_id))?.pairs ?? 0;
          cases++;
        }
        after = batch[batch.length - 1]!.case_id;
      }
      return { cases, pairs };
    },
  };
}

async function indexOne(core: CaseCore, caseId: string) {
  const [row] = await comparable(core.db, [caseId]);
  if (!row) return undefined;
  const person = openedOrNot(core, row);
  if (!person) return undefined;
  return core.db.transaction().execute((trx) => indexCase(core, trx, caseId, person));
}
