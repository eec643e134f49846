// The account page (details, password, second factor) and the TOTP enrolment page.
import type { FastifyRequest } from 'fastify';
import { html } from '../../web/html.js';
import type { PageOptions } from '../../web/layout.js';
import { staffNav } from '../http.js';
import type { UserSummary } from '../service.js';
import { formatSecretForDisplay } from '../totp.js';
import {
  alert,
  csrfField,
  errorSummary,
  fieldError,
  hiddenField,
  roleLabel,
  submitButton,
  textField,
  type FormError,
} from './form.js';

export function accountPage(
  request: FastifyRequest,
  user: UserSummary,
  state: { notice?: string; passwordErrors?: FormError[]; disableErrors?: FormError[] },
): PageOptions {
  const { t } = request;
  const passwordErrors = state.passwordErrors ?? [];
  const disableErrors = state.disableErrors ?? [];
  const csrf = csrfField(request.csrfToken());
  return {
    title: t('auth.account.title'),
    noindex: true,
    nav: staffNav(request),
    body: html`<h1 class="utrecht-heading-1">${t('auth.account.title')}</h1>
      ${state.notice ? alert('ok', state.notice, 'status') : ''}
      ${errorSummary(t, [...passwordErrors, ...disableErrors])}
      <dl class="samen-dl">
        <dt>${t('auth.field.name')}</dt>
        <dd>${user.displayName}</dd>
        <dt>${t('auth.field.email')}</dt>
        <dd>${user.email}</dd>
        <dt>${t('auth.field.role')}</dt>
        <dd>${roleLabel(t, user.role)}</dd>
        <dt>${t('auth.account.totp')}</dt>
        <dd>
          ${user.totpEnabled ? t('auth.account.totpOn') : t('auth.account.totpOff')}
          ${user.roleRequiresTotp ? html`<span class="samen-meta">(${t('auth.account.totpRequired')})</span>` : ''}
        </dd>
      </dl>

      <section class="samen-card" aria-labelledby="totp-title">
        <h2 class="utrecht-heading-2" id="totp-title">${t('auth.account.totp')}</h2>
        ${
          !user.totpEnabled
            ? html`<p class="utrecht-paragraph">${t('auth.account.totpIntro')}</p>
                <p class="utrecht-paragraph">
                  <a class="utrecht-link" href="${request.href('/account/totp')}"
                    >${t('auth.account.enrolLink')}</a
                  >
                </p>`
            : user.roleRequiresTotp
              ? html`<p class="utrecht-paragraph">${t('auth.account.totpRequiredExplained')}</p>`
              : html`<form method="post" action="${request.href('/account/totp/disable')}" novalidate>
                  ${csrf}
                  <p class="utrecht-paragraph">${t('auth.account.disableIntro')}</p>
                  ${textField({
                    id: 'disablePassword',
                    name: 'password',
                    label: t('auth.field.currentPassword'),
                    type: 'password',
                    autocomplete: 'current-password',
                    error: fieldError(disableErrors, 'disablePassword'),
                  })}
                  ${submitButton(t('auth.account.disableSubmit'), 'secondary')}
                </form>`
        }
      </section>

      <section class="samen-card" aria-labelledby="password-title">
        <h2 class="utrecht-heading-2" id="password-title">${t('auth.account.passwordTitle')}</h2>
        <form method="post" action="${request.href('/account/password')}" novalidate>
          ${csrf}
          <input type="email" name="username" autocomplete="username" value="${user.email}" hidden readonly />
          ${textField({
            id: 'currentPassword',
            label: t('auth.field.currentPassword'),
            type: 'password',
            autocomplete: 'current-password',
            error: fieldError(passwordErrors, 'currentPassword'),
          })}
          ${textField({
            id: 'newPassword',
            label: t('auth.field.newPassword'),
            type: 'password',
            autocomplete: 'new-password',
            hint: t('auth.password.hint'),
            error: fieldError(passwordErrors, 'newPassword'),
          })}
          ${textField({
            id: 'confirmPassword',
            label: t('auth.field.confirmPassword'),
            type: 'password',
            autocomplete: 'new-password',
            error: fieldError(passwordErrors, 'confirmPassword'),
          })}
          ${submitButton(t('auth.account.passwordSubmit'))}
        </form>
      </section>`,
  };
}

export function enrolPage(
  request: FastifyRequest,
  state: {
    qrSvg: string;
    secret: string;
    enrolmentToken: string;
    required: boolean;
    next?: string;
    errors?: FormError[];
    notice?: string;
  },
): PageOptions {
  const { t } = request;
  const errors = state.errors ?? [];
  const qrSrc = `data:image/svg+xml;base64,${Buffer.from(state.qrSvg).toString('base64')}`;
  return {
    title: t('auth.enrol.title'),
    noindex: true,
    nav: request.user ? staffNav(request) : [],
    body: html`<h1 class="utrecht-heading-1">${t('auth.enrol.title')}</h1>
      ${state.notice ? alert('warning', state.notice, 'alert') : ''} ${errorSummary(t, errors)}
      ${state.required ? alert('info', t('auth.enrol.required')) : ''}
      <ol class="utrecht-ordered-list">
        <li>${t('auth.enrol.step1')}</li>
        <li>${t('auth.enrol.step2')}</li>
        <li>${t('auth.enrol.step3')}</li>
      </ol>
      <p><img src="${qrSrc}" width="240" height="240" alt="${t('auth.enrol.qrAlt')}" /></p>
      <p class="utrecht-paragraph">
        ${t('auth.enrol.secretLabel')}:
        <span class="samen-code" id="totp-secret">${formatSecretForDisplay(state.secret)}</span>
      </p>
      <p class="utrecht-paragraph samen-meta">${t('auth.enrol.secretDetails')}</p>
      <form method="post" action="${request.href('/account/totp')}" novalidate>
        ${csrfField(request.csrfToken())} ${hiddenField('enrolment', state.enrolmentToken)}
        ${hiddenField('next', state.next)}
        ${textField({
          id: 'code',
          label: t('auth.field.code'),
          autocomplete: 'one-time-code',
          inputmode: 'numeric',
          hint: t('auth.totp.hint'),
          error: fieldError(errors, 'code'),
          maxlength: 8,
        })}
        ${submitButton(t('auth.enrol.submit'))}
      </form>
      ${
        request.user
          ? html`<p class="utrecht-paragraph">
              <a class="utrecht-link" href="${request.href('/account')}">${t('auth.enrol.back')}</a>
            </p>`
          : html`<form method="post" action="${request.href('/logout')}">
              ${csrfField(request.csrfToken())}
              <p class="utrecht-paragraph">${submitButton(t('auth.totp.cancel'), 'secondary')}</p>
            </form>`
      }`,
  };
}
