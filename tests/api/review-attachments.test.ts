import { contract } from '@kizuna/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, expectProblem } from '../support/client.js';
import { db, signedIn } from '../support/factory.js';
import { PDF } from '../support/files.js';
import { callInReview, poolReviewer, uploadAttachment } from '../support/reviews.js';

/*
 * A proposal's attachments as its reviewers download them (GET /reviewer/assignments/:id/attachments/:key): an
 * assigned reviewer who accepted gets the submitted file byte for byte, under its own name or, with blind review, a
 * neutral one; a reviewer of another proposal, a conflicted reviewer, another researcher and an anonymous client do not.
 */

const r = contract.reviewer;
const e = contract.evaluation;

const CV_KIND = [{ key: 'cv', title: 'CVs of the PIs', required: true, maxSizeMb: 1, types: ['pdf'] }];
/** A real PDF with a line of its own, so that each file's bytes are distinct. */
const pdf = (label: string) => Buffer.concat([PDF, Buffer.from(`% ${label}\n`)]);
const MANGROVE_CV = pdf('CVs of the MANGROVE consortium');
const COAST_CV = pdf('CVs of the COAST-5G consortium, as submitted');
const COAST_CV_LATER = pdf('CVs of the COAST-5G consortium, replaced after submission');
const cv = (data: Buffer, fileName: string) => ({ key: 'cv', data, fileName, type: 'application/pdf' });

