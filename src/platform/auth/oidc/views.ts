// The pages of signing in through an identity provider: the choice of provider on the sign-in page, and the page
// that says in words why a sign-in was refused (the reason code goes to the audit trail, never the details).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../../web/html.js';
import type { PageOptions } from '../../web/layout.js';
import { alert, csrfField, hiddenField, submitButton } from '../../web/components.js';

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
  'signed_request_key',
]);

/**
 * The page between Samen and the provider, sent on by the `Refresh` header (a new navigation, no JavaScript) with
 * a link in case the browser does not follow it. A form whose answer redirects to another origin is blocked by the
 * page's CSP (`form-action 'self'` applies to every redirect of a form's submission), so the provider button and
 * the sign-out button end here, on Samen's own origin, and the browser goes on from this page.
 */
export function onwardPage(
  request: FastifyRequest,
  onward: { url: string; providerName: string; purpose: 'signin' | 'signout' },
): PageOptions {
  const { t } = request;
  const name = onward.providerName;
  const title = t(`auth.oidc.onward.${onward.purpose}Title`, { name });
  return {
    title,
    noindex: true,
    body: html`<h1 class="utrecht-heading-1">${title}</h1>
      <p class="utrecht-paragraph">${t(`auth.oidc.onward.${onward.purpose}`, { name })}</p>
      <p class="samen-actions">
        <a
          class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
          href="${onward.url}"
          >${t('auth.oidc.onward.continue', { name })}</a
        >
      </p>`,
  };
}

/**
 * Sends the browser on to the provider from a page of Samen's own (views.ts onwardPage): the `Refresh` header
 * starts a new navigation, which the CSP's form-action does not govern, unlike a redirect of the form's post.
 */
export function sendOnward(
  reply: FastifyReply,
  request: FastifyRequest,
  onward: { url: string; providerName: string; purpose: 'signin' | 'signout' },
) {
  reply.header('cache-control', 'no-store');
  reply.header('refresh', `0;url=${onward.url}`);
  return reply.page(onwardPage(request, onward));
}

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
              ${hiddenField('provider', p.id)}
              ${submitButton(t('auth.oidc.choice.button', { name: p.displayName }), { variant: 'secondary' })}
            </form>
          </li>`,
      )}
    </ul>
    <h2 class="utrecht-heading-2">${t('auth.oidc.choice.local')}</h2>`;
}
