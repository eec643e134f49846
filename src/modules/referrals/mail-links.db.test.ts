// Links in mail point at the site people use (PUBLIC_ORIGIN), also when a background job sends them (issue 18
// point 9): the deadline job's escalations and reflection-period warnings, run the way the job runner runs them,
// carry https://samen.voorbeeld.nl links and never localhost. The origin is read from the environment as
// `samen serve` and `samen jobs run` read it.
import { beforeAll, expect, it } from 'vitest';
import { loadReferralDemo } from '../../cli/seed.js';
import { loadConfig } from '../../config.js';
import { TestClock, useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';

const ORIGIN = 'https://samen.voorbeeld.nl';
const publicOrigin = loadConfig({ NODE_ENV: 'test', PUBLIC_ORIGIN: `${ORIGIN}/ignored/path` }).publicOrigin;

describeDb('mail links from jobs', () => {
  const clock = new TestClock('2026-11-27T09:00:00Z'); // a Friday
  const t = useTestApp({ clock, mailTransport: null, config: { publicOrigin } });

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    await loadReferralDemo(t.services);
    // A reflection period that ends within 14 days, so the job warns about it too.
    await t.database.db.updateTable('nrm_case').set({ reflection_ends_on: '2026-12-10' }).execute();
  });

  it('take the configured origin when the deadline job sends them', async () => {
    expect(publicOrigin).toBe(ORIGIN);
    const before = await t.database.db.selectFrom('mail_outbox').select('id').execute();
    clock.set('2026-12-02T12:00:00Z'); // every demo signal is past its triage deadline by now
    const run = await t.services.jobs.run('referrals.deadlines');
    expect(run).toMatchObject({ status: 'done' });
    const sent = await t.database.db
      .selectFrom('mail_outbox')
      .select(['subject', 'body_text'])
      .where(
        'id',
        'not in',
        before.map((b) => b.id),
      )
      .execute();
    const escalations = sent.filter((m) => m.subject.includes('Termijn verstreken'));
    const warnings = sent.filter((m) => m.subject.includes('Bedenktijd'));
    expect(escalations.length).toBeGreaterThan(0);
    expect(warnings.length).toBeGreaterThan(0);
    for (const mail of sent) {
      const links = [...mail.body_text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
      expect(links.length).toBeGreaterThan(0);
      for (const link of links)
        expect(link).toMatch(/^https:\/\/samen\.voorbeeld\.nl\/nvm\/cases\/[0-9a-f-]{36}$/);
      expect(mail.body_text).not.toContain('localhost');
    }
  });
});
