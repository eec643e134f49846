// Demo accounts for trying the programme monitor on the embedded default: the programme team, an action owner
// (FairWork), the expert pool's coordinator and a requesting organisation (VNG). Their password and TOTP secrets
// are in the README, so they are safe the way the referral mechanism's are: created only by a start on loopback
// outside production (src/cli/serve.ts decides), disabled with their sessions ended on any other listen address
// (guardDemoAccounts in src/cli/seed.ts lists these too), and every page carries the demo banner while they work.
import type { Root } from './plan/repository.js';
import { findOrganisationByName, findUserRole, linkUser } from './plan/repository.js';

/** The README lists these. Base32 TOTP secrets, fixed so a newcomer can add them to an authenticator app. */
export const MONITOR_DEMO_ACCOUNTS = [
  {
    role: 'programme_team',
    email: 'programmateam@demo.samen.test',
    name: 'Demo programmateam',
    organisation: null,
    totp: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXG',
  },
  {
    role: 'action_owner',
    email: 'actiehouder@demo.samen.test',
    name: 'Demo actiehouder (FairWork)',
    organisation: 'FairWork',
    totp: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXH',
  },
  {
    role: 'pool_coordinator',
    email: 'poule@demo.samen.test',
    name: 'Demo poulecoördinator (CoMensha)',
    organisation: null,
    totp: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXI',
  },
  {
    role: 'requesting_organisation',
    email: 'aanvrager@demo.samen.test',
    name: 'Demo aanvragende organisatie (VNG)',
    organisation: 'VNG',
    totp: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXJ',
  },
] as const;

export interface MonitorDemoDeps {
  db: Root;
  findUserByEmail(email: string): Promise<{ id: string } | undefined>;
  createUser(u: {
    email: string;
    displayName: string;
    role: string;
    password: string;
    totpSecret: string;
    actorUserId: null;
  }): Promise<{ id: string }>;
}

/**
 * Creates the accounts that do not exist yet and links the owner and the requesting organisation to theirs (from
 * the sample plan; without it they stay unlinked). Safe to run again. Returns how many accounts it made.
 */
export async function loadMonitorDemo(deps: MonitorDemoDeps, password: string): Promise<{ users: number }> {
  let made = 0;
  for (const account of MONITOR_DEMO_ACCOUNTS) {
    let user = await deps.findUserByEmail(account.email);
    if (!user) {
      user = await deps.createUser({
        email: account.email,
        displayName: account.name,
        role: account.role,
        password,
        totpSecret: account.totp,
        actorUserId: null,
      });
      made++;
    }
    const organisation = account.organisation
      ? await findOrganisationByName(deps.db, account.organisation)
      : undefined;
    if (organisation && (await findUserRole(deps.db, user.id))?.role === account.role)
      await linkUser(deps.db, user.id, organisation.id);
  }
  return { users: made };
}
