// The kit's actions and messages: alerts and notices, submit buttons, one-button forms, hidden and CSRF fields.
// Part of the one kit; import it from components.ts.
import { attrIf, html, type SafeHtml } from './html.js';

/**
 * A message box: `ok` after something was done, `error` when it was refused, `warning` and `info` for what the
 * reader should know. `role="status"` for news after an action, `role="alert"` for a refusal; none for what is
 * always on the page.
 */
export function alert(
  kind: 'ok' | 'error' | 'warning' | 'info',
  message: string | SafeHtml,
  role?: 'status' | 'alert',
  /** Takes the focus when the page loads (news the reader must hear first: a kept form brought back). */
  options: { focus?: boolean } = {},
): SafeHtml {
  return html`<div class="utrecht-alert utrecht-alert--${kind} samen-alert" ${attrIf(Boolean(role), 'role', role)} ${options.focus ? html`tabindex="-1" autofocus` : ''}>
    <div class="utrecht-alert__content">
      <p class="utrecht-alert__message utrecht-paragraph">${message}</p>
    </div>
  </div>`;
}

/** The news after an action (`?done=…`): an `ok` alert read out as a status. */
export function notice(message: string | SafeHtml): SafeHtml {
  return alert('ok', message, 'status');
}

/**
 * A form's submit button; `name` and `value` tell apart several buttons of one form; `confirm` is the question
 * app.js asks before an action that cannot be undone is sent.
 */
export function submitButton(
  label: string | SafeHtml,
  options: {
    /** `danger`: a secondary button for what removes or retires something. */
    variant?: 'primary' | 'secondary' | 'danger';
    name?: string;
    value?: string;
    confirm?: string;
    /** Where this button sends the form instead of its action (a second action of one form). */
    formaction?: string;
  } = {},
): SafeHtml {
  const variant = options.variant ?? 'primary';
  return html`<button
    class="utrecht-button utrecht-button--${variant === 'primary' ? 'primary' : 'secondary'}-action${variant === 'danger' ? ' samen-button--danger' : ''}"
    type="submit"
    ${attrIf(Boolean(options.formaction), 'formaction', options.formaction)}
    ${attrIf(Boolean(options.name), 'name', options.name)}
    ${attrIf(options.value !== undefined, 'value', options.value)}
    ${attrIf(Boolean(options.confirm), 'data-confirm', options.confirm)}
  >${label}</button>`;
}

/** A hidden value sent back with the form; nothing when there is no value. */
export function hiddenField(name: string, value: string | number | undefined | null): SafeHtml {
  if (value === undefined || value === null || value === '') return html``;
  return html`<input type="hidden" name="${name}" value="${String(value)}" />`;
}

/** The CSRF token every form that changes something sends (platform/auth checks it). */
export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}" />`;
}

/**
 * An alert with more than one sentence: `more` below the message (a list of suggestions or problems), an id a
 * field points at (`errorId`), `note` for what is always on the page, or a hook for a script (`hidden` with
 * `data: { 'offline-notice': '' }`).
 */
export function alertBlock(
  kind: 'ok' | 'error' | 'warning' | 'info',
  o: {
    message?: string | SafeHtml;
    more?: SafeHtml;
    /** `region`: a landmark named by a heading inside it (`labelledBy`). */
    role?: 'status' | 'alert' | 'note' | 'region';
    labelledBy?: string;
    id?: string;
    className?: string;
    hidden?: boolean;
    /** Takes the focus from a script (tabindex -1), as an error summary does. */
    focusable?: boolean;
    data?: Record<string, string>;
  },
): SafeHtml {
  const data = Object.entries(o.data ?? {}).filter(([name]) => /^[a-z][a-z0-9-]*$/.test(name));
  return html`<div class="utrecht-alert utrecht-alert--${kind} samen-alert ${o.className ?? ''}" ${attrIf(Boolean(o.id), 'id', o.id)} ${attrIf(Boolean(o.role), 'role', o.role)} ${attrIf(Boolean(o.labelledBy), 'aria-labelledby', o.labelledBy)} ${attrIf(Boolean(o.focusable), 'tabindex', '-1')} ${attrIf(Boolean(o.hidden), 'hidden')} ${data.map(([name, value]) => attrIf(true, `data-${name}`, value))}>
    <div class="utrecht-alert__content">
      ${o.message === undefined ? '' : html`<p class="utrecht-alert__message utrecht-paragraph">${o.message}</p>`}
      ${o.more ?? ''}
    </div>
  </div>`;
}

/**
 * A form that is one button: a one-click action (`post`, with its CSRF token: verify, refresh, activate, delete)
 * or a link-like request (`get`), its values in hidden fields, an optional sentence above the button (`danger`
 * and `confirm` for what cannot be undone).
 */
export function buttonForm(o: {
  action: string;
  label: string | SafeHtml;
  method?: 'post' | 'get';
  /** The CSRF token; a `post` form must have one (platform/auth refuses it otherwise). */
  csrfToken?: string;
  hidden?: Record<string, string | number | undefined | null>;
  variant?: 'primary' | 'secondary' | 'danger';
  confirm?: string;
  intro?: string;
  className?: string;
  labelledBy?: string;
}): SafeHtml {
  const method = o.method ?? 'post';
  if (method === 'post' && !o.csrfToken)
    throw new Error(`buttonForm: a post form to ${o.action} needs its CSRF token`);
  return html`<form method="${method}" action="${o.action}" ${attrIf(Boolean(o.className), 'class', o.className)} ${attrIf(Boolean(o.labelledBy), 'aria-labelledby', o.labelledBy)}>${
    o.csrfToken === undefined ? '' : csrfField(o.csrfToken)
  }${Object.entries(o.hidden ?? {}).map(([name, value]) => hiddenField(name, value))}${
    o.intro ? html`<p class="utrecht-paragraph">${o.intro}</p>` : ''
  }${submitButton(o.label, {
    variant: o.variant ?? 'secondary',
    ...(o.confirm ? { confirm: o.confirm } : {}),
  })}</form>`;
}

/** The account's address, hidden, beside a new password: password managers file the new password under it. */
export function usernameHint(email: string): SafeHtml {
  return html`<input type="email" name="username" autocomplete="username" value="${email}" hidden readonly />`;
}
