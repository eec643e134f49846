// The demo's case work (issue 20), loaded with the demo on a fresh start (src/cli/seed.ts, `loadDemos`): two more
// fictional signals in Amsterdam, each with a case worker from the demo coordination and a case plan (tasks with
// owners and due dates, one overdue), the first with its reasonable-grounds decision taken (so the conclusive one
// is due with the regional lead) and the second with it still due. The demo's first Amsterdam signal keeps nobody
// on it, so "waiting on my team" lists it and its decision due. Every step goes through the module's services
// (timeline, audit, sealing), on the app's clock: dates are relative to it. Every person here is invented.
import { demoCaseVersion, moveDemoTaskDue } from './demo-repository.js';
import { DEMO_ACCOUNTS } from './demo.js';
import type { User } from './core/context.js';
import { localDate } from './model.js';
import type { Root } from './repository.js';
import type { ReferralService } from './service.js';
import type { SignalInput } from './signals/validate.js';

interface CaseWorkDemoDeps {
  db: Root;
  referrals: ReferralService;
  /** The demo account's id by e-mail address (the accounts loadDemo made). */
  userId: (email: string) => Promise<string | undefined>;
}

/** A day `days` from the app's today (Amsterdam), as YYYY-MM-DD. */
function dayFrom(now: Date, days: number): string {
  return localDate(new Date(now.getTime() + days * 86_400_000));
}

const SIGNAL: Omit<
  SignalInput,
  | 'forms'
  | 'signals'
  | 'methodsOfControl'
  | 'needs'
  | 'gender'
  | 'ageGroup'
  | 'citizenship'
  | 'summary'
  | 'name'
> = {
  kind: 'signal',
  municipality: 'Amsterdam',
  urgency: 'normal',
  consent: 'yes',
  vitalInterest: false,
  minor: 'no',
  recruitment: [],
  sector: '',
  contact: '',
  dateOfBirth: '',
};

/** Loads the case work demo (call it once, right after loadDemo made the demo). Returns how many cases it made. */
export async function loadCaseWorkDemo(deps: CaseWorkDemoDeps): Promise<{ cases: number; tasks: number }> {
  const { referrals, db } = deps;
  const account = async (role: 'nrm_coordinator' | 'nrm_regional_lead' | 'nrm_professional') => {
    const email = DEMO_ACCOUNTS.find((a) => a.role === role)!.email;
    const id = await deps.userId(email);
    if (!id) throw new Error(`the demo account ${role} is missing`);
    return { id, role } as User;
  };
  const professional = await account('nrm_professional');
  const coordinator = await account('nrm_coordinator');
  const lead = await account('nrm_regional_lead');
  const step = async (caseId: string, to: string) =>
    referrals.transition(coordinator, caseId, {
      version: await demoCaseVersion(db, caseId),
      to,
      reason: '',
    });

  const first = await referrals.submitSignal(professional, {
    ...SIGNAL,
    forms: ['labour'],
    signals: ['no_or_little_pay', 'lives_at_work', 'debt_to_employer'],
    methodsOfControl: ['DebtBondage'],
    needs: ['shelter', 'care'],
    gender: 'female',
    ageGroup: '21--23',
    citizenship: 'RO',
    summary:
      'Verzonnen voorbeeld: schoonmaakster werkt zes dagen per week voor een schuld aan het uitzendbureau.',
    name: 'Voorbeeld Persoon B',
  });
  await step(first.id, 'triage');
  await step(first.id, 'assessment');
  await referrals.decide(coordinator, first.id, {
    version: await demoCaseVersion(db, first.id),
    step: 'vermoedelijk_slachtoffer',
    outcome: 'positive',
    reasons: 'Verzonnen voorbeeld: schuld, inwoning bij de werkgever en geen vrije beschikking over loon.',
  });
  const second = await referrals.submitSignal(professional, {
    ...SIGNAL,
    forms: ['criminal'],
    signals: ['someone_speaks_for_them', 'forced_into_crime'],
    methodsOfControl: ['PsychologicalAbuse'],
    needs: ['legal_aid'],
    gender: 'male',
    ageGroup: '18--20',
    citizenship: 'NL',
    summary:
      'Verzonnen voorbeeld: jongeman wordt gedwongen pakketjes te vervoeren om een drugsschuld af te lossen.',
    name: 'Voorbeeld Persoon C',
  });
  await step(second.id, 'triage');

  const now = referrals.now();
  const assign = async (caseId: string, workerId: string) =>
    referrals.assignCaseWorker(coordinator, caseId, { version: await demoCaseVersion(db, caseId), workerId });
  await assign(first.id, coordinator.id);
  await assign(second.id, lead.id);
  const tasks: [string, string, string, number][] = [
    [first.id, 'Intakegesprek met tolk (Roemeens) plannen', coordinator.id, -2],
    [first.id, 'Schuldhulpverlening aanvragen bij de gemeente', coordinator.id, 7],
    [first.id, 'Doorslaggevend besluit voorbereiden met regionale regie', lead.id, 14],
    [second.id, 'Advocaat strafrecht zoeken voor de aangifte', lead.id, 3],
  ];
  for (const [caseId, title, ownerId, days] of tasks) {
    const before = new Set((await referrals.getCase(coordinator, caseId)).caseWork.tasks.map((t) => t.id));
    await referrals.addTask(coordinator, caseId, {
      version: await demoCaseVersion(db, caseId),
      title,
      ownerId,
      dueOn: dayFrom(now, Math.max(days, 0)),
    });
    if (days < 0) {
      const made = (await referrals.getCase(coordinator, caseId)).caseWork.tasks.find(
        (t) => !before.has(t.id),
      )!;
      await moveDemoTaskDue(db, made.id, dayFrom(now, days));
    }
  }
  return { cases: 2, tasks: tasks.length };
}
