// The route as data: six questions in a fixed order, each answering one parameter of the advice. A question
// that the earlier answers make pointless is left out (someone passing on an anonymous tip is not asked what
// they need), so the route is at most six taps from the first question to the result.
import type { Answers, Situation } from './answers.js';

export const STEP_IDS = ['who', 'what', 'danger', 'where', 'age', 'need'] as const;
export type StepId = (typeof STEP_IDS)[number];

export interface Option {
  value: string;
  /** Message key of the label; `${key}.hint` holds the examples. */
  key: string;
  /** Also sets this situation (the age question's "without parents" and "in asylum reception"). */
  situation?: Situation;
}

export interface StepDefinition {
  id: StepId;
  param: 'audience' | 'form' | 'danger' | 'municipality' | 'minor' | 'need';
  multi: boolean;
  options: Option[];
  /** What "I don't know" / "I'd rather not say" sets (undefined: the parameter is left out). */
  skipValue?: string;
  /** Whether the question's wording changes when it is about someone else. */
  perAudience: boolean;
}

export const STEPS: Record<StepId, StepDefinition> = {
  who: {
    id: 'who',
    param: 'audience',
    multi: false,
    perAudience: false,
    options: ['self', 'worried', 'professional', 'anonymous'].map((v) => ({
      value: v,
      key: `guide.who.${v}`,
    })),
  },
  what: {
    id: 'what',
    param: 'form',
    multi: true,
    perAudience: true,
    skipValue: 'unknown',
    options: ['sexual', 'labour', 'criminal', 'other'].map((v) => ({ value: v, key: `guide.what.${v}` })),
  },
  danger: {
    id: 'danger',
    param: 'danger',
    multi: false,
    perAudience: true,
    skipValue: 'unknown',
    options: ['yes', 'no'].map((v) => ({ value: v, key: `guide.danger.${v}` })),
  },
  where: {
    id: 'where',
    param: 'municipality',
    multi: false,
    perAudience: true,
    skipValue: 'unknown',
    options: [{ value: 'abroad', key: 'guide.where.abroad' }],
  },
  age: {
    id: 'age',
    param: 'minor',
    multi: false,
    perAudience: true,
    skipValue: 'unknown',
    // Beside the age, two situations that change who helps: an unaccompanied foreign minor (Nidos) and someone
    // in asylum reception (COA). Asked here so the route stays at six questions.
    options: [
      { value: 'yes', key: 'guide.age.yes' },
      { value: 'yes', key: 'guide.age.unaccompanied', situation: 'unaccompanied' },
      { value: 'no', key: 'guide.age.no' },
      { value: 'no', key: 'guide.age.asylum', situation: 'asylum' },
    ],
  },
  need: {
    id: 'need',
    param: 'need',
    multi: true,
    perAudience: false,
    options: ['talk', 'police', 'shelter', 'anonymous-tip', 'advice', 'rights'].map((v) => ({
      value: v,
      key: `guide.need.${v}`,
    })),
  },
};

/** The questions this person is asked, in order. */
export function stepsFor(answers: Answers): StepId[] {
  return STEP_IDS.filter((id) => !(id === 'need' && answers.audience === 'anonymous'));
}

export function isStepId(value: string): value is StepId {
  return (STEP_IDS as readonly string[]).includes(value);
}

/** The page after `step` ('result' after the last question). */
export function nextStep(step: StepId, answers: Answers): StepId | 'result' {
  const steps = stepsFor(answers);
  const index = steps.indexOf(step);
  return steps[index + 1] ?? 'result';
}

export function previousStep(step: StepId, answers: Answers): StepId | undefined {
  const steps = stepsFor(answers);
  const index = steps.indexOf(step);
  return index > 0 ? steps[index - 1] : undefined;
}

/** Answers with one parameter replaced (the value of a tapped option, or cleared). */
export function withAnswer(
  answers: Answers,
  param: StepDefinition['param'],
  value: string[] | undefined,
): Answers {
  const next: Answers = { ...answers, forms: [...answers.forms], needs: [...answers.needs] };
  const one = value?.[0];
  switch (param) {
    case 'audience':
      if (one) next.audience = one as Answers['audience'];
      else delete next.audience;
      break;
    case 'form':
      next.forms = (value ?? []) as Answers['forms'];
      break;
    case 'danger':
      if (one) next.danger = one as Answers['danger'];
      else delete next.danger;
      break;
    case 'municipality':
      if (one) next.municipality = one;
      else delete next.municipality;
      break;
    case 'minor':
      if (one) next.minor = one as Answers['minor'];
      else delete next.minor;
      // A new answer to the age question replaces the situation given with it.
      delete next.situation;
      break;
    case 'need':
      next.needs = (value ?? []) as Answers['needs'];
      break;
  }
  return next;
}

/** The answers after tapping an option (its value, and its situation if it has one). */
export function withOption(answers: Answers, def: StepDefinition, option: Option): Answers {
  const next = withAnswer(answers, def.param, [option.value]);
  if (option.situation) next.situation = option.situation;
  return next;
}

/** Whether an option is the current answer (for the age question: with the same situation). */
export function isChosen(answers: Answers, def: StepDefinition, option: Option): boolean {
  const chosen = currentValues(answers, def.param);
  if (chosen.length !== 1 || chosen[0] !== option.value) return false;
  return def.param !== 'minor' || answers.situation === option.situation;
}

/** The current values of a step's parameter, for marking the chosen option. */
export function currentValues(answers: Answers, param: StepDefinition['param']): string[] {
  switch (param) {
    case 'audience':
      return answers.audience ? [answers.audience] : [];
    case 'form':
      return answers.forms;
    case 'danger':
      return answers.danger ? [answers.danger] : [];
    case 'municipality':
      return answers.municipality ? [answers.municipality] : [];
    case 'minor':
      return answers.minor ? [answers.minor] : [];
    case 'need':
      return answers.needs;
  }
}
