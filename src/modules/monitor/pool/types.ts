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
  status: 'requested' | 'assigned' | 'completed' | 'cancelled';
  expert: { id: string; pseudonym: string } | null;
  hoursWorked: number | null;
  fee: number | null;
  paymentStatus: 'not_due' | 'due' | 'paid';
  createdAt: Date;
}

export interface Rate {
  code: string;
  description: string;
  hourlyRate: number;
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
