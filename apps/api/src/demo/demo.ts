import { buildPath, contract, DEFAULT_ELIGIBILITY_RULES, type Operation } from '@kizuna/shared';
import type { z } from 'zod';

/**
 * Demo content for `npm start`, made through the public API as a programme manager and a researcher would make it, so
 * it passes the same validation and authorisation as anything a user enters: an open joint call, an upcoming one,
 * and a Malaysian-led draft proposal whose invitations to partner PIs in Japan and Thailand wait in the mail sink.
 * Made once per database: if the demo call is there, nothing is done.
 */

/** The seed's demo accounts (packages/db/src/seed/data.ts); README lists them. */
export const DEMO_ACCOUNTS = {
  manager: 'manager@kizuna.test',
  researcher: 'researcher@kizuna.test',
  partnerJapan: 'researcher.jp@kizuna.test',
  partnerThailand: 'researcher.th@kizuna.test',
} as const;
export const OPEN_CALL_TITLE = 'ASEAN–Japan Joint Call 2027: Climate-resilient food systems';
export const UPCOMING_CALL_TITLE = 'ASEAN–Japan Joint Call 2027: Digital connectivity for disaster early warning';
export const DEMO_PROPOSAL_ACRONYM = 'MANGROVE-FS';

type Body<O extends Operation> = z.input<NonNullable<O['body']>>;
type Input<O extends Operation> = { body?: Body<O>; params?: Record<string, string>; query?: Record<string, string> };

/** A signed-in user agent of the API: keeps its session cookie, refuses to go on after an unexpected answer. */
class Session {
  private cookie = '';
  constructor(private readonly baseUrl: string) {}

