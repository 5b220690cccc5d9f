import {
  buildPath,
  contract,
  DEFAULT_ELIGIBILITY_RULES,
  DEFAULT_REVIEW_SETTINGS,
  type Operation,
  SESSION_COOKIE,
} from '@kizuna/shared';
import type { z } from 'zod';

/**
 * Demo content for `npm start`, made through the public API as the demo manager, researchers and reviewer would make
 * it, so it passes the same validation and authorisation as anything a user enters: an open joint call, an upcoming
 * one, a Malaysian-led draft proposal whose invitations to partner PIs in Japan and Thailand wait in the mail sink,
 * and (given the development mail sink) a third call taken the whole way to an active grant. Made once per database:
 * if the demo call is there, nothing is done. Request bodies are typed by the contract, so a contract change that the
 * demo does not follow fails the build.
 */

/** The seed's demo accounts (packages/db/src/seed/data.ts); README lists them. */
export const DEMO_ACCOUNTS = {
  manager: 'manager@kizuna.test',
  researcher: 'researcher@kizuna.test',
  partnerJapan: 'researcher.jp@kizuna.test',
  partnerThailand: 'researcher.th@kizuna.test',
  reviewer: 'reviewer@kizuna.test',
} as const;
export const OPEN_CALL_TITLE = 'ASEAN–Japan Joint Call 2027: Climate-resilient food systems';
export const UPCOMING_CALL_TITLE = 'ASEAN–Japan Joint Call 2027: Digital connectivity for disaster early warning';
export const DEMO_PROPOSAL_ACRONYM = 'MANGROVE-FS';
export const FUNDED_CALL_TITLE = 'ASEAN–Japan Joint Call 2026: Coral reefs and coastal livelihoods';
export const DEMO_GRANT_ACRONYM = 'CORAL-LINK';

type Body<O extends Operation> = z.input<NonNullable<O['body']>>;
type Input<O extends Operation> = { body?: Body<O>; params?: Record<string, string>; query?: Record<string, string> };

/** A signed-in user agent of the API: keeps its session cookie, refuses to go on after an unexpected answer. */
class Session {
  private cookie = '';
  constructor(private readonly baseUrl: string) {}

  async call<T, O extends Operation = Operation>(op: O, input: Input<O> = {}): Promise<T> {
    const query = input.query ? `?${new URLSearchParams(input.query)}` : '';
    const res = await fetch(`${this.baseUrl}/api${buildPath(op.path, input.params)}${query}`, {
      method: op.method,
      headers: { cookie: this.cookie, ...(input.body ? { 'content-type': 'application/json' } : {}) },
      body: input.body ? JSON.stringify(input.body) : undefined,
    });
    const session = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
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

async function institutionId(session: Session, country: string, name: string) {
  const found = await session.call<{ id: string; name: string }[]>(contract.reference.institutions, {
    query: { country, q: name },
  });
  const match = found.find((i) => i.name === name);
  if (!match) throw new Error(`demo: institution ${name} is not in the directory`);
  return match.id;
}

/** Waits for `check` to give a value (polling), or fails saying what it waited for. */
async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`demo: gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The token of the newest link to `path` in a mail to `to` that mentions `about`, as the development sink received it. */
function tokenFromSink(sinkUrl: string, to: string, path: string, about: string) {
  return waitFor(`the ${path} mail to ${to}`, async () => {
    const res = await fetch(`${sinkUrl}/messages?to=${encodeURIComponent(to)}`);
    const messages = (await res.json()) as { text: string }[];
    for (const message of messages) {
      const link = new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`).exec(message.text);
      if (link && message.text.includes(about)) return link[1];
    }
    return undefined;
  });
}

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
  /** The active grant of a call taken through review, when a mail sink was there to accept the invitations. */
  grantId: string | null;
}

export interface DemoOptions {
  now?: Date;
  /**
   * The development mail sink (npm start's http://127.0.0.1:1080): with it, a third call goes the whole way, its
   * invitations accepted through the links the sink received, to an active grant. Without it, that part is skipped.
   */
  sinkUrl?: string;
}

export async function loadDemo(baseUrl: string, password: string, options: DemoOptions = {}): Promise<DemoResult> {
  const now = options.now ?? new Date();
  const manager = await Session.signIn(baseUrl, DEMO_ACCOUNTS.manager, password);
  const [programme] = await manager.call<{ id: string }[]>(contract.calls.programmes);
  if (!programme) throw new Error(`demo: ${DEMO_ACCOUNTS.manager} manages no programme`);
  const managed = await manager.call<{ items: { id: string; title: string }[] }>(contract.calls.listManaged, {
    query: { programmeId: programme.id, pageSize: '100' },
  });
  const existing = managed.items.find((c) => c.title === OPEN_CALL_TITLE);
  if (existing) {
    return { created: false, openCallId: existing.id, upcomingCallId: null, proposalId: null, grantId: null };
  }

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
  const institution = (country: string, name: string) => institutionId(researcher, country, name);
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
  const grantId = options.sinkUrl
    ? await fundedGrant({ baseUrl, password, sinkUrl: options.sinkUrl, manager, publish, agencyIds, now })
    : null;
  return { created: true, openCallId, upcomingCallId, proposalId: proposal.id, grantId };
}

