// Per-field scopes (issue 20, point 4), property-based over roles × purposes × fields, through the real read path
// (the case read every page and export of a recipient goes through). For each generated configuration of
// nrm_field_scope, every recipient receives exactly the fields its role and purpose allow, and no marker of a
// field outside them appears anywhere in what it is given; the owner sees everything whatever the configuration;
// a referral that does not share the person gives no field at all.
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { loadReferralDemo } from '../../cli/seed.js';
import { createUser, signIn } from '../../../test/auth.js';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.js';
import { PERSON_FIELDS, SCOPE_ROLES, type PersonField } from './field-scopes.js';
import { SCOPE_PURPOSES } from './scopes/service.js';

type User = { id: string; role: 'nrm_professional' | 'nrm_coordinator' | 'nrm_national' | 'nrm_shelter' };

/** The (role, purpose) pairs the property configures. */
const KEYS = [
  ['nrm_shelter', 'shelter'],
  ['nrm_shelter', 'care'],
  ['nrm_professional', 'police_report'],
  ['nrm_professional', 'interpreter'],
  ['nrm_national', 'care'],
] as const;
type Key = `${(typeof KEYS)[number][0]}/${(typeof KEYS)[number][1]}`;

interface Relation {
  label: string;
  viewer: 'shelter' | 'police' | 'national' | 'owner';
  /** The scope keys through which the person reaches the viewer; 'all' for the owner; [] when nothing is shared. */
  through: Key[] | 'all';
  refer?: { to: 'fier' | 'police' | 'comensha'; serviceType: string; share: boolean }[];
  placement?: boolean;
}

const RELATIONS: Relation[] = [
  {
    label: 'shelter, referral for shelter',
    viewer: 'shelter',
    through: ['nrm_shelter/shelter'],
    refer: [{ to: 'fier', serviceType: 'shelter', share: true }],
  },
  {
    label: 'shelter, referral for care',
    viewer: 'shelter',
    through: ['nrm_shelter/care'],
    refer: [{ to: 'fier', serviceType: 'care', share: true }],
  },
  {
    label: 'shelter, placement request',
    viewer: 'shelter',
    through: ['nrm_shelter/shelter'],
    placement: true,
  },
  {
    label: 'shelter, care referral and placement',
    viewer: 'shelter',
    through: ['nrm_shelter/care', 'nrm_shelter/shelter'],
    refer: [{ to: 'fier', serviceType: 'care', share: true }],
    placement: true,
  },
  {
    label: 'police, referral for a report',
    viewer: 'police',
    through: ['nrm_professional/police_report'],
    refer: [{ to: 'police', serviceType: 'police_report', share: true }],
  },
  {
    label: 'police, referral for an interpreter',
    viewer: 'police',
    through: ['nrm_professional/interpreter'],
    refer: [{ to: 'police', serviceType: 'interpreter', share: true }],
  },
  {
    label: 'CoMensha, referral for care',
    viewer: 'national',
    through: ['nrm_national/care'],
    refer: [{ to: 'comensha', serviceType: 'care', share: true }],
  },
  {
    label: 'shelter, referral without the person',
    viewer: 'shelter',
    through: [],
    refer: [{ to: 'fier', serviceType: 'shelter', share: false }],
  },
  { label: 'the owner', viewer: 'owner', through: 'all' },
];

const markersOf = (i: number): Record<PersonField, string> => ({
  name: `Naamveld${i}Q`,
  date_of_birth: `2011-03-${String(10 + i).padStart(2, '0')}`,
  contact: `Contactveld${i}Q`,
  special_notes: `Zorgveld${i}Q`,
  summary: `Verslagveld${i}Q`,
  // Codes from a fixed list: the stored (opened) value, a list no other field of the read holds.
  languages: 'bg,ro,hu,other',
});

