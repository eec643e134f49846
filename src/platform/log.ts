// The logger that services and background jobs write to: pino's interface (Fastify's `app.log` fits), so the
// server passes its own and CLI commands and tests get one at the configured level. Log lines carry identifiers,
// counts and error codes only, never personal data or message content.
import { pino } from 'pino';

export interface Log {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
  debug(fields: object, message: string): void;
}

export function createLog(level: string): Log {
  return pino({ level });
}

/**
 * A short, content-free description of an error for logs and the database: its code (ECONNECTION, 23505, …)
 * plus an SMTP response code when there is one, else the error's class. Never the message, which can quote
 * addresses or data.
 */
export function errorCode(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown; name?: unknown } | null;
  const parts: string[] = [];
  if (e && typeof e.code === 'string' && /^[A-Za-z0-9_.-]{1,40}$/.test(e.code)) parts.push(e.code);
  if (e && typeof e.responseCode === 'number' && Number.isInteger(e.responseCode))
    parts.push(String(e.responseCode));
  if (parts.length === 0) {
    const name = e && typeof e.name === 'string' && /^[A-Za-z]{1,40}$/.test(e.name) ? e.name : 'Error';
    parts.push(name);
  }
  return parts.join(' ');
}
