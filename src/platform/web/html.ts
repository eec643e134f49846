// Server-rendered HTML as tagged template literals. Every interpolated value is escaped unless it is already
// SafeHtml (the output of another `html` template or of `raw`), so escaping is the default, not a habit.

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const NEEDS_ESCAPING = /[&<>"']/;

export function escapeHtml(value: string): string {
  // Most values (names, labels, dates) need nothing: a test is far cheaper than a replace with a callback.
  if (!NEEDS_ESCAPING.test(value)) return value;
  return value.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Marks trusted markup (e.g. rendered Markdown from our own content files) as safe. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** Renders an attribute only when the condition holds: html`<option ${attrIf(sel, 'selected')}>`. */
export function attrIf(condition: boolean, name: string, value?: string): SafeHtml {
  if (!condition) return new SafeHtml('');
  return new SafeHtml(value === undefined ? name : `${name}="${escapeHtml(value)}"`);
}
