// The monitor's domain types: what the service hands to routes, views, the annex and the CLI.
import type { Role } from '../../platform/auth/index.js';

export const ACTION_STATUSES = ['planned', 'running', 'delayed', 'completed', 'stopped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const isActionStatus = (v: string): v is ActionStatus =>
  (ACTION_STATUSES as readonly string[]).includes(v);

export const REVIEW_STATES = ['pending', 'submitted', 'changes_requested', 'accepted'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const COMMITMENT_KINDS = ['motion', 'commitment', 'request'] as const;
export type CommitmentKind = (typeof COMMITMENT_KINDS)[number];
export const COMMITMENT_STATUSES = ['open', 'in_progress', 'done'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

/** Who is acting: the signed-in user, their role, and (for action owners) their organisation. */
export interface MonitorActor {
  id: string;
  role: Role;
}

export interface Organisation {
  id: string;
  name: string;
}

export interface ActionLine {
  id: string;
  code: string;
  title: string;
  position: number;
  source: string;
}

export interface Milestone {
  id: string;
  title: string;
  plannedDate: string | null;
  actualDate: string | null;
  source: string;
}

export interface IndicatorValue {
  id: string;
  roundId: string | null;
  period: string;
  value: number;
  note: string;
}

export interface Indicator {
  id: string;
  actionId: string;
  name: string;
  unit: string;
  min: number | null;
  max: number | null;
  values: IndicatorValue[];
}

export interface Action {
  id: string;
  lineId: string;
  code: string;
  title: string;
  description: string;
  owner: Organisation;
  partners: Organisation[];
  status: ActionStatus;
  source: string;
  position: number;
}

export interface ActionDetail extends Action {
  line: ActionLine;
  milestones: Milestone[];
  indicators: Indicator[];
  commitments: Commitment[];
}

export interface Commitment {
  id: string;
  kind: CommitmentKind;
  number: string;
  title: string;
  madeOn: string | null;
  summary: string;
  owner: Organisation | null;
  status: CommitmentStatus;
  answeredIn: string;
  source: string;
  actionCodes: string[];
}

export interface Round {
  id: string;
  name: string;
  letter: string;
  openedOn: string;
  deadline: string;
  status: 'open' | 'locked';
  lockedAt: Date | null;
  createdAt: Date;
}

export interface RoundEntry {
  roundId: string;
  actionId: string;
  actionCode: string;
  actionTitle: string;
  lineCode: string;
  lineTitle: string;
  linePosition: number;
  actionPosition: number;
  ownerId: string;
  ownerName: string;
  status: ActionStatus;
  narrative: string;
  reviewState: ReviewState;
  reviewNote: string;
  updatedAt: Date | null;
  /** The narrative was carried over from the round before and its owner has not confirmed or rewritten it. */
  narrativeCarried: boolean;
}

/** An indicator value reported in a round, with the indicator's name and unit. */
export interface RoundIndicatorValue {
  indicatorId: string;
  actionId: string;
  name: string;
  unit: string;
  period: string;
  value: number;
  note: string;
}

export interface RoundProgress {
  total: number;
  byReview: Record<ReviewState, number>;
}
