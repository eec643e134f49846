// The sample plan from the letter of 4 July 2025 (sample-plan.ts) into an empty plan: lines, actions with their
// owners, partners, milestones and indicators, the commitments, the campaigns the letter describes, and the
// round "voorjaar 2025" with the letter's text and figures, locked. One transaction: all of it or nothing.
import { SAMPLE_CAMPAIGNS } from './inventory/campaigns.js';
import * as campaignRepo from './inventory/repository.js';
import * as commitmentRepo from './plan/commitments-repository.js';
import * as planRepo from './plan/repository.js';
import type { Root } from './plan/repository.js';
import * as roundRepo from './plan/rounds-repository.js';
import { SAMPLE_COMMITMENTS } from './sample-commitments.js';
import { LETTER, SAMPLE_PLAN, SAMPLE_ROUND } from './sample-plan.js';

/** The sample touches every part of the monitor: the repositories of each, as one. */
const repo = { ...planRepo, ...roundRepo, ...commitmentRepo, ...campaignRepo };

export async function loadSamplePlan(
  db: Root,
  clock: () => Date,
  newId: () => string,
): Promise<{ lines: number; actions: number } | undefined> {
  if ((await repo.countLines(db)) > 0) return undefined;
  const now = clock();
  let actionCount = 0;
  await db.transaction().execute(async (trx) => {
    const orgIds = new Map<string, string>();
    const org = async (name: string) => {
      let id = orgIds.get(name);
      if (!id) {
        const found = await repo.findOrganisationByName(trx, name);
        id = found?.id ?? newId();
        if (!found) await repo.insertOrganisation(trx, { id, name });
        orgIds.set(name, id);
      }
      return id;
    };
    const actionIds = new Map<string, string>();
    const roundId = newId();
    await repo.insertRound(trx, {
      id: roundId,
      name: SAMPLE_ROUND.name,
      letter: SAMPLE_ROUND.letter,
      openedOn: SAMPLE_ROUND.openedOn,
      deadline: SAMPLE_ROUND.deadline,
      openedBy: null,
      now,
    });
    const entries: Parameters<typeof repo.insertEntries>[1] = [];
    const values: { indicatorId: string; period: string; value: number; note: string }[] = [];
    for (const [lineIndex, line] of SAMPLE_PLAN.entries()) {
      const lineId = newId();
      await repo.insertLine(trx, {
        id: lineId,
        code: line.code,
        title: line.title,
        position: lineIndex + 1,
        source: line.source,
      });
      for (const [actionIndex, a] of line.actions.entries()) {
        const id = newId();
        actionIds.set(a.code, id);
        const ownerId = await org(a.owner);
        await repo.insertAction(trx, {
          id,
          lineId,
          code: a.code,
          title: a.title,
          description: a.description,
          ownerId,
          status: a.status,
          source: a.source,
          position: actionIndex + 1,
          now,
        });
        for (const p of a.partners) await repo.insertPartner(trx, id, await org(p));
        for (const p of a.coHolders ?? []) await repo.insertPartner(trx, id, await org(p), true);
        for (const [mi, m] of a.milestones.entries())
          await repo.insertMilestone(trx, {
            id: newId(),
            actionId: id,
            title: m.title,
            plannedDate: m.planned ?? null,
            actualDate: m.actual ?? null,
            source: m.source ?? LETTER,
            position: mi + 1,
          });
        for (const [ii, ind] of a.indicators.entries()) {
          const indicatorId = newId();
          await repo.insertIndicator(trx, {
            id: indicatorId,
            actionId: id,
            name: ind.name,
            unit: ind.unit,
            min: ind.min ?? null,
            max: ind.max ?? null,
            position: ii + 1,
          });
          for (const v of ind.values)
            values.push({ indicatorId, period: v.period, value: v.value, note: v.note ?? '' });
        }
        entries.push({
          roundId,
          actionId: id,
          actionCode: a.code,
          actionTitle: a.title,
          lineCode: line.code,
          lineTitle: line.title,
          linePosition: lineIndex + 1,
          actionPosition: actionIndex + 1,
          ownerId,
          ownerName: a.owner,
          status: a.status,
          narrative: a.description,
          reviewState: 'accepted',
          reviewNote: '',
          updatedAt: now,
          narrativeCarried: false,
        });
        actionCount++;
      }
    }
    await repo.insertEntries(trx, entries);
    for (const v of values) await repo.insertIndicatorValue(trx, { id: newId(), roundId, now, ...v });
    for (const c of SAMPLE_COMMITMENTS)
      await repo.insertCommitment(trx, {
        id: newId(),
        kind: c.kind,
        number: c.number,
        title: c.title,
        madeOn: c.madeOn ?? null,
        summary: c.summary,
        ownerId: await org(c.owner),
        status: c.status,
        answeredIn: c.answeredIn,
        source: c.source,
        actionIds: c.actions.map((code) => actionIds.get(code)!),
        now,
      });
    await repo.lockRound(trx, roundId, null, new Date(SAMPLE_ROUND.lockedAt));
    for (const c of SAMPLE_CAMPAIGNS) await repo.insertCampaign(trx, newId(), c, now);
  });
  return { lines: SAMPLE_PLAN.length, actions: actionCount };
}
