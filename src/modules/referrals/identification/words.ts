// A decision type said in words: its name in the reader's catalogue (`referrals.identification.type.<code>`) for
// the shipped defaults, else the Dutch name configured with the type (a type added as data before a translation).
import { translateOr, type Translate } from '../../../platform/i18n/index.js';
import type { DecisionType } from './steps.js';

export const typeName = (t: Translate, type: Pick<DecisionType, 'code' | 'name'>) =>
  translateOr(t, `referrals.identification.type.${type.code}`, type.name);
