// The locale comes from the URL (/en/...) or, without a prefix, from Accept-Language. No cookie: a link keeps
// the language because the language is in the link.
import type { IncomingMessage } from 'node:http';
import { isLocale } from '../i18n/index.js';

const LOCALE_KEY = Symbol('samenLocale');

type TaggedRequest = IncomingMessage & { [LOCALE_KEY]?: string };

/** Fastify's rewriteUrl: strips a locale prefix and remembers it on the raw request. */
export function rewriteLocaleUrl(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const match = /^\/([a-z]{2})(?=\/|\?|$)/.exec(url);
  if (match && isLocale(match[1])) {
    (req as TaggedRequest)[LOCALE_KEY] = match[1];
    const rest = url.slice(3);
    return rest === '' || rest.startsWith('?') ? `/${rest}` : rest;
  }
  return url;
}

export function localeFromUrl(req: IncomingMessage): string | undefined {
  return (req as TaggedRequest)[LOCALE_KEY];
}
