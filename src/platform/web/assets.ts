// Static assets: one CSS bundle (the NL Design System components we use + our design tokens + our own rules)
// and one small enhancement script, built in memory at boot, fingerprinted by content hash and served with
// `Cache-Control: immutable`. No build step, no CDN, no third-party request.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ASSET_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');
const require = createRequire(import.meta.url);

/**
 * The Utrecht component packages in the bundle. Only what pages use: the full library is ~32 KB gzipped, most
 * of the public guide's 40 KB page budget.
 */
export const UTRECHT_COMPONENTS = [
  'document',
  'page-layout',
  'page-header',
  'page-body',
  'page-content',
  'page-footer',
  'skip-link',
  'heading-1',
  'heading-2',
  'heading-3',
  'paragraph',
  'link',
  'link-list',
  'unordered-list',
  'button',
  'form-field',
  'form-label',
  'form-fieldset',
  'form-field-description',
  'form-field-error-message',
  'textbox',
  'textarea',
  'select',
  'checkbox',
  'radio-button',
  'table',
  'alert',
  'status-badge',
] as const;

export interface Asset {
  /** Fingerprinted URL path, e.g. /assets/app.3f2a9c1d.css */
  url: string;
  contentType: string;
  body: Buffer;
  gzipped: Buffer;
  etag: string;
}

function readComponentCss(name: string): string {
  const main = require.resolve(`@utrecht/${name}-css`);
  const dir = path.dirname(main);
  const minified = path.join(dir, 'index.min.css');
  try {
    return readFileSync(minified, 'utf8');
  } catch {
    return readFileSync(main, 'utf8');
  }
}

function makeAsset(name: string, ext: string, contentType: string, text: string): Asset {
  const body = Buffer.from(text, 'utf8');
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return {
    url: `/assets/${name}.${hash}.${ext}`,
    contentType,
    body,
    gzipped: gzipSync(body, { level: 9 }),
    etag: `"${hash}"`,
  };
}

/** Strips comments and collapses whitespace: enough to make our own CSS small without a toolchain. */
export function minifyCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};:,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim();
}

export interface AssetBundle {
  css: Asset;
  js: Asset;
  byUrl: Map<string, Asset>;
}

export function buildAssets(): AssetBundle {
  const componentCss = UTRECHT_COMPONENTS.map(readComponentCss).join('\n');
  const ownCss = ['tokens.css', 'app.css'].map((f) =>
    minifyCss(readFileSync(path.join(ASSET_DIR, f), 'utf8')),
  );
  const css = makeAsset('app', 'css', 'text/css; charset=utf-8', [componentCss, ...ownCss].join('\n'));
  const js = makeAsset(
    'app',
    'js',
    'text/javascript; charset=utf-8',
    readFileSync(path.join(ASSET_DIR, 'app.js'), 'utf8'),
  );
  return { css, js, byUrl: new Map([css, js].map((a) => [a.url, a])) };
}
