// The wegwijzer's domain: the active rule set (loaded from the database, the bundled version installed on first
// use), advice for a set of answers, and publishing / rolling back rule-set versions with an audit entry.
// Answers are never stored or logged: `advise` is a pure computation over in-memory data.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AuditService } from '../../platform/audit/service.js';
import { HttpError } from '../../platform/http/errors.js';
import { coversVia, type Actor, type DirectoryService, type TaxonomyTerm } from '../directory/index.js';
import { answersKey, MUNICIPALITY_PATTERN, placeOf, type Answers } from './answers.js';
import { amsterdamWeekTime, openingChangeMinutes, periodStart } from './hours.js';
import { Lru } from './lru.js';
import { presentAdvice, type AdviceView } from './present.js';
import { REACH_CHANGE_MINUTES } from './routing/first-step.js';
import { reachableNow, type ReachableDesk } from './routing/open-now.js';
import type { Translate } from '../../platform/i18n/index.js';
import type { Advice } from './advice.js';
import { evaluate, type Candidate } from './engine.js';
import type { PlaceResolution } from './places.js';
import {
  activate,
  activeVersion,
  activeVersionNumber,
  findVersion,
  insertActiveVersion,
  listVersions,
  lockedNoRuleSetYet,
  type Root,
  type RuleSetVersion,
} from './repository.js';
import type { RuleProblem, RuleSet } from './rules/schema.js';

export const BUNDLED_RULES_FILE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'rules',
  'default.yaml',
);

export interface GuideDeps {
  db: Root;
  clock: () => Date;
  audit: AuditService;
  directory: DirectoryService;
  /** Check the active version at most this often (other app servers may publish); default 10 s. */
  pollIntervalMs?: number;
}

export interface ActiveRules {
  version: number;
  ruleSet: RuleSet;
}

export type { Advice } from './advice.js';

export class RuleSetInvalid extends HttpError {
  constructor(readonly problems: RuleProblem[]) {
    super(
      400,
      'rule_set_invalid',
      'guide.rules.invalid',
      problems.map((p) => ({ field: p.path, key: p.key, ...(p.params ? { params: p.params } : {}) })),
    );
  }
}

export class RuleSetConflict extends HttpError {
  constructor(readonly activeVersion: number) {
    super(409, 'conflict', 'guide.rules.conflict');
  }
}

/**
 * The rule set parser (YAML, JSON Schema), loaded when a rule set is first read: a CLI run that never reads one
 * does not load the YAML parser, Ajv and the schema (issue 14: the CLI's start).
 */
const ruleSets = () => import('./rules/schema.js');

/**
 * The active rule set, read once and then checked in the background at most every `pollIntervalMs` (another app
 * server may have published); the bundled rule set is installed on first use of an empty database.
 */
function createActiveRuleSet(deps: GuideDeps) {
  const { db, clock, audit } = deps;
  const pollInterval = deps.pollIntervalMs ?? 10_000;
  let cached: (ActiveRules & { checkedAt: number }) | undefined;
  let loading: Promise<ActiveRules> | undefined;
  let polling = false;

  async function installBundled(): Promise<void> {
    const source = readFileSync(BUNDLED_RULES_FILE, 'utf8');
    const { problems } = (await ruleSets()).parseRuleSet(source);
    if (problems.length) throw new Error(`The bundled rule set is invalid: ${JSON.stringify(problems)}`);
    await db.transaction().execute(async (trx) => {
      // Installing happens once per database, under a lock, whichever server is first.
      if (!(await lockedNoRuleSetYet(trx))) return;
      const version = await insertActiveVersion(trx, {
        source,
        note: 'Shipped with Samen (rules/default.yaml)',
        at: clock(),
        by: null,
        basedOn: null,
      });
      await audit.record(
        {
          actorUserId: null,
          action: 'guide.rules.install',
          entityType: 'guide_rule_set',
          entityId: String(version),
        },
        trx,
      );
    });
  }

  async function load(): Promise<ActiveRules> {
    let row = await activeVersion(db);
    if (!row) {
      await installBundled();
      row = await activeVersion(db);
    }
    if (!row) throw new Error('No active rule set after installing the bundled one');
    const { ruleSet, problems } = (await ruleSets()).parseRuleSet(row.source);
    // Only valid rule sets are ever stored; a broken row means someone edited the table by hand.
    if (!ruleSet)
      throw new Error(`Active rule set version ${row.version} is invalid: ${JSON.stringify(problems)}`);
    cached = { version: row.version, ruleSet, checkedAt: performance.now() };
    return cached;
  }

  function reload(): Promise<ActiveRules> {
    loading ??= load().finally(() => {
      loading = undefined;
    });
    return loading;
  }

  function pollInBackground() {
    if (!cached || polling || performance.now() - cached.checkedAt < pollInterval) return;
    polling = true;
    const known = cached;
    activeVersionNumber(db)
      .then((version) => (version === known.version ? void (known.checkedAt = performance.now()) : reload()))
      .catch(() => undefined)
      .finally(() => {
        polling = false;
      });
  }

  async function activeRules(): Promise<ActiveRules> {
    if (!cached) return reload();
    pollInBackground();
    return cached;
  }

  return {
    activeRules,
    reload,
    pollInBackground,
    /** The rule set in memory, without waiting; undefined before the first read. */
    current: (): ActiveRules | undefined => cached,
  };
}

