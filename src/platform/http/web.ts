// The web platform: per-request locale and translator, CSP nonce and security headers, the fingerprinted
// assets, `reply.page()` to render a page in the layout, and error pages / problem details (RFC 9457, for the API
// and any client that does not ask for HTML) in the user's language.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DEFAULT_LOCALE, type I18n, negotiateLocale, type Translate } from '../i18n/index.js';
import { buildAssets, type AssetBundle } from '../web/assets.js';
import { faviconIco } from '../web/favicon.js';
import { html, type SafeHtml } from '../web/html.js';
import { renderPage, type PageContext, type PageOptions } from '../web/layout.js';
import { httpErrorOf, type FieldProblem } from './errors.js';
import { pathParams } from './form-schema.js';
import { localeFromUrl } from './locale.js';
import { invalidParam, PROBLEM_JSON, PROBLEM_TYPES, problemDetails } from './problem.js';

declare module 'fastify' {
  interface FastifyRequest {
    locale: string;
    /** '/en' when the locale came from the URL, '' when it came from Accept-Language. */
    localePrefix: string;
    t: Translate;
    cspNonce: string;
    /** A link to `path` that keeps the locale chosen in the URL. */
    href(path: string): string;
  }
  interface FastifyReply {
    page(options: PageOptions, statusCode?: number): FastifyReply;
  }
  interface FastifyContextConfig {
    /** Marks a route as part of the JSON API: errors are JSON. Set for everything under /api anyway. */
    api?: boolean;
  }
}

export interface WebPluginOptions {
  i18n: I18n;
  /** Adds signed-in state to the layout; provided by the auth plugin. */
  signedInFor?: (request: FastifyRequest) => PageContext['signedIn'];
  /** Whether accounts with published secrets can sign in (a banner on every page). */
  demoAccounts?: () => boolean;
}

/** On every response (with a CSP: the page's, or default-src 'none' for anything else). */
const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
};

/**
 * On every response except JSON answers. These govern what a document does (where its links send the referrer,
 * its browsing-context group, the features it may use, DNS prefetching of its links); a JSON answer is never a
 * document, and leaving them off saves every API answer a quarter of its headers. PDFs, CSV files and the like
 * keep them, as a browser may show those as documents.
 */
const DOCUMENT_HEADERS: Record<string, string> = {
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'x-dns-prefetch-control': 'off',
};

/** Strict CSP: our own origin only, scripts only with this response's nonce, no inline styles. */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

const JSON_CSP = "default-src 'none'; frame-ancestors 'none'";

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || request.routeOptions.config?.api === true;
}

function translateFields(t: Translate, fields: FieldProblem[]) {
  return fields.map((f) => ({ field: f.field, message: t(f.key, f.params) }));
}

/** Turns Ajv's errors into field problems with translatable reasons. */
export function validationProblems(error: FastifyError): FieldProblem[] {
  const context = error.validationContext ?? 'body';
  return (error.validation ?? []).map((v) => {
    const params = v.params as Record<string, unknown>;
    let field = `${context}${v.instancePath.replace(/\//g, '.')}`;
    if (v.keyword === 'required') field += `.${String(params.missingProperty)}`;
    if (v.keyword === 'additionalProperties') field += `.${String(params.additionalProperty)}`;
    const known = [
      'required',
      'type',
      'minLength',
      'maxLength',
      'pattern',
      'format',
      'minimum',
      'maximum',
      'enum',
      'additionalProperties',
      'maxItems',
      'minItems',
    ];
    const key = known.includes(v.keyword) ? `errors.validation.${v.keyword}` : 'errors.validation.invalid';
    const p: Record<string, string | number> = {};
    for (const name of ['limit', 'type', 'format', 'pattern']) {
      const value = params[name];
      if (typeof value === 'string' || typeof value === 'number') p[name] = value;
    }
    if (Array.isArray(params.allowedValues)) p.values = params.allowedValues.join(', ');
    return { field, key, params: p };
  });
}

