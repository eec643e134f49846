// The advice the wegwijzer gives: the engine's evaluation with the rule set and the answers it was made for.
import type { Answers } from './answers.js';
import type { Evaluation } from './engine.js';
import type { RuleSet } from './rules/schema.js';

export interface Advice extends Evaluation {
  ruleSetVersion: number;
  ruleSet: RuleSet;
  /** The answers the advice is for (what to do first depends on who asks). */
  answers: Answers;
}
