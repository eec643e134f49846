// The kit's fields, summary and small parts as markup: what assistive technology and the forms rely on.
import { describe, expect, it } from 'vitest';
import type { Translate } from '../i18n/index.js';
import {
  alert,
  alertBlock,
  buttonForm,
  checkboxField,
  csrfField,
  errorSummary,
  hiddenField,
  ProblemList,
  radioGroup,
  selectControl,
  selectField,
  submitButton,
  textareaField,
  textField,
  usernameHint,
} from './components.js';
import { html } from './html.js';

const t: Translate = (key, params) => (params ? `${key} ${JSON.stringify(params)}` : key);

describe('text field', () => {
  it('never writes a password back into the page, and keeps spelling checks and capitals off it', () => {
    const out = textField(
      {
        name: 'password',
        label: 'Password',
        values: { password: 'hunter2-secret' },
        problems: new ProblemList([], t),
        type: 'password',
        autocomplete: 'current-password',
        maxlength: 1024,
      },
      t,
    ).value;
    expect(out).not.toContain('hunter2-secret');
    expect(out).not.toMatch(/\svalue=/);
    expect(out).toMatch(/autocomplete="current-password"/);
    expect(out).toMatch(/spellcheck="false"/);
    expect(out).toMatch(/autocapitalize="off"/);
    expect(out).toMatch(/maxlength="1024"/);
  });

  it('takes another id than fieldId(name): label, description and error point at it', () => {
    const problems = new ProblemList([{ field: 'password', key: 'auth.wrong' }], t);
    const out = textField(
      {
        name: 'password',
        id: 'disablePassword',
        label: 'Password',
        values: {},
        problems,
        description: 'Hint',
        type: 'password',
      },
      t,
    ).value;
    expect(out).toMatch(/<label class="utrecht-form-label" for="disablePassword"/);
    expect(out).toMatch(/id="disablePassword-description"/);
    expect(out).toMatch(/id="disablePassword-error"/);
    expect(out).toMatch(
      /id="disablePassword"[^>]*aria-invalid="true"[^>]*aria-describedby="disablePassword-description disablePassword-error"/,
    );
    expect(out).toContain('auth.wrong');
  });

  it('shows a value and errors in words given directly, escaped', () => {
    const out = textField(
      { name: 'title', label: 'Title', value: '"><script>', errors: ['Too <long>'] },
      t,
    ).value;
    expect(out).toContain('value="&quot;&gt;&lt;script&gt;"');
    expect(out).toContain('Too &lt;long&gt;');
    expect(out).toMatch(/id="f-title"[^>]*aria-invalid="true"/);
    expect(out).not.toContain('<script>');
  });

  it('without problems: no aria-invalid, no error, no describedby', () => {
    const out = textField({ name: 'title', label: 'Title', value: 'x', errors: [] }, t).value;
    expect(out).not.toContain('aria-invalid');
    expect(out).not.toContain('aria-describedby');
    expect(out).not.toContain('-error');
  });
});

describe('textarea and select', () => {
  it('writes a textarea value right after the tag, and keeps a leading line break the parser would drop', () => {
    expect(textareaField({ name: 'note', label: 'Note', value: 'Plain', errors: [] }, t).value).toMatch(
      /id="f-note"[^>]*>Plain<\/textarea>/,
    );
    expect(textareaField({ name: 'note', label: 'Note', value: '\nIndented', errors: [] }, t).value).toMatch(
      />\n\nIndented<\/textarea>/,
    );
  });

  it('selects the chosen option and marks a required select', () => {
    const out = selectField(
      {
        name: 'role',
        id: 'role',
        label: 'Role',
        values: { role: 'admin' },
        problems: new ProblemList([], t),
        required: true,
        choices: [
          { value: 'steward', label: 'Steward' },
          { value: 'admin', label: 'Admin' },
        ],
      },
      t,
    ).value;
    expect(out).toContain('<option value="admin" selected>');
    expect(out).not.toContain('<option value="steward" selected>');
    expect(out).toMatch(/<select[^>]*id="role"[^>]*required/);
    expect(out).toContain('kit.form.required');
  });
});