function statusTitleKey(status: number): string {
  if (status === 404) return 'errors.notFound';
  if (status === 403) return 'errors.forbidden';
  if (status === 401) return 'errors.unauthorized';
  if (status === 409) return 'errors.conflict';
  if (status === 413) return 'errors.tooLarge';
  if (status === 415) return 'errors.unsupportedMediaType';
  if (status === 429) return 'errors.tooManyRequests';
  if (status >= 500) return 'errors.internal';
  return 'errors.badRequest';
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  messageKey: string,
  fields: FieldProblem[] = [],
) {
  const t = request.t ?? ((k: string) => k);
  const message = t(messageKey);
  const translated = translateFields(t, fields);
  if (isApiRequest(request) || !request.headers.accept?.includes('text/html')) {
    const problem = problemDetails({
      origin: request.server.apiOrigin ?? '',
      status,
      code,
      title: t(PROBLEM_TYPES[code]?.title ?? statusTitleKey(status)),
      message,
      fields: translated,
      path: request.url.split('?')[0]!,
    });
    // Sent as a string: the route's response schema (if any) must not drop the members it does not list.
    reply.code(status).type(`${PROBLEM_JSON}; charset=utf-8`);
    if (request.locale) reply.header('content-language', request.locale);
    return reply.send(JSON.stringify(problem));
  }
  return reply.page(
    {
      title: message,
      noindex: true,
      body: html`<h1 class="utrecht-heading-1">${message}</h1>
        ${
          translated.length
            ? html`<ul class="utrecht-unordered-list">
              ${translated.map((f) => html`<li><span class="samen-code">${invalidParam(f).name}</span>: ${f.message}</li>`)}
            </ul>`
            : html`<p class="utrecht-paragraph">${t(`${messageKey}.help`)}</p>`
        }
        <p class="utrecht-paragraph"><a class="utrecht-link" href="${request.href('/')}">${t('errors.backHome')}</a></p>`,
    },
    status,
  );
}

const NONCE = /^[A-Za-z0-9+/]{22}==$/;
const NONCE_VALUE = Symbol('samenCspNonce');
type NonceHolder = { [NONCE_VALUE]: string };

/**
 * CSP nonces: 16 bytes of the CSPRNG each, base64. They are cut from a block of random bytes fetched 4 KB at a
 * time (one call to the CSPRNG per 256 nonces instead of one per response, as Node does for randomUUID); each
 * 16-byte piece is used once.
 */
export class NonceSource {
  private static readonly SIZE = 16;
  private static readonly BLOCK = 256 * NonceSource.SIZE;
  private block = Buffer.alloc(0);
  private offset = 0;

  next(): string {
    if (this.offset + NonceSource.SIZE > this.block.length) {
      this.block = randomBytes(NonceSource.BLOCK);
      this.offset = 0;
    }
    const nonce = this.block.toString('base64', this.offset, this.offset + NonceSource.SIZE);
    this.offset += NonceSource.SIZE;
    return nonce;
  }
}

/** Accept-Language -> locale, remembered per distinct header (browsers send a handful of distinct values). */
export class LocaleNegotiator {
  private readonly known = new Map<string, string>();
  constructor(private readonly limit = 1000) {}

  negotiate(header: string | undefined): string {
    if (!header) return DEFAULT_LOCALE;
    let locale = this.known.get(header);
    if (locale === undefined) {
      locale = negotiateLocale(header);
      // Bounded in count and size: a client sending ever-new or very long headers cannot make it hold much.
      if (header.length > 200) return locale;
      if (this.known.size >= this.limit) this.known.clear();
      this.known.set(header, locale);
    }
    return locale;
  }
}

/** The hash of a page without its nonce: the first half of its ETag. */
function pageHash(pageWithoutNonce: string): string {
  return createHash('sha256').update(pageWithoutNonce).digest('base64url').slice(0, 27);
}

/**
 * A page carries its response's CSP nonce, so a hash of the whole page never repeats and no 304 could ever be
 * sent. The ETag is therefore a hash of the page without its nonce, followed by the nonce. When the browser
 * revalidates a copy whose content is unchanged, this response takes over that copy's nonce, so the CSP sent
 * with the 304 matches the cached page (a 304 has no body for an attacker to inject into).
 */