/** Term codes and service ids a rule set names that the directory does not know. */
async function checkAgainstDirectory(directory: DirectoryService, ruleSet: RuleSet): Promise<RuleProblem[]> {
  const terms = await directory.termMap();
  const known = new Set([...terms.values()].map((t) => `${t.taxonomy}:${t.code}`));
  const services = new Set((await directory.allServices()).map((r) => r.id));
  const problems: RuleProblem[] = [];
  const keys = ['need', 'desk_type', 'exploitation_form', 'audience', 'access', 'scope'] as const;
  ruleSet.rules.forEach((rule, i) => {
    for (const key of keys) {
      rule.select[key]?.forEach((code, j) => {
        if (!known.has(`${key}:${code}`))
          problems.push({
            path: `rules[${i}].select.${key}[${j}]`,
            key: 'guide.rules.problem.unknownTerm',
            params: { code },
          });
      });
    }
    rule.select.services?.forEach((id, j) => {
      if (!services.has(id))
        problems.push({
          path: `rules[${i}].select.services[${j}]`,
          key: 'guide.rules.problem.unknownService',
          params: { id },
        });
    });
  });
  for (const [audience, codes] of Object.entries(ruleSet.audience_terms)) {
    codes.forEach((code, j) => {
      if (!known.has(`audience:${code}`))
        problems.push({
          path: `audience_terms.${audience}[${j}]`,
          key: 'guide.rules.problem.unknownTerm',
          params: { code },
        });
    });
  }
  return problems;
}

