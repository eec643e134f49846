// `samen jobs list` and `samen jobs run <name>` through commander, on the test database's services.
import { Command } from 'commander';
import { expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { CliError } from '../cli.js';
import type { MailTransport } from '../mail/index.js';
import { registerJobCommands } from './cli.js';

describeDb('samen jobs', () => {
  const sent: string[] = [];
  const transport: MailTransport = {
    name: 'test',
    async send(message) {
      sent.push(message.subject);
    },
  };
  const t = useTestApp({ mailTransport: transport });

  function cli() {
    const lines: string[] = [];
    const program = new Command().name('samen').exitOverride();
    registerJobCommands(program, { withServices: (fn) => fn(t.services), out: (line) => lines.push(line) });
    return { lines, run: (...args: string[]) => program.parseAsync(args, { from: 'user' }) };
  }

  it('lists the registered jobs with their interval', async () => {
    const c = cli();
    await c.run('jobs', 'list');
    expect(c.lines[0]).toMatch(/^NAME\s+EVERY$/);
    expect(c.lines).toContainEqual(expect.stringMatching(/^mail\.deliver\s+30 s$/));
  });

  it('runs mail delivery now and reports the counts', async () => {
    await t.services.mail.enqueue({ to: ['a@example.nl'], subject: 'Via de CLI', text: 'x' });
    const c = cli();
    await c.run('jobs', 'run', 'mail.deliver');
    expect(c.lines).toEqual([
      expect.stringMatching(/^mail\.deliver: done in \d+ ms \(sent 1, failed 0, purged 0\)$/),
    ]);
    expect(sent).toEqual(['Via de CLI']);
  });

  it('fails with the known job names for an unknown job', async () => {
    const c = cli();
    const failure = c.run('jobs', 'run', 'no.such');
    await expect(failure).rejects.toBeInstanceOf(CliError);
    await expect(failure).rejects.toThrow(
      'unknown job "no.such" (known jobs: audit.checkpoint, auth.retention, mail.deliver',
    );
  });
});