describeDb('per-field scopes: a recipient never receives a field outside its role and purpose', () => {
  const t = useTestApp({ mailTransport: null });
  const users = {} as Record<Relation['viewer'] | 'professional', User>;
  const cases: { relation: Relation; id: string; markers: Record<PersonField, string> }[] = [];

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    await loadReferralDemo(t.services);
    const db = t.database.db;
    const byEmail = async (role: string) => {
      const email = DEMO_ACCOUNTS.find((a) => a.role === role)!.email;
      return (
        await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()
      ).id;
    };
    users.owner = { id: await byEmail('nrm_coordinator'), role: 'nrm_coordinator' };
    users.shelter = { id: await byEmail('nrm_shelter'), role: 'nrm_shelter' };
    users.national = { id: await byEmail('nrm_national'), role: 'nrm_national' };
    users.professional = { id: await byEmail('nrm_professional'), role: 'nrm_professional' };
    const teams = await db.selectFrom('nrm_team').select(['id', 'name', 'kind']).execute();
    const team = {
      fier: teams.find((x) => x.kind === 'shelter' && x.name.startsWith('Fier'))!.id,
      comensha: teams.find((x) => x.kind === 'national')!.id,
      police: teams.find((x) => x.name.startsWith('Politie'))!.id,
    };
    const police = await createUser(t.services, { role: 'nrm_professional' });
    await t.services.referrals.setMembership(null, { email: police.email, teamId: team.police });
    users.police = { id: police.id, role: 'nrm_professional' };

    const referrals = t.services.referrals;
    const version = async (id: string) =>
      (await db.selectFrom('nrm_case').select('version').where('id', '=', id).executeTakeFirstOrThrow())
        .version;
    for (const [i, relation] of RELATIONS.entries()) {
      const m = markersOf(i);
      const sent = await referrals.submitSignal(users.professional, {
        kind: 'signal',
        municipality: 'Amsterdam',
        urgency: 'normal',
        minor: 'no',
        consent: 'yes',
        vitalInterest: true,
        forms: ['labour'],
        signals: [],
        recruitment: [],
        methodsOfControl: [],
        needs: [],
        sector: '',
        gender: 'female',
        ageGroup: 'unknown',
        citizenship: '',
        name: m.name,
        dateOfBirth: m.date_of_birth,
        contact: m.contact,
        summary: m.summary,
        languages: m.languages.split(','),
      });
      await referrals.rectify(users.owner, sent.id, {
        version: await version(sent.id),
        name: m.name,
        dateOfBirth: m.date_of_birth,
        contact: m.contact,
        specialNotes: m.special_notes,
        languages: m.languages.split(','),
      });
      for (const r of relation.refer ?? [])
        await referrals.refer(users.owner, sent.id, {
          version: await version(sent.id),
          kind: 'refer',
          toTeamId: team[r.to],
          serviceType: r.serviceType,
          sharePersonalData: r.share,
          reason: '',
        });
      if (relation.placement)
        await referrals.requestPlacement(users.owner, sent.id, {
          version: await version(sent.id),
          shelterTeamId: team.fier,
          category: 'women',
          reason: '',
        });
      cases.push({ relation, id: sent.id, markers: m });
    }
  });

  async function configure(config: Record<Key, PersonField[]>) {
    for (const [role, purpose] of KEYS)
      await t.services.referrals.setFieldScope(null, { role, purpose, fields: config[`${role}/${purpose}`] });
  }

  /** Every field the viewer received, by its marker anywhere in what the case read gave it. */
  async function received(c: (typeof cases)[number]) {
    const read = await t.services.referrals.getCase(users[c.relation.viewer], c.id);
    const text = JSON.stringify(read);
    return {
      seen: PERSON_FIELDS.filter((f) => text.includes(c.markers[f])),
      stated: [...read.personFields].sort(),
    };
  }

  it('holds for every generated configuration of roles × purposes × fields', async () => {
    const subset = fc.subarray([...PERSON_FIELDS]);
    const config = fc.record(
      Object.fromEntries(KEYS.map(([role, purpose]) => [`${role}/${purpose}`, subset])) as Record<
        Key,
        typeof subset
      >,
    );
    await fc.assert(
      fc.asyncProperty(config, async (cfg) => {
        await configure(cfg);
        for (const c of cases) {
          const through = c.relation.through;
          const allowed =
            through === 'all'
              ? [...PERSON_FIELDS]
              : PERSON_FIELDS.filter((f) => through.some((k) => cfg[k].includes(f)));
          const got = await received(c);
          expect(got.seen, c.relation.label).toEqual(allowed);
          expect(got.stated, c.relation.label).toEqual([...allowed].sort());
        }
      }),
      { numRuns: 15 },
    );
  });

  it('applies the shipped defaults on the case page: the shelter gets name, date of birth and care needs, not the account', async () => {
    for (const [role, purpose] of KEYS) {
      const defaults: Record<string, PersonField[]> = {
        'nrm_shelter/shelter': ['name', 'date_of_birth', 'special_notes', 'languages'],
        'nrm_shelter/care': ['name', 'date_of_birth', 'special_notes', 'languages'],
        'nrm_professional/police_report': ['name', 'date_of_birth', 'contact', 'summary'],
        'nrm_professional/interpreter': ['name', 'languages'],
        'nrm_national/care': [...PERSON_FIELDS],
      };
      await t.services.referrals.setFieldScope(null, {
        role,
        purpose,
        fields: defaults[`${role}/${purpose}`]!,
      });
    }
    const a = DEMO_ACCOUNTS.find((x) => x.role === 'nrm_shelter')!;
    const shelter = await signIn(t, { email: a.email, password: DEMO_PASSWORD, totpSecret: a.totp });
    const c = cases[0]!;
    const page = await shelter.get(`/nvm/cases/${c.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(c.markers.name);
    expect(page.body).toContain(c.markers.special_notes);
    // The languages in words, in the page's language (Dutch): Bulgarian, Romanian, Hungarian and another.
    expect(page.body).toContain('Bulgaars, Roemeens, Hongaars');
    expect(page.body).not.toContain(c.markers.summary);
    expect(page.body).not.toContain(c.markers.contact);
    expect(page.body).toMatch(
      /Niet gedeeld met uw organisatie: Contact, Wat u zag|Not shared with your organisation/,
    );
    // The read is audited with the fields given, never their values.
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select('detail')
      .where('entity_id', '=', c.id)
      .where('action', '=', 'nrm.case.read')
      .where('actor_user_id', '=', users.shelter.id)
      .orderBy('id')
      .execute();
    const last = JSON.stringify(audit.at(-1)!.detail);
    expect(last).toContain('special_notes');
    expect(last).not.toContain(c.markers.name);
  });

  it('shows the administrator the configuration in words, and nobody else', async () => {
    const admin = await createUser(t.services, { role: 'admin', totp: true });
    const agent = await signIn(t, admin);
    const page = await agent.get('/admin/nrm/scopes');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Wat ontvangers van de persoon zien');
    expect(page.body).toContain('<td class="utrecht-table__cell">Aangifte</td>');
    expect(page.body).not.toMatch(/nrm_shelter|police_report|date_of_birth/);
    const a = DEMO_ACCOUNTS.find((x) => x.role === 'nrm_coordinator')!;
    const coordinator = await signIn(t, { email: a.email, password: DEMO_PASSWORD, totpSecret: a.totp });
    expect((await coordinator.get('/admin/nrm/scopes')).statusCode).toBeGreaterThanOrEqual(403);
  });

  it('lets the administrator change a role and purpose on the page, which changes what a shelter reads', async () => {
    const admin = await createUser(t.services, { role: 'admin', totp: true });
    const agent = await signIn(t, admin);
    const [role, purpose] = [SCOPE_ROLES.indexOf('nrm_shelter'), SCOPE_PURPOSES.indexOf('shelter')];
    const page = await agent.get('/en/admin/nrm/scopes');
    expect(page.body).toContain('Change what recipients see');
    expect(page.body).toMatch(
      new RegExp(`id="s-${role}-${purpose}-${PERSON_FIELDS.indexOf('special_notes')}"\\s+name="fields"`),
    );
    const rows = () =>
      t.database.db
        .selectFrom('nrm_field_scope')
        .select('field')
        .where('role', '=', 'nrm_shelter')
        .where('purpose', '=', 'shelter')
        .orderBy('field')
        .execute();
    const before = await rows();
    // Forged role, purpose or field, and another role: refused, nothing written.
    const forged = [
      { role: '99', purpose: String(purpose), fields: '0' },
      { role: String(role), purpose: 'holiday', fields: '0' },
      { role: String(role), purpose: String(purpose), fields: ['0', 'exploiter'] },
    ];
    for (const body of forged) {
      const res = await agent.post('/en/admin/nrm/scopes', body);
      expect(res.statusCode).toBe(400);
      expect(res.body).toMatch(/Choose (a role|a purpose|only fields)/);
    }
    expect((await agent.post('/admin/nrm/scopes', {})).statusCode).toBe(400);
    const a = DEMO_ACCOUNTS.find((x) => x.role === 'nrm_coordinator')!;
    const coordinator = await signIn(t, { email: a.email, password: DEMO_PASSWORD, totpSecret: a.totp });
    expect(
      (
        await coordinator.post('/admin/nrm/scopes', {
          role: String(role),
          purpose: String(purpose),
          fields: '0',
        })
      ).statusCode,
    ).toBeGreaterThanOrEqual(403);
    expect(await rows()).toEqual(before);

    // The shelter receives its placement's person with care notes; the administrator keeps only the name.
    const s = DEMO_ACCOUNTS.find((x) => x.role === 'nrm_shelter')!;
    const shelter = await signIn(t, { email: s.email, password: DEMO_PASSWORD, totpSecret: s.totp });
    const c = cases.find((x) => x.relation.label === 'shelter, placement request')!;
    await t.services.referrals.setFieldScope(null, {
      role: 'nrm_shelter',
      purpose: 'shelter',
      fields: ['name', 'special_notes'],
    });
    expect((await shelter.get(`/nvm/cases/${c.id}`)).body).toContain(c.markers.special_notes);
    const saved = await agent.post('/en/admin/nrm/scopes', {
      role: String(role),
      purpose: String(purpose),
      fields: [String(PERSON_FIELDS.indexOf('name'))],
    });
    expect(saved.statusCode).toBe(303);
    expect((await agent.get(saved.headers.location!)).body).toContain(
      'Saved: what these recipients see has changed.',
    );
    expect(await rows()).toEqual([{ field: 'name' }]);
    const after = await shelter.get(`/nvm/cases/${c.id}`);
    expect(after.body).toContain(c.markers.name);
    expect(after.body).not.toContain(c.markers.special_notes);
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['actor_user_id', 'detail'])
      .where('action', '=', 'nrm.field_scope.set')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.actor_user_id).toBe(admin.id);
    expect(audit.detail).toMatchObject({ role: 'nrm_shelter', purpose: 'shelter', fields: ['name'] });
  });

  it('refuses a configuration naming an unknown role, purpose or field', async () => {
    await expect(
      t.services.referrals.setFieldScope(null, { role: 'admin', purpose: 'care', fields: ['name'] }),
    ).rejects.toThrow();
    await expect(
      t.services.referrals.setFieldScope(null, {
        role: 'nrm_shelter',
        purpose: 'care',
        fields: ['exploiter'],
      }),
    ).rejects.toThrow();
  });
});
