// Values as people read them in the explorer: a CTDC flag's 1 as yes, an empty cell as missing, other values as
// they are; the column decides (a 1 in a year or count column stays 1).
import { describe, expect, it } from 'vitest';
import { I18n } from '../../../platform/i18n/index.js';
import { MISSING_TOKEN } from '../disclosure.js';
import { valueLabel } from './explorer.js';

describe('explorer value labels', () => {
  const i18n = new I18n();
  const nl = i18n.translator('nl');
  const en = i18n.translator('en');

  it('reads a flag column’s 1 and 0 as yes and no, in the reader’s language', () => {
    expect(valueLabel('1', en, 'isSexualExploit')).toBe('yes');
    expect(valueLabel('0', en, 'meansThreats')).toBe('no');
    expect(valueLabel('1', nl, 'IP_Exploiter')).toBe('ja');
  });

  it('shows an empty cell as missing and leaves other columns’ values alone', () => {
    expect(valueLabel('', en, 'isSexualExploit')).toBe('(missing)');
    expect(valueLabel(MISSING_TOKEN, en, 'gender')).toBe('(missing)');
    expect(valueLabel('1', en, 'yearRegister')).toBe('1');
    expect(valueLabel('Female', en, 'gender')).toBe('Female');
  });
});
