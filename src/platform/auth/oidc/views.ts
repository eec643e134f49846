// The pages of signing in through an identity provider: the choice of provider on the sign-in page, and the page
// that says in words why a sign-in was refused (the reason code goes to the audit trail, never the details).
import type { FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../../web/html.js';
import type { PageOptions } from '../../web/layout.js';
import { alert, csrfField, hiddenField } from '../views/form.js';

/** Reasons with their own explanation; any other reason gets the general one. */
const EXPLAINED = new Set([
  'state',
  'state_expired',
  'code',
  'id_token',
  'unknown_provider',
  'unknown_issuer',
  'provider_error',
  'provider_unreachable',
  'no_access',
  'access_withdrawn',
  'disabled',
  'no_email',
  'email_taken',
]);

export function refusedPage(request: FastifyRequest, reason: string): PageOptions {
  const { t } = request;
  const key = EXPLAINED.has(reason) ? `auth.oidc.refused.${reason}` : 'auth.oidc.refused.other';
  return {
    title: t('auth.oidc.refused.title'),
    noindex: true,
    body: html`<h1 class="utrecht-heading-1">${t('auth.oidc.refused.title')}</h1>
      ${alert('error', t(key), 'alert')}
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href="${request.href('/login')}">${t('auth.oidc.refused.again')}</a>
      </p>`,
  };
}

/** One button per configured provider, each its own small form (CSRF token, the `next` page). */
export function providerChoice(
  request: FastifyRequest,
  providers: { id: string; displayName: string }[],
  next: string | undefined,
): SafeHtml | '' {
  if (providers.length === 0) return '';
  const { t } = request;
  return html`<h2 class="utrecht-heading-2">${t('auth.oidc.choice.title')}</h2>
    <ul class="utrecht-unordered-list samen-provider-list">
      ${providers.map(
        (p) =>
          html`<li class="utrecht-unordered-list__item">
            <form method="post" action="${request.href('/login/oidc')}">
              ${csrfField(request.csrfToken())} ${hiddenField('next', next)}
              <input type="hidden" name="provider" value="${p.id}" />
              <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                ${t('auth.oidc.choice.button', { name: p.displayName })}
              </button>
            </form>
          </li>`,
      )}
    </ul>
    <h2 class="utrecht-heading-2">${t('auth.oidc.choice.local')}</h2>`;
}
