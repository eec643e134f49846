// The kit's fields, summary and small parts as markup: what assistive technology and the forms rely on.
import { describe, expect, it } from 'vitest';
import type { Translate } from '../i18n/index.js';
import {
  alert,
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
} from './components.js';

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
