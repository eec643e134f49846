// Forms that never overwrite or lose (issue 21 point 4), walked form by form over the monitor's remaining forms
// (plan corrections, owners, campaigns and their CSV import, the mirror group and its roster, every pool form):
// each opens with the stored values; a post with one bad field answers 4xx with the error summary on top
// (focused), the field named, every other typed value kept, and the stored record exactly as it was.
import { beforeAll, expect, it } from 'vitest';
import { createUser, signIn, type Agent } from '../../../test/auth.js';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';

describeDb('every monitor form keeps what was typed and overwrites nothing', () => {
  const t = useTestApp();
  let team: Agent;
  let fairwork: Agent;
  let coordinator: Agent;
  let requester: Agent;
  const m = () => t.services.monitor;
  /** The pool coordinator as the service knows them (reading an identity is audited under their id). */
  const COORDINATOR = { id: '', role: 'pool_coordinator' } as { id: string; role: 'pool_coordinator' };

  interface Walk {
    name: string;
    who: () => Agent;
    /** The page with the form, and what it must show of the stored record before anything is sent. */
    page: () => Promise<string>;
    stored: () => Promise<string[]>;
    post: () => Promise<string>;
    body: () => Promise<Record<string, string | string[]>>;
    status?: number;
    /** The id the summary links to. */
    field: string;
    kept: () => Promise<string[]>;
    /** The stored record(s) the post must leave unchanged. */
    record: () => Promise<unknown>;
  }

  const walks: Walk[] = [];
  const walk = (w: Walk) => walks.push(w);

  beforeAll(async () => {
    t.clock.set('2026-11-28T10:00:00Z');
    await m().loadSamplePlan();
    const teamUser = await createUser(t.services, { role: 'programme_team' });
    team = await signIn(t, teamUser);
    const byTeam = { id: teamUser.id, role: 'programme_team' as const };
    const orgs = await m().organisations();
    const fw = orgs.find((o) => o.name === 'FairWork')!.id;
    const owner = await createUser(t.services, { role: 'action_owner' });
    await m().linkOwner(owner.id, fw, byTeam);
    fairwork = await signIn(t, owner);
    const req = await createUser(t.services, { role: 'requesting_organisation' });
    await m().linkOwner(req.id, fw, byTeam);
    requester = await signIn(t, req);
    const coordinatorUser = await createUser(t.services, { role: 'pool_coordinator' });
    COORDINATOR.id = coordinatorUser.id;
    coordinator = await signIn(t, coordinatorUser);
    // A stored record behind every form.
    const expect303 = async (p: Promise<{ statusCode: number; body: string }>) => {
      const r = await p;
      expect(r.statusCode, r.body.slice(0, 500)).toBe(303);
    };
    await expect303(
      coordinator.post('/monitor/pool/experts', {
        pseudonym: 'Berk',
        real_name: 'Maria Kowalska',
        contact: 'berk@example.nl',
        forms: ['labour'],
        languages: 'pl; nl',
        hours_per_month: '12',
      }),
    );
    await expect303(
      coordinator.post('/monitor/pool/rates', {
        code: 'advies',
        description: 'Advies en voorlichting',
        hourly_rate: '65',
        effective_from: '2026-01-01',
      }),
    );
    await expect303(
      coordinator.post('/monitor/pool/allowance', { limit_year: '2026', monthly: '210', yearly: '2100' }),
    );
    await expect303(
      requester.post('/monitor/pool/assignments', {
        title: 'Voorlichting Poolse arbeidsmigranten',
        description: 'Twee avonden in Venlo.',
        hours_estimated: '6',
        forms: ['labour'],
      }),
    );
    await expect303(
      requester.post('/monitor/pool/assignments', {
        title: 'Training rechercheurs',
        hours_estimated: '3',
        forms: ['labour'],
      }),
    );
    const second = (await m().assignments(COORDINATOR)).find((a) => a.title === 'Training rechercheurs')!.id;
    const berk = (await m().experts(COORDINATOR)).find((e) => e.pseudonym === 'Berk')!.id;
    await expect303(coordinator.post(`/monitor/pool/assignments/${second}/assign`, { expert: berk }));
    await expect303(coordinator.post(`/monitor/pool/assignments/${second}/answer`, { answer: 'accepted' }));
    // One more with its hours recorded: ready to be paid.
    await expect303(
      requester.post('/monitor/pool/assignments', {
        title: 'Training wijkagenten',
        hours_estimated: '2',
        forms: ['labour'],
      }),
    );
    const third = (await m().assignments(COORDINATOR)).find((a) => a.title === 'Training wijkagenten')!.id;
    await expect303(coordinator.post(`/monitor/pool/assignments/${third}/assign`, { expert: berk }));
    await expect303(coordinator.post(`/monitor/pool/assignments/${third}/answer`, { answer: 'accepted' }));
    await expect303(
      coordinator.post(`/monitor/pool/assignments/${third}/hours`, {
        hours_worked: '2',
        worked_on: '2026-11-20',
        rate_code: 'advies',
      }),
    );
    const a23 = (await m().plan()).flatMap((l) => l.actions).find((a) => a.code === '2.3')!.id;
    await expect303(
      fairwork.post(`/monitor/actions/${a23}/milestones`, {
        title: 'Tweede voorlichtingsronde',
        planned_date: '2027-03-01',
      }),
    );
    await expect303(
      coordinator.post('/monitor/mirror/members', { pseudonym: 'Eik', joined_on: '2026-01-05' }),
    );
    await expect303(
      coordinator.post('/monitor/mirror/meetings', {
        held_on: '2026-02-10',
        participants: '6',
        topics: 'Werving via sociale media',
      }),
    );
  });

  const actionOf = async (code: string) =>
    (await m().action((await m().plan()).flatMap((l) => l.actions).find((a) => a.code === code)!.id))!;
  const expert = async () => (await m().experts(COORDINATOR)).find((e) => e.pseudonym === 'Berk')!;
  const assignment = async () =>
    (await m().assignments(COORDINATOR)).find((a) => a.title.startsWith('Voorlichting Poolse'))!;
  const meeting = async () => (await m().mirrorRoster()).meetings[0]!;
  const member = async () => (await m().mirrorRoster()).members.find((x) => x.pseudonym === 'Eik')!;
  const campaign = async () => (await m().campaigns()).find((c) => c.name === '#GeenBUIT')!;

  // ---- the plan --------------------------------------------------------------------------------------------
  const openMilestone = async () => (await actionOf('2.3')).milestones.find((x) => !x.actualDate)!;
  walk({
    name: 'milestone reached',
    who: () => fairwork,
    page: async () => `/monitor/actions/${(await actionOf('2.3')).id}`,
    stored: async () => [`action="/monitor/milestones/${(await openMilestone()).id}"`],
    post: async () => `/monitor/milestones/${(await openMilestone()).id}`,
    body: async () => ({ actual_date: '2099-01-01' }),
    field: 'f-actual_date-',
    kept: async () => ['value="2099-01-01"'],
    record: async () => (await actionOf('2.3')).milestones,
  });
  walk({
    name: 'milestone edit',
    who: () => fairwork,
    page: async () => `/monitor/milestones/${(await openMilestone()).id}/edit`,
    stored: async () => {
      const x = await openMilestone();
      return [`value="${x.title}"`, `value="${x.plannedDate ?? ''}"`];
    },
    post: async () => `/monitor/milestones/${(await openMilestone()).id}/edit`,
    body: async () => ({ title: 'Een andere titel', planned_date: '2027-02-30', actual_date: '' }),
    field: 'f-planned_date',
    kept: async () => ['value="Een andere titel"', 'value="2027-02-30"'],
    record: async () => (await actionOf('2.3')).milestones,
  });
  const indicator = async () => (await actionOf('2.3')).indicators[0]!;
  walk({
    name: 'indicator edit',
    who: () => fairwork,
    page: async () => `/monitor/indicators/${(await indicator()).id}/edit`,
    stored: async () => [`value="${(await indicator()).name}"`],
    post: async () => `/monitor/indicators/${(await indicator()).id}/edit`,
    body: async () => ({
      name: 'Bereikte werkgevers (herzien)',
      unit: 'werkgevers',
      min: 'veel',
      max: '500',
    }),
    field: 'f-min',
    // Reported in a locked round: its name and unit are not editable (sent along as stored); the range is.
    kept: async () => ['value="veel"', 'value="500"', `name="name" value="${(await indicator()).name}"`],
    record: async () => indicator(),
  });
  walk({
    name: 'owners',
    who: () => team,
    page: async () => '/monitor/owners',
    stored: async () => ['FairWork'],
    post: async () => '/monitor/owners',
    body: async () => ({ user: '00000000-0000-4000-8000-000000000000', organisation: await fairworkId() }),
    field: 'f-user',
    kept: async () => [`value="${await fairworkId()}" selected`],
    record: async () => m().owners(),
  });
  const fairworkId = async () => (await m().organisations()).find((o) => o.name === 'FairWork')!.id;

  // ---- campaigns -------------------------------------------------------------------------------------------
  walk({
    name: 'new campaign',
    who: () => team,
    page: async () => '/monitor/campaigns',
    stored: async () => ['#GeenBUIT'],
    post: async () => '/monitor/campaigns',
    body: async () => ({
      name: 'Campagne Zeeland',
      organisation: 'CoMensha',
      start_year: '2025',
      end_year: '2020',
      forms: ['labour'],
      audiences: ['citizens'],
      channels: 'radio',
    }),
    field: 'f-end_year',
    kept: async () => [
      'value="Campagne Zeeland"',
      'value="CoMensha"',
      'value="radio"',
      'value="labour" checked',
    ],
    record: async () => m().campaigns(),
  });
  walk({
    name: 'campaign correction',
    who: () => team,
    page: async () => `/monitor/campaigns/${(await campaign()).id}`,
    stored: async () => [
      `value="${(await campaign()).organisation}"`,
      `value="${(await campaign()).startYear}"`,
    ],
    post: async () => `/monitor/campaigns/${(await campaign()).id}/edit`,
    body: async () => {
      const c = await campaign();
      return {
        version: String(c.version),
        name: '#GeenBUIT herzien',
        organisation: c.organisation,
        start_year: 'twintig',
        end_year: '',
        forms: c.forms,
        audiences: c.audiences,
        source: 'Jaarverslag',
      };
    },
    field: 'f-start_year',
    kept: async () => ['value="#GeenBUIT herzien"', 'value="twintig"', 'value="Jaarverslag"'],
    record: async () => campaign(),
  });

  // ---- the mirror group and its roster ------------------------------------------------------------------------
  walk({
    name: 'mirror meeting',
    who: () => coordinator,
    page: async () => '/monitor/mirror',
    stored: async () => ['Werving via sociale media'],
    post: async () => '/monitor/mirror/meetings',
    body: async () => ({ held_on: '2026-02-31', participants: '7', topics: 'Terugkoppeling' }),
    field: 'f-held_on',
    kept: async () => ['value="2026-02-31"', 'value="7"', 'Terugkoppeling</textarea>'],
    record: async () => (await m().mirrorRoster()).meetings,
  });
  walk({
    name: 'mirror advice',
    who: () => coordinator,
    page: async () => '/monitor/mirror',
    stored: async () => [`action="/monitor/mirror/meetings/${(await meeting()).id}/advice"`],
    post: async () => `/monitor/mirror/meetings/${(await meeting()).id}/advice`,
    body: async () => ({ summary: 'x'.repeat(5001), line_id: '' }),
    field: 'f-summary-',
    kept: async () => [],
    record: async () => (await m().mirrorRoster()).meetings,
  });
  walk({
    name: 'roster member',
    who: () => coordinator,
    page: async () => '/monitor/mirror/roster',
    stored: async () => ['Eik'],
    post: async () => '/monitor/mirror/members',
    body: async () => ({ pseudonym: 'Linde', joined_on: '2026-13-01' }),
    field: 'f-joined_on',
    kept: async () => ['value="Linde"', 'value="2026-13-01"'],
    record: async () => (await m().mirrorRoster()).members,
  });
  walk({
    name: 'roster member correction',
    who: () => coordinator,
    page: async () => '/monitor/mirror/roster',
    stored: async () => [`value="${(await member()).joinedOn}"`],
    post: async () => `/monitor/mirror/members/${(await member()).id}/edit`,
    body: async () => {
      const x = await member();
      return {
        version: String(x.version),
        pseudonym: 'Eikenboom',
        joined_on: x.joinedOn,
        left_on: '2026-02-30',
      };
    },
    field: 'f-left_on-',
    kept: async () => ['value="Eikenboom"', 'value="2026-02-30"'],
    record: async () => (await m().mirrorRoster()).members,
  });
  walk({
    name: 'meeting correction',
    who: () => coordinator,
    page: async () => `/monitor/mirror/meetings/${(await meeting()).id}`,
    stored: async () => ['value="2026-02-10"', 'value="6"', 'Werving via sociale media</textarea>'],
    post: async () => `/monitor/mirror/meetings/${(await meeting()).id}/edit`,
    body: async () => ({
      version: String((await meeting()).version),
      held_on: '2026-02-11',
      participants: 'zes',
      topics: 'Werving en aanpak',
    }),
    field: 'f-participants',
    kept: async () => ['value="2026-02-11"', 'value="zes"', 'Werving en aanpak</textarea>'],
    record: async () => (await m().mirrorRoster()).meetings,
  });

  // ---- the pool --------------------------------------------------------------------------------------------
  walk({
    name: 'new expert',
    who: () => coordinator,
    page: async () => '/monitor/pool',
    stored: async () => ['Berk'],
    post: async () => '/monitor/pool/experts',
    body: async () => ({
      pseudonym: 'Amber',
      real_name: 'Sara de Vries',
      contact: 'amber@example.nl',
      hours_per_month: 'veel',
      languages: 'nl',
      forms: ['sexual'],
    }),
    field: 'f-hours_per_month',
    kept: async () => [
      'value="Amber"',
      'value="Sara de Vries"',
      'value="amber@example.nl"',
      'value="sexual" checked',
    ],
    record: async () => m().experts(COORDINATOR),
  });
  walk({
    name: 'expert correction',
    who: () => coordinator,
    page: async () => `/monitor/pool/experts/${(await expert()).id}`,
    stored: async () => ['value="Maria Kowalska"', 'value="berk@example.nl"', 'value="12"'],
    post: async () => `/monitor/pool/experts/${(await expert()).id}/edit`,
    body: async () => {
      const e = await m().expertIdentity((await expert()).id, COORDINATOR);
      return {
        version: String(e.version),
        pseudonym: 'Berk',
        real_name: 'Maria Kowalska-Nowak',
        contact: 'maria@example.nl',
        hours_per_month: '12',
        consent_on: '2026-02-30',
        forms: ['labour'],
        languages: 'pl',
      };
    },
    field: 'f-consent_on',
    kept: async () => ['value="Maria Kowalska-Nowak"', 'value="maria@example.nl"', 'value="2026-02-30"'],
    record: async () => m().expertIdentity((await expert()).id, COORDINATOR),
  });
  walk({
    name: 'rate card',
    who: () => coordinator,
    page: async () => '/monitor/pool',
    stored: async () => ['Advies en voorlichting'],
    post: async () => '/monitor/pool/rates',
    body: async () => ({
      code: 'training',
      description: 'Training professionals',
      hourly_rate: 'zeventig',
      effective_from: '2026-12-01',
    }),
    field: 'f-hourly_rate',
    kept: async () => ['value="training"', 'value="Training professionals"', 'value="2026-12-01"'],
    record: async () => m().rates(),
  });
  walk({
    name: 'allowance limits',
    who: () => coordinator,
    page: async () => '/monitor/pool',
    stored: async () => [],
    post: async () => '/monitor/pool/allowance',
    body: async () => ({ limit_year: '2027', monthly: 'veel', yearly: '2200' }),
    field: 'f-monthly',
    kept: async () => ['value="2027"', 'value="2200"'],
    record: async () => m().allowanceLimits(COORDINATOR),
  });
  walk({
    name: 'assignment request',
    who: () => requester,
    page: async () => '/monitor/pool',
    stored: async () => ['Voorlichting Poolse arbeidsmigranten'],
    post: async () => '/monitor/pool/assignments',
    body: async () => ({
      title: 'Training gemeenteambtenaren',
      description: 'Een ochtend in Breda.',
      hours_estimated: '4,3',
      forms: ['labour'],
    }),
    field: 'f-hours_estimated',
    kept: async () => [
      'value="Training gemeenteambtenaren"',
      'Een ochtend in Breda.</textarea>',
      'value="4,3"',
    ],
    record: async () => m().assignments(COORDINATOR),
  });
  walk({
    name: 'assignment: assign an expert',
    who: () => coordinator,
    page: async () => `/monitor/pool/assignments/${(await assignment()).id}`,
    stored: async () => ['Voorlichting Poolse arbeidsmigranten'],
    post: async () => `/monitor/pool/assignments/${(await assignment()).id}/assign`,
    body: async () => ({ expert: '00000000-0000-4000-8000-000000000000' }),
    field: 'f-expert',
    kept: async () => [],
    record: async () => assignment(),
  });
  const accepted = async () =>
    (await m().assignments(COORDINATOR)).find((a) => a.title === 'Training rechercheurs')!;
  walk({
    name: 'assignment: hours worked',
    who: () => coordinator,
    page: async () => `/monitor/pool/assignments/${(await accepted()).id}`,
    stored: async () => ['Training rechercheurs', 'value="advies"'],
    post: async () => `/monitor/pool/assignments/${(await accepted()).id}/hours`,
    body: async () => ({ hours_worked: '4,3', worked_on: '2026-11-20', rate_code: 'advies' }),
    field: 'f-hours_worked',
    kept: async () => ['value="4,3"', 'value="2026-11-20"', 'value="advies" selected'],
    record: async () => accepted(),
  });

  const payable = async () =>
    (await m().assignments(COORDINATOR)).find((a) => a.title === 'Training wijkagenten')!;
  walk({
    name: 'assignment: paid',
    who: () => coordinator,
    page: async () => `/monitor/pool/assignments/${(await payable()).id}`,
    stored: async () => ['Training wijkagenten', '130,00'],
    post: async () => `/monitor/pool/assignments/${(await payable()).id}/paid`,
    body: async () => ({ paid_on: '2026-13-01' }),
    field: 'f-paid_on',
    kept: async () => ['value="2026-13-01"'],
    record: async () => payable(),
  });

  it('walks every form: stored values on opening; one bad field refused with all else kept, nothing stored', async () => {
    for (const w of walks) {
      const agent = w.who();
      const opened = await agent.get(await w.page());
      expect(opened.statusCode, `${w.name}: GET`).toBe(200);
      for (const s of await w.stored()) expect(opened.body, `${w.name}: opens with ${s}`).toContain(s);
      expect(opened.body, `${w.name}: no summary before a post`).not.toContain('id="error-summary"');
      const before = JSON.stringify(await w.record());
      const refused = await agent.post(await w.post(), await w.body());
      expect(refused.statusCode, `${w.name}: ${refused.body.slice(0, 300)}`).toBe(w.status ?? 400);
      expect(refused.body, `${w.name}: the summary, focused`).toMatch(
        /<div\s+class="samen-error-summary"[^>]*tabindex="-1" id="error-summary" autofocus/,
      );
      expect(refused.body, `${w.name}: names ${w.field}`).toContain(`href="#${w.field}`);
      for (const k of await w.kept())
        expect(
          refused.body.replace(/^[\s\S]*<main/, '').replace(/\s+/g, ' '),
          `${w.name}: keeps ${k}`,
        ).toContain(k);
      expect(JSON.stringify(await w.record()), `${w.name}: stored record unchanged`).toBe(before);
    }
  });

  it('the summary of a refused form stands above the page content, in the reader’s language', async () => {
    const nl = await team.post('/monitor/owners', { user: 'x', organisation: await fairworkId() });
    const en = await team.post('/en/monitor/owners', { user: 'x', organisation: await fairworkId() });
    expect(nl.body).toContain('Verbeter het volgende');
    expect(en.body).toContain('Please correct the following');
    for (const body of [nl.body, en.body])
      expect(body.indexOf('id="error-summary"')).toBeLessThan(body.indexOf('<table'));
  });

  it('on a page with several forms, the refused form’s summary stands once at the top, before every form', async () => {
    // Opened at the end: a second round gives the rounds page its comparison form, and an open round the update
    // and review forms.
    const opened = await team.post('/monitor/rounds', { name: 'najaar 2026', deadline: '2026-12-15' });
    expect(opened.statusCode).toBe(303);
    const roundId = String(opened.headers.location).split('/').pop()!.split('?')[0]!;
    const a23 = await actionOf('2.3');
    const entry = `/monitor/rounds/${roundId}/actions/${a23.id}`;
    const cases: { page: string; who: Agent; path: string; body: Record<string, string>; field: string }[] = [
      {
        page: 'plan',
        who: team,
        path: '/monitor/lines',
        body: { code: '9', title: 't'.repeat(501) },
        field: 'f-line-title',
      },
      {
        page: 'plan',
        who: team,
        path: '/monitor/actions',
        body: { code: '9.9', title: '', owner_name: 'X' },
        field: 'f-action-title',
      },
      {
        page: 'action',
        who: fairwork,
        path: `/monitor/actions/${a23.id}/milestones`,
        body: { title: 'm'.repeat(501) },
        field: 'f-milestone-title',
      },
      {
        page: 'action',
        who: fairwork,
        path: `/monitor/milestones/${(await openMilestone()).id}`,
        body: { actual_date: '2099-01-01' },
        field: `f-actual_date-${(await openMilestone()).id}`,
      },
      {
        page: 'action',
        who: fairwork,
        path: `/monitor/actions/${a23.id}/indicators`,
        body: { name: 'Bereik', unit: 'u'.repeat(101) },
        field: 'f-indicator-unit',
      },
      {
        page: 'action',
        who: team,
        path: `/monitor/actions/${a23.id}/partners`,
        body: { partner: '', partner_name: 'p'.repeat(501) },
        field: 'f-partner-partner_name',
      },
      {
        page: 'action',
        who: team,
        path: `/monitor/actions/${a23.id}/edit`,
        body: { title: 'Andere titel', source: 's'.repeat(5001) },
        field: `f-source-${a23.id}`,
      },
      {
        page: 'commitments',
        who: team,
        path: '/monitor/commitments',
        body: { kind: 'motion', title: '', status: 'open' },
        field: 'f-commitment-title',
      },
      {
        page: 'rounds',
        who: team,
        path: '/monitor/rounds',
        body: { name: 'n'.repeat(201), deadline: '2026-12-20' },
        field: 'f-name',
      },
      {
        page: 'round entry',
        who: fairwork,
        path: entry,
        body: { status: 'delayed', narrative: 'x'.repeat(10_001) },
        field: 'f-narrative',
      },
      {
        page: 'round entry',
        who: team,
        path: `${entry}/review`,
        body: { decision: 'request_changes', note: '' },
        field: 'f-note',
      },
    ];
    for (const c of cases) {
      const refused = await c.who.post(c.path, c.body);
      const what = `${c.page}: ${c.path}`;
      expect(refused.statusCode, `${what}: ${refused.body.slice(0, 300)}`).toBe(400);
      const main = refused.body.replace(/^[\s\S]*<main/, '');
      expect(main.split('id="error-summary"'), `${what}: one summary`).toHaveLength(2);
      expect(main, `${what}: the summary names ${c.field}`).toContain(`href="#${c.field}"`);
      expect(main, `${what}: directly after the h1`).toMatch(/<\/h1>\s*<div\s+class="samen-error-summary"/);
      const summary = main.indexOf('id="error-summary"');
      expect(main.indexOf('<form'), `${what}: a form on the page`).toBeGreaterThan(-1);
      expect(summary, `${what}: before the first form`).toBeLessThan(main.indexOf('<form'));
      // The form keeps its inline error on the field named.
      expect(main, `${what}: inline error`).toMatch(
        new RegExp(`id="${c.field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="${c.field}"`),
      );
    }
    // The English page: the same summary at the top, in English.
    const en = await team.post('/en/monitor/lines', { code: '9', title: 't'.repeat(501) });
    const main = en.body.replace(/^[\s\S]*<main/, '');
    expect(main).toContain('Please correct the following');
    expect(main.indexOf('id="error-summary"')).toBeLessThan(main.indexOf('<form'));
  });

  it('a refused CSV import: the summary on top, focused, naming the spreadsheet row and column header', async () => {
    const before = JSON.stringify(await m().campaigns());
    const csv =
      'Naam;Organisatie;Beginjaar;Eindjaar;Vormen van uitbuiting;Doelgroepen\r\n' +
      'Campagne Zeeland;CoMensha;2025;2020;labour;citizens\r\n';
    const nl = await team.post('/monitor/campaigns/import', { csv });
    expect(nl.statusCode).toBe(400);
    expect(nl.body).toMatch(/id="error-summary"[^>]*autofocus/);
    expect(nl.body.indexOf('id="error-summary"')).toBeLessThan(nl.body.indexOf('<table'));
    expect(nl.body).toContain('Regel 2, kolom Eindjaar (end_year)');
    expect(nl.body).not.toContain('row 2');
    expect(nl.body).toContain('href="#f-csv"');
    expect(nl.body).toContain('Campagne Zeeland;CoMensha;2025;2020');
    const en = await team.post('/en/monitor/campaigns/import', { csv });
    expect(en.statusCode).toBe(400);
    expect(en.body).toContain('Row 2, column Last year (end_year)');
    // The same file with the CSV names as headers reads the same, and a good row imports under Dutch headers.
    const coded = csv.replace(/^[^\r]*/, 'name;organisation;start_year;end_year;forms;audiences');
    expect((await team.post('/monitor/campaigns/import', { csv: coded })).body).toContain(
      'Regel 2, kolom Eindjaar (end_year)',
    );
    expect(JSON.stringify(await m().campaigns())).toBe(before);
    const good = await team.post('/monitor/campaigns/import', { csv: csv.replace(';2020;', ';2026;') });
    expect(good.statusCode).toBe(303);
    expect((await m().campaigns()).some((c) => c.name === 'Campagne Zeeland')).toBe(true);
  });
});
