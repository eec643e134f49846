// The expert pool's and the mirror group's domain types.
import type { Organisation } from '../types.js';

export const ADVICE_STATUSES = ['open', 'adopted', 'partly_adopted', 'not_adopted'] as const;

export interface Assignment {
  id: string;
  organisation: Organisation;
  title: string;
  description: string;
  forms: string[];
  minors: boolean;
  labourMigration: boolean;
  languages: string[];
  hoursEstimated: number;
  rateCode: string | null;
  status: (typeof ASSIGNMENT_STATUSES)[number];
  expert: { id: string; pseudonym: string } | null;
  /** Whether the expert assigned said yes (recorded by the coordinator); null without an expert. */
  expertAnswer: 'pending' | 'accepted' | null;
  hoursWorked: number | null;
  /** The day the work was done: the rate in force that day made the fee. */
  workedOn: string | null;
  /** The hourly rate in cents used for the fee, and the day that rate took effect (fixed with the fee). */
  rateCents: number | null;
  rateEffectiveFrom: string | null;
  /** Fixed in whole cents when the hours were recorded; never recomputed. */
  feeCents: number | null;
  paymentStatus: 'not_due' | 'due' | 'paid';
  paidCents: number | null;
  paidOn: string | null;
  createdAt: Date;
  /** Raised by every change: a step moves on only from the version the service saw (409 otherwise). */
  version: number;
}

export const ASSIGNMENT_STATUSES = ['requested', 'assigned', 'completed', 'cancelled', 'withdrawn'] as const;

export const ASSIGNMENT_EVENTS = [
  'requested',
  'assigned',
  'accepted',
  'declined',
  'reassigned',
  'cancelled',
  'withdrawn',
  'hours',
  'paid',
] as const;

/** One step in an assignment's history (nothing personal: the expert by pseudonym). */
export interface AssignmentEvent {
  at: Date;
  kind: (typeof ASSIGNMENT_EVENTS)[number];
  expert: { id: string; pseudonym: string } | null;
  note: string;
  detail: Record<string, unknown>;
}

export interface RatePeriod {
  effectiveFrom: string;
  hourlyRateCents: number;
}

/** A line of the rate card with every rate it has had. */
export interface Rate {
  code: string;
  description: string;
  /** Oldest first. */
  periods: RatePeriod[];
}

export interface MirrorMeeting {
  id: string;
  heldOn: string;
  participants: number;
  topics: string;
  advice: {
    id: string;
    lineId: string | null;
    summary: string;
    solicited: boolean;
    responseStatus: (typeof ADVICE_STATUSES)[number];
    response: string;
    respondedOn: string | null;
  }[];
}