function pageEtag(request: FastifyRequest, reply: FastifyReply, hash: string) {
  const match = /^W\/"([\w-]+)\.([^"]+)"$/.exec(request.headers['if-none-match'] ?? '');
  if (match && match[1] === hash && NONCE.test(match[2]!)) request.cspNonce = match[2]!;
  reply.header('etag', `W/"${hash}.${request.cspNonce}"`);
}

async function webPlugin(app: FastifyInstance, options: WebPluginOptions) {
  const { i18n } = options;
  const nonces = new NonceSource();
  const locales = new LocaleNegotiator();
  const assets: AssetBundle = buildAssets();
  app.decorate('assets', assets);

  app.decorateRequest('locale', DEFAULT_LOCALE);
  app.decorateRequest('localePrefix', '');
  app.decorateRequest('t', null as unknown as Translate);
  // The nonce is made when something asks for it (a page, the CSP of an HTML response): JSON answers need none.
  app.decorateRequest(NONCE_VALUE, '');
  app.decorateRequest('cspNonce', {
    getter(this: FastifyRequest) {
      const holder = this as unknown as NonceHolder;
      return holder[NONCE_VALUE] || (holder[NONCE_VALUE] = nonces.next());
    },
    setter(this: FastifyRequest, value: string) {
      (this as unknown as NonceHolder)[NONCE_VALUE] = value;
    },
  });
  app.decorateRequest('href', function (this: FastifyRequest, path: string) {
    // The API and assets do not vary by locale; the API docs page does.
    if ((path.startsWith('/api/') && !path.startsWith('/api/docs')) || path.startsWith('/assets/'))
      return path;
    if (!this.localePrefix) return path;
    return path === '/' ? this.localePrefix : `${this.localePrefix}${path}`;
  });

  // Hooks in callback style: this runs on every request, and a promise per hook is measurable there.
  app.addHook('onRequest', (request, reply, done) => {
    const fromUrl = localeFromUrl(request.raw);
    request.locale = fromUrl ?? locales.negotiate(request.headers['accept-language']);
    request.localePrefix = fromUrl ? `/${fromUrl}` : '';
    request.t = i18n.translator(request.locale);
    reply.headers(SECURITY_HEADERS);
    if (!fromUrl) reply.header('vary', 'Accept-Language');
    done();
  });

  app.addHook('onSend', (request, reply, payload, done) => {
    const type = reply.getHeader('content-type');
    const json =
      typeof type === 'string' && (type.startsWith('application/json') || type.startsWith(PROBLEM_JSON));
    if (!json) reply.headers(DOCUMENT_HEADERS);
    if (typeof type === 'string' && type.startsWith('text/html')) {
      reply.header('content-security-policy', contentSecurityPolicy(request.cspNonce));
      reply.header('content-language', request.locale);
    } else if (!reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', JSON_CSP);
    }
    done(null, payload);
  });

  // A module that serves the same body object again (e.g. a memoised result) gets the whole page from memory:
  // the layout is rendered once per body, locale and address, kept as UTF-8 bytes split where the nonce goes, with
  // the hash of the page without its nonce (the ETag's first half). A request then only puts its nonce between
  // the parts: no rendering, no encoding of the text, no hashing.
  interface PreparedPage {
    parts: Buffer[];
    hash: string;
  }
  const rendered = new WeakMap<SafeHtml, Map<string, PreparedPage>>();
  const NONCE_MARK = '\u0000nonce\u0000';
  function preparedPage(ctx: PageContext, page: PageOptions): PreparedPage {
    const key = [
      ctx.locale,
      ctx.pathWithoutLocale,
      page.title,
      page.noindex ? 1 : 0,
      page.sampleNotice ? 1 : 0,
      ctx.demoAccounts ? 1 : 0,
      (page.nav ?? []).map((n) => `${n.href} ${n.label}`).join('\n'),
    ].join('\u0001');
    let perBody = rendered.get(page.body);
    if (!perBody) rendered.set(page.body, (perBody = new Map()));
    let prepared = perBody.get(key);
    if (!prepared) {
      const parts = renderPage({ ...ctx, cspNonce: NONCE_MARK }, page).split(NONCE_MARK);
      prepared = { parts: parts.map((part) => Buffer.from(part)), hash: pageHash(parts.join('')) };
      if (perBody.size < 20) perBody.set(key, prepared);
    }
    return prepared;
  }

  app.decorateReply('page', function (this: FastifyReply, page: PageOptions, statusCode = 200) {
    const request = this.request;
    const rawPath = request.url;
    const ctx: PageContext = {
      locale: request.locale,
      t: request.t,
      cspNonce: request.cspNonce,
      cssUrl: assets.css.url,
      jsUrl: assets.js.url,
      pathWithoutLocale: rawPath,
      href: (p) => request.href(p),
      signedIn: options.signedInFor?.(request),
      demoAccounts: options.demoAccounts?.() ?? false,
    };
    // A page that must not be stored (it carries answers, or it is for a signed-in user) is never revalidated:
    // no ETag to compute.
    const revalidated =
      statusCode === 200 && !String(this.getHeader('cache-control') ?? '').includes('no-store');
    this.code(statusCode).type('text/html; charset=utf-8');
    if (ctx.signedIn) {
      const body = renderPage(ctx, page);
      if (revalidated) pageEtag(request, this, pageHash(body.replaceAll(request.cspNonce, '')));
      return this.send(body);
    }
    const prepared = preparedPage(ctx, page);
    if (revalidated) pageEtag(request, this, prepared.hash);
    // After pageEtag, which may take over the nonce of the browser's cached copy.
    const nonce = Buffer.from(request.cspNonce);
    const chunks: Buffer[] = [prepared.parts[0]!];
    for (let i = 1; i < prepared.parts.length; i++) chunks.push(nonce, prepared.parts[i]!);
    return this.send(Buffer.concat(chunks));
  });

  app.get(
    '/assets/:file',
    { schema: { hide: true, params: pathParams(['file']) }, config: { api: false } },
    async (request, reply) => {
      const asset = assets.byUrl.get(request.url.split('?')[0]!);
      if (!asset) return sendError(request, reply, 404, 'not_found', 'errors.notFound');
      reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('etag', asset.etag)
        .type(asset.contentType);
      if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
      if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
        return reply.header('content-encoding', 'gzip').header('vary', 'Accept-Encoding').send(asset.gzipped);
      }
      return reply.send(asset.body);
    },
  );

  const favicon = faviconIco();
  app.get('/favicon.ico', { schema: { hide: true }, config: { api: false } }, async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=86400').type('image/x-icon').send(favicon),
  );

  app.setNotFoundHandler((request, reply) => sendError(request, reply, 404, 'not_found', 'errors.notFound'));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const mapped = httpErrorOf(error);
    if (mapped) {
      return sendError(request, reply, mapped.statusCode, mapped.code, mapped.messageKey, mapped.fields);
    }
    if (error.validation) {
      return sendError(request, reply, 400, 'bad_request', 'errors.badRequest', validationProblems(error));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code =
        status === 413
          ? 'payload_too_large'
          : status === 415
            ? 'unsupported_media_type'
            : status === 429
              ? 'too_many_requests'
              : status === 404
                ? 'not_found'
                : 'bad_request';
      // Body parser problems (broken JSON, wrong content type) name the body as the field.
      const fields: FieldProblem[] =
        error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
          ? [{ field: 'body', key: 'errors.validation.json' }]
          : [];
      return sendError(request, reply, status, code, statusTitleKey(status), fields);
    }
    // Log where it failed, not what was in it: request data and database error messages (which quote the
    // offending values) can hold personal data, so only the error type, code and call stack are kept.
    const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
    request.log.error(
      { err: { type: error.name, code: error.code, stack: frames.join('\n') } },
      'request failed',
    );
    return sendError(request, reply, 500, 'internal', 'errors.internal');
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    assets: AssetBundle;
  }
}

export default fp(webPlugin, { name: 'samen-web' });
