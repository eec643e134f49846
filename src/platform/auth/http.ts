// HTTP helpers shared by the account routes: form fields, the `next` parameter, the session cookie.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { NavLink } from '../web/layout.js';
import { SESSION_COOKIE, PRESESSION_COOKIE, serializeCookie } from './cookies.js';
import { staffAreasFor, type Role } from './index.js';

/** One text value from a urlencoded form body ('' when absent; the first when repeated). */
export function formField(body: unknown, name: string): string {
  if (!body || typeof body !== 'object') return '';
  const value = (body as Record<string, unknown>)[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

export function queryField(request: FastifyRequest, name: string): string {
  return formField(request.query, name);
}

/**
 * A `next` value that is safe to redirect to: a path on this site only. Refuses absolute URLs, scheme-relative
 * `//host` and `/\host` (browsers treat the backslash as a slash), and control characters.
 */
export function safeNext(value: string | undefined): string | undefined {
  if (!value || value.length > 2000) return undefined;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return undefined;
  try {
    const url = new URL(value, 'http://samen.invalid');
    if (url.origin !== 'http://samen.invalid') return undefined;
  } catch {
    return undefined;
  }
  return value;
}

/** Where a user lands after signing in when no (valid) `next` was given. */
export function landingPath(request: FastifyRequest, next: string | undefined, role?: Role): string {
  const area = staffAreasFor(role)[0];
  return safeNext(next) ?? request.href(area?.path ?? '/account');
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean) {
  reply.header('set-cookie', serializeCookie(SESSION_COOKIE, token, { secure }));
  // The form that led here has done its work; the pre-session id is not needed any more.
  reply.header('set-cookie', serializeCookie(PRESESSION_COOKIE, '', { secure, maxAge: 0 }));
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean) {
  reply.header('set-cookie', serializeCookie(SESSION_COOKIE, '', { secure, maxAge: 0 }));
}

/** The header links on staff pages. */
export function staffNav(request: FastifyRequest): NavLink[] {
  const { t } = request;
  const nav: NavLink[] = staffAreasFor(request.user?.role).map((area) => ({
    href: request.href(area.path),
    label: t(area.labelKey),
  }));
  nav.push({ href: request.href('/account'), label: t('auth.nav.account') });
  if (request.user?.role === 'admin')
    nav.push({ href: request.href('/admin/users'), label: t('auth.nav.users') });
  return nav;
}

/** A notice after a redirect (`?done=…`), only from the known list, so a link cannot put text on the page. */
export function doneNotice(request: FastifyRequest, known: Record<string, string>): string | undefined {
  const key = known[queryField(request, 'done')];
  return key ? request.t(key) : undefined;
}
