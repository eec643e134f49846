// GET /api/v1/guide/advice: the same routing as the public route, as JSON, for CoMensha's or a municipality's
// own site. Multi-valued parameters may be repeated or comma-separated; every parameter is optional. The
// answer is never cached by shared caches or stored: `Cache-Control: no-store`.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { badRequest } from '../../platform/http/errors.js';
import { isLocale, LOCALES, type I18n } from '../../platform/i18n/index.js';
import type { GuideService } from './service.js';
import { ProblemDetails as ErrorResponse } from '../../platform/http/problem.js';
import type { FastifyReply } from 'fastify';
import { CachedResponse, sendPrepared } from '../../platform/http/prepared.js';
import {
  AnswerReader,
  AUDIENCES,
  FORMS,
  NEEDS,
  rawQueryOf,
  SITUATIONS,
  TRI_STATES,
  type RawQuery,
} from './answers.js';
import type { AdviceView } from './present.js';

const values = (list: readonly string[]) => list.map((v) => `\`${v}\``).join(' | ');
const multi = (description: string) =>
  Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20, description }));
const single = (description: string) =>
  Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 5, description }));

export const AdviceQuery = Type.Object(
  {
    audience: single(`Who asks: ${values(AUDIENCES)}.`),
    form: multi(`Forms of exploitation (repeat or comma-separate): ${values(FORMS)}.`),
    danger: single(`Acute danger: ${values(TRI_STATES)}. \`yes\` sets \`emergency\`.`),
    municipality: single('Where: a municipality code `GMxxxx`, `abroad` or `unknown`.'),
    minor: single(`Is the person under 18: ${values(TRI_STATES)}.`),
    need: multi(`What is needed (repeat or comma-separate): ${values(NEEDS)}.`),
    situation: single(
      `A situation that changes who helps: ${values(SITUATIONS)} (\`asylum\`: lives in asylum reception; \`unaccompanied\`: a minor in the Netherlands without parents).`,
    ),
    lang: Type.Optional(
      Type.String({
        maxLength: 10,
        description: `Language of the reasons and labels: ${values(LOCALES.map((l) => l.code))}. Default: Accept-Language.`,
      }),
    ),
  },
  { additionalProperties: false },
);

const Contact = Type.Object({
  channel: Type.Union([
    Type.Literal('phone'),
    Type.Literal('sms'),
    Type.Literal('whatsapp'),
    Type.Literal('chat'),
    Type.Literal('web_form'),
    Type.Literal('website'),
    Type.Literal('email'),
    Type.Literal('walk_in'),
  ]),
  value: Type.String(),
  href: Type.Optional(Type.String()),
  label: Type.String(),
  international: Type.Optional(
    Type.Union([Type.String(), Type.Null()], {
      description: 'Phone and SMS: the number as dialled from abroad (+31 …); null when it cannot be.',
    }),
  ),
  fromAbroad: Type.Optional(
    Type.Boolean({
      description: 'Phone and SMS: false for 0800, 0900 and short numbers (Dutch phones only).',
    }),
  ),
  fee: Type.Optional(
    Type.Union([Type.Literal('free'), Type.Literal('local'), Type.Literal('paid')], {
      description: 'Phone and SMS: free, local (normal call costs) or paid (0900 numbers are never free).',
    }),
  ),
});

const Reach = Type.Union(
  [Type.Literal('always'), Type.Literal('open'), Type.Literal('unknown'), Type.Literal('closed')],
  {
    description:
      'Reachable now: `always` (24/7), `open` (within published hours), `unknown` (no times published), `closed`.',
  },
);

export const AdviceResponse = Type.Object({
  emergency: Type.Union([Type.Object({ phone: Type.String(), label: Type.String() }), Type.Null()], {
    description: 'Set whenever `danger` is `yes`: call this number first.',
  }),
  firstStep: Type.Union(
    [
      Type.Object({
        serviceId: Type.String({ format: 'uuid', description: 'The desk to contact first: `desks[0]`.' }),
        action: Type.String({ description: 'What to do now, in the requested language.' }),
        reach: Reach,
        contact: Type.Union([Contact, Type.Null()], {
          description: 'The phone, WhatsApp, chat or text channel to use now; null when the desk has none.',
        }),
      }),
      Type.Null(),
    ],
    {
      description:
        'What to do now: the one desk to contact first, reachable by phone or chat at this hour where one is (112 first when `danger` is `yes`). The other desks follow it in `desks`.',
    },
  ),
  desks: Type.Array(
    Type.Object({
      serviceId: Type.String({ format: 'uuid' }),
      name: Type.String(),
      organization: Type.String(),
      rank: Type.Integer({ minimum: 1 }),
      reasons: Type.Array(Type.String(), {
        description: 'Why this desk was chosen, in the requested language.',
      }),
      contacts: Type.Array(Contact),
      openNow: Type.Union([Type.Boolean(), Type.Null()], {
        description: 'null when no opening hours are known',
      }),
      reach: Reach,
      opensNext: Type.Union([Type.String(), Type.Null()]),
      languages: Type.Array(Type.String({ description: 'ISO 639-1' })),
      free: Type.Boolean(),
      anonymous: Type.Boolean({ description: 'You can contact this desk without giving your name.' }),
      whatHappens: Type.String(),
      url: Type.String({ description: 'The desk in the public directory.' }),
    }),
  ),
  ruleSetVersion: Type.String(),
});

