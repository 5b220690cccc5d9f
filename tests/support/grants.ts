import { contract, type Grant, type GrantReport } from '@kizuna/shared';
import { expect } from 'vitest';
import type { ApiClient } from './client.js';
import { db } from './factory.js';
import { openCall } from './proposals.js';
import { type ProposalSpec, submittedProposal } from './reviews.js';

const g = contract.grants;

/**
 * Proposals submitted to one open call (a Malaysian lead with Japanese and Thai partner PIs, the budget of `fill`),
 * each with a work plan of three milestones (months 6, 12 and 30). Grants start from what the review phase leaves:
 * `markFunded` writes that outcome straight in the database.
 */
export async function submittedProposals(specs: ProposalSpec[]) {
  const call = await openCall({ closesInMs: 3_600_000 });
  const me = (await call.manager.call(contract.auth.me)).json as { id: string };
  const proposals = [];
  for (const spec of specs) {
    const p = await submittedProposal(call.callId, spec);
    const current = (await p.lead.call(contract.proposals.get, { params: { id: p.proposalId } })).json as {
      workPlanVersion: number;
      partners: { id: string; institution: { countryCode: string } }[];
    };
    const partner = (cc: string) => current.partners.find((x) => x.institution.countryCode === cc)!.id;
    const plan = await p.lead.call(contract.proposals.setWorkPlan, {
      params: { id: p.proposalId },
      body: {
        version: current.workPlanVersion,
        workPackages: [
          {
            title: 'WP1 Field campaigns',
            objectives: 'Measure.',
            leadPartnerId: partner('MY'),
            startMonth: 1,
            endMonth: 12,
            milestones: [
              { title: 'Sites equipped', dueMonth: 6, verification: 'Photos and logs' },
              { title: 'First season of data', dueMonth: 12, verification: 'Data set' },
            ],
          },
          {
            title: 'WP2 Models',
            objectives: 'Model.',
            leadPartnerId: partner('JP'),
            startMonth: 6,
            endMonth: 36,
            milestones: [{ title: 'Calibrated model', dueMonth: 30, verification: 'Paper' }],
          },
        ],
      },
    });
    expect(plan.status).toBe(200);
    proposals.push({ ...p, partners: { my: partner('MY'), jp: partner('JP'), th: partner('TH') } });
  }
  return { ...call, managerId: me.id, proposals };
}

/** What the review phase leaves for a funded proposal: decision FUNDED, decisions released, the call decided. */
export async function markFunded(callId: string, proposalIds: string[], managerId: string) {
  const released = new Date();
  await db().$transaction([
    db().call.update({ where: { id: callId }, data: { status: 'DECIDED', closesAt: new Date(Date.now() - 1000) } }),
    db().proposal.updateMany({ where: { id: { in: proposalIds } }, data: { status: 'FUNDED' } }),
    db().fundingDecision.createMany({
      data: proposalIds.map((proposalId) => ({
        proposalId,
        outcome: 'FUNDED' as const,
        reason: 'Excellent and feasible',
        decidedById: managerId,
      })),
    }),
    db().callReviewSettings.upsert({
      where: { callId },
      create: { callId, decisionsReleasedAt: released },
      update: { decisionsReleasedAt: released },
    }),
  ]);
}

/** The first day of the month `monthsAgo` months before this one, as YYYY-MM-DD. */
export function monthStart(monthsAgo: number) {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, 1)).toISOString().slice(0, 10);
}

export async function getGrant(client: ApiClient, id: string) {
  const res = await client.call(g.get, { params: { id } });
  expect(res.status).toBe(200);
  return res.json as Grant;
}

export async function getReport(client: ApiClient, id: string) {
  const res = await client.call(g.report, { params: { id } });
  expect(res.status).toBe(200);
  return res.json as GrantReport;
}

/** Downloads a file as bytes (the ApiClient reads text). */
export async function download(client: ApiClient, path: string) {
  const res = await fetch(`${client.baseUrl}/api${path}`, {
    headers: { cookie: client.cookie ?? '', 'x-forwarded-for': client.address },
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

export const EMPTY_OUTPUTS = { publications: [], datasets: [], patents: [], prototypes: [], trainedPeople: [] };

export function narrative(summary: string) {
  return { summary, progress: 'On track.', deviations: '', nextSteps: 'Second season.' };
}
