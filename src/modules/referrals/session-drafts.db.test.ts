// Forms never lose work when the session ends (issue 18, point 5): a form posted after 30 minutes idle is not
// lost. The person is asked to sign in again (401, a message and a link); after signing in the form comes back
// filled in to check and send themselves (nothing is submitted for them; the CSRF check stays). The typed values
// are kept sealed, for that account only, for an hour, and deleted when taken. Attacks: another account signing
// in does not get the draft; an expired draft is gone; a post whose token is not the ended session's own keeps
// nothing; the special-category notes never reach a log or the database in the clear.
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loggerOptions } from '../../app.js';
import type { Services } from '../../services.js';
import { loadReferralDemo } from '../../cli/seed.js';
import { Agent, freshTotpCode, signIn } from '../../../test/auth.js';
import { TestClock, testConfig } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { describeDb } from '../../../test/db-suite.js';
import { IDLE_TIMEOUT_MS } from '../../platform/auth/service.js';
import { DRAFT_TTL_MS } from '../../platform/auth/index.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.js';

const account = (role: string) => {
  const a = DEMO_ACCOUNTS.find((x) => x.role === role)!;
  return { email: a.email, password: DEMO_PASSWORD, totpSecret: a.totp };
};
const version = (body: string) => /name="version" value="(\d+)"/.exec(body)?.[1] ?? '';
const NOTE = 'Bijzondere notitie: zwanger, medicatie nodig';