function toResponse(view: AdviceView): Static<typeof AdviceResponse> {
  return {
    emergency: view.emergency,
    firstStep: view.firstStep,
    desks: view.desks.map((d) => ({
      serviceId: d.serviceId,
      name: d.name,
      organization: d.organization,
      rank: d.rank,
      reasons: d.reasons,
      contacts: d.contacts,
      openNow: d.openNow,
      reach: d.reach,
      opensNext: d.opensNext,
      languages: d.languages.map((l) => l.code),
      free: d.free,
      anonymous: d.anonymous,
      whatHappens: d.whatHappens,
      url: d.path,
    })),
    ruleSetVersion: view.ruleSetVersion,
  };
}

export const guideApiRoutes: FastifyPluginAsyncTypebox<{
  services: { guide: GuideService };
  i18n: I18n;
}> = async (app, options) => {
  const { guide } = options.services;
  // The view is memoised by the guide service; its JSON bytes (and their compressed forms) are prepared once here.
  const bodies = new WeakMap<AdviceView, CachedResponse>();
  const prepared = (view: AdviceView) => {
    let body = bodies.get(view);
    if (body === undefined)
      bodies.set(view, (body = CachedResponse.fromJson(JSON.stringify(toResponse(view)))));
    return body;
  };
  const reader = new AnswerReader();
  const send = (reply: FastifyReply, acceptEncoding: string | undefined, lang: string, view: AdviceView) => {
    reply.header('cache-control', 'no-store').header('content-language', lang);
    // The shape is AdviceResponse (checked by the API tests). No ETag: the answer is never stored.
    return sendPrepared(acceptEncoding, reply, prepared(view), { etag: false });
  };

  app.get(
    '/api/v1/guide/advice',
    {
      schema: {
        summary: 'Where to go: ranked desks for a set of answers',
        description:
          'The routing of the wegwijzer: the desks that fit the answers, best first, each with the reasons it was chosen, how to reach it, whether it is open now and the languages it speaks. Every parameter is optional; the answer is never empty. Unknown values, a single-valued parameter given twice with different values, or an unknown `lang` are a 400 naming the parameter (problem details, in the language of `lang` where that is a known one, else of Accept-Language).',
        tags: ['guide'],
        querystring: AdviceQuery,
        response: { 200: AdviceResponse, 400: ErrorResponse, 429: ErrorResponse },
      },
      // Errors in the language asked for with `lang` (when it is one), as the answer would have been.
      preValidation: (request, _reply, done) => {
        const asked = (request.query as { lang?: unknown }).lang;
        if (typeof asked === 'string' && isLocale(asked)) {
          request.locale = asked;
          request.t = options.i18n.translator(asked);
        }
        done();
      },
      // Sent as prepared bytes, already compressed where the client asks for it.
      compress: false,
    },
    (request, reply) => {
      const query = request.query as RawQuery & { lang?: string };
      const { answers, problems: answerProblems } = reader.read(rawQueryOf(request.url), query);
      const lang = query.lang ?? request.locale;
      const problems = isLocale(lang)
        ? answerProblems
        : [
            ...answerProblems,
            {
              field: 'lang',
              key: 'guide.errors.unknownLang',
              params: { values: LOCALES.map((l) => l.code).join(', ') },
            },
          ];
      if (problems.length) throw badRequest(problems.map((p) => ({ ...p, field: `querystring.${p.field}` })));
      const acceptEncoding = request.headers['accept-encoding'];
      // The steady state (these answers seen in this opening period, rules and directory current) answers without a
      // promise.
      const ready = guide.adviceViewNow(answers, lang);
      if (ready) {
        send(reply, acceptEncoding, lang, ready);
        return;
      }
      return guide.adviceView(answers, lang, options.i18n.translator(lang)).then((view) => {
        send(reply, acceptEncoding, lang, view);
      });
    },
  );
};
