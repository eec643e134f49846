// What a phone number means for someone who wants to call it: the international form (+31 …) for a caller
// abroad, whether it can be called from abroad at all, and what the call costs, from the Dutch numbering plan.
// 0800 numbers are free from Dutch phones and, like 0900 numbers, cannot be dialled from abroad; 0900, 0906 and
// 0909 are paid service numbers and never free; geographic numbers, 06 (mobile), 085, 088 and 091 cost a normal
// (local-rate) call; short numbers such as 112 are free and have no international form.

/** free: no cost from a Dutch phone; local: the caller's normal call costs; paid: a service number that costs money. */
export type PhoneFee = 'free' | 'local' | 'paid';

export interface PhoneFacts {
  /** The number as a caller abroad dials it ("+31 33 448 11 86"); null when it cannot be dialled from abroad. */
  international: string | null;
  /** False for 0800, 0900-type and short numbers: they only work from a Dutch phone. */
  fromAbroad: boolean;
  fee: PhoneFee;
}

const digitsOf = (number: string) => number.replace(/[^0-9+]/g, '');

export function phoneFacts(number: string): PhoneFacts {
  const digits = digitsOf(number);
  // Already international: +31 or 0031 (a Dutch number in international form), or another country's number.
  if (digits.startsWith('+') || digits.startsWith('00')) {
    const rest = digits.startsWith('+') ? digits.slice(1) : digits.slice(2);
    if (rest.startsWith('31')) {
      const national = `0${rest.slice(2)}`;
      const facts = phoneFacts(national);
      return { ...facts, international: facts.fromAbroad ? number.trim() : null };
    }
    return { international: number.trim(), fromAbroad: true, fee: 'local' };
  }
  if (!digits.startsWith('0')) return { international: null, fromAbroad: false, fee: 'free' }; // 112, 144
  if (digits.startsWith('0800')) return { international: null, fromAbroad: false, fee: 'free' };
  if (/^090[069]/.test(digits)) return { international: null, fromAbroad: false, fee: 'paid' };
  // "033 448 11 86" -> "+31 33 448 11 86": the trunk 0 goes, the grouping stays.
  const international = `+31 ${number
    .trim()
    .replace(/^\(?0/, '')
    .replace(/^\)\s*/, '')}`.replace(/\s+/g, ' ');
  return { international, fromAbroad: true, fee: 'local' };
}

/** The tel: target for a call from abroad. */
export function internationalLink(international: string): string {
  return `tel:${digitsOf(international)}`;
}
