// Admin pages: the user list with its actions, and the form to create a user.
import type { FastifyRequest } from 'fastify';
import type { FieldProblem } from '../../http/errors.js';
import {
  alert,
  csrfField,
  errorSummary,
  notice,
  ProblemList,
  selectField,
  submitButton,
  table,
  textField,
} from '../../web/components.js';
import { html } from '../../web/html.js';
import type { PageOptions } from '../../web/layout.js';
import { staffNav } from '../http.js';
import type { RoleRecord } from '../repository.js';
import type { UserSummary } from '../service.js';
import { authFieldLabel } from './login.js';
import { roleLabel } from './role-label.js';

export function userListPage(
  request: FastifyRequest,
  users: UserSummary[],
  state: { notice?: string; error?: string },
): PageOptions {
  const { t } = request;
  const csrf = csrfField(request.csrfToken());
  const action = (user: UserSummary, path: string, label: string, confirm?: string) =>
    html`<form
      class="samen-inline-form"
      method="post"
      action="${request.href(`/admin/users/${user.id}/${path}`)}"
    >
      ${csrf}
      ${submitButton(html`${label}<span class="samen-visually-hidden">: ${user.email}</span>`, {
        variant: 'secondary',
        confirm,
      })}
    </form>`;
  const actions = (user: UserSummary) =>
    user.id === request.user?.id
      ? html`<span class="samen-meta">${t('auth.users.you')}</span>`
      : html`<div class="samen-actions">
          ${
            user.disabled
              ? action(user, 'enable', t('auth.users.enable'))
              : action(user, 'disable', t('auth.users.disable'), t('auth.users.disableConfirm'))
          }
          ${user.locked ? action(user, 'unlock', t('auth.users.unlock')) : ''}
          ${
            user.totpEnabled
              ? action(user, 'reset-totp', t('auth.users.resetTotp'), t('auth.users.resetTotpConfirm'))
              : ''
          }
        </div>`;
  const status = (user: UserSummary) =>
    [
      user.disabled ? t('auth.users.status.disabled') : '',
      user.locked ? t('auth.users.status.locked') : '',
      !user.disabled && !user.locked ? t('auth.users.status.active') : '',
    ]
      .filter(Boolean)
      .join(', ');
  return {
    title: t('auth.users.title'),
    noindex: true,
    nav: staffNav(request),
    body: html`<h1 class="utrecht-heading-1">${t('auth.users.title')}</h1>
      ${state.notice ? notice(state.notice) : ''}
      ${state.error ? alert('error', state.error, 'alert') : ''}
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href="${request.href('/admin/users/new')}">${t('auth.users.new')}</a>
      </p>
      ${table({
        id: 'users',
        caption: t('auth.users.caption', { count: users.length }),
        head: [
          t('auth.field.email'),
          t('auth.field.name'),
          t('auth.field.role'),
          t('auth.account.totp'),
          t('auth.users.col.status'),
          t('auth.users.col.actions'),
        ],
        rows: users.map((user) => ({
          head: user.email,
          cells: [
            user.displayName,
            roleLabel(t, user.role),
            user.totpEnabled ? t('auth.account.totpOn') : t('auth.account.totpOff'),
            status(user),
            actions(user),
          ],
        })),
      })}`,
  };
}

export interface NewUserForm {
  email: string;
  displayName: string;
  role: string;
}

export function newUserPage(
  request: FastifyRequest,
  roles: RoleRecord[],
  state: { values?: NewUserForm; errors?: FieldProblem[] },
): PageOptions {
  const { t } = request;
  const problems = new ProblemList(state.errors ?? [], t);
  const values = { ...(state.values ?? { email: '', displayName: '', role: 'directory_steward' }) };
  return {
    title: t('auth.users.createTitle'),
    noindex: true,
    nav: staffNav(request),
    body: html`<h1 class="utrecht-heading-1">${t('auth.users.createTitle')}</h1>
      ${errorSummary(problems, authFieldLabel(t), t, { href: (field) => field })}
      <form method="post" action="${request.href('/admin/users')}" novalidate>
        ${csrfField(request.csrfToken())}
        ${textField(
          {
            name: 'email',
            id: 'email',
            label: t('auth.field.email'),
            values,
            problems,
            type: 'email',
            autocomplete: 'off',
            inputmode: 'email',
            required: true,
            maxlength: 254,
          },
          t,
        )}
        ${textField(
          {
            name: 'displayName',
            id: 'displayName',
            label: t('auth.field.name'),
            values,
            problems,
            autocomplete: 'off',
            required: true,
            maxlength: 200,
          },
          t,
        )}
        ${selectField(
          {
            name: 'role',
            id: 'role',
            label: t('auth.field.role'),
            values,
            problems,
            required: true,
            choices: roles.map((r) => ({
              value: r.code,
              label: r.seesPersonalData
                ? `${roleLabel(t, r.code)} (${t('auth.users.roleNeedsTotp')})`
                : roleLabel(t, r.code),
            })),
          },
          t,
        )}
        ${textField(
          {
            name: 'password',
            id: 'password',
            label: t('auth.field.initialPassword'),
            values: {},
            problems,
            type: 'password',
            autocomplete: 'new-password',
            description: t('auth.users.passwordHint'),
            required: true,
          },
          t,
        )}
        ${submitButton(t('auth.users.createSubmit'))}
      </form>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href="${request.href('/admin/users')}">${t('auth.users.back')}</a>
      </p>`,
  };
}