export function createGuideService(deps: GuideDeps) {
  const { db, clock, audit, directory } = deps;
  const rules = createActiveRuleSet(deps);
  const { activeRules, reload, pollInBackground } = rules;
  // Advice in words, per language, answers, rule-set version, directory snapshot and period of the week in which
  // no desk opens or closes (open now and the next opening change only when one does). Answers are only a cache
  // key in memory, never stored or logged; the cache forgets the oldest.
  const views = new Lru<AdviceView>(5000);
  const snapshotIds = new WeakMap<object, number>();
  // Per directory snapshot (its term map): the minutes of the day at which some desk opens or closes.
  const openingChanges = new WeakMap<object, number[]>();
  // The last view per answers object (a route's AnswerReader hands out one per query string), in its context.
  const lastViews = new WeakMap<Answers, { context: string; view: AdviceView }>();
  let nextSnapshotId = 0;

  /**
   * What a view depends on besides the answers: language, rule-set version, directory snapshot, and the period of
   * the week in which no desk opens or closes (openingChangeMinutes). undefined until the periods of this directory
   * snapshot are known (adviceView learns them).
   */
  function viewContext(locale: string, version: number, terms: object, now: Date): string | undefined {
    let snapshot = snapshotIds.get(terms);
    if (snapshot === undefined) snapshotIds.set(terms, (snapshot = ++nextSnapshotId));
    const changes = openingChanges.get(terms);
    if (changes === undefined) return undefined;
    const { day, minutes } = amsterdamWeekTime(now);
    return `${locale}|${version}|${snapshot}|${day}:${periodStart(changes, minutes)}`;
  }

  /** Remembers a view with the answers object it was asked for. */
  function remember(answers: Answers, context: string, view: AdviceView): AdviceView {
    lastViews.set(answers, { context, view });
    return view;
  }

  /** The desks that may be shown for the answers' place: the municipality's coverage, or national desks. */
  async function candidates(answers: Answers): Promise<Candidate[]> {
    const code = answers.municipality;
    if (code && MUNICIPALITY_PATTERN.test(code)) {
      const [records, municipality] = await Promise.all([
        directory.coverageFor(code),
        directory.municipality(code),
      ]);
      return records.map((record) => ({ record, via: coversVia(record, municipality!) }));
    }
    return (await directory.nationalServices()).map((record) => ({ record, via: 'country' as const }));
  }

  async function validated(source: string): Promise<RuleSet> {
    const { ruleSet, problems } = (await ruleSets()).parseRuleSet(source);
    if (!ruleSet) throw new RuleSetInvalid(problems);
    const meaning = await checkAgainstDirectory(directory, ruleSet);
    if (meaning.length) throw new RuleSetInvalid(meaning);
    return ruleSet;
  }

  return {
    activeRules,

    /** The injected clock (opening hours are judged against it). */
    now(): Date {
      return clock();
    },

    /** Ranked desks for the answers under the active rule set. Nothing is stored or logged. */
    async advise(answers: Answers): Promise<Advice> {
      const [{ version, ruleSet }, pool, terms] = await Promise.all([
        activeRules(),
        candidates(answers),
        directory.termMap(),
      ]);
      return { ...evaluate(ruleSet, answers, pool, terms), ruleSetVersion: version, ruleSet, answers };
    },

    /**
     * The advice for the answers in words (reasons, contacts, opening), as the result page and the API show it.
     * Memoised: the same answers in the same language and opening period cost a Map lookup.
     */
    async adviceView(answers: Answers, locale: string, t: Translate): Promise<AdviceView> {
      const [{ version }, terms] = await Promise.all([activeRules(), directory.termMap()]);
      if (!openingChanges.has(terms)) {
        const schedules = (await directory.allServices()).flatMap((r) => r.schedules);
        const changes = new Set([...openingChangeMinutes(schedules), ...REACH_CHANGE_MINUTES]);
        openingChanges.set(
          terms,
          [...changes].sort((a, b) => a - b),
        );
      }
      const now = clock();
      const context = viewContext(locale, version, terms, now)!;
      const key = `${context}|${answersKey(answers)}`;
      const cached = views.get(key);
      if (cached) return remember(answers, context, cached);
      const advice = await this.advise(answers);
      const municipality =
        placeOf(answers) === 'netherlands' ? await directory.municipality(answers.municipality!) : undefined;
      const view = presentAdvice(advice, {
        t,
        locale,
        now,
        terms,
        ...(municipality ? { placeName: municipality.name } : {}),
      });
      views.set(key, view);
      return remember(answers, context, view);
    },

    /**
     * adviceView without waiting: the memoised view when the rules and the directory index are current and these
     * answers were seen in this opening period (the steady state of a busy guide); undefined otherwise (then use
     * adviceView).
     */
    adviceViewNow(answers: Answers, locale: string): AdviceView | undefined {
      const terms = directory.termMapNow();
      const current = rules.current();
      if (!current || !terms) return undefined;
      pollInBackground();
      const context = viewContext(locale, current.version, terms, clock());
      if (context === undefined) return undefined;
      // The same answers object as last time, in the same context: no key to build, nothing to look up.
      const last = lastViews.get(answers);
      if (last?.context === context) return last.view;
      const view = views.get(`${context}|${answersKey(answers)}`);
      return view && remember(answers, context, view);
    },

    /** The admin's "try it": the same evaluation under a draft rule set (not stored). */
    async tryRules(source: string, answers: Answers): Promise<Advice> {
      const ruleSet = await validated(source);
      const [pool, terms] = await Promise.all([candidates(answers), directory.termMap()]);
      const { version } = await activeRules();
      return { ...evaluate(ruleSet, answers, pool, terms), ruleSetVersion: version, ruleSet, answers };
    },

    /** Problems in a draft (syntax, schema, unknown terms or services); empty when it can be published. */
    async check(source: string): Promise<RuleProblem[]> {
      try {
        await validated(source);
        return [];
      } catch (error) {
        if (error instanceof RuleSetInvalid) return error.problems;
        throw error;
      }
    },

    /**
     * Publishes a new version and makes it active. `basedOn` is the active version the editor started from:
     * when someone else published in the meantime, a 409 says so instead of silently replacing their rules.
     */
    async publish(input: { source: string; note: string; basedOn: number }, actor: Actor): Promise<number> {
      await validated(input.source);
      const version = await db.transaction().execute(async (trx) => {
        const current = await activeVersionNumber(trx);
        if (current !== undefined && current !== input.basedOn) throw new RuleSetConflict(current);
        const v = await insertActiveVersion(trx, {
          source: input.source,
          note: input.note,
          at: clock(),
          by: actor.id,
          basedOn: input.basedOn,
        });
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'guide.rules.publish',
            entityType: 'guide_rule_set',
            entityId: String(v),
            detail: { basedOn: input.basedOn },
          },
          trx,
        );
        return v;
      });
      await reload();
      return version;
    },

    /** Makes an earlier (or later) version active again: the rollback. */
    async activate(version: number, actor: Actor): Promise<void> {
      const found = await db.transaction().execute(async (trx) => {
        const previous = await activeVersionNumber(trx);
        const ok = await activate(trx, version, clock());
        if (ok)
          await audit.record(
            {
              actorUserId: actor.id,
              action: 'guide.rules.activate',
              entityType: 'guide_rule_set',
              entityId: String(version),
              detail: { previous: previous ?? null },
            },
            trx,
          );
        return ok;
      });
      if (!found) throw new HttpError(404, 'not_found', 'errors.notFound');
      await reload();
    },

    async versions(): Promise<RuleSetVersion[]> {
      await activeRules();
      return listVersions(db);
    },

    async version(version: number): Promise<RuleSetVersion | undefined> {
      return findVersion(db, version);
    },

    /** National desks that can be called or chatted with now, 24/7 ones first (the home page). */
    async reachableNow(t: Translate): Promise<ReachableDesk[]> {
      return reachableNow(await directory.nationalServices(), clock(), t);
    },

    /** The municipality for what someone typed; near matches only as candidates to confirm (places.ts). */
    async resolvePlace(input: string): Promise<PlaceResolution> {
      return directory.resolvePlace(input);
    },

    async termMap(): Promise<Map<string, TaxonomyTerm>> {
      return directory.termMap();
    },

    async municipality(code: string) {
      return directory.municipality(code);
    },
  };
}

export type GuideService = ReturnType<typeof createGuideService>;
