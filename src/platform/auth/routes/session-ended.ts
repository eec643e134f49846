// The answer to a registered form posted after its session ended (drafts.ts): 401 with a page that says so in
// words, keeps what was typed for this account, and links to signing in again; after signing in the person lands
// on the form, filled in, to send it themselves. (Other forms keep the plain 403 of the CSRF check.)
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../../web/html.js';
import { DRAFT_TTL_MS, draftPageFor, draftValuesOf, type FormDrafts } from '../drafts.js';

export async function sessionEnded(
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  drafts: FormDrafts,
): Promise<void> {
  const { t } = request;
  const path = request.url.split('?')[0]!;
  const page = draftPageFor(path);
  const values = page ? draftValuesOf(request.body) : undefined;
  const id = page && values ? await drafts.keep(userId, path, values) : undefined;
  const next = id && page ? `${request.href(page)}?draft=${id}` : undefined;
  const login = next ? `${request.href('/login')}?next=${encodeURIComponent(next)}` : request.href('/login');
  const minutes = Math.round(DRAFT_TTL_MS / 60_000);
  await reply.page(
    {
      title: t('auth.ended.title'),
      noindex: true,
      body: html`<h1 class="utrecht-heading-1">${t('auth.ended.title')}</h1>
        <div class="samen-error-summary" role="alert" tabindex="-1" autofocus>
          <p class="utrecht-paragraph">${t('auth.ended.intro')}</p>
          <p class="utrecht-paragraph">
            ${id ? t('auth.ended.kept', { minutes }) : t('auth.ended.notKept')}
          </p>
        </div>
        <p class="utrecht-paragraph">
          <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="${login}"
            >${t('auth.ended.signIn')}</a
          >
        </p>`,
    },
    401,
  );
}
