// NUL characters in input: PostgreSQL cannot store U+0000 in text (it answered a 500 on eight routes), and no
// form or API field has a use for it. Every query, path and body field is checked before validation and a NUL
// gets a 400 naming the field, in the user's language, on both engines alike. Only strings are looked at (an
// uploaded file's bytes are the import's business); the URL is looked at only when it holds a `%00`.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationFailed, type FieldProblem } from './errors.js';

const MAX_DEPTH = 32;
const MAX_PROBLEMS = 20;

function scan(value: unknown, where: string, problems: FieldProblem[], depth = 0): void {
  if (problems.length >= MAX_PROBLEMS || depth > MAX_DEPTH) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) problems.push({ field: where, key: 'errors.validation.nul' });
    return;
  }
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => scan(item, `${where}[${i}]`, problems, depth + 1));
    return;
  }
  // Not into an uploaded file, a stream or a typed array (the query is a null-prototype object of its own class).
  if (ArrayBuffer.isView(value) || typeof (value as { pipe?: unknown }).pipe === 'function') return;
  if (typeof (value as { toBuffer?: unknown }).toBuffer === 'function') return;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) problems.push({ field: where, key: 'errors.validation.nul' });
    else scan(item, `${where}.${key}`, problems, depth + 1);
  }
}

export function nulProblems(request: FastifyRequest): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (request.url.includes('%00')) {
    scan(request.params, 'params', problems);
    scan(request.query, 'query', problems);
  }
  if (request.body !== undefined && request.body !== null) scan(request.body, 'body', problems);
  return problems;
}

/** Refuses NUL characters anywhere in a request's fields with a 400 naming them (registered in app.ts). */
export function refuseNulBytes(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const problems = nulProblems(request);
    if (problems.length > 0) throw new ValidationFailed(problems);
  });
}
