// Cookie parsing and serialising: two cookies only (the session and the pre-session), so a small parser instead
// of a dependency. Values we set are base64url, so they never need quoting or escaping.

/** The server-side session: 32 random bytes, stored in user_session as their sha256. */
export const SESSION_COOKIE = 'samen_session';
/** Binds the CSRF token of a form shown before sign-in (the login page); set only by pages with such a form. */
export const PRESESSION_COOKIE = 'samen_presession';
/** Marks a browser that completed a sign-in for an account (throttle.ts: the account-wide delay does not apply). */
export const DEVICE_COOKIE = 'samen_device';

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    // The first occurrence wins, as browsers send the most specific cookie first.
    if (name && !cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

export interface CookieOptions {
  secure: boolean;
  /** Seconds; 0 deletes the cookie; absent makes it a browser-session cookie. */
  maxAge?: number;
}

export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
  if (options.maxAge !== undefined) {
    parts.push(`Max-Age=${options.maxAge}`);
    if (options.maxAge === 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  }
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
