// The sign-in pages: email and password, then the code from the authenticator app.
import type { FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../../web/html.js';
import type { PageOptions } from '../../web/layout.js';
import {
  alert,
  csrfField,
  errorSummary,
  fieldError,
  hiddenField,
  submitButton,
  textField,
  type FormError,
} from './form.js';

export function loginPage(
  request: FastifyRequest,
  state: {
    email?: string;
    next?: string;
    errors?: FormError[];
    failed?: boolean;
    throttled?: boolean;
    notice?: string;
    /** Local sign-in is for administrators only (everyone else signs in through a provider): said on the page. */
    localOff?: boolean;
    /** The identity providers to sign in with (oidc/views.ts). */
    providers?: SafeHtml | '';
  },
): PageOptions {
  const { t } = request;
  const errors = state.errors ?? [];
  return {
    title: t('auth.login.title'),
    noindex: true,
    body: html`<h1 class="utrecht-heading-1">${t('auth.login.title')}</h1>
      ${state.notice ? alert('ok', state.notice, 'status') : ''}
      ${state.failed ? alert('error', t('auth.login.failed'), 'alert') : ''}
      ${state.throttled ? alert('error', t('auth.login.throttled'), 'alert') : ''} ${errorSummary(t, errors)}
      ${state.providers ?? ''} ${state.localOff ? alert('info', t('auth.oidc.localOff')) : ''}
      <p class="utrecht-paragraph">${t('auth.login.intro')}</p>
      <form method="post" action="${request.href('/login')}" novalidate>
        ${csrfField(request.csrfToken())} ${hiddenField('next', state.next)}
        ${textField({
          id: 'email',
          label: t('auth.field.email'),
          type: 'email',
          autocomplete: 'username',
          inputmode: 'email',
          value: state.email ?? '',
          error: fieldError(errors, 'email'),
          maxlength: 254,
        })}
        ${textField({
          id: 'password',
          label: t('auth.field.password'),
          type: 'password',
          autocomplete: 'current-password',
          error: fieldError(errors, 'password'),
        })}
        ${submitButton(t('auth.login.submit'))}
      </form>
      <p class="utrecht-paragraph samen-meta">${t('auth.login.help')}</p>`,
  };
}

export function totpPage(
  request: FastifyRequest,
  state: { next?: string; errors?: FormError[] },
): PageOptions {
  const { t } = request;
  const errors = state.errors ?? [];
  return {
    title: t('auth.totp.title'),
    noindex: true,
    body: html`<h1 class="utrecht-heading-1">${t('auth.totp.title')}</h1>
      ${errorSummary(t, errors)}
      <p class="utrecht-paragraph">${t('auth.totp.intro')}</p>
      <form method="post" action="${request.href('/login/totp')}" novalidate>
        ${csrfField(request.csrfToken())} ${hiddenField('next', state.next)}
        ${textField({
          id: 'code',
          label: t('auth.field.code'),
          autocomplete: 'one-time-code',
          inputmode: 'numeric',
          hint: t('auth.totp.hint'),
          error: fieldError(errors, 'code'),
          maxlength: 8,
        })}
        ${submitButton(t('auth.totp.submit'))}
      </form>
      <form method="post" action="${request.href('/logout')}">
        ${csrfField(request.csrfToken())}
        <p class="utrecht-paragraph">${submitButton(t('auth.totp.cancel'), 'secondary')}</p>
      </form>`,
  };
}
