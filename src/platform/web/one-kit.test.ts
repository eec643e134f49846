// One kit (issue 19): the Utrecht form controls, alerts, tables and badges are written in one place, the platform's
// web components (components.ts). A view that hand-writes one of them again gets its own copy of the markup that
// accessibility depends on (label and id pairs, aria-describedby to the error, the error summary's links), and the
// copies drift. This test reads every source file and names each hand-written one, so a new view uses the kit or
// extends it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The markup only the kit writes: the class that marks each component (a link styled as a button is not one). */
const KIT_ONLY = [
  'utrecht-textbox',
  'utrecht-select',
  'utrecht-textarea',
  'utrecht-checkbox',
  'utrecht-radio-button',
  'utrecht-form-label',
  'utrecht-button utrecht-button--',
  'utrecht-alert',
  'utrecht-table',
  'utrecht-status-badge',
];

/** Files that may write it: the kit itself; the demo identity provider's page belongs to that development tool. */
const ALLOWED = new Set([
  'platform/web/components.ts',
  'platform/web/kit-lists.ts',
  'platform/web/kit-actions.ts',
  'platform/auth/oidc/demo-provider.ts',
]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' ? [] : sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('one kit', () => {
  it('has every form control, alert, table and badge written by the platform components only', () => {
    const found: string[] = [];
    for (const file of sources(SRC)) {
      const name = path.relative(SRC, file).split(path.sep).join('/');
      if (ALLOWED.has(name)) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const hit = KIT_ONLY.find((marker) => line.includes(marker));
          if (hit) found.push(`${name}:${i + 1} ${hit}`);
        });
    }
    expect(found).toEqual([]);
  });

  it('finds a hand-written control (the check itself works)', () => {
    const line = '<input class="utrecht-textbox utrecht-textbox--html-input" name="q">';
    expect(KIT_ONLY.some((marker) => line.includes(marker))).toBe(true);
  });
});
