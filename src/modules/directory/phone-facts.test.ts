// Numbers as a caller abroad needs them, and what calling costs: 0900 is never free, 0800 and 0900 cannot be
// dialled from abroad, every other Dutch number has a +31 form.
import { describe, expect, it } from 'vitest';
import { internationalLink, phoneFacts } from './phone-facts.js';

describe('phoneFacts', () => {
  it('gives geographic, mobile and 088 numbers their +31 form at the local rate', () => {
    expect(phoneFacts('033 448 11 86')).toEqual({
      international: '+31 33 448 11 86',
      fromAbroad: true,
      fee: 'local',
    });
    expect(phoneFacts('070 361 47 47').international).toBe('+31 70 361 47 47');
    expect(phoneFacts('088 374 47 44').international).toBe('+31 88 374 47 44');
    expect(phoneFacts('06-12345678').international).toBe('+31 6-12345678');
    expect(phoneFacts('0592 30 63 00').international).toBe('+31 592 30 63 00');
    expect(internationalLink('+31 33 448 11 86')).toBe('tel:+31334481186');
  });

  it('never calls a 0900 number free, and says it cannot be called from abroad', () => {
    for (const n of ['0900 8844', '0900 0101', '0900 8020', '0900-1234567', '0906 123456', '0909 12345'])
      expect(phoneFacts(n), n).toEqual({ international: null, fromAbroad: false, fee: 'paid' });
  });

  it('calls 0800 numbers free from Dutch phones, and not reachable from abroad', () => {
    for (const n of ['0800 2000', '0800 7000', '0800-5151'])
      expect(phoneFacts(n), n).toEqual({ international: null, fromAbroad: false, fee: 'free' });
  });

  it('keeps a number already in international form, and knows a Dutch 0800 in that form cannot be called', () => {
    expect(phoneFacts('+31 70 333 44 44')).toEqual({
      international: '+31 70 333 44 44',
      fromAbroad: true,
      fee: 'local',
    });
    expect(phoneFacts('0031 70 333 44 44').fromAbroad).toBe(true);
    expect(phoneFacts('+31 800 2000')).toEqual({ international: null, fromAbroad: false, fee: 'free' });
    expect(phoneFacts('+48 22 123 45 67')).toEqual({
      international: '+48 22 123 45 67',
      fromAbroad: true,
      fee: 'local',
    });
  });

  it('treats short numbers such as 112 as free, without an international form', () => {
    expect(phoneFacts('112')).toEqual({ international: null, fromAbroad: false, fee: 'free' });
  });
});
