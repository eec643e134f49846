// The home page's "reachable right now": national desks a person can call or chat with at this moment, the
// ones open day and night first. Only desks whose hours say they are open count (a desk that publishes no
// hours is not listed: the home page promises "now").
import type { Translate } from '../../../platform/i18n/index.js';
import type { ServiceRecord } from '../../directory/index.js';
import { contactsOf, type DeskContact } from '../present.js';
import { hasLiveChannel, reachNow } from './first-step.js';

export interface ReachableDesk {
  serviceId: string;
  name: string;
  reach: 'always' | 'open';
  /** The phone, WhatsApp, chat or text channel. */
  contact: DeskContact;
  /** Directory page of the desk. */
  path: string;
}

const LIVE = new Set(['phone', 'whatsapp', 'chat', 'sms']);

export function reachableNow(national: readonly ServiceRecord[], now: Date, t: Translate): ReachableDesk[] {
  const out: ReachableDesk[] = [];
  for (const record of national) {
    if (!hasLiveChannel(record)) continue;
    const reach = reachNow(record.schedules, now);
    if (reach !== 'always' && reach !== 'open') continue;
    const contact = contactsOf(record, t).find((c) => LIVE.has(c.channel));
    if (!contact) continue;
    out.push({
      serviceId: record.id,
      name: record.name,
      reach,
      contact,
      path: `/directory/services/${record.id}`,
    });
  }
  // Day and night first; within each group the directory's order (by name).
  return [...out.filter((d) => d.reach === 'always'), ...out.filter((d) => d.reach === 'open')];
}
