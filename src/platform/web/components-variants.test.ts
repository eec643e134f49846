// The kit's variants the directory, guide and stats pages need: a field with its own id and limits, a single
// checkbox, a checkbox group with a hint, a table named by a heading or with numeric columns, and problems whose
// messages a route already translated. Each keeps the accessible wiring (label for, aria-describedby,
// aria-invalid) and escapes what it is given.
import { describe, expect, it } from 'vitest';
import {
  checkboxField,
  checkboxGroup,
  errorSummary,
  ProblemList,
  selectField,
  pagination,
  table,
  textareaField,
  textField,
} from './components.js';
import { html } from './html.js';

const t = (key: string) => `[${key}]`;
const none = new ProblemList([], t);

describe('fields with their own id and limits', () => {
  it('labels the control by the given id and ties its error to it', () => {
    const problems = ProblemList.ofMessages({ budget_epsilon: 'Too <much>', other: undefined });
    const out = textField(
      {
        name: 'budget_epsilon',
        id: 'budget_epsilon',
        label: 'ε',
        values: { budget_epsilon: '9' },
        problems,
        type: 'number',
        min: 0,
        step: 'any',
        maxlength: 20,
      },
      t,
    ).value;
    expect(out).toContain('<label class="utrecht-form-label" for="budget_epsilon"');
    expect(out).toMatch(
      /id="budget_epsilon"[^>]*aria-invalid="true"[^>]*aria-describedby="budget_epsilon-error"/,
    );
    expect(out).toContain('id="budget_epsilon-error"');
    expect(out).toContain('Too &lt;much&gt;');
    expect(out).toMatch(/maxlength="20"\s+min="0"\s+step="any"/);
    expect(out).not.toContain('max="');
    expect(out).not.toContain('f-budget_epsilon');
  });

  it('passes data attributes for the page script, escaped, and drops a name that is not one', () => {
    const out = textField(
      {
        name: 'place',
        label: 'Plaats',
        values: {},
        problems: none,
        data: { 'place-suggest': '/guide/places?a="b"', 'x onclick': 'evil' },
      },
      t,
    ).value;
    expect(out).toContain('data-place-suggest="/guide/places?a=&quot;b&quot;"');
    expect(out).not.toContain('onclick');
    expect(out).not.toContain('evil');
  });

  it('keeps the derived id and no limits when none are given', () => {
    const out = textField({ name: 'q', label: 'Zoek', values: {}, problems: none }, t).value;
    expect(out).toContain('id="f-q"');
    expect(out).not.toMatch(/maxlength|min=|spellcheck|aria-invalid/);
  });

  it('gives a textarea its class and spellcheck, and a select its id', () => {
    const area = textareaField(
      {
        name: 'source',
        id: 'source',
        label: 'Bron',
        values: { source: 'a: 1' },
        problems: none,
        spellcheck: false,
      },
      t,
    ).value;
    expect(area).toContain('spellcheck="false"');
    expect(area).toContain('for="source"');
    const area2 = textareaField(
      { name: 'source', label: 'Bron', values: {}, problems: none, className: 'samen-code-editor' },
      t,
    ).value;
    expect(area2).toMatch(/class="utrecht-textarea [^"]*samen-code-editor"/);
    const select = selectField(
      {
        name: 'd1',
        id: 'd1',
        label: 'Kolom',
        values: { d1: 'b' },
        problems: none,
        choices: [
          { value: 'a', label: 'A' },
          { value: 'b', label: 'B' },
        ],
      },
      t,
    ).value;
    expect(select).toContain('for="d1"');
    expect(select).toContain('id="d1"');
    expect(select).toMatch(/<option value="b" selected>B<\/option>/);
  });
});

describe('ProblemList.ofMessages', () => {
  it('keeps the messages as they are and skips fields without one', () => {
    const list = ProblemList.ofMessages({ k: 'Kies 1 of meer', seed: undefined });
    expect(list.for('k')).toEqual(['Kies 1 of meer']);
    expect(list.has('seed')).toBe(false);
    const summary = errorSummary(list, (f) => f.toUpperCase(), t).value;
    expect(summary).toContain('href="#f-k"');
    expect(summary).toContain('K: Kies 1 of meer');
  });
});