describe('error summary', () => {
  it('takes the focus (id, tabindex, autofocus) and links each problem to its field, by the href option', () => {
    const problems = new ProblemList([{ field: 'password', key: 'auth.wrong' }], t);
    const out = errorSummary(problems, () => 'Password', t, {
      href: (field) => (field === 'password' ? 'disablePassword' : field),
    }).value;
    expect(out).toMatch(/id="error-summary"/);
    expect(out).toMatch(/tabindex="-1"/);
    expect(out).toMatch(/autofocus/);
    expect(out).toContain('href="#disablePassword"');
    expect(out).toContain('Password: auth.wrong');
  });

  it('is empty without problems', () => {
    expect(errorSummary(new ProblemList([], t), (f) => f, t).value).toBe('');
  });
});

describe('alert, buttons and hidden fields', () => {
  it('gives an alert its kind and role, or no role', () => {
    expect(alert('error', 'No', 'alert').value).toMatch(
      /class="utrecht-alert utrecht-alert--error samen-alert" role="alert"/,
    );
    expect(alert('info', 'Note').value).not.toContain('role=');
  });

  it('names a submit button and asks its question, escaped', () => {
    const out = submitButton('Erase', {
      variant: 'secondary',
      name: 'decision',
      value: 'erase',
      confirm: 'Sure "now"?',
    }).value;
    expect(out).toContain('utrecht-button--secondary-action');
    expect(out).toContain('name="decision"');
    expect(out).toContain('value="erase"');
    expect(out).toContain('data-confirm="Sure &quot;now&quot;?"');
    expect(submitButton('Go').value).not.toMatch(/name=|value=|data-confirm/);
  });

  it('leaves out a hidden field without a value, and escapes the CSRF token', () => {
    expect(hiddenField('next', undefined).value).toBe('');
    expect(hiddenField('next', '').value).toBe('');
    expect(hiddenField('next', '/a?b="c"').value).toBe(
      '<input type="hidden" name="next" value="/a?b=&quot;c&quot;" />',
    );
    expect(csrfField('x"y').value).toBe('<input type="hidden" name="_csrf" value="x&quot;y" />');
  });
});

describe('kit parts added for the monitor, directory, guide, stats and account pages', () => {
  it('ties a single checkbox to its hint and its error', () => {
    const out = checkboxField({
      name: 'confirm',
      label: 'I confirm',
      checked: false,
      description: 'Read first',
      error: 'Tick the box',
    }).value;
    expect(out).toContain('id="f-confirm-description"');
    expect(out).toContain('id="f-confirm-error"');
    expect(out).toContain('aria-describedby="f-confirm-description f-confirm-error"');
    expect(out).toContain('aria-invalid="true"');
    expect(out).toContain('utrecht-form-field--invalid');
    expect(checkboxField({ name: 'x', label: 'X', checked: true }).value).not.toMatch(/aria-|invalid/);
  });

  it('gives an option its language, and a danger button its class and a second action', () => {
    const out = selectField(
      {
        name: 'lang',
        label: 'Language',
        value: 'pl',
        errors: [],
        choices: [
          { value: 'nl', label: 'Nederlands', lang: 'nl' },
          { value: 'pl', label: 'Polski', lang: 'pl' },
        ],
      },
      t,
    ).value;
    expect(out).toMatch(/<option value="pl" selected lang="pl">Polski<\/option>/);
    const danger = submitButton('Delete', { variant: 'danger', formaction: '/x' }).value;
    expect(danger).toContain('utrecht-button--secondary-action samen-button--danger');
    expect(danger).toContain('formaction="/x"');
  });

  it('writes an alert block with an id, a list below its message and a script hook', () => {
    const out = alertBlock('warning', {
      message: 'Which one?',
      more: html`<ul><li>A</li></ul>`,
      id: 'where-error',
      role: 'status',
      hidden: true,
      data: { 'offline-notice': '', 'bad name': 'x' },
    }).value;
    expect(out).toContain('utrecht-alert--warning');
    expect(out).toMatch(/id="where-error"\s+role="status"\s+hidden\s+data-offline-notice=""/);
    expect(out).toContain('utrecht-paragraph">Which one?</p>');
    expect(out).toContain('<ul><li>A</li></ul>');
    expect(out).not.toContain('bad name');
    expect(alertBlock('info', { more: html`<p>x</p>` }).value).not.toMatch(
      /utrecht-alert__message|role=|id=/,
    );
  });

  it('writes a one-button form with its token, hidden values and question', () => {
    const out = buttonForm({
      action: '/verify',
      csrfToken: 'tok',
      label: 'Verify',
      hidden: { back: '/list', none: undefined },
      confirm: 'Sure?',
      className: 'samen-inline-form',
    }).value;
    expect(out).toMatch(/^<form method="post" action="\/verify" class="samen-inline-form"/);
    expect(out).toContain('name="_csrf" value="tok"');
    expect(out).toContain('name="back" value="/list"');
    expect(out).not.toContain('name="none"');
    expect(out).toContain('utrecht-button--secondary-action');
    expect(out).toContain('data-confirm="Sure?"');
  });

  it('marks a text field invalid and described by a problem shown elsewhere on the page', () => {
    const out = textField(
      {
        name: 'town',
        label: 'Town',
        value: 'Berg',
        errors: [],
        description: 'A town',
        errorId: 'town-choices',
      },
      t,
    ).value;
    expect(out).toContain('aria-describedby="f-town-description town-choices"');
    expect(out).toContain('aria-invalid="true"');
    expect(out).toContain('utrecht-textbox--invalid');
  });

  it("hides the account's address for password managers", () => {
    expect(usernameHint('a@b.nl').value).toBe(
      '<input type="email" name="username" autocomplete="username" value="a@b.nl" hidden readonly />',
    );
  });
});

