// The accessibility statement at /toegankelijkheid (and /<locale>/toegankelijkheid in every locale), in the
// structure of the Dutch model statement (DigiToegankelijk): the standard, the compliance status, how it was tested,
// known shortcomings, complaints. Linked from every footer. It claims no compliance status: that is set only after
// an independent audit, which has not been done.
import type { FastifyInstance } from 'fastify';
import { html } from '../web/html.js';

export const ACCESSIBILITY_PATH = '/toegankelijkheid';

export async function accessibilityPlugin(
  app: FastifyInstance,
  options: { contact?: string | undefined },
): Promise<void> {
  const contact = options.contact;
  const contactLabel = contact?.startsWith('mailto:') ? contact.slice('mailto:'.length) : contact;
  app.get(ACCESSIBILITY_PATH, { schema: { hide: true } }, async (request, reply) => {
    const t = request.t;
    const section = (heading: string, text: string) =>
      html`<h2 class="utrecht-heading-2">${t(heading)}</h2>
        <p class="utrecht-paragraph">${t(text)}</p>`;
    return reply.page({
      title: t('accessibility.title'),
      body: html`<h1 class="utrecht-heading-1">${t('accessibility.title')}</h1>
        <p class="utrecht-paragraph">${t('accessibility.intro')}</p>
        ${section('accessibility.standardHeading', 'accessibility.standardText')}
        ${section('accessibility.statusHeading', 'accessibility.statusText')}
        ${section('accessibility.testedHeading', 'accessibility.testedText')}
        <h2 class="utrecht-heading-2">${t('accessibility.shortcomingsHeading')}</h2>
        <ul class="utrecht-unordered-list">
          <li>${t('accessibility.shortcoming1')}</li>
          <li>${t('accessibility.shortcoming2')}</li>
          <li>${t('accessibility.shortcoming3')}</li>
        </ul>
        ${section('accessibility.contactHeading', 'accessibility.contactText')}
        ${
          contact
            ? html`<p class="utrecht-paragraph">
              ${t('accessibility.contactConfigured')}
              <a class="utrecht-link" href="${contact}">${contactLabel}</a>
            </p>`
            : ''
        }`,
    });
  });
}