  async call<T>(op: Operation, input: Input<Operation> = {}): Promise<T> {
    const query = input.query ? `?${new URLSearchParams(input.query)}` : '';
    const res = await fetch(`${this.baseUrl}/api${buildPath(op.path, input.params)}${query}`, {
      method: op.method,
      headers: { cookie: this.cookie, ...(input.body ? { 'content-type': 'application/json' } : {}) },
      body: input.body ? JSON.stringify(input.body) : undefined,
    });
    const session = res.headers.getSetCookie().find((c) => c.startsWith('kizuna_session='));
    if (session) this.cookie = session.split(';')[0]!;
    const text = await res.text();
    if (!res.ok) throw new Error(`demo: ${op.id} answered ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  static async signIn(baseUrl: string, email: string, password: string) {
    const session = new Session(baseUrl);
    await session.call(contract.auth.login, { body: { email, password } });
    return session;
  }
}

const DAY = 24 * 3600_000;

/** The same day at a whole hour (UTC), so deadlines read like the ones agencies set. */
function atUtcHour(day: Date, hour: number) {
  const at = new Date(day);
  at.setUTCHours(hour, 0, 0, 0);
  return at;
}

function callInput(
  agencyIds: Map<string, string>,
  options: { title: string; summary: string; description: string; themes: string[]; opensAt: Date; days: number },
): Omit<Body<typeof contract.calls.create>, 'programmeId'> {
  const agency = (acronym: string) => {
    const id = agencyIds.get(acronym);
    if (!id) throw new Error(`demo: agency ${acronym} is not in the directory`);
    return id;
  };
  return {
    title: options.title,
    summary: options.summary,
    description: options.description,
    themes: options.themes,
    currency: 'USD',
    timeZone: 'Asia/Tokyo',
    opensAt: options.opensAt.toISOString(),
    closesAt: atUtcHour(new Date(options.opensAt.getTime() + options.days * DAY), 8).toISOString(), // 17:00 in Tokyo
    maxDurationMonths: 36,
    capPerProposal: '1200000.00',
    capPerPartner: '400000.00',
    indirectRate: '0.2',
    sections: [
      { key: 'objectives', title: 'Objectives', guidance: 'What will the consortium achieve, and why jointly?' },
      { key: 'methodology', title: 'Methodology', guidance: 'How, where and with whom.', maxWords: 3000 },
      { key: 'impact', title: 'Impact', guidance: 'Who benefits in each country, and how you will know.' },
    ],
    attachments: [
      { key: 'cvs', title: 'CVs of the principal investigators', types: ['pdf'], maxSizeMb: 5 },
      { key: 'dmp', title: 'Data management plan', types: ['pdf', 'docx'], required: false },
    ],
    eligibilityRules: [...DEFAULT_ELIGIBILITY_RULES],
    rubric: {
      scale: { min: 1, max: 5 },
      criteria: [
        { key: 'excellence', title: 'Scientific excellence', weight: 40, guidance: 'Novelty and rigour.' },
        { key: 'impact', title: 'Impact', weight: 35, guidance: 'Benefits for ASEAN and Japan.' },
        { key: 'implementation', title: 'Implementation', weight: 25, guidance: 'Plan, team and budget.' },
      ],
    },
    reviewersPerProposal: 3,
    agencies: [
      { agencyId: agency('JST'), envelope: '3000000.00' },
      { agencyId: agency('MOHE'), envelope: '800000.00' },
      { agencyId: agency('NRCT'), envelope: '800000.00' },
      { agencyId: agency('DOST'), envelope: '600000.00' },
      { agencyId: agency('NAFOSTED'), envelope: '600000.00' },
    ],
    rates: [
      { currency: 'JPY', rate: '0.0067' },
      { currency: 'MYR', rate: '0.22' },
      { currency: 'THB', rate: '0.028' },
      { currency: 'PHP', rate: '0.017' },
      { currency: 'VND', rate: '0.00004' },
    ],
  };
}

export interface DemoResult {
  created: boolean;
  openCallId: string;
  upcomingCallId: string | null;
  proposalId: string | null;
}

export async function loadDemo(baseUrl: string, password: string, now = new Date()): Promise<DemoResult> {
  const manager = await Session.signIn(baseUrl, DEMO_ACCOUNTS.manager, password);
  const [programme] = await manager.call<{ id: string }[]>(contract.calls.programmes);
  if (!programme) throw new Error(`demo: ${DEMO_ACCOUNTS.manager} manages no programme`);
  const managed = await manager.call<{ items: { id: string; title: string }[] }>(contract.calls.listManaged, {
    query: { programmeId: programme.id, pageSize: '100' },
  });
  const existing = managed.items.find((c) => c.title === OPEN_CALL_TITLE);
  if (existing) return { created: false, openCallId: existing.id, upcomingCallId: null, proposalId: null };

  const agencies = await manager.call<{ id: string; acronym: string }[]>(contract.calls.agencies);
  const agencyIds = new Map(agencies.map((a) => [a.acronym, a.id]));
  const publish = async (input: Omit<Body<typeof contract.calls.create>, 'programmeId'>) => {
    const call = await manager.call<{ id: string; version: number }>(contract.calls.create, {
      body: { ...input, programmeId: programme.id },
    });
    await manager.call(contract.calls.publish, { params: { id: call.id }, body: { version: call.version } });
    return call.id;
  };
  // Opened within the last two hours (the worker marks it open), closing in two months; the other opens in six weeks.
  const openCallId = await publish(
    callInput(agencyIds, {
      title: OPEN_CALL_TITLE,
      summary:
        'Joint research by consortia from ASEAN member states and Japan on food systems that withstand a changing climate.',
      description:
        '## Scope\n\nAdaptation of rice, aquaculture and coastal food systems to heat, drought, floods and salinity.\n\n' +
        '## Who may apply\n\nConsortia with at least one partner in Japan and partners in at least two ASEAN member states. ' +
        'Each agency funds the partners of its own country.',
      themes: ['climate_change', 'food_security'],
      opensAt: new Date(Math.floor(now.getTime() / 3600_000) * 3600_000 - 3600_000),
      days: 60,
    }),
  );
  const upcomingCallId = await publish(
    callInput(agencyIds, {
      title: UPCOMING_CALL_TITLE,
      summary: 'Connectivity and data for early warning of floods, typhoons and landslides across the region.',
      description: '## Scope\n\nResilient networks, satellite and sensor data, and warnings that reach the last mile.',
      themes: ['digital_connectivity', 'disaster_resilience'],
      opensAt: atUtcHour(new Date(now.getTime() + 42 * DAY), 1), // 10:00 in Tokyo
      days: 75,
    }),
  );

  const researcher = await Session.signIn(baseUrl, DEMO_ACCOUNTS.researcher, password);
  const institution = async (country: string, name: string) => {
    const found = await researcher.call<{ id: string; name: string }[]>(contract.reference.institutions, {
      query: { country, q: name },
    });
    const match = found.find((i) => i.name === name);
    if (!match) throw new Error(`demo: institution ${name} is not in the directory`);
    return match.id;
  };
  const proposal = await researcher.call<{
    id: string;
    version: number;
    budgetVersion: number;
    workPlanVersion: number;
    partners: { id: string }[];
    sections: { key: string; version: number }[];
  }>(contract.proposals.create, {
    body: {
      callId: openCallId,
      title: 'Mangrove blue carbon and coastal food security',
      acronym: DEMO_PROPOSAL_ACRONYM,
      theme: 'food_security',
      institutionId: await institution('MY', 'Universiti Malaya'),
    },
  });
  const params = { id: proposal.id };
  await researcher.call(contract.proposals.update, {
    params,
    body: {
      version: proposal.version,
      abstract:
        'Mangrove forests protect coastal farms and fisheries and store carbon. With partners in Japan and Thailand we ' +
        'measure how restored mangroves change shrimp and rice yields, and what they are worth to coastal communities.',
      keywords: ['mangrove', 'blue carbon', 'aquaculture', 'coastal resilience'],
      durationMonths: 36,
    },
  });
  const texts: Record<string, string> = {
    objectives:
      'Quantify how mangrove restoration changes the yields and incomes of coastal aquaculture and rice farms in ' +
      'Malaysia and Thailand, and turn the results into guidance that agencies in both countries can use.',
    methodology:
      'Paired sites in Selangor and Chanthaburi, drone and satellite mapping with Kyoto University, household surveys.',
  };
  for (const section of proposal.sections.filter((s) => texts[s.key])) {
    await researcher.call(contract.proposals.updateSection, {
      params: { id: proposal.id, key: section.key },
      body: { version: section.version, content: texts[section.key]! },
    });
  }
  const lead = proposal.partners[0]!.id;
  await researcher.call(contract.proposals.setWorkPlan, {
    params,
    body: {
      version: proposal.workPlanVersion,
      workPackages: [
        {
          title: 'Site selection and baselines',
          objectives: 'Choose paired restored and degraded sites; measure the baseline.',
          leadPartnerId: lead,
          startMonth: 1,
          endMonth: 9,
          milestones: [{ title: 'Sites agreed with communities', dueMonth: 4, verification: 'Signed site agreements' }],
        },
        {
          title: 'Yields, incomes and carbon',
          objectives: 'Three seasons of yield, income and carbon-stock measurements.',
          leadPartnerId: lead,
          startMonth: 6,
          endMonth: 33,
          milestones: [{ title: 'First season dataset', dueMonth: 15, verification: 'Open dataset with a DOI' }],
        },
      ],
    },
  });
  await researcher.call(contract.proposals.setBudget, {
    params,
    body: {
      version: proposal.budgetVersion,
      lines: [
        { partnerId: lead, year: 1, category: 'PERSONNEL', amount: '180000.00' },
        { partnerId: lead, year: 2, category: 'PERSONNEL', amount: '185400.00' },
        { partnerId: lead, year: 1, category: 'EQUIPMENT', amount: '64500.00' },
        { partnerId: lead, year: 2, category: 'TRAVEL', amount: '22750.50' },
      ],
    },
  });
  // The invitations go out by email (the worker sends them): open them in the mail sink to accept as the partners.
  for (const [email, country, name] of [
    [DEMO_ACCOUNTS.partnerJapan, 'JP', 'Kyoto University'],
    [DEMO_ACCOUNTS.partnerThailand, 'TH', 'Chulalongkorn University'],
  ] as const) {
    await researcher.call(contract.proposals.invite, {
      params,
      body: { email, role: 'PARTNER_PI', institutionId: await institution(country, name) },
    });
  }
  return { created: true, openCallId, upcomingCallId, proposalId: proposal.id };
}
