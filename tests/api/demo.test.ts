// The demo content `npm start` adds (apps/api/src/demo): made through the API on a platform of its own, so the shared
// test database keeps its empty programme. It must be valid, visible to the right people, and made only once.
import {
  DEMO_ACCOUNTS,
  DEMO_GRANT_ACRONYM,
  DEMO_PROPOSAL_ACRONYM,
  FUNDED_CALL_TITLE,
  loadDemo,
  OPEN_CALL_TITLE,
  UPCOMING_CALL_TITLE,
} from '@kizuna/api/demo/demo';
import { DEMO_PASSWORD } from '@kizuna/db/seed';
import { contract } from '@kizuna/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client.js';
import { linkIn } from '../support/mail.js';
import { dropQueueKeys, waitUntil } from '../support/platform.js';
import { type Stack, startStack } from '../support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ name: 'demo', workers: 1, webDist: false });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  if (stack) await dropQueueKeys(stack.redisUrl, stack.queuePrefix);
});

async function signIn(email: string) {
  const client = new ApiClient(stack.apiUrl);
  const res = await client.call(contract.auth.login, { body: { email, password: DEMO_PASSWORD } });
  expect(res.status).toBe(200);
  return client;
}

describe('demo content', () => {
  it('publishes an open and an upcoming call, starts a consortium proposal, and takes a third call to an active grant', async () => {
    const first = await loadDemo(stack.apiUrl, DEMO_PASSWORD, { sinkUrl: stack.sinkUrl });
    expect(first.created).toBe(true);

    // The grant: awarded from a call taken through review, acknowledged by its three PIs, visible to them.
    const grant = (
      await (await signIn(DEMO_ACCOUNTS.partnerJapan)).call(contract.grants.get, { params: { id: first.grantId! } })
    ).json as { status: string; proposal: { acronym: string }; partners: { institution: { countryCode: string } }[] };
    expect(grant.status).toBe('ACTIVE');
    expect(grant.proposal.acronym).toBe(DEMO_GRANT_ACRONYM);
    expect(grant.partners.map((p) => p.institution.countryCode).sort()).toEqual(['JP', 'MY', 'TH']);

    // Anyone sees both calls, without signing in.
    const listed = (await new ApiClient(stack.apiUrl).call(contract.calls.listPublic, { query: { pageSize: '100' } }))
      .json as { items: { id: string; title: string; opensAt: string }[] };
    const titles = listed.items.map((c) => c.title);
    expect(titles).toEqual(expect.arrayContaining([OPEN_CALL_TITLE, UPCOMING_CALL_TITLE]));
    const upcoming = listed.items.find((c) => c.title === UPCOMING_CALL_TITLE)!;
    expect(Date.parse(upcoming.opensAt)).toBeGreaterThan(Date.now());

    // The researcher's draft, with its texts, work plan and exact budget.
    const researcher = await signIn(DEMO_ACCOUNTS.researcher);
    const proposal = (await researcher.call(contract.proposals.get, { params: { id: first.proposalId! } })).json as {
      acronym: string;
      status: string;
      call: { id: string };
      durationMonths: number;
      sections: { key: string; content: string; version: number }[];
      workPlan: { workPackages: { milestones: unknown[] }[] };
    };
    expect(proposal).toMatchObject({ acronym: DEMO_PROPOSAL_ACRONYM, status: 'DRAFT', call: { id: first.openCallId } });
    expect(proposal.durationMonths).toBe(36);
    expect(proposal.sections.find((s) => s.key === 'objectives')).toMatchObject({ version: 1 });
    expect(proposal.sections.find((s) => s.key === 'objectives')!.content).toContain('mangrove restoration');
    expect(proposal.workPlan.workPackages).toHaveLength(2);
    const budget = (await researcher.call(contract.proposals.budget, { params: { id: first.proposalId! } })).json as {
      summary: { grandTotal: string; partners: { currency: string; partnerCurrency: object }[] };
    };
    // 452,650.50 MYR of direct costs; the call's 20 % indirect costs on all but the 64,500 of equipment; at 0.22 USD.
    expect(budget.summary.partners).toEqual([
      expect.objectContaining({
        currency: 'MYR',
        partnerCurrency: expect.objectContaining({ indirect: '77630.10', total: '530280.60' }),
      }),
    ]);
    expect(budget.summary.grandTotal).toBe('116661.73');

    // Nobody outside the consortium sees the draft, the other demo researchers included.
    const japan = await signIn(DEMO_ACCOUNTS.partnerJapan);
    expect((await japan.call(contract.proposals.get, { params: { id: first.proposalId! } })).status).toBe(404);

    // The partner in Japan accepts the emailed invitation and joins.
    const invitationTo = (to: string) =>
      waitUntil(async () => (await stack.sink.messages({ to })).find((m) => /invitations\?token=/.test(m.text)), {
        timeoutMs: 30_000,
        describe: () => `the invitation to ${to}`,
      });
    const mail = await invitationTo(DEMO_ACCOUNTS.partnerJapan);
    await invitationTo(DEMO_ACCOUNTS.partnerThailand);
    const token = linkIn(mail, '/invitations').searchParams.get('token')!;
    expect((await japan.call(contract.proposals.acceptInvitation, { body: { token } })).status).toBe(200);
    const joined = (await japan.call(contract.proposals.get, { params: { id: first.proposalId! } })).json as {
      partners: { institution: { countryCode: string } }[];
    };
    expect(joined.partners.map((p) => p.institution.countryCode)).toEqual(['MY', 'JP']);

    // A second start adds nothing.
    const second = await loadDemo(stack.apiUrl, DEMO_PASSWORD, { sinkUrl: stack.sinkUrl });
    expect(second).toMatchObject({ created: false, openCallId: first.openCallId });
    const manager = await signIn(DEMO_ACCOUNTS.manager);
    const managed = (await manager.call(contract.calls.listManaged, { query: { pageSize: '100' } })).json as {
      items: { title: string }[];
    };
    expect(managed.items.map((c) => c.title).sort()).toEqual(
      [OPEN_CALL_TITLE, UPCOMING_CALL_TITLE, FUNDED_CALL_TITLE].sort(),
    );
    expect(((await researcher.call(contract.proposals.listMine)).json as unknown[]).length).toBe(2);
  }, 120_000);
});
