// `samen nrm teams`, `samen nrm team add` and `samen nrm member set`: setting up who takes part in the referral
// mechanism from the command line (the administrator's page /admin/nrm does the same). Bad input exits 2 with the
// field and the reason. `samen nrm decisions recompute` recomputes the stored next decisions (next-due-repository.ts).
import { Option, type Command } from 'commander';
import { CliError, type WithServices } from '../../platform/cli.js';
import { ValidationFailed } from '../../platform/http/errors.js';
import { I18n } from '../../platform/i18n/index.js';
import { ORGANISATION_TYPES, TEAM_KINDS } from './model.js';
import type { ReferralService } from './service.js';

const print = (line: string) => process.stdout.write(`${line}\n`);

function explain(error: unknown): never {
  if (error instanceof ValidationFailed) {
    const t = new I18n().translator('en');
    throw new CliError(error.problems.map((p) => `${p.field}: ${t(p.key, p.params)}`).join('\n'));
  }
  throw error;
}

/** The referral mechanism's command door (main.ts registers it and hands it the service). */
export function registerReferralCommands(
  program: Command,
  withServices: WithServices<{ referrals: ReferralService }>,
) {
  const nrm = program.command('nrm').description('The referral mechanism: teams and their members.');

  nrm
    .command('teams')
    .description('List the teams (one per line: id, kind, name, members).')
    .action(async () => {
      await withServices(async (services) => {
        for (const t of await services.referrals.teamOverview())
          print(`${t.id}\t${t.kind}\t${t.name}\t${Number(t.members)}`);
      });
    });

  nrm
    .command('duplicates')
    .description('Possible duplicates across regions.')
    .command('index')
    .description(
      'Compute the keyed blocking keys and candidate pairs of every case with a named person (after migration 0030, or when the key changed).',
    )
    .action(async () => {
      await withServices(async (services) => {
        const done = await services.referrals.indexDuplicates();
        print(`${done.cases} cases indexed, ${done.pairs} candidate pairs`);
      });
    });

  nrm
    .command('decisions')
    .description('Identification decisions.')
    .command('recompute')
    .description(
      "Recompute the next decision due stored on every open case (migration 0035): as the server's start does when the decision types or the holiday calendar changed, but always.",
    )
    .action(async () => {
      await withServices(async (services) => {
        const done = await services.referrals.recomputeNextDecisions({ force: true });
        print(`${done.cases} open cases recomputed`);
      });
    });

  nrm
    .command('check')
    .description(
      "Every route that would reach nobody (exit 1), and every route that reaches only the next level (the region's lead, CoMensha).",
    )
    .action(async () => {
      await withServices(async (services) => {
        const t = new I18n().translator('en');
        const findings = await services.referrals.routeCheck((kind) => t(`referrals.teamKind.${kind}`));
        const nobody = findings.filter((f) => f.severity === 'nobody');
        for (const f of nobody) print(`NOBODY\t${t(f.key, f.params)}`);
        for (const f of findings.filter((x) => x.severity === 'fallback'))
          print(`NEXT LEVEL\t${t(f.key, f.params)}`);
        if (nobody.length === 0) print(t('referrals.check.noneNobody'));
        if (nobody.length > 0) process.exitCode = 1;
      });
    });

  nrm
    .command('team')
    .description('Manage teams.')
    .command('add')
    .description(
      'Add a team. Coordination, national and shelter teams name their directory service (region, places).',
    )
    .addOption(new Option('--kind <kind>', 'team kind').choices([...TEAM_KINDS]).makeOptionMandatory())
    .requiredOption('--name <name>', 'the team name')
    .addOption(
      new Option('--organisation-type <type>', 'type of organisation (for the registration)')
        .choices([...ORGANISATION_TYPES])
        .makeOptionMandatory(),
    )
    .option('--directory-service <id>', 'the directory service id (required except for first-line teams)', '')
    .option('--email <address>', 'functional mailbox for notifications (else the members are mailed)', '')
    .action(
      async (o: {
        kind: string;
        name: string;
        organisationType: string;
        directoryService: string;
        email: string;
      }) => {
        await withServices(async (services) => {
          try {
            const id = await services.referrals.createTeam(null, {
              kind: o.kind,
              name: o.name,
              organisationType: o.organisationType,
              directoryServiceId: o.directoryService,
              email: o.email,
            });
            print(id);
          } catch (error) {
            explain(error);
          }
        });
      },
    );

  nrm
    .command('member')
    .description('Manage memberships.')
    .command('set')
    .description(
      "Put a user in a team (a user belongs to one team; the team's kind must fit the user's role).",
    )
    .requiredOption('--email <address>', "the user's e-mail address")
    .requiredOption('--team <id>', 'the team id (see `samen nrm teams`)')
    .action(async (o: { email: string; team: string }) => {
      await withServices(async (services) => {
        try {
          await services.referrals.setMembership(null, { email: o.email, teamId: o.team });
          print(`${o.email} is now in team ${o.team}`);
        } catch (error) {
          explain(error);
        }
      });
    });
}
