// Carried-over text: the box under an entry's narrative with which its owner confirms that text carried over from
// the round before still holds (without it, unchanged text stays marked for review in the annex). And the box that
// makes a partner a co-holder of an action (named beside the owner in the annex).
import type { Translate } from '../../../platform/i18n/index.js';
import { attrIf, html, type SafeHtml } from '../../../platform/web/html.js';

export function carriedNarrativeBox(t: Translate, checked: boolean): SafeHtml {
  return html`<div class="utrecht-form-field utrecht-form-field--checkbox samen-checkbox">
<p class="samen-meta" id="f-confirm_narrative-description">${t('monitor.carried.help')}</p>
<input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="f-confirm_narrative" name="confirm_narrative" value="yes" aria-describedby="f-confirm_narrative-description" ${attrIf(checked, 'checked')}>
<label class="utrecht-form-label utrecht-form-label--checkbox" for="f-confirm_narrative">${t('monitor.carried.confirm')}</label>
</div>`;
}

export function holderBox(t: Translate, id: string, checked: boolean): SafeHtml {
  return html`<div class="utrecht-form-field utrecht-form-field--checkbox samen-checkbox">
<input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="${id}" name="holder" value="yes" ${attrIf(checked, 'checked')}>
<label class="utrecht-form-label utrecht-form-label--checkbox" for="${id}">${t('monitor.edit.holder')}</label>
</div>`;
}