describeDb('a form posted after the session ended', () => {
  let app: FastifyInstance;
  let services: Services;
  let database: TestDatabase;
  const clock = new TestClock('2026-11-30T09:00:00Z');
  const t = {
    get app() {
      return app;
    },
    get services() {
      return services;
    },
    clock,
  };
  const lines: string[] = [];
  let caseUrl = '';

  beforeAll(async () => {
    database = await createTestDatabase();
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    ({ app, services } = await buildApp({
      config: testConfig(),
      database,
      clock: clock.read,
      logger: { ...(loggerOptions('trace') as object), stream },
      mailTransport: null,
    }));
    await app.ready();
    await services.directory.loadSampleDirectory();
    await loadReferralDemo(services);
    const row = await database.db
      .selectFrom('nrm_case')
      .innerJoin('nrm_member', 'nrm_member.team_id', 'nrm_case.owner_team_id')
      .innerJoin('app_user', 'app_user.id', 'nrm_member.user_id')
      .select('nrm_case.id')
      .where('app_user.email', '=', account('nrm_coordinator').email)
      .where('nrm_case.kind', '=', 'signal')
      .where('nrm_case.status', '<>', 'closed')
      .executeTakeFirstOrThrow();
    caseUrl = `/nvm/cases/${row.id}`;
  });
  afterAll(async () => {
    await app?.close();
    await database?.destroy();
  });

  /** Signs in again through the link the page gave, as a browser would (password, code, then `next`). */
  async function signInAgain(agent: Agent, link: string, who: ReturnType<typeof account>) {
    await agent.get(link);
    const next = new URL(link, 'http://x').searchParams.get('next') ?? '';
    let response = await agent.post('/login', { email: who.email, password: who.password, next });
    expect(response.statusCode).toBe(303);
    await agent.get(String(response.headers.location));
    response = await agent.post('/login/totp', { code: freshTotpCode(who.totpSecret!, clock), next });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(next);
    return agent.get(next);
  }
  const drafts = () => database.db.selectFrom('auth_form_draft').selectAll().execute();
  const personNotes = async () =>
    (
      await database.db
        .selectFrom('nrm_person')
        .select('special_notes_enc')
        .where('case_id', '=', caseUrl.split('/').pop()!)
        .executeTakeFirst()
    )?.special_notes_enc ?? null;

  /** The coordinator fills in the rectification, leaves for 31 minutes, then sends it. */
  async function lateRectification(note = NOTE) {
    const coordinator = await signIn(t.app, account('nrm_coordinator'), clock);
    const page = await coordinator.get(caseUrl);
    clock.advance(IDLE_TIMEOUT_MS + 60_000);
    const late = await coordinator.post(`${caseUrl}/person`, {
      version: version(page.body),
      name: 'Getypte Naam',
      dateOfBirth: '',
      contact: '',
      specialNotes: note,
    });
    return { coordinator, late };
  }

  describe('the owner signs in again', () => {
    let link = '';
    let coordinator: Agent;
    let notesBefore: string | null = null;

    it('answers 401 with a message in words and a sign-in link, and keeps the form sealed for that account', async () => {
      notesBefore = await personNotes();
      const before = lines.length;
      const { coordinator: agent, late } = await lateRectification();
      coordinator = agent;
      expect(late.statusCode).toBe(401);
      expect(late.body).toMatch(/Uw sessie is beëindigd/);
      expect(late.body).toMatch(/60 minuten bewaard, alleen voor uw account/);
      link = /href="(\/login\?next=[^"]+)"/.exec(late.body)![1]!.replaceAll('&amp;', '&');
      expect(decodeURIComponent(link)).toMatch(
        new RegExp(`^/login\\?next=${caseUrl}\\?draft=[0-9a-f-]{36}$`),
      );
      // Not in the URL, not in a cookie: only the draft's id travels.
      expect(decodeURIComponent(link)).not.toContain('Getypte');
      expect(JSON.stringify(late.headers['set-cookie'] ?? '')).not.toContain('Getypte');
      const kept = await drafts();
      expect(kept).toHaveLength(1);
      expect(kept[0]!.values_enc).not.toContain('Getypte');
      expect(kept[0]!.values_enc).not.toContain('zwanger');
      expect(kept[0]!.path).toBe(`${caseUrl}/person`);
      // Nothing was saved: the post itself did nothing.
      expect(await personNotes()).toBe(notesBefore);
      expect(lines.slice(before).join('')).not.toContain('zwanger');
    });

    it('does not give the draft to another account that signs in and opens the link', async () => {
      const lead = await signIn(t.app, account('nrm_regional_lead'), clock);
      const next = new URL(link, 'http://x').searchParams.get('next')!;
      const other = await lead.get(next);
      expect(other.statusCode).toBe(200);
      expect(other.body).not.toContain('zwanger');
      expect(other.body).not.toContain('Getypte Naam');
      expect(other.body).toMatch(/niet meer bewaard/);
      expect(await drafts()).toHaveLength(1);
    });

    it('brings the form back filled in after signing in again, without sending it; sending it saves', async () => {
      const before = lines.length;
      const back = await signInAgain(coordinator, link, account('nrm_coordinator'));
      expect(back.statusCode).toBe(200);
      expect(back.body).toMatch(/Uw formulier staat er weer/);
      const start = back.body.indexOf(`action="${caseUrl}/person"`);
      const form = back.body.slice(start, back.body.indexOf('</form>', start));
      expect(form).toContain('value="Getypte Naam"');
      expect(form).toContain(`>${NOTE}</textarea>`);
      // Not submitted for them, and a fresh CSRF token of the new session is in the form.
      expect(await personNotes()).toBe(notesBefore);
      expect(form).toMatch(/name="_csrf" value="[^"]+"/);
      expect(await drafts()).toHaveLength(0);
      const sent = await coordinator.post(`${caseUrl}/person`, {
        version: /name="version" value="(\d+)"/.exec(form)![1]!,
        name: 'Getypte Naam',
        dateOfBirth: '',
        contact: '',
        specialNotes: NOTE,
      });
      expect(sent.statusCode).toBe(303);
      expect(await personNotes()).not.toBe(notesBefore);
      expect(lines.slice(before).join('')).not.toContain('zwanger');
      // Taken once: the link again finds nothing.
      const again = await coordinator.get(new URL(link, 'http://x').searchParams.get('next')!);
      expect(again.body).toMatch(/niet meer bewaard/);
      expect(again.body).not.toContain('Uw formulier staat er weer');
    });
  });

  it('forgets a draft after an hour: signing in later finds nothing, and the row is gone', async () => {
    const { coordinator, late } = await lateRectification('Verlopen concept: niet terug te zien');
    expect(late.statusCode).toBe(401);
    const link = /href="(\/login\?next=[^"]+)"/.exec(late.body)![1]!.replaceAll('&amp;', '&');
    clock.advance(DRAFT_TTL_MS + 60_000);
    const back = await signInAgain(coordinator, link, account('nrm_coordinator'));
    expect(back.body).toMatch(/niet meer bewaard/);
    expect(back.body).not.toContain('Verlopen concept');
    expect(await drafts()).toHaveLength(0);
    // The retention job deletes drafts nobody came back for.
    const other = await lateRectification();
    expect(other.late.statusCode).toBe(401);
    clock.advance(DRAFT_TTL_MS + 60_000);
    expect(await drafts()).toHaveLength(1);
    await services.jobs.run('auth.retention');
    expect(await drafts()).toHaveLength(0);
  });

  it('keeps nothing when the token is not the ended session’s own (CSRF stays intact)', async () => {
    const coordinator = await signIn(t.app, account('nrm_coordinator'), clock);
    const page = await coordinator.get(caseUrl);
    clock.advance(IDLE_TIMEOUT_MS + 60_000);
    coordinator.csrf = 'forged-token';
    const late = await coordinator.post(`${caseUrl}/person`, {
      version: version(page.body),
      specialNotes: NOTE,
    });
    expect(late.statusCode).toBe(403);
    expect(await drafts()).toHaveLength(0);
  });

  it('keeps nothing for a session that was signed out', async () => {
    const coordinator = await signIn(t.app, account('nrm_coordinator'), clock);
    const page = await coordinator.get(caseUrl);
    const cookie = coordinator.cookie;
    const token = coordinator.csrf;
    await coordinator.post('/logout', {});
    const replay = await app.inject({
      method: 'POST',
      url: `${caseUrl}/person`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({
        _csrf: token,
        version: version(page.body),
        specialNotes: NOTE,
      }).toString(),
    });
    expect(replay.statusCode).toBe(403);
    expect(await drafts()).toHaveLength(0);
  });

  it('brings back a signal typed before the session ended, and sending it twice makes one case', async () => {
    const professional = await signIn(t.app, account('nrm_professional'), clock);
    const form = await professional.get('/nvm/signal');
    const submission = /name="submission" value="([0-9a-f-]{36})"/.exec(form.body)![1]!;
    clock.advance(IDLE_TIMEOUT_MS + 60_000);
    const late = await professional.post('/nvm/signal', {
      kind: 'signal',
      municipality: 'Amsterdam',
      urgency: 'acute',
      minor: 'unknown',
      consent: 'not_asked',
      forms: 'labour',
      summary: 'Laat verstuurd signaal',
      submission,
    });
    expect(late.statusCode).toBe(401);
    const link = /href="(\/login\?next=[^"]+)"/.exec(late.body)![1]!.replaceAll('&amp;', '&');
    const back = await signInAgain(professional, link, account('nrm_professional'));
    expect(back.body).toContain('Laat verstuurd signaal');
    expect(back.body).toContain(`value="${submission}"`);
    expect(back.body).toMatch(/value="acute"[^>]*checked|value="acute" selected/);
    const sent = await professional.submit('/nvm/signal', {
      kind: 'signal',
      municipality: 'Amsterdam',
      urgency: 'acute',
      minor: 'unknown',
      consent: 'not_asked',
      forms: 'labour',
      summary: 'Laat verstuurd signaal',
      submission,
    });
    expect(sent.postStatus).toBe(303);
    const again = await professional.submit('/nvm/signal', {
      kind: 'signal',
      municipality: 'Amsterdam',
      urgency: 'acute',
      forms: 'labour',
      summary: 'Laat verstuurd signaal',
      submission,
    });
    expect(again.body).toMatch(/al verstuurd/);
    const cases = await database.db
      .selectFrom('nrm_case')
      .select('id')
      .where('submission_token', '=', submission)
      .execute();
    expect(cases).toHaveLength(1);
  });
});
