// Carried-over text: the box under an entry's narrative with which its owner confirms that text carried over from
// the round before still holds (without it, unchanged text stays marked for review in the annex). And the box that
// makes a partner a co-holder of an action (named beside the owner in the annex).
import type { Translate } from '../../../platform/i18n/index.js';
import { checkboxField } from '../../../platform/web/components.js';
import type { SafeHtml } from '../../../platform/web/html.js';

export function carriedNarrativeBox(t: Translate, checked: boolean): SafeHtml {
  return checkboxField({
    name: 'confirm_narrative',
    checked,
    label: t('monitor.carried.confirm'),
    description: t('monitor.carried.help'),
  });
}

export function holderBox(t: Translate, id: string, checked: boolean): SafeHtml {
  return checkboxField({ name: 'holder', id, checked, label: t('monitor.edit.holder') });
}
