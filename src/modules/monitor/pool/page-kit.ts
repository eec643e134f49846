// What the pool's page routes share: a form's body read as typed, running a change from it (refused: the page
// again with what was typed and the reasons at the top, 400 or 409; done: 303), and the notice after a change.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Conflict, ValidationFailed } from '../../../platform/errors.js';
import type { PoolForm } from '../views/pool-forms.js';

type Body = Record<string, string | string[] | undefined>;

function flatten(body: Body): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf' || v === undefined) continue;
    out[k] =
      k === 'forms' || k === 'audiences' || k === 'attended'
        ? ([] as string[]).concat(v).map((x) => String(x).slice(0, 40))
        : String(Array.isArray(v) ? v[0] : v).slice(0, 5000);
  }
  return out;
}

/**
 * Runs a change from a form; when it is refused the page comes back with what was typed and the reasons at the
 * top: bad input 400, a clash with the stored state (stale, paid, cancelled…) 409. Otherwise 303 to `done`.
 */
export async function attempt(
  request: FastifyRequest,
  reply: FastifyReply,
  form: NonNullable<PoolForm['form']>,
  change: (values: Record<string, string | string[]>) => Promise<unknown>,
  done: string,
  render: (form: PoolForm) => Promise<unknown>,
  target?: string,
) {
  const values = flatten((request.body ?? {}) as Body);
  try {
    await change(values);
  } catch (error) {
    const refused = { form, values, ...(target ? { target } : {}) };
    if (error instanceof ValidationFailed) {
      reply.code(400);
      return render({ ...refused, problems: error.problems });
    }
    if (error instanceof Conflict) {
      reply.code(409);
      return render({ ...refused, problems: error.problems, conflict: request.t(error.messageKey) });
    }
    throw error;
  }
  return reply.redirect(request.href(done), 303);
}

/** The notice after a change (`?saved=1`, …), in the reader's language. */
export function noticeOf(request: FastifyRequest): string | undefined {
  const query = request.query as Record<string, string | undefined>;
  const key = ['saved', 'assigned', 'requested', 'paid', 'erased', 'cancelled', 'withdrawn', 'answered'].find(
    (k) => query[k] !== undefined,
  );
  return key ? request.t(`monitor.pool.notice.${key}`) : undefined;
}
