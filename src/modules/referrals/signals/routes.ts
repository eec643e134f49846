// The signal form (a professional's signal or anonymous consult) and its receipt. Post, redirect, get: a reload
// shows the receipt; a form sent twice with its one-time token shows the case the first one made.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationFailed, type FieldProblem } from '../../../platform/errors.js';
import { formBody, FormField, formPost, pathParams, textQuery } from '../../../platform/http/form-schema.js';
import { NotFound } from '../../../platform/errors.js';
import { html } from '../../../platform/web/html.js';
import type { FormValues } from '../../../platform/web/components.js';
import { bodyOf, many, one, userOf, type Body, type Query, type RouteKit } from '../http.js';
import { draftNotice } from '../views/form-state.js';
import { signalForm, signalSent } from '../views/signal.js';
import type { SignalInput } from './validate.js';

/** The signal form's fields: shape and length here; the choices and what they mean are the service's. */
export const SIGNAL_FORM = formBody({
  kind: FormField.text(20),
  municipality: FormField.text(200),
  urgency: FormField.text(40),
  minor: FormField.text(40),
  consent: FormField.text(40),
  vitalInterest: FormField.text(10),
  forms: FormField.list({ maxItems: 50, maxLength: 100 }),
  signals: FormField.list({ maxItems: 50, maxLength: 100 }),
  methodsOfControl: FormField.list({ maxItems: 50, maxLength: 100 }),
  recruitment: FormField.list({ maxItems: 50, maxLength: 100 }),
  sector: FormField.text(100),
  needs: FormField.list({ maxItems: 50, maxLength: 100 }),
  gender: FormField.text(40),
  ageGroup: FormField.text(40),
  citizenship: FormField.text(20),
  summary: FormField.text(10_000),
  name: FormField.text(1000),
  dateOfBirth: FormField.text(100),
  contact: FormField.text(1000),
  languages: FormField.list({ maxItems: 20, maxLength: 20 }),
  submission: FormField.text(40),
});

export function signalRoutes(app: FastifyInstance, kit: RouteKit) {
  const { referrals, directory, ctxOf, page, guard, draftOf } = kit;
  const municipalityNames = async () => (await directory.regions()).municipalities.map((m) => m.name);

  /** The form again, filled with what was posted, with the problems in words (400). */
  async function refused(request: FastifyRequest, reply: FastifyReply, problems: FieldProblem[]) {
    const body = bodyOf(request);
    const values: FormValues = {};
    for (const [k, v] of Object.entries(body))
      if (k !== '_csrf' && (typeof v === 'string' || Array.isArray(v))) values[k] = v as string | string[];
    return page(
      reply,
      request.t('referrals.signal.title'),
      signalForm(ctxOf(request), {
        kind: one(body, 'kind') === 'consult' ? 'consult' : 'signal',
        values,
        problems,
        municipalities: await municipalityNames(),
      }),
      400,
    );
  }

  app.get(
    '/nvm/signal',
    { ...guard('nrm_professional'), schema: { hide: true, querystring: textQuery(['kind', 'draft'], 40) } },
    async (request, reply) => {
      // A signal typed before the session ended comes back as typed, with its own one-time token (that post was
      // refused, so the token is unused; sending it twice still makes one case).
      const draft = await draftOf(request, (path) => path === '/nvm/signal');
      const kept = draft?.state === 'back' ? draft.values : undefined;
      const asked = kept ? kept.kind?.[0] : (request.query as Query).kind;
      const kind = asked === 'consult' ? 'consult' : 'signal';
      const { _csrf, ...typed } = kept ?? {};
      void _csrf;
      return page(
        reply,
        request.t(kind === 'consult' ? 'referrals.signal.consultTitle' : 'referrals.signal.title'),
        html`${draft ? draftNotice(ctxOf(request), draft.state) : ''}${signalForm(ctxOf(request), {
          kind,
          values: kept
            ? { ...typed, submission: typed.submission?.[0] ?? randomUUID() }
            : {
                urgency: 'normal',
                minor: 'unknown',
                consent: 'not_asked',
                gender: 'unknown',
                ageGroup: 'unknown',
                submission: randomUUID(),
              },
          problems: [],
          municipalities: await municipalityNames(),
        })}`,
      );
    },
  );

  app.post(
    '/nvm/signal',
    formPost(
      { ...guard('nrm_professional'), body: SIGNAL_FORM, invalid: refused },
      async (request, reply) => {
        const body = request.body as Body;
        const input: SignalInput = {
          kind: one(body, 'kind') === 'consult' ? 'consult' : 'signal',
          municipality: one(body, 'municipality', 200),
          urgency: one(body, 'urgency'),
          minor: one(body, 'minor'),
          consent: one(body, 'consent'),
          vitalInterest: one(body, 'vitalInterest') === 'yes',
          forms: many(body, 'forms'),
          signals: many(body, 'signals'),
          methodsOfControl: many(body, 'methodsOfControl'),
          recruitment: many(body, 'recruitment'),
          sector: one(body, 'sector'),
          needs: many(body, 'needs'),
          gender: one(body, 'gender'),
          ageGroup: one(body, 'ageGroup'),
          citizenship: one(body, 'citizenship', 20).toUpperCase(),
          summary: one(body, 'summary', 10_000),
          name: one(body, 'name', 1000),
          dateOfBirth: one(body, 'dateOfBirth', 100),
          contact: one(body, 'contact', 1000),
          languages: many(body, 'languages'),
          submission: one(body, 'submission', 40),
        };
        try {
          const created = await referrals.submitSignal(userOf(request), input);
          // Post, redirect, get: a reload shows the receipt, never a second post; a resubmitted form (the same
          // one-time token) lands on the receipt of the case the first one made, saying so.
          return reply.redirect(
            `${request.href(`/nvm/signal/sent/${created.id}`)}${created.repeated ? '?again=1' : ''}`,
            303,
          );
        } catch (error) {
          if (error instanceof ValidationFailed) return refused(request, reply, error.problems);
          throw error;
        }
      },
    ),
  );

  app.get(
    '/nvm/signal/sent/:id',
    {
      ...guard('nrm_professional'),
      schema: { hide: true, params: pathParams(['id'], 100), querystring: textQuery(['again'], 10) },
    },
    async (request, reply) => {
      const receipt = await referrals.signalReceipt(request.user!, (request.params as { id: string }).id);
      if (!receipt) throw new NotFound();
      const consult = receipt.kind === 'consult';
      return page(
        reply,
        request.t(consult ? 'referrals.signal.consultSent' : 'referrals.signal.sent'),
        signalSent(ctxOf(request), {
          reference: receipt.reference,
          caseId: receipt.id,
          teamName: receipt.team_name,
          consult,
          repeated: (request.query as Query).again === '1',
        }),
      );
    },
  );
}