/** The raw download: bytes, or the problem when refused. */
async function download(client: ApiClient, assignmentId: string, key = 'cv') {
  const res = await fetch(`${client.baseUrl}/api/reviewer/assignments/${assignmentId}/attachments/${key}`, {
    headers: { cookie: client.cookie ?? '', 'x-forwarded-for': client.address },
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const json = res.headers.get('content-type')?.includes('json') ? JSON.parse(bytes.toString()) : undefined;
  return { status: res.status, headers: res.headers, bytes, json };
}

async function setUp() {
  const call = await callInReview(
    [
      {
        acronym: 'MANGROVE',
        title: 'Mangrove blue carbon and coastal resilience',
        abstract: 'Restoring mangrove forests to store blue carbon and protect coasts from storm surges.',
        keywords: ['mangrove', 'blue carbon'],
        nth: { MY: 0, JP: 0, TH: 0 },
        // A name with a dot and no extension: nothing of it may reach a blind file name.
        attachments: [cv(MANGROVE_CV, 'CV Dr. Aminah Yusof')],
      },
      {
        acronym: 'COAST-5G',
        title: 'Rural 5G connectivity for coastal fishing communities',
        abstract: 'Affordable 5G and satellite connectivity for remote coastal villages and fishing fleets.',
        keywords: ['5G', 'connectivity'],
        nth: { MY: 1, JP: 1, TH: 1 },
        attachments: [cv(COAST_CV, 'CV.pdf')],
        // Allowed while the call is open: the stored file changes, the submission (and its snapshot) does not.
        afterSubmit: async (lead, id) => {
          await uploadAttachment(lead, id, cv(COAST_CV_LATER, 'CV v2.pdf'));
        },
      },
    ],
    { blindReview: false },
    { attachments: CV_KIND },
  );
  const [mangrove, coast] = call.proposals as [(typeof call.proposals)[0], (typeof call.proposals)[0]];
  const reviewer = (country: string) =>
    poolReviewer(call.manager, call.callId, { country, nth: 0, keywords: ['coastal'], expertise: 'Coastal systems.' });
  const reviewers = { reader: await reviewer('SG'), conflicted: await reviewer('PH'), coastOnly: await reviewer('VN') };
  // Assigned by hand, invited, and accepted by each reviewer.
  const assign = async (proposalId: string, who: Awaited<ReturnType<typeof reviewer>>) => {
    const added = await call.manager.call(e.addAssignment, {
      params: { id: call.callId },
      body: { proposalId, reviewerId: who.user.id },
    });
    expect(added.status).toBe(201);
    return (added.json as { id: string }).id;
  };
  const assignments = {
    reader: await assign(mangrove.proposalId, reviewers.reader),
    conflicted: await assign(mangrove.proposalId, reviewers.conflicted),
    coastOnly: await assign(coast.proposalId, reviewers.coastOnly),
  };
  expect((await call.manager.call(e.sendInvitations, { params: { id: call.callId } })).json).toEqual({ invited: 3 });
  for (const [who, id] of Object.entries(assignments)) {
    const client = reviewers[who as keyof typeof reviewers].client;
    const accepted = await client.call(r.respond, { params: { id }, body: { accept: true } });
    expect(accepted.json).toMatchObject({ status: 'ACCEPTED' });
  }
  return { ...call, mangrove, coast, reviewers, assignments };
}

describe('review: attachments as the reviewers download them', () => {
  let f: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    f = await setUp();
  }, 180_000);

  it('gives an assigned reviewer who accepted the submitted file, byte for byte, under its own name', async () => {
    const res = await download(f.reviewers.reader.client, f.assignments.reader);
    expect(res.status).toBe(200);
    expect(res.bytes.equals(MANGROVE_CV)).toBe(true);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''CV%20Dr.%20Aminah%20Yusof");
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    // The reviewer's view lists it as submitted; a kind the proposal has no file for is not found.
    const view = await f.reviewers.reader.client.call(r.proposal, { params: { id: f.assignments.reader } });
    expect((view.json as { proposal: { attachments: unknown[] } }).proposal.attachments).toEqual([
      { key: 'cv', contentType: 'application/pdf', size: MANGROVE_CV.length, fileName: 'CV Dr. Aminah Yusof' },
    ]);
    expectProblem(await download(f.reviewers.reader.client, f.assignments.reader, 'budget'), 404, 'not_found');
  });

  it('with blind review, names the file after the proposal and the attachment kind only', async () => {
    const settings = (await f.manager.call(e.settings, { params: { id: f.callId } })).json as Record<string, unknown>;
    const { reviewersPerProposal: _k, decisionsReleasedAt: _d, ...input } = settings;
    const saved = await f.manager.call(e.saveSettings, {
      params: { id: f.callId },
      body: { ...input, blindReview: true },
    });
    expect(saved.status).toBe(200);

    const res = await download(f.reviewers.reader.client, f.assignments.reader);
    expect(res.status).toBe(200);
    expect(res.bytes.equals(MANGROVE_CV)).toBe(true);
    // "<acronym>-<kind><extension>": the acronym is the proposal's public handle, shown to reviewers anyway; the
    // extension comes from the detected type, not from the name the applicants gave.
    expect(res.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''MANGROVE-cv.pdf");
    const view = await f.reviewers.reader.client.call(r.proposal, { params: { id: f.assignments.reader } });
    expect((view.json as { proposal: { attachments: { fileName: string | null }[] } }).proposal.attachments).toEqual([
      expect.objectContaining({ key: 'cv', fileName: null }),
    ]);
  });

  it('refuses a reviewer of another proposal, a conflicted reviewer, another researcher, a manager and the anonymous', async () => {
    const id = f.assignments.reader;
    // A reviewer of the call who holds no assignment on MANGROVE: another's assignment is not found.
    expectProblem(await download(f.reviewers.coastOnly.client, id), 404, 'not_found');
    expectProblem(await download((await signedIn()).client, id), 404, 'not_found');
    // The programme's managers read attachments through the proposal, not a reviewer's assignment.
    expectProblem(await download(f.manager, id), 404, 'not_found');
    expectProblem(await download(new ApiClient(), id), 401, 'unauthenticated');

    // A reviewer who submitted, then declares a conflict: the assignment stays SUBMITTED, the conflict alone refuses.
    const { client } = f.reviewers.conflicted;
    const mine = f.assignments.conflicted;
    expect((await download(client, mine)).status).toBe(200);
    await client.call(r.saveReview, {
      params: { id: mine },
      body: {
        scores: { excellence: 4, impact: 4, implementation: 4 },
        commentsToApplicants: 'A careful plan with well chosen field sites.',
        confidentialComments: '',
        confidence: 3,
        recommendation: 'FUND',
        version: 0,
      },
    });
    expect((await client.call(r.submitReview, { params: { id: mine }, body: { version: 1 } })).status).toBe(200);
    const declared = await client.call(r.declareConflict, { params: { id: mine }, body: { reason: 'Co-author' } });
    expect(declared.status).toBe(204);
    expect((await db().reviewAssignment.findUniqueOrThrow({ where: { id: mine } })).status).toBe('SUBMITTED');
    expectProblem(await download(client, mine), 404, 'not_found');
  });

  it('serves the file as submitted, not a replacement uploaded after submission', async () => {
    const current = await fetch(`${f.coast.lead.baseUrl}/api/proposals/${f.coast.proposalId}/attachments/cv`, {
      headers: { cookie: f.coast.lead.cookie! },
    });
    expect(Buffer.from(await current.arrayBuffer()).equals(COAST_CV_LATER)).toBe(true);
    const view = await f.reviewers.coastOnly.client.call(r.proposal, { params: { id: f.assignments.coastOnly } });
    expect((view.json as { proposal: { attachments: unknown[] } }).proposal.attachments).toEqual([
      expect.objectContaining({ key: 'cv', size: COAST_CV.length }),
    ]);
    const res = await download(f.reviewers.coastOnly.client, f.assignments.coastOnly);
    expect(res.status).toBe(200);
    expect(res.bytes.equals(COAST_CV)).toBe(true);
    expect(res.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''COAST-5G-cv.pdf");
  });
});
