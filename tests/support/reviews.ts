import { contract } from '@kizuna/shared';
import { expect } from 'vitest';
import type { ApiClient } from './client.js';
import { db, makeUser } from './factory.js';
import { linkIn, waitForMail } from './mail.js';
import { fill, inviteAndAccept, loggedIn, openCall } from './proposals.js';
import { until } from './wait.js';

export async function nthInstitution(countryCode: string, nth = 0) {
  return db().institution.findFirstOrThrow({ where: { countryCode }, orderBy: { name: 'asc' }, skip: nth });
}

export interface ProposalSpec {
  acronym: string;
  title: string;
  abstract: string;
  keywords: string[];
  /** Which institution of each country (by name order) the partners are. */
  nth?: { MY?: number; JP?: number; TH?: number };
  /** Files the lead PI uploads for the call's attachment kinds before submitting. */
  attachments?: Upload[];
  /** Runs as the lead PI once the proposal is submitted, while the call is still open. */
  afterSubmit?: (lead: ApiClient, proposalId: string) => Promise<void>;
}

export interface Upload {
  key: string;
  data: Buffer;
  fileName: string;
  type: string;
}

/** Uploads a file for one of the call's attachment kinds. */
export async function uploadAttachment(client: ApiClient, proposalId: string, file: Upload) {
  const res = await client.upload(
    contract.proposals.uploadAttachment,
    { id: proposalId, key: file.key },
    file.data,
    file.fileName,
    file.type,
  );
  expect(res.status).toBe(200);
  return res.json as { key: string; fileName: string; size: number; sha256: string };
}

/** A Malaysian-led proposal with Japanese and Thai partners, filled and submitted to the call. */
export async function submittedProposal(callId: string, spec: ProposalSpec) {
  const [my, jp, th] = await Promise.all([
    nthInstitution('MY', spec.nth?.MY ?? 0),
    nthInstitution('JP', spec.nth?.JP ?? 0),
    nthInstitution('TH', spec.nth?.TH ?? 0),
  ]);
  const leadUser = await makeUser({ roles: ['RESEARCHER'] });
  const lead = await loggedIn(leadUser);
  const created = await lead.call(contract.proposals.create, {
    body: { callId, title: spec.title, acronym: spec.acronym, theme: 'climate_change', institutionId: my.id },
  });
  expect(created.status).toBe(201);
  const proposalId = (created.json as { id: string }).id;
  const jpUser = await makeUser({ roles: ['RESEARCHER'] });
  const thUser = await makeUser({ roles: ['RESEARCHER'] });
  await inviteAndAccept(lead, proposalId, jpUser, 'PARTNER_PI', jp.id);
  await inviteAndAccept(lead, proposalId, thUser, 'PARTNER_PI', th.id);
  await fill(lead, proposalId);
  const current = (await lead.call(contract.proposals.get, { params: { id: proposalId } })).json as { version: number };
  const updated = await lead.call(contract.proposals.update, {
    params: { id: proposalId },
    body: { version: current.version, abstract: spec.abstract, keywords: spec.keywords },
  });
  expect(updated.status).toBe(200);
  for (const file of spec.attachments ?? []) await uploadAttachment(lead, proposalId, file);
  const submitted = await lead.call(contract.proposals.submit, { params: { id: proposalId } });
  expect(submitted.status).toBe(200);
  await spec.afterSubmit?.(lead, proposalId);
  return { proposalId, lead, leadUser, jpUser, thUser, institutions: { my, jp, th }, ...spec };
}

/** Closes the call now (as its scheduled job would) and runs the eligibility check through the API. */
export async function closeAndCheck(manager: ApiClient, callId: string) {
  await db().call.update({ where: { id: callId }, data: { closesAt: new Date(Date.now() - 1000), status: 'CLOSED' } });
  const started = await manager.call(contract.manageProposals.runEligibility, { params: { id: callId } });
  expect(started.status).toBe(202);
  const runId = (started.json as { id: string }).id;
  await until(
    () => manager.call(contract.jobs.getRun, { params: { id: runId } }),
    (r) => (r.json as { status: string }).status === 'SUCCEEDED',
  );
}

