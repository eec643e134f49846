// One line under a phone number: what calling costs, and how to call from abroad (the +31 form), or that it
// cannot be called from abroad and which of the desk's other channels works from there instead.
import type { Translate } from '../../../platform/i18n/index.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { internationalLink, phoneFacts } from '../phone-facts.js';

export interface AbroadAlternative {
  label: string;
  value: string;
  href: string;
}

export function phoneFactsLine(number: string, t: Translate, alternative?: AbroadAlternative): SafeHtml {
  const facts = phoneFacts(number);
  const short = number.replace(/[^0-9]/g, '').length <= 4;
  let abroad: SafeHtml | string = '';
  if (facts.international && facts.international !== number.trim())
    abroad = html` ${t('directory.phone.fromAbroad')} <a class="utrecht-link" href="${internationalLink(facts.international)}" dir="ltr">${facts.international}</a>`;
  else if (!facts.fromAbroad && !short)
    abroad = html` ${t('directory.phone.notFromAbroad')}${
      alternative
        ? html` ${t('directory.phone.fromAbroad')} <a class="utrecht-link" href="${alternative.href}"${alternative.href.startsWith('http') ? html` rel="noreferrer noopener"` : ''}>${alternative.label} <span dir="ltr">${alternative.value.replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, '')}</span></a>`
        : ''
    }`;
  return html`<span class="samen-phone-facts">${t(`directory.phone.fee.${facts.fee}`)}.${abroad}</span>`;
}