describe('checkboxes', () => {
  it('renders one checkbox with its label and checked state', () => {
    const on = checkboxField({
      name: 'stale',
      id: 's-stale',
      label: 'Alleen <verouderd>',
      checked: true,
    }).value;
    expect(on).toMatch(/id="s-stale"[^>]*name="stale"[^>]*value="yes"[^>]*checked/);
    expect(on).toContain('for="s-stale">Alleen &lt;verouderd&gt;</label>');
    const off = checkboxField({ name: 'published', value: '1', label: 'Publiceren', checked: false }).value;
    expect(off).toContain('id="f-published"');
    expect(off).toContain('value="1"');
    expect(off).not.toContain('checked');
  });

  it('ties a group hint and its errors to the fieldset', () => {
    const problems = ProblemList.ofMessages({ cube_columns: 'Kies er een' });
    const out = checkboxGroup({
      name: 'cube_columns',
      legend: 'Kolommen',
      values: { cube_columns: ['b'] },
      problems,
      idPrefix: 'cube-columns',
      description: 'Welke kolommen',
      choices: [
        { value: 'a', label: 'A' },
        { value: 'b', label: 'B' },
      ],
    }).value;
    expect(out).toContain('aria-describedby="cube-columns-description cube-columns-error"');
    expect(out).toContain('id="cube-columns-description">Welke kolommen</p>');
    expect(out).toContain('id="cube-columns-error"');
    expect(out).toMatch(/id="cube-columns-1"[^>]*value="b"\s*checked/);
    expect(out).not.toMatch(/id="cube-columns-0"[^>]*checked/);
  });
});

describe('table', () => {
  it('is named by its caption, with numeric columns aligned', () => {
    const out = table({
      id: 'result',
      caption: 'Aantal <per> regio',
      head: ['Regio', { label: 'Aantal', numeric: true }],
      rows: [{ head: 'Utrecht', cells: [12] }],
    }).value;
    expect(out).toContain('aria-labelledby="result-caption"');
    expect(out).toContain(
      '<caption class="utrecht-table__caption" id="result-caption">Aantal &lt;per&gt; regio',
    );
    expect(out).toContain('<table class="utrecht-table">');
    expect(out).toContain(
      'class="utrecht-table__header-cell utrecht-table__header-cell--numeric" scope="col">Aantal',
    );
    expect(out).toContain('<th class="utrecht-table__header-cell" scope="row">Utrecht</th>');
    expect(out).toContain('<td class="utrecht-table__cell utrecht-table__cell--numeric">12</td>');
  });

  it('under a heading is named by it and has no caption; cells may carry a class', () => {
    const out = table({
      id: 'stale',
      labelledBy: 'stale-title',
      className: 'samen-history',
      head: ['Naam', 'Vorige'],
      rows: [
        { head: html`<a href="/x">X</a>`, cells: [{ value: 'oud', className: 'samen-history__value' }] },
      ],
    }).value;
    expect(out).toContain('aria-labelledby="stale-title"');
    expect(out).not.toContain('<caption');
    expect(out).toContain('<table class="utrecht-table samen-history">');
    expect(out).toContain('<th class="utrecht-table__header-cell" scope="row"><a href="/x">X</a></th>');
    expect(out).toContain('<td class="utrecht-table__cell samen-history__value">oud</td>');
  });

  it('has rows of data cells only when no column names the row, numeric alignment kept per column', () => {
    const out = table({
      id: 'list',
      caption: 'Lijst',
      head: ['Naam', { label: 'Aantal', numeric: true }],
      rows: [{ cells: ['Utrecht', 12] }, { id: 'row-amsterdam', cells: ['Amsterdam', 3] }],
    }).value;
    expect(out).not.toContain('scope="row"');
    expect(out).toContain(
      '<tr class="utrecht-table__row" id="row-amsterdam"><td class="utrecht-table__cell">Amsterdam',
    );
    expect(out).toContain(
      '<tr class="utrecht-table__row"><td class="utrecht-table__cell">Utrecht</td><td class="utrecht-table__cell utrecht-table__cell--numeric">12</td></tr>',
    );
  });

  it('says in one row across every column that it is empty, and shows no such row when it is not', () => {
    const empty = table({
      id: 'e',
      caption: 'Leeg',
      head: ['A', 'B', 'C'],
      rows: [],
      empty: 'Niets <hier>',
    }).value;
    expect(empty).toContain('<td class="utrecht-table__cell" colspan="3">Niets &lt;hier&gt;</td>');
    const full = table({
      id: 'f',
      caption: 'Vol',
      head: ['A', 'B'],
      rows: [{ head: 'x', cells: ['y'] }],
      empty: 'Niets',
    }).value;
    expect(full).not.toContain('Niets');
  });
});

describe('pagination', () => {
  const tr = (key: string, params?: Record<string, unknown>) =>
    params ? `${key} ${JSON.stringify(params)}` : key;
  it('without a total links to the next page only when one follows, and says the page without "of N"', () => {
    const href = (p: number) => `/list?page=${p}`;
    const middle = pagination({ page: 2, hasNext: true, href, label: 'Pages: tasks' }, tr).value;
    expect(middle).toContain('aria-label="Pages: tasks"');
    expect(middle).toContain('rel="prev" href="/list?page=1"');
    expect(middle).toContain('rel="next" href="/list?page=3"');
    expect(middle).toContain('kit.pagination.page {&quot;page&quot;:2}');
    const last = pagination({ page: 2, hasNext: false, href }, tr).value;
    expect(last).not.toContain('rel="next"');
    expect(last).toContain('aria-label="kit.pagination.label"');
    expect(pagination({ page: 1, hasNext: false, href }, tr).value).toBe('');
  });
});