interface GrantContext {
  baseUrl: string;
  password: string;
  sinkUrl: string;
  manager: Session;
  publish: (input: Omit<Body<typeof contract.calls.create>, 'programmeId'>) => Promise<string>;
  agencyIds: Map<string, string>;
  now: Date;
}

/**
 * A call taken the whole way, as its people would: a Malaysian-led consortium with partners in Japan and Thailand
 * submits before the deadline; the worker closes the call; the manager checks eligibility, brings the demo reviewer
 * into the pool, assigns and invites them; the review is submitted; the proposal is funded, the decision released and
 * the grant awarded; the three PIs acknowledge the agreement, which makes the grant active. About 35 seconds, most of
 * it waiting for the deadline.
 */
async function fundedGrant(c: GrantContext): Promise<string> {
  const { baseUrl, password, sinkUrl, manager } = c;
  // Long enough for the consortium to form and submit on a slow machine (a couple of seconds on ours).
  const deadline = new Date(Date.now() + 30_000);
  const callId = await c.publish({
    ...callInput(c.agencyIds, {
      title: FUNDED_CALL_TITLE,
      summary: 'Reef restoration and the fisheries and tourism that coastal communities live on.',
      description: '## Scope\n\nCoral reef restoration, reef fisheries and sustainable tourism.',
      themes: ['climate_change', 'sustainable_development'],
      opensAt: new Date(c.now.getTime() - 60 * DAY),
      days: 0,
    }),
    closesAt: deadline.toISOString(),
    attachments: [],
    reviewersPerProposal: 1,
  });

  // The consortium: the lead invites, the partners accept through the emailed links.
  const lead = await Session.signIn(baseUrl, DEMO_ACCOUNTS.researcher, password);
  const created = await lead.call<{ id: string; version: number }>(contract.proposals.create, {
    body: {
      callId,
      title: 'Reef restoration for resilient coastal livelihoods',
      acronym: DEMO_GRANT_ACRONYM,
      theme: 'sustainable_development',
      institutionId: await institutionId(lead, 'MY', 'Universiti Malaya'),
    },
  });
  const id = created.id;
  const partners = [
    { email: DEMO_ACCOUNTS.partnerJapan, country: 'JP', name: 'Kyoto University' },
    { email: DEMO_ACCOUNTS.partnerThailand, country: 'TH', name: 'Chulalongkorn University' },
  ];
  const pis = [lead];
  for (const partner of partners) {
    await lead.call(contract.proposals.invite, {
      params: { id },
      body: {
        email: partner.email,
        role: 'PARTNER_PI',
        institutionId: await institutionId(lead, partner.country, partner.name),
      },
    });
    const token = await tokenFromSink(sinkUrl, partner.email, '/invitations', DEMO_GRANT_ACRONYM);
    const pi = await Session.signIn(baseUrl, partner.email, password);
    await pi.call(contract.proposals.acceptInvitation, { body: { token } });
    pis.push(pi);
  }

  // The proposal, filled and submitted.
  const proposal = await lead.call<{
    version: number;
    budgetVersion: number;
    workPlanVersion: number;
    partners: { id: string; institution: { countryCode: string } }[];
    sections: { key: string; version: number }[];
  }>(contract.proposals.get, { params: { id } });
  const partnerIn = (country: string) => proposal.partners.find((p) => p.institution.countryCode === country)!.id;
  await lead.call(contract.proposals.update, {
    params: { id },
    body: {
      version: proposal.version,
      abstract:
        'Restored reefs feed reef fisheries and draw visitors. We restore reef patches in Malaysia and Thailand with Japanese coral aquaculture methods and measure what they return to the communities around them.',
      keywords: ['coral reef', 'restoration', 'fisheries', 'livelihoods'],
      durationMonths: 24,
    },
  });
  for (const section of proposal.sections) {
    await lead.call(contract.proposals.updateSection, {
      params: { id, key: section.key },
      body: {
        version: section.version,
        content: `Our ${section.key} across Malaysia, Japan and Thailand: reef plots, nurseries and household surveys.`,
      },
    });
  }
  await lead.call(contract.proposals.setWorkPlan, {
    params: { id },
    body: {
      version: proposal.workPlanVersion,
      workPackages: [
        {
          title: 'Reef nurseries',
          objectives: 'Grow and out-plant corals at four sites.',
          leadPartnerId: partnerIn('JP'),
          startMonth: 1,
          endMonth: 12,
          milestones: [{ title: 'Nurseries stocked', dueMonth: 6, verification: 'Nursery census' }],
        },
        {
          title: 'Livelihoods',
          objectives: 'Fish catch, tourism income and household surveys.',
          leadPartnerId: partnerIn('MY'),
          startMonth: 6,
          endMonth: 24,
          milestones: [{ title: 'Baseline survey published', dueMonth: 12, verification: 'Open dataset' }],
        },
      ],
    },
  });
  await lead.call(contract.proposals.setBudget, {
    params: { id },
    body: {
      version: proposal.budgetVersion,
      lines: [
        { partnerId: partnerIn('MY'), year: 1, category: 'PERSONNEL', amount: '150000.00' },
        { partnerId: partnerIn('MY'), year: 2, category: 'TRAVEL', amount: '18000.00' },
        { partnerId: partnerIn('JP'), year: 1, category: 'EQUIPMENT', amount: '12000000' },
        { partnerId: partnerIn('TH'), year: 1, category: 'CONSUMABLES', amount: '900000.00' },
      ],
    },
  });
  await lead.call(contract.proposals.submit, { params: { id } });

  // The deadline passes; the worker closes the call. The manager checks eligibility in a job.
  await waitFor('the call to close', async () => {
    const call = await manager.call<{ status: string }>(contract.calls.get, { params: { id: callId } });
    return call.status === 'OPEN' || call.status === 'PUBLISHED' ? undefined : call;
  });
  const job = async (started: { id: string }) =>
    waitFor('a job', async () => {
      const run = await manager.call<{ status: string; error: string | null }>(contract.jobs.getRun, {
        params: { id: started.id },
      });
      if (run.status === 'FAILED') throw new Error(`demo: job failed: ${run.error}`);
      return run.status === 'SUCCEEDED' ? run : undefined;
    });
  await job(await manager.call(contract.manageProposals.runEligibility, { params: { id: callId } }));

  // Review: the demo reviewer joins the pool from the emailed link, is assigned, accepts and reviews.
  await manager.call(contract.evaluation.saveSettings, {
    params: { id: callId },
    body: {
      ...DEFAULT_REVIEW_SETTINGS,
      version: 0,
      reminderDaysBefore: [...DEFAULT_REVIEW_SETTINGS.reminderDaysBefore],
      reviewDeadline: new Date(c.now.getTime() + 14 * DAY).toISOString(),
    },
  });
  await manager.call(contract.evaluation.invitePool, {
    params: { id: callId },
    body: { emails: [DEMO_ACCOUNTS.reviewer] },
  });
  const reviewer = await Session.signIn(baseUrl, DEMO_ACCOUNTS.reviewer, password);
  const poolToken = await tokenFromSink(sinkUrl, DEMO_ACCOUNTS.reviewer, '/review-pool', FUNDED_CALL_TITLE);
  await reviewer.call(contract.reviewer.respondToPool, { body: { token: poolToken, accept: true } });
  const me = await reviewer.call<{ id: string }>(contract.auth.me);
  const assignment = await manager.call<{ id: string }>(contract.evaluation.addAssignment, {
    params: { id: callId },
    body: { proposalId: id, reviewerId: me.id },
  });
  await manager.call(contract.evaluation.sendInvitations, { params: { id: callId } });
  await reviewer.call(contract.reviewer.respond, { params: { id: assignment.id }, body: { accept: true } });
  await reviewer.call(contract.reviewer.saveReview, {
    params: { id: assignment.id },
    body: {
      scores: { excellence: 5, impact: 4, implementation: 4 },
      commentsToApplicants:
        'A well-integrated consortium with a credible plan and clear benefits for coastal communities.',
      confidentialComments: '',
      confidence: 4,
      recommendation: 'FUND',
      version: 0,
    },
  });
  await reviewer.call(contract.reviewer.submitReview, { params: { id: assignment.id }, body: { version: 1 } });

  // Funded, released, awarded from the first of this month, and acknowledged by the three PIs: an active grant.
  await manager.call(contract.evaluation.decide, {
    params: { id },
    body: { outcome: 'FUNDED', reason: 'Excellent review; within every envelope.' },
  });
  await manager.call(contract.evaluation.release, { params: { id: callId } });
  const start = new Date(Date.UTC(c.now.getUTCFullYear(), c.now.getUTCMonth(), 1)).toISOString().slice(0, 10);
  const grant = await manager.call<{ id: string; agreement: { version: number } }>(contract.grants.award, {
    params: { id },
    body: { startDate: start },
  });
  for (const pi of pis) {
    await pi.call(contract.grants.acknowledge, {
      params: { id: grant.id },
      body: { version: grant.agreement.version },
    });
  }
  return grant.id;
}