export interface ReviewerSpec {
  country: string;
  nth: number;
  keywords: string[];
  expertise: string;
  affiliations?: { institutionId: string; startedOn: string; endedOn: string | null }[];
  collaborators?: string[];
}

/** A reviewer at an institution, with a profile, invited into the call's pool by email and joined through the link. */
export async function poolReviewer(manager: ApiClient, callId: string, spec: ReviewerSpec) {
  const institution = await nthInstitution(spec.country, spec.nth);
  const user = await makeUser({ roles: ['RESEARCHER'] });
  await db().user.update({ where: { id: user.id }, data: { institutionId: institution.id } });
  const client = await loggedIn(user);
  const profile = await client.call(contract.reviewer.saveProfile, {
    body: {
      version: 0,
      keywords: spec.keywords,
      expertise: spec.expertise,
      publications: [],
      themes: ['climate_change'],
      collaborators: spec.collaborators ?? [],
      maxLoadPerCall: 6,
      available: true,
      unavailableUntil: null,
      affiliations: spec.affiliations ?? [],
    },
  });
  expect(profile.status).toBe(200);
  const invited = await manager.call(contract.evaluation.invitePool, {
    params: { id: callId },
    body: { emails: [user.email] },
  });
  expect(invited.status).toBe(201);
  const [mail] = await waitForMail(user.email, (m) => m.text.includes('/review-pool?token='));
  const token = linkIn(mail!, '/review-pool').searchParams.get('token')!;
  const joined = await client.call(contract.reviewer.respondToPool, { body: { token, accept: true } });
  expect(joined.status).toBe(200);
  return { user, client, institution, token };
}

/** A call with submitted proposals, closed and checked, its review settings saved. */
export async function callInReview(
  specs: ProposalSpec[],
  settings: Partial<Record<string, unknown>> = {},
  options: { attachments?: unknown[] } = {},
) {
  const call = await openCall({ closesInMs: 3_600_000, attachments: options.attachments });
  const proposals = [];
  for (const spec of specs) proposals.push(await submittedProposal(call.callId, spec));
  await closeAndCheck(call.manager, call.callId);
  const saved = await call.manager.call(contract.evaluation.saveSettings, {
    params: { id: call.callId },
    body: {
      version: 0,
      reviewDeadline: new Date(Date.now() + 14 * 24 * 3600_000).toISOString(),
      blindReview: false,
      reminderDaysBefore: [7, 1],
      overdueEveryDays: 3,
      minLoad: 0,
      onePerCountry: false,
      outsideCountry: false,
      ...settings,
    },
  });
  expect(saved.status).toBe(200);
  return { ...call, proposals };
}

/** Runs the assignment job through the API and waits for it. */
export async function runAssignment(manager: ApiClient, callId: string) {
  const started = await manager.call(contract.evaluation.runAssignment, { params: { id: callId } });
  expect(started.status).toBe(202);
  const runId = (started.json as { id: string }).id;
  const run = await until(
    () => manager.call(contract.jobs.getRun, { params: { id: runId } }),
    (r) => ['SUCCEEDED', 'FAILED'].includes((r.json as { status: string }).status),
  );
  return run.json as { status: string; progress: number; result: Record<string, unknown>; error: string | null };
}

export type Board = {
  proposals: {
    id: string;
    acronym: string;
    assignments: {
      id: string;
      status: string;
      ordinal: number;
      reviewer: { id: string; displayName: string; institution: string | null };
      matchedTerms: { term: string; weight: number }[];
    }[];
  }[];
  lastRun: { result: Record<string, unknown> } | null;
};

export async function board(manager: ApiClient, callId: string) {
  const res = await manager.call(contract.evaluation.board, { params: { id: callId } });
  expect(res.status).toBe(200);
  return res.json as Board;
}
