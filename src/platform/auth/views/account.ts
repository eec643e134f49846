// The account page (details, password, second factor) and the TOTP enrolment page.
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
  usernameHint,
} from '../../web/components.js';
import { html, type SafeHtml } from '../../web/html.js';
import type { PageOptions } from '../../web/layout.js';
import { staffNav } from '../http.js';
import type { UserSummary } from '../service.js';
import { formatSecretForDisplay } from '../totp.js';
import { authFieldLabel, codeField } from './login.js';
import { roleLabel } from './role-label.js';

/** A password field: never filled in again, labelled, with its problems from the form it belongs to. */
function passwordField(
  t: Translate,
  o: {
    name: string;
    id?: string;
    labelKey: string;
    autocomplete: string;
    problems: ProblemList;
    hint?: string;
  },
): SafeHtml {
  return textField(
    {
      name: o.name,
      id: o.id ?? o.name,
      label: t(o.labelKey),
      values: {},
      problems: o.problems,
      type: 'password',
      autocomplete: o.autocomplete,
      description: o.hint,
      required: true,
    },
    t,
  );
}

export function accountPage(
  request: FastifyRequest,
  user: UserSummary,
  state: { notice?: string; passwordErrors?: FieldProblem[]; disableErrors?: FieldProblem[] },
): PageOptions {
  const { t } = request;
  const passwordProblems = new ProblemList(state.passwordErrors ?? [], t);
  // The second-factor form's `password` field has the id `disablePassword` (the page has two forms).
  const disableProblems = new ProblemList(state.disableErrors ?? [], t);
  const summary = new ProblemList([...passwordProblems.problems, ...disableProblems.problems], t);
  const csrf = csrfField(request.csrfToken());
  return {
    title: t('auth.account.title'),
    noindex: true,
    nav: staffNav(request),
    body: html`<h1 class="utrecht-heading-1">${t('auth.account.title')}</h1>
      ${state.notice ? notice(state.notice) : ''}
      ${errorSummary(
        summary,
        (field) => (field === 'password' ? t('auth.field.currentPassword') : authFieldLabel(t)(field)),
        t,
        { href: (field) => (field === 'password' ? 'disablePassword' : field) },
      )}
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
                  ${passwordField(t, {
                    name: 'password',
                    id: 'disablePassword',
                    labelKey: 'auth.field.currentPassword',
                    autocomplete: 'current-password',
                    problems: disableProblems,
                  })}
                  ${submitButton(t('auth.account.disableSubmit'), { variant: 'secondary' })}
                </form>`
        }
      </section>

      <section class="samen-card" aria-labelledby="password-title">
        <h2 class="utrecht-heading-2" id="password-title">${t('auth.account.passwordTitle')}</h2>
        <form method="post" action="${request.href('/account/password')}" novalidate>
          ${csrf}
          ${usernameHint(user.email)}
          ${passwordField(t, {
            name: 'currentPassword',
            labelKey: 'auth.field.currentPassword',
            autocomplete: 'current-password',
            problems: passwordProblems,
          })}
          ${passwordField(t, {
            name: 'newPassword',
            labelKey: 'auth.field.newPassword',
            autocomplete: 'new-password',
            hint: t('auth.password.hint'),
            problems: passwordProblems,
          })}
          ${passwordField(t, {
            name: 'confirmPassword',
            labelKey: 'auth.field.confirmPassword',
            autocomplete: 'new-password',
            problems: passwordProblems,
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
    errors?: FieldProblem[];
    notice?: string;
  },
): PageOptions {
  const { t } = request;
  const problems = new ProblemList(state.errors ?? [], t);
  const qrSrc = `data:image/svg+xml;base64,${Buffer.from(state.qrSvg).toString('base64')}`;
  return {
    title: t('auth.enrol.title'),
    noindex: true,
    nav: request.user ? staffNav(request) : [],
    body: html`<h1 class="utrecht-heading-1">${t('auth.enrol.title')}</h1>
      ${state.notice ? alert('warning', state.notice, 'alert') : ''}
      ${errorSummary(problems, authFieldLabel(t), t, { href: (field) => field })}
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
        ${codeField(t, problems)} ${submitButton(t('auth.enrol.submit'))}
      </form>
      ${
        request.user
          ? html`<p class="utrecht-paragraph">
              <a class="utrecht-link" href="${request.href('/account')}">${t('auth.enrol.back')}</a>
            </p>`
          : html`<form method="post" action="${request.href('/logout')}">
              ${csrfField(request.csrfToken())}
              <p class="utrecht-paragraph">${submitButton(t('auth.totp.cancel'), { variant: 'secondary' })}</p>
            </form>`
      }`,
  };
}
