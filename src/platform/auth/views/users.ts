// Admin pages: the user list with its actions, and the form to create a user.
import type { FastifyRequest } from 'fastify';
import { html } from '../../web/html.js';
import type { PageOptions } from '../../web/layout.js';
import { staffNav } from '../http.js';
import type { RoleRecord } from '../repository.js';
import type { UserSummary } from '../service.js';
import {
  alert,
  csrfField,
  errorSummary,
  fieldError,
  roleLabel,
  selectField,
  submitButton,
  textField,
  type FormError,
} from './form.js';

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
      <button
        class="utrecht-button utrecht-button--secondary-action"
        type="submit"
        ${confirm ? html`data-confirm="${confirm}"` : ''}
      >
        ${label}<span class="samen-visually-hidden">: ${user.email}</span>
      </button>
    </form>`;
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
      ${state.notice ? alert('ok', state.notice, 'status') : ''}
      ${state.error ? alert('error', state.error, 'alert') : ''}
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href="${request.href('/admin/users/new')}">${t('auth.users.new')}</a>
      </p>
      <div class="samen-table-wrap" tabindex="0" role="region" aria-labelledby="users-caption">
        <table class="utrecht-table utrecht-table--html-table">
          <caption class="utrecht-table__caption" id="users-caption">
            ${t('auth.users.caption', { count: users.length })}
          </caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="col">${t('auth.field.email')}</th>
              <th class="utrecht-table__header-cell" scope="col">${t('auth.field.name')}</th>
              <th class="utrecht-table__header-cell" scope="col">${t('auth.field.role')}</th>
              <th class="utrecht-table__header-cell" scope="col">${t('auth.account.totp')}</th>
              <th class="utrecht-table__header-cell" scope="col">${t('auth.users.col.status')}</th>
              <th class="utrecht-table__header-cell" scope="col">${t('auth.users.col.actions')}</th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            ${users.map(
              (user) =>
                html`<tr class="utrecht-table__row">
                  <th class="utrecht-table__header-cell" scope="row">${user.email}</th>
                  <td class="utrecht-table__cell">${user.displayName}</td>
                  <td class="utrecht-table__cell">${roleLabel(t, user.role)}</td>
                  <td class="utrecht-table__cell">
                    ${user.totpEnabled ? t('auth.account.totpOn') : t('auth.account.totpOff')}
                  </td>
                  <td class="utrecht-table__cell">${status(user)}</td>
                  <td class="utrecht-table__cell">
                    ${
                      user.id === request.user?.id
                        ? html`<span class="samen-meta">${t('auth.users.you')}</span>`
                        : html`<div class="samen-actions">
                            ${
                              user.disabled
                                ? action(user, 'enable', t('auth.users.enable'))
                                : action(
                                    user,
                                    'disable',
                                    t('auth.users.disable'),
                                    t('auth.users.disableConfirm'),
                                  )
                            }
                            ${user.locked ? action(user, 'unlock', t('auth.users.unlock')) : ''}
                            ${
                              user.totpEnabled
                                ? action(
                                    user,
                                    'reset-totp',
                                    t('auth.users.resetTotp'),
                                    t('auth.users.resetTotpConfirm'),
                                  )
                                : ''
                            }
                          </div>`
                    }
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`,
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
  state: { values?: NewUserForm; errors?: FormError[] },
): PageOptions {
  const { t } = request;
  const errors = state.errors ?? [];
  const values = state.values ?? { email: '', displayName: '', role: 'directory_steward' };
  return {
    title: t('auth.users.createTitle'),
    noindex: true,
    nav: staffNav(request),
    body: html`<h1 class="utrecht-heading-1">${t('auth.users.createTitle')}</h1>
      ${errorSummary(t, errors)}
      <form method="post" action="${request.href('/admin/users')}" novalidate>
        ${csrfField(request.csrfToken())}
        ${textField({
          id: 'email',
          label: t('auth.field.email'),
          type: 'email',
          autocomplete: 'off',
          inputmode: 'email',
          value: values.email,
          error: fieldError(errors, 'email'),
          maxlength: 254,
        })}
        ${textField({
          id: 'displayName',
          label: t('auth.field.name'),
          autocomplete: 'off',
          value: values.displayName,
          error: fieldError(errors, 'displayName'),
          maxlength: 200,
        })}
        ${selectField({
          id: 'role',
          label: t('auth.field.role'),
          options: roles.map((r) => ({
            value: r.code,
            label: r.seesPersonalData
              ? `${roleLabel(t, r.code)} (${t('auth.users.roleNeedsTotp')})`
              : roleLabel(t, r.code),
          })),
          value: values.role,
          error: fieldError(errors, 'role'),
        })}
        ${textField({
          id: 'password',
          label: t('auth.field.initialPassword'),
          type: 'password',
          autocomplete: 'new-password',
          hint: t('auth.users.passwordHint'),
          error: fieldError(errors, 'password'),
        })}
        ${submitButton(t('auth.users.createSubmit'))}
      </form>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href="${request.href('/admin/users')}">${t('auth.users.back')}</a>
      </p>`,
  };
}
