// The sign-in pages: email and password, then the code from the authenticator app.
import type { FastifyRequest } from 'fastify';
import type { FieldProblem } from '../../http/errors.js';
import type { Translate } from '../../i18n/index.js';
import {
  alert,
  csrfField,
  errorSummary,
  hiddenField,
  notice,
  ProblemList,
  submitButton,
  textField,
} from '../../web/components.js';
import { html, type SafeHtml } from '../../web/html.js';
import type { PageOptions } from '../../web/layout.js';

/** The fields of the sign-in pages by name, for the error summary's links. */
export function authFieldLabel(t: Translate): (field: string) => string {
  const keys: Record<string, string> = {
    email: 'auth.field.email',
    password: 'auth.field.password',
    code: 'auth.field.code',
    currentPassword: 'auth.field.currentPassword',
    newPassword: 'auth.field.newPassword',
    confirmPassword: 'auth.field.confirmPassword',
    displayName: 'auth.field.name',
    role: 'auth.field.role',
  };
  return (field) => (keys[field] ? t(keys[field]) : field);
}

/** The one-time code field of the second-factor and enrolment pages. */
export function codeField(t: Translate, problems: ProblemList): SafeHtml {
  return textField(
    {
      name: 'code',
      id: 'code',
      label: t('auth.field.code'),
      values: {},
      problems,
      autocomplete: 'one-time-code',
      inputmode: 'numeric',
      description: t('auth.totp.hint'),
      required: true,
      maxlength: 8,
    },
    t,
  );
}

export function loginPage(
  request: FastifyRequest,
  state: {
    email?: string;
    next?: string;
    errors?: FieldProblem[];
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
  const problems = new ProblemList(state.errors ?? [], t);
  return {
    title: t('auth.login.title'),
    noindex: true,
    body: html`<h1 class="utrecht-heading-1">${t('auth.login.title')}</h1>
      ${state.notice ? notice(state.notice) : ''}
      ${state.failed ? alert('error', t('auth.login.failed'), 'alert') : ''}
      ${state.throttled ? alert('error', t('auth.login.throttled'), 'alert') : ''}
      ${errorSummary(problems, authFieldLabel(t), t, { href: (field) => field })}
      ${state.providers ?? ''} ${state.localOff ? alert('info', t('auth.oidc.localOff')) : ''}
      <p class="utrecht-paragraph">${t('auth.login.intro')}</p>
      <form method="post" action="${request.href('/login')}" novalidate>
        ${csrfField(request.csrfToken())} ${hiddenField('next', state.next)}
        ${textField(
          {
            name: 'email',
            id: 'email',
            label: t('auth.field.email'),
            values: { email: state.email ?? '' },
            problems,
            type: 'email',
            autocomplete: 'username',
            inputmode: 'email',
            required: true,
            maxlength: 254,
          },
          t,
        )}
        ${textField(
          {
            name: 'password',
            id: 'password',
            label: t('auth.field.password'),
            values: {},
            problems,
            type: 'password',
            autocomplete: 'current-password',
            required: true,
          },
          t,
        )}
        ${submitButton(t('auth.login.submit'))}
      </form>
      <p class="utrecht-paragraph samen-meta">${t('auth.login.help')}</p>`,
  };
}

export function totpPage(
  request: FastifyRequest,
  state: { next?: string; errors?: FieldProblem[] },
): PageOptions {
  const { t } = request;
  const problems = new ProblemList(state.errors ?? [], t);
  return {
    title: t('auth.totp.title'),
    noindex: true,
    body: html`<h1 class="utrecht-heading-1">${t('auth.totp.title')}</h1>
      ${errorSummary(problems, authFieldLabel(t), t, { href: (field) => field })}
      <p class="utrecht-paragraph">${t('auth.totp.intro')}</p>
      <form method="post" action="${request.href('/login/totp')}" novalidate>
        ${csrfField(request.csrfToken())} ${hiddenField('next', state.next)}
        ${codeField(t, problems)} ${submitButton(t('auth.totp.submit'))}
      </form>
      <form method="post" action="${request.href('/logout')}">
        ${csrfField(request.csrfToken())}
        <p class="utrecht-paragraph">${submitButton(t('auth.totp.cancel'), { variant: 'secondary' })}</p>
      </form>`,
  };
}