describe("the referral views' needs (issue 19 point 5)", () => {
  it("marks an option's language, and a radio group takes another id and is required", () => {
    expect(selectControl('lang', [{ value: 'ar', label: 'العربية', lang: 'ar' }], 'ar').value).toMatch(
      /<option value="ar" selected lang="ar">العربية<\/option>/,
    );
    const radios = radioGroup({
      name: 'keep',
      legend: 'Keep',
      id: 'p1-keep',
      required: true,
      values: {},
      problems: new ProblemList([], t),
      choices: [
        { value: 'a', label: 'A' },
        { value: 'b', label: 'B' },
      ],
    }).value;
    expect(radios).toMatch(/id="p1-keep"[^>]*required/);
    expect(radios).toMatch(/id="p1-keep-1"[^>]*required/);
    expect(radios).toContain('for="p1-keep-1"');
  });

  it('ties a single checkbox to its hint', () => {
    const out = checkboxField({
      name: 'share',
      id: 'r-share',
      label: 'Share',
      checked: true,
      description: 'Hint',
    }).value;
    expect(out).toMatch(/id="r-share"[^>]*checked\s+aria-describedby="r-share-description"/);
    expect(out).toContain('<p class="utrecht-form-field-description" id="r-share-description">Hint</p>');
    expect(checkboxField({ name: 'x', label: 'X', checked: false }).value).not.toContain('aria-describedby');
  });

  it('takes the focus with an alert, and sends a button to another address', () => {
    expect(alert('ok', 'Back', 'status', { focus: true }).value).toMatch(
      /role="status" tabindex="-1" autofocus/,
    );
    expect(alert('ok', 'Back', 'status').value).not.toContain('autofocus');
    expect(submitButton('PDF', { formaction: '/x.pdf' }).value).toMatch(/formaction="\/x.pdf"/);
  });

  it('makes a form of one button, with its token and hidden values, or a get form without a token', () => {
    const post = buttonForm({ action: '/done', label: 'Done', csrfToken: 'tok', hidden: { id: 7 } }).value;
    expect(post).toMatch(/^<form method="post" action="\/done"\s*>/);
    expect(post).toContain('<input type="hidden" name="_csrf" value="tok" />');
    expect(post).toContain('<input type="hidden" name="id" value="7" />');
    expect(post).toMatch(/utrecht-button--secondary-action"\s+type="submit"/);
    const get = buttonForm({ action: '/p', label: 'Verify', method: 'get', hidden: { verify: '1' } }).value;
    expect(get).toMatch(/^<form method="get"/);
    expect(get).not.toContain('_csrf');
  });
});
