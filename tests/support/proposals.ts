import { contract, DEFAULT_ELIGIBILITY_RULES } from '@kizuna/shared';
import { expect } from 'vitest';
import { callInput, programmeWithManager } from './calls.js';
import { ApiClient } from './client.js';
import { db, makeUser } from './factory.js';
import { linkIn, waitForMail } from './mail.js';

export async function institution(countryCode: string) {
  return db().institution.findFirstOrThrow({ where: { countryCode }, orderBy: { name: 'asc' } });
}

export async function loggedIn(user: { email: string; password: string }) {
  const client = new ApiClient();
  const res = await client.call(contract.auth.login, { body: { email: user.email, password: user.password } });
  if (res.status !== 200) throw new Error(`login failed: ${res.text}`);
  return client;
}

/** A published call open right now (until `closesInMs`), with the default eligibility rules and no required attachments. */
export async function openCall(options: { closesInMs?: number; opensInMs?: number; attachments?: unknown[] } = {}) {
  const { programme, client: manager, manager: managerUser } = await programmeWithManager();
  const now = Date.now();
  const input = await callInput(manager, {
    opensAt: new Date(now + (options.opensInMs ?? -60_000)).toISOString(),
    closesAt: new Date(now + (options.closesInMs ?? 3_600_000)).toISOString(),
    attachments: options.attachments ?? [],
    eligibilityRules: DEFAULT_ELIGIBILITY_RULES,
    sections: [
      { key: 'objectives', title: 'Objectives', guidance: '', maxWords: 50 },
      { key: 'work_plan', title: 'Work plan', guidance: '', maxWords: 200 },
    ],
  });
  const created = await manager.call(contract.calls.create, { body: { ...input, programmeId: programme.id } });
  expect(created.status).toBe(201);
  const id = (created.json as { id: string }).id;
  const published = await manager.call(contract.calls.publish, { params: { id }, body: { version: 1 } });
  expect(published.status).toBe(200);
  return { callId: id, programme, manager, managerUser };
}

/** Invites by email and accepts through the emailed link, as the invitee would. */
export async function inviteAndAccept(
  lead: ApiClient,
  proposalId: string,
  invitee: { email: string; password: string },
  role: 'PARTNER_PI' | 'COLLABORATOR',
  institutionId: string,
) {
  const res = await lead.call(contract.proposals.invite, {
    params: { id: proposalId },
    body: { email: invitee.email, role, institutionId },
  });
  expect(res.status).toBe(201);
  const [mail] = await waitForMail(
    invitee.email,
    (m) => m.subject.includes('consortium') || m.subject.includes('コンソーシアム'),
  );
  const token = linkIn(mail!, '/invitations').searchParams.get('token')!;
  const client = await loggedIn(invitee);
  const accepted = await client.call(contract.proposals.acceptInvitation, { body: { token } });
  expect(accepted.status).toBe(200);
  return { client, token };
}

/** A Malaysian-led consortium with partners in Japan and Thailand on an open call. */
export async function consortium(options: { closesInMs?: number; attachments?: unknown[] } = {}) {
  const call = await openCall(options);
  const leadUser = await makeUser({ roles: ['RESEARCHER'] });
  const lead = await loggedIn(leadUser);
  const [my, jp, th] = await Promise.all([institution('MY'), institution('JP'), institution('TH')]);
  const created = await lead.call(contract.proposals.create, {
    body: {
      callId: call.callId,
      title: 'Mangrove carbon and coastal resilience',
      acronym: 'MANGROVE-CR',
      theme: 'climate_change',
      institutionId: my.id,
    },
  });
  expect(created.status).toBe(201);
  const proposalId = (created.json as { id: string }).id;
  const jpUser = await makeUser({ roles: ['RESEARCHER'] });
  const thUser = await makeUser({ roles: ['RESEARCHER'] });
  const japan = await inviteAndAccept(lead, proposalId, jpUser, 'PARTNER_PI', jp.id);
  const thailand = await inviteAndAccept(lead, proposalId, thUser, 'PARTNER_PI', th.id);
  return {
    ...call,
    proposalId,
    lead,
    leadUser,
    japan: { ...japan, user: jpUser },
    thailand: { ...thailand, user: thUser },
    institutions: { my, jp, th },
  };
}

/** Fills a consortium's proposal so that it meets the default rules: duration, sections, budget. */
export async function fill(lead: ApiClient, proposalId: string) {
  const proposal = (await lead.call(contract.proposals.get, { params: { id: proposalId } })).json as {
    version: number;
    budgetVersion: number;
    partners: { id: string; institution: { countryCode: string } }[];
    sections: { key: string; version: number }[];
  };
  await lead.call(contract.proposals.update, {
    params: { id: proposalId },
    body: { version: proposal.version, durationMonths: 36, abstract: 'Blue carbon.' },
  });
  for (const section of proposal.sections) {
    const res = await lead.call(contract.proposals.updateSection, {
      params: { id: proposalId, key: section.key },
      body: { version: section.version, content: `Our ${section.key} across Malaysia, Japan and Thailand.` },
    });
    expect(res.status).toBe(200);
  }
  const byCountry = (cc: string) => proposal.partners.find((x) => x.institution.countryCode === cc)!.id;
  const budget = await lead.call(contract.proposals.setBudget, {
    params: { id: proposalId },
    body: {
      version: proposal.budgetVersion,
      lines: [
        { partnerId: byCountry('MY'), year: 1, category: 'PERSONNEL', amount: '100000.00' },
        { partnerId: byCountry('MY'), year: 2, category: 'TRAVEL', amount: '20000.10' },
        { partnerId: byCountry('JP'), year: 1, category: 'EQUIPMENT', amount: '5000000' },
        { partnerId: byCountry('TH'), year: 1, category: 'CONSUMABLES', amount: '300000.30' },
      ],
    },
  });
  expect(budget.status).toBe(200);
  return budget.json as { version: number; summary: { grandTotal: string; byYear: { year: number; total: string }[] } };
}
