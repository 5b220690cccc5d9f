import { contract } from '@kizuna/shared';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { programmeWithManager } from '../support/calls.js';
import { ApiClient, expectProblem } from '../support/client.js';
import { db } from '../support/factory.js';
import { mailTo, waitForMail } from '../support/mail.js';
import { loggedIn } from '../support/proposals.js';
import { addJob } from '../support/queues.js';
import { type Board, board, callInReview, poolReviewer, runAssignment } from '../support/reviews.js';
import { openStream } from '../support/stream.js';
import { until } from '../support/wait.js';

const r = contract.reviewer;
const e = contract.evaluation;

type Fixture = Awaited<ReturnType<typeof setUp>>;

async function setUp() {
  const call = await callInReview([
    {
      acronym: 'RICE-CH4',
      title: 'Cutting methane from flooded rice paddies',
      abstract: 'Alternate wetting and drying of rice paddy fields to reduce methane emissions in the Mekong delta.',
      keywords: ['rice', 'methane', 'paddy'],
      nth: { MY: 0, JP: 0, TH: 0 },
    },
    {
      acronym: 'COAST-5G',
      title: 'Rural 5G connectivity for coastal fishing communities',
      abstract: 'Affordable 5G and satellite connectivity for remote coastal villages and fishing fleets.',
      keywords: ['5G', 'connectivity', 'rural'],
      nth: { MY: 1, JP: 1, TH: 1 },
    },
    {
      acronym: 'MANGROVE',
      title: 'Mangrove blue carbon and coastal resilience',
      abstract: 'Restoring mangrove forests to store blue carbon and protect coasts from storm surges.',
      keywords: ['mangrove', 'blue carbon', 'coastal'],
      nth: { MY: 2, JP: 2, TH: 2 },
    },
  ]);
  const [rice, coast, mangrove] = call.proposals as [
    (typeof call.proposals)[0],
    (typeof call.proposals)[0],
    (typeof call.proposals)[0],
  ];
  const year = (offset: number) => `${new Date().getUTCFullYear() + offset}-01-01`;
  const m = call.manager;
  const reviewers = {
    // Works at the Japanese partner institution of RICE-CH4.
    sameInstitution: await poolReviewer(m, call.callId, {
      country: 'JP',
      nth: 0,
      keywords: ['rice', 'methane'],
      expertise: 'Greenhouse gas emissions from rice agriculture.',
    }),
    // Left COAST-5G's Thai partner a year ago: still conflicted (three years).
    recentAffiliation: await poolReviewer(m, call.callId, {
      country: 'VN',
      nth: 0,
      keywords: ['rice', 'paddy', 'methane', 'irrigation'],
      expertise: 'Water management in rice paddy systems.',
      affiliations: [{ institutionId: coast.institutions.th.id, startedOn: year(-6), endedOn: year(-1) }],
    }),
    // Left MANGROVE's Thai partner five years ago: no conflict any more.
    oldAffiliation: await poolReviewer(m, call.callId, {
      country: 'PH',
      nth: 0,
      keywords: ['5G', 'connectivity', 'satellite'],
      expertise: 'Wireless networks for rural areas.',
      affiliations: [{ institutionId: mangrove.institutions.th.id, startedOn: year(-10), endedOn: year(-5) }],
    }),
    // Declared MANGROVE's lead PI as a co-author.
    collaborator: await poolReviewer(m, call.callId, {
      country: 'ID',
      nth: 0,
      keywords: ['mangrove', 'carbon'],
      expertise: 'Blue carbon accounting in mangrove forests.',
      collaborators: [mangrove.leadUser.email.toUpperCase()],
    }),
    mangroveExpert: await poolReviewer(m, call.callId, {
      country: 'SG',
      nth: 0,
      keywords: ['mangrove', 'coastal', 'resilience'],
      expertise: 'Coastal ecosystems and storm surge protection.',
    }),
    networks: await poolReviewer(m, call.callId, {
      country: 'VN',
      nth: 1,
      keywords: ['rural', 'connectivity', 'fishing'],
      expertise: 'Digital connectivity for fishing communities.',
    }),
  };
  return { ...call, rice, coast, mangrove, reviewers };
}

function pairsOf(b: Board) {
  return b.proposals.flatMap((p) => p.assignments.map((a) => ({ ...a, proposalId: p.id, acronym: p.acronym })));
}

describe('review: conflicts, assignment, reviewing, panel, ranking and decisions', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await setUp();
  }, 180_000);

  it('detects conflicts from institutions, past affiliations (three years), applications in the call and declared collaborators', async () => {
    // A partner PI of COAST-5G joins the pool: an applicant in the same call is conflicted with every proposal.
    const applicant = await loggedIn(f.coast.jpUser);
    await f.manager.call(e.invitePool, { params: { id: f.callId }, body: { emails: [f.coast.jpUser.email] } });
    const [mail] = await waitForMail(f.coast.jpUser.email, (m) => m.text.includes('/review-pool?token='));
    const token = new URL(mail!.text.match(/https?:\/\/\S+\/review-pool\?token=[\w-]+/)![0]).searchParams.get('token')!;
    expect((await applicant.call(r.respondToPool, { body: { token, accept: true } })).status).toBe(200);
    expectProblem(await applicant.call(r.respondToPool, { body: { token, accept: true } }), 410, 'token_invalid');

    const res = await f.manager.call(e.conflicts, { params: { id: f.callId } });
    expect(res.status).toBe(200);
    const conflicts = res.json as {
      proposal: { acronym: string };
      reviewer: { id: string };
      source: string;
      reason: string;
    }[];
    const has = (reviewerId: string, acronym: string) =>
      conflicts.find((c) => c.reviewer.id === reviewerId && c.proposal.acronym === acronym);
    const rv = f.reviewers;
    expect(has(rv.sameInstitution.user.id, 'RICE-CH4')?.reason).toContain(f.rice.institutions.jp.name);
    expect(has(rv.recentAffiliation.user.id, 'COAST-5G')?.source).toBe('DETECTED');
    expect(has(rv.oldAffiliation.user.id, 'MANGROVE')).toBeUndefined();
    expect(has(rv.collaborator.user.id, 'MANGROVE')?.reason).toContain('collaborator');
    for (const acronym of ['RICE-CH4', 'COAST-5G', 'MANGROVE']) {
      expect(has(f.coast.jpUser.id, acronym)?.reason).toContain('Applicant');
    }
    // Nobody else is conflicted.
    expect(conflicts).toHaveLength(3 + 3);
    // The pool lists the applicant, who is never assignable.
    const pool = (await f.manager.call(e.pool, { params: { id: f.callId } })).json as {
      email: string;
      status: string;
    }[];
    expect(pool.filter((p) => p.status === 'ACCEPTED')).toHaveLength(7);
  });

  it('assigns exactly k reviewers per proposal in a worker job, never a conflicted pair, one per institution, and shows why', async () => {
    const run = await runAssignment(f.manager, f.callId);
    expect(run).toMatchObject({ status: 'SUCCEEDED', progress: 100, result: { feasible: true, assigned: 9 } });
    const b = await board(f.manager, f.callId);
    const conflicts = await db().conflictOfInterest.findMany({ where: { callId: f.callId, active: true } });
    const conflicted = new Set(conflicts.map((c) => `${c.proposalId}:${c.reviewerId}`));
    for (const p of b.proposals) {
      expect(p.assignments.filter((a) => a.status === 'PROPOSED')).toHaveLength(3);
      expect(new Set(p.assignments.map((a) => a.reviewer.institution)).size).toBe(3);
      for (const a of p.assignments) expect(conflicted.has(`${p.id}:${a.reviewer.id}`)).toBe(false);
    }
    // The rice-methane expert lands on the rice proposal, and the board says which terms matched.
    const rice = b.proposals.find((p) => p.acronym === 'RICE-CH4')!;
    const expert = rice.assignments.find((a) => a.reviewer.id === f.reviewers.recentAffiliation.user.id);
    expect(expert?.matchedTerms.map((t) => t.term)).toEqual(expect.arrayContaining(['methane']));
    expect(b.lastRun?.result).toMatchObject({ feasible: true });
  });

  it('refuses a conflicted or same-institution pair added by hand, and a manager sets and lifts a conflict with a reason (audited)', async () => {
    expectProblem(
      await f.manager.call(e.addAssignment, {
        params: { id: f.callId },
        body: { proposalId: f.rice.proposalId, reviewerId: f.reviewers.sameInstitution.user.id },
      }),
      409,
      'conflict',
    );
    const set = await f.manager.call(e.setConflict, {
      params: { id: f.callId },
      body: {
        proposalId: f.rice.proposalId,
        reviewerId: f.reviewers.networks.user.id,
        reason: 'Former PhD student of the lead PI',
      },
    });
    expect(set.status).toBe(201);
    const conflictId = (set.json as { id: string }).id;
    expect(set.json).toMatchObject({ source: 'MANAGER', active: true });
    const lifted = await f.manager.call(e.liftConflict, {
      params: { id: conflictId },
      body: { reason: 'Supervision ended more than ten years ago' },
    });
    expect(lifted.json).toMatchObject({ active: false, liftReason: 'Supervision ended more than ten years ago' });
    const audit = await db().auditEvent.findMany({ where: { entityId: conflictId }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['conflict.set', 'conflict.lifted']);
    expectProblem(
      await f.manager.call(e.liftConflict, { params: { id: conflictId }, body: { reason: 'again please' } }),
      409,
      'conflict',
    );
    // A manager of another programme sees no such call or conflict.
    const other = (await programmeWithManager()).client;
    expectProblem(await other.call(e.board, { params: { id: f.callId } }), 404, 'not_found');
    expectProblem(await other.call(e.conflicts, { params: { id: f.callId } }), 404, 'not_found');
    expectProblem(await other.call(e.ranking, { params: { id: f.callId } }), 404, 'not_found');
    expectProblem(
      await other.call(e.liftConflict, { params: { id: conflictId }, body: { reason: 'not mine' } }),
      404,
      'not_found',
    );
    // Re-running replaces the proposed pairs (the pair set and lifted by hand may come back).
    expect((await runAssignment(f.manager, f.callId)).status).toBe('SUCCEEDED');
  });

  it('invites by email with one-click accept and decline; a decline tells the managers the best replacements', async () => {
    const sent = await f.manager.call(e.sendInvitations, { params: { id: f.callId } });
    expect(sent.json).toEqual({ invited: 9 });
    expect((await db().call.findUniqueOrThrow({ where: { id: f.callId } })).status).toBe('IN_REVIEW');
    // Pairs the manager's conflict ended stay on the board as declined; the others are invited.
    const pairs = pairsOf(await board(f.manager, f.callId)).filter((p) => p.status === 'INVITED');
    expect(pairs).toHaveLength(9);
    const users = Object.values(f.reviewers).map((x) => x.user);
    const decliner = pairs.find((p) => p.acronym === 'MANGROVE')!;
    for (const pair of pairs) {
      const user = users.find((u) => u.id === pair.reviewer.id)!;
      const mails = await waitForMail(
        user.email,
        (m) => m.subject.includes(pair.acronym) && m.text.includes('answer=accept'),
      );
      const accept = new URL(
        mails.at(-1)!.text.match(/https?:\/\/\S+\/review-invitations\?token=[\w-]+&answer=accept/)![0],
      );
      const token = accept.searchParams.get('token')!;
      const anonymous = new ApiClient();
      if (pair.id === decliner.id) {
        expectProblem(
          await anonymous.call(r.respondByToken, { body: { token, accept: false } }),
          400,
          'validation_failed',
        );
        const declined = await anonymous.call(r.respondByToken, { body: { token, accept: false, reason: 'On leave' } });
        expect(declined.json).toEqual({ status: 'DECLINED', assignmentId: pair.id, proposalAcronym: 'MANGROVE' });
      } else {
        expect((await anonymous.call(r.respondByToken, { body: { token, accept: true } })).json).toMatchObject({
          status: 'ACCEPTED',
        });
      }
      expectProblem(await anonymous.call(r.respondByToken, { body: { token, accept: true } }), 410, 'token_invalid');
    }
    const managerUser = await db().userRole.findFirstOrThrow({
      where: { programmeId: f.programme.id, role: 'PROGRAMME_MANAGER' },
    });
    const note = await until(
      () => db().notification.findFirst({ where: { userId: managerUser.userId, type: 'review.declined' } }),
      (n) => n !== null,
    );
    const data = note!.data as { acronym: string; reason: string; replacements: { name: string }[] };
    expect(data).toMatchObject({ acronym: 'MANGROVE', reason: 'On leave' });
    // Replacements: not conflicted (the collaborator), not already on the panel.
    const replacements = (await f.manager.call(e.replacements, { params: { id: decliner.id } })).json as {
      reviewer: { id: string };
    }[];
    const onPanel = new Set(pairs.filter((p) => p.acronym === 'MANGROVE').map((p) => p.reviewer.id));
    for (const candidate of replacements) {
      expect(candidate.reviewer.id).not.toBe(f.reviewers.collaborator.user.id);
      expect(candidate.reviewer.id).not.toBe(f.coast.jpUser.id);
      expect(onPanel.has(candidate.reviewer.id)).toBe(false);
    }
    expect(replacements.length).toBeGreaterThan(0);
    expect(data.replacements.length).toBeGreaterThan(0);
    // The manager adds the best replacement by hand and invites again.
    const added = await f.manager.call(e.addAssignment, {
      params: { id: f.callId },
      body: { proposalId: f.mangrove.proposalId, reviewerId: replacements[0]!.reviewer.id },
    });
    expect(added.status).toBe(201);
    expect((await f.manager.call(e.sendInvitations, { params: { id: f.callId } })).json).toEqual({ invited: 1 });
    const replacementClient = Object.values(f.reviewers).find(
      (x) => x.user.id === replacements[0]!.reviewer.id,
    )!.client;
    const mine = (await replacementClient.call(r.assignments)).json as {
      id: string;
      status: string;
      proposal: { acronym: string };
    }[];
    const invitation = mine.find((a) => a.proposal.acronym === 'MANGROVE' && a.status === 'INVITED')!;
    expect(
      (await replacementClient.call(r.respond, { params: { id: invitation.id }, body: { accept: true } })).status,
    ).toBe(200);
  });

  it('autosaves reviews with versions, checks scores against the rubric, submits with history', async () => {
    const pairs = pairsOf(await board(f.manager, f.callId)).filter((p) => p.status === 'ACCEPTED');
    const pair = pairs.find((p) => p.acronym === 'RICE-CH4')!;
    const client = Object.values(f.reviewers).find((x) => x.user.id === pair.reviewer.id)!.client;
    const content = {
      scores: { excellence: 4, impact: null, implementation: 3 },
      commentsToApplicants: '',
      confidentialComments: 'The budget for equipment looks high.',
      confidence: null,
      recommendation: null,
    };
    const first = await client.call(r.saveReview, { params: { id: pair.id }, body: { ...content, version: 0 } });
    expect(first.json).toMatchObject({ version: 1, status: 'DRAFT', weightedScore: null });
    const stale = expectProblem(
      await client.call(r.saveReview, { params: { id: pair.id }, body: { ...content, version: 0 } }),
      409,
      'conflict',
    );
    expect(stale.errors?.[0]).toMatchObject({ path: 'body.version', params: { current: 1 } });
    const outOfScale = expectProblem(
      await client.call(r.saveReview, {
        params: { id: pair.id },
        body: { ...content, scores: { excellence: 9 }, version: 1 },
      }),
      400,
      'validation_failed',
    );
    expect(outOfScale.errors?.map((x) => x.path)).toEqual(['body.scores.excellence']);
    const incomplete = expectProblem(
      await client.call(r.submitReview, { params: { id: pair.id }, body: { version: 1 } }),
      400,
      'validation_failed',
    );
    expect(incomplete.errors?.map((x) => x.path).sort()).toEqual([
      'body.commentsToApplicants',
      'body.confidence',
      'body.recommendation',
      'body.scores.impact',
    ]);
    const complete = {
      ...content,
      scores: { excellence: 4, impact: 5, implementation: 3 },
      commentsToApplicants: 'A convincing plan to measure and cut methane; the field sites are well chosen.',
      confidence: 4,
      recommendation: 'FUND',
    };
    await client.call(r.saveReview, { params: { id: pair.id }, body: { ...complete, version: 1 } });
    const submitted = await client.call(r.submitReview, { params: { id: pair.id }, body: { version: 2 } });
    // 0.5 × 4 + 0.3 × 5 + 0.2 × 3
    expect(submitted.json).toMatchObject({ status: 'SUBMITTED', weightedScore: 4.1, unsubmittedChanges: false });
    const edited = await client.call(r.saveReview, {
      params: { id: pair.id },
      body: { ...complete, scores: { ...complete.scores, implementation: 5 }, version: 3 },
    });
    expect(edited.json).toMatchObject({ status: 'SUBMITTED', unsubmittedChanges: true, weightedScore: 4.1 });
    const again = await client.call(r.submitReview, { params: { id: pair.id }, body: { version: 4 } });
    const review = again.json as {
      weightedScore: number;
      revisions: { number: number; content: { scores: Record<string, number> } }[];
    };
    expect(review.weightedScore).toBe(4.5);
    expect(review.revisions.map((x) => [x.number, x.content.scores.implementation])).toEqual([
      [1, 3],
      [2, 5],
    ]);
    // Revisions are history: the database refuses to rewrite one.
    await expect(db().$executeRaw`UPDATE "ReviewRevision" SET number = 9`).rejects.toThrow(/immutable/);
  });

  it('keeps a conflicted reviewer out of every path, and blind review hides applicants from reviewer-facing answers', async () => {
    const pairs = pairsOf(await board(f.manager, f.callId)).filter((p) => p.status === 'ACCEPTED');
    const pair = pairs.find((p) => p.acronym === 'COAST-5G')!;
    const client = Object.values(f.reviewers).find((x) => x.user.id === pair.reviewer.id)!.client;
    expect((await client.call(r.proposal, { params: { id: pair.id } })).status).toBe(200);

    // Blind review on: no names, institutions or countries of the applicants anywhere.
    const settings = (await f.manager.call(e.settings, { params: { id: f.callId } })).json as Record<string, unknown>;
    const { reviewersPerProposal: _k, decisionsReleasedAt: _d, ...input } = settings;
    expect(
      (await f.manager.call(e.saveSettings, { params: { id: f.callId }, body: { ...input, blindReview: true } }))
        .status,
    ).toBe(200);
    const view = await client.call(r.proposal, { params: { id: pair.id } });
    const text = JSON.stringify(view.json);
    for (const secret of [
      f.coast.institutions.my.name,
      f.coast.institutions.jp.name,
      f.coast.institutions.th.name,
      f.coast.leadUser.displayName,
      f.coast.leadUser.email,
      f.coast.jpUser.email,
    ]) {
      expect(text).not.toContain(secret);
    }
    type Partner = { number: number; institution: string | null; countryCode: string | null };
    expect((view.json as { proposal: { partners: Partner[] } }).proposal.partners).toEqual([
      expect.objectContaining({ number: 1, institution: null, countryCode: null }),
      expect.objectContaining({ number: 2, institution: null, countryCode: null }),
      expect.objectContaining({ number: 3, institution: null, countryCode: null }),
    ]);
    const list = JSON.stringify((await client.call(r.assignments)).json);
    expect(list).not.toContain(f.coast.institutions.my.name);

    // The manager finds a conflict: the reviewer loses the proposal on every path.
    await f.manager.call(e.setConflict, {
      params: { id: f.callId },
      body: { proposalId: f.coast.proposalId, reviewerId: pair.reviewer.id, reason: 'Joint grant with the lead PI' },
    });
    expectProblem(await client.call(r.proposal, { params: { id: pair.id } }), 404, 'not_found');
    expectProblem(await client.call(r.review, { params: { id: pair.id } }), 404, 'not_found');
    expectProblem(
      await client.call(r.saveReview, {
        params: { id: pair.id },
        body: {
          scores: {},
          commentsToApplicants: '',
          confidentialComments: '',
          confidence: null,
          recommendation: null,
          version: 0,
        },
      }),
      404,
      'not_found',
    );
    expectProblem(await client.call(r.panel, { params: { id: f.coast.proposalId } }), 404, 'not_found');
    expectProblem(
      await client.call(r.postMessage, { params: { id: f.coast.proposalId }, body: { body: 'hello' } }),
      404,
      'not_found',
    );
    const mine = (await client.call(r.assignments)).json as { proposal: { id: string } }[];
    expect(mine.map((a) => a.proposal.id)).not.toContain(f.coast.proposalId);
    // Nor can anyone outside the panel open the proposal through the review paths.
    expectProblem(await f.coast.lead.call(r.proposal, { params: { id: pair.id } }), 404, 'not_found');
    expectProblem(await f.coast.lead.call(r.panel, { params: { id: f.coast.proposalId } }), 404, 'not_found');
  });

  it('opens the panel after a reviewer submits: "Reviewer n" only, discussion, and a consensus the others approve', async () => {
    const pairs = pairsOf(await board(f.manager, f.callId)).filter(
      (p) => p.acronym === 'RICE-CH4' && ['ACCEPTED', 'SUBMITTED'].includes(p.status),
    );
    const clientOf = (id: string) => Object.values(f.reviewers).find((x) => x.user.id === id)!.client;
    const waiting = pairs.find((p) => p.status === 'ACCEPTED')!;
    expectProblem(
      await clientOf(waiting.reviewer.id).call(r.panel, { params: { id: f.rice.proposalId } }),
      403,
      'forbidden',
    );
    let score = 2;
    for (const pair of pairs.filter((p) => p.status === 'ACCEPTED')) {
      const client = clientOf(pair.reviewer.id);
      await client.call(r.saveReview, {
        params: { id: pair.id },
        body: {
          scores: { excellence: score, impact: score, implementation: score },
          commentsToApplicants: `Reviewer comment to the applicants, score ${score}, with enough words.`,
          confidentialComments: `CONFIDENTIAL-${pair.id}`,
          confidence: 3,
          recommendation: 'FUND_WITH_CHANGES',
          version: 0,
        },
      });
      expect((await client.call(r.submitReview, { params: { id: pair.id }, body: { version: 1 } })).status).toBe(200);
      score++;
    }
    const byOrdinal = [...pairs].sort((a, b) => a.ordinal - b.ordinal);
    const rapporteur = clientOf(byOrdinal[0]!.reviewer.id);
    const other = clientOf(byOrdinal[1]!.reviewer.id);
    type Person = { kind: string; ordinal: number | null; name: string | null; me: boolean };
    const panel = (await other.call(r.panel, { params: { id: f.rice.proposalId } })).json as {
      reviews: { reviewer: Person }[];
      consensus: { rapporteur: Person };
    };
    expect(panel.reviews.map((x) => x.reviewer)).toEqual(
      byOrdinal.map((p, i) => ({ kind: 'reviewer', ordinal: p.ordinal, name: null, me: i === 1 })),
    );
    const text = JSON.stringify(panel);
    for (const pair of pairs) expect(text).not.toContain(pair.reviewer.displayName);
    expect(panel.consensus.rapporteur).toEqual({
      kind: 'reviewer',
      ordinal: byOrdinal[0]!.ordinal,
      name: null,
      me: false,
    });

    // The others' open pages hear of it live (they re-read the panel through its access checks).
    const live = await openStream(rapporteur);
    const posted = await other.call(r.postMessage, {
      params: { id: f.rice.proposalId },
      body: { body: 'Is the budget realistic?' },
    });
    expect(posted.status).toBe(201);
    expect(await live.next('panel')).toEqual({ proposalId: f.rice.proposalId });
    live.close();
    const seen = (await rapporteur.call(r.panel, { params: { id: f.rice.proposalId } })).json as {
      messages: { author: Person; body: string }[];
    };
    expect(seen.messages.at(-1)).toMatchObject({
      author: { kind: 'reviewer', ordinal: byOrdinal[1]!.ordinal, name: null, me: false },
      body: 'Is the budget realistic?',
    });
    // The managers see who is who.
    const managed = (await f.manager.call(r.panel, { params: { id: f.rice.proposalId } })).json as typeof panel;
    expect(managed.reviews.map((x) => x.reviewer.name)).toEqual(byOrdinal.map((p) => p.reviewer.displayName));

    const report = 'The panel agrees the methane measurements are strong; the equipment budget should be reduced.';
    expectProblem(
      await other.call(r.saveConsensus, {
        params: { id: f.rice.proposalId },
        body: { body: report, version: 0, propose: true },
      }),
      403,
      'forbidden',
    );
    await rapporteur.call(r.saveConsensus, {
      params: { id: f.rice.proposalId },
      body: { body: report, version: 0, propose: true },
    });
    type State = { consensus: { status: string; version: number; body: string; rapporteur: Person } };
    let state = (await rapporteur.call(r.panel, { params: { id: f.rice.proposalId } })).json as State;
    expect(state.consensus.status).toBe('PROPOSED');

    // A manager hands the pen to Reviewer 2: the draft passes to them, back to draft. Only the programme's managers
    // name the rapporteur, and only among the reviewers who submitted.
    const second = { ordinal: byOrdinal[1]!.ordinal };
    const outsider = (await programmeWithManager()).client;
    for (const [client, status, code] of [
      [other, 403, 'forbidden'],
      [outsider, 404, 'not_found'],
    ] as const) {
      expectProblem(
        await client.call(r.setRapporteur, { params: { id: f.rice.proposalId }, body: second }),
        status,
        code,
      );
    }
    const notOnPanel = expectProblem(
      await f.manager.call(r.setRapporteur, { params: { id: f.rice.proposalId }, body: { ordinal: 99 } }),
      400,
      'validation_failed',
    );
    expect(notOnPanel.errors?.map((x) => x.path)).toEqual(['body.ordinal']);
    const handed = await f.manager.call(r.setRapporteur, { params: { id: f.rice.proposalId }, body: second });
    expect(handed.status).toBe(200);
    expect((handed.json as State).consensus).toMatchObject({
      rapporteur: { ordinal: second.ordinal, name: byOrdinal[1]!.reviewer.displayName },
      status: 'DRAFT',
      body: report,
      version: state.consensus.version + 1,
    });
    state = (await other.call(r.panel, { params: { id: f.rice.proposalId } })).json as State;
    expect(state.consensus.rapporteur.me).toBe(true);
    // And is told so, with a link to their review of the proposal.
    const inbox = (await other.call(contract.notifications.list)).json as {
      items: { type: string; link: string; data: { acronym: string } }[];
    };
    expect(inbox.items.filter((n) => n.type === 'review.rapporteur')).toEqual([
      expect.objectContaining({
        link: `/reviews/${byOrdinal[1]!.id}`,
        data: expect.objectContaining({ acronym: 'RICE-CH4' }),
      }),
    ]);
    expectProblem(
      await rapporteur.call(r.saveConsensus, {
        params: { id: f.rice.proposalId },
        body: { body: report, version: state.consensus.version, propose: true },
      }),
      403,
      'forbidden',
    );
    expect(
      (
        await other.call(r.saveConsensus, {
          params: { id: f.rice.proposalId },
          body: { body: report, version: state.consensus.version, propose: true },
        })
      ).status,
    ).toBe(200);
    state = (await other.call(r.panel, { params: { id: f.rice.proposalId } })).json as State;
    expect(state.consensus.status).toBe('PROPOSED');
    // Everyone else approves, the first rapporteur included; the new one does not approve their own report.
    expectProblem(
      await other.call(r.approveConsensus, {
        params: { id: f.rice.proposalId },
        body: { version: state.consensus.version },
      }),
      409,
      'conflict',
    );
    for (const pair of byOrdinal.filter((_, i) => i !== 1)) {
      const res = await clientOf(pair.reviewer.id).call(r.approveConsensus, {
        params: { id: f.rice.proposalId },
        body: { version: state.consensus.version },
      });
      expect(res.status).toBe(200);
    }
    state = (await rapporteur.call(r.panel, { params: { id: f.rice.proposalId } })).json as State;
    expect(state.consensus.status).toBe('APPROVED');
    // An approved report keeps its rapporteur.
    expectProblem(
      await f.manager.call(r.setRapporteur, {
        params: { id: f.rice.proposalId },
        body: { ordinal: byOrdinal[0]!.ordinal },
      }),
      409,
      'conflict',
    );
  });

  it('reminds reviewers on the call schedule, once per step, and shows managers who is late and by how long', async () => {
    const settings = (await f.manager.call(e.settings, { params: { id: f.callId } })).json as Record<string, unknown>;
    const { reviewersPerProposal: _k, decisionsReleasedAt: _d, ...input } = settings;
    const save = (reviewDeadline: string) =>
      f.manager.call(e.saveSettings, {
        params: { id: f.callId },
        body: { ...input, reviewDeadline, version: settings.version as number },
      });
    expect((await save(new Date(Date.now() + 12 * 3600_000).toISOString())).status).toBe(200);
    const open = pairsOf(await board(f.manager, f.callId)).filter((p) => p.status === 'ACCEPTED');
    expect(open.length).toBeGreaterThan(0);
    const reminders = (assignmentId: string) =>
      db().notification.findMany({
        where: { type: 'review.reminder', data: { path: ['assignmentId'], equals: assignmentId } },
      });
    await addJob('reminders', 'reviews.tick', {});
    const first = await until(
      () => reminders(open[0]!.id),
      (rows) => rows.length > 0,
    );
    expect(first[0]!.data).toMatchObject({ acronym: open[0]!.acronym, daysLeft: 1, daysLate: null });
    // The tick runs again: nothing new for the same step.
    await addJob('reminders', 'reviews.tick', {});
    await new Promise((ok) => setTimeout(ok, 1500));
    expect(await reminders(open[0]!.id)).toHaveLength(1);
    // Submitted reviews get no reminder.
    const done = pairsOf(await board(f.manager, f.callId)).find((p) => p.status === 'SUBMITTED')!;
    expect(await reminders(done.id)).toHaveLength(0);

    // The deadline passes: an overdue reminder, and the managers see who is late.
    const call = await db().call.findUniqueOrThrow({ where: { id: f.callId } });
    const current = (await f.manager.call(e.settings, { params: { id: f.callId } })).json as { version: number };
    expect(
      (
        await f.manager.call(e.saveSettings, {
          params: { id: f.callId },
          body: {
            ...input,
            reviewDeadline: new Date(call.closesAt.getTime() + 1000).toISOString(),
            version: current.version,
          },
        })
      ).status,
    ).toBe(200);
    await addJob('reminders', 'reviews.tick', {});
    const overdue = await until(
      () => reminders(open[0]!.id),
      (rows) => rows.length === 2,
    );
    expect(overdue.map((n) => (n.data as { daysLate: number | null }).daysLate)).toContain(0);
    // Blind review: the reminder email names the proposal, never its applicants.
    const user = Object.values(f.reviewers).find((x) => x.user.id === open[0]!.reviewer.id)!.user;
    const mails = await waitForMail(user.email, (m) => m.subject.includes('overdue'));
    const proposal = [f.rice, f.coast, f.mangrove].find((p) => p.acronym === open[0]!.acronym)!;
    for (const secret of [
      proposal.institutions.my.name,
      proposal.institutions.jp.name,
      proposal.leadUser.displayName,
    ]) {
      expect(mails[0]!.text).not.toContain(secret);
    }
    const progress = (await f.manager.call(e.progress, { params: { id: f.callId } })).json as {
      counts: { overdue: number };
      reviewers: { id: string; overdue: number; daysLate: number | null }[];
    };
    expect(progress.counts.overdue).toBeGreaterThan(0);
    expect(progress.reviewers.find((x) => x.id === open[0]!.reviewer.id)).toMatchObject({ daysLate: 0 });
    expect(progress.reviewers.find((x) => x.id === open[0]!.reviewer.id)!.overdue).toBeGreaterThan(0);
  });

  it('ranks with raw and calibrated scores, decides within envelopes, releases, and applicants read the outcome without confidential parts', async () => {
    // Every other accepted review is submitted.
    const pairs = pairsOf(await board(f.manager, f.callId)).filter((p) => p.status === 'ACCEPTED');
    const clientOf = (id: string) => Object.values(f.reviewers).find((x) => x.user.id === id)!.client;
    for (const pair of pairs) {
      const client = clientOf(pair.reviewer.id);
      const current = (await client.call(r.review, { params: { id: pair.id } })).json as { version: number };
      await client.call(r.saveReview, {
        params: { id: pair.id },
        body: {
          scores: { excellence: 3, impact: 4, implementation: 4 },
          commentsToApplicants: 'Solid consortium and a clear plan, with a few open questions.',
          confidentialComments: `CONFIDENTIAL-${pair.id}`,
          confidence: 3,
          recommendation: 'FUND',
          version: current.version,
        },
      });
      expect(
        (await client.call(r.submitReview, { params: { id: pair.id }, body: { version: current.version + 1 } })).status,
      ).toBe(200);
    }
    const ranking = (await f.manager.call(e.ranking, { params: { id: f.callId } })).json as {
      rows: {
        proposal: { id: string; acronym: string; total: string };
        rawMean: number | null;
        calibrated: number | null;
        rankCalibrated: number | null;
      }[];
    };
    expect(ranking.rows).toHaveLength(3);
    for (const row of ranking.rows) {
      expect(row.rawMean).not.toBeNull();
      expect(row.calibrated).not.toBeNull();
    }
    // The ranking as files: CSV with the exact amounts, XLSX with them as numbers in the call currency's format.
    const exported = (format: 'csv' | 'xlsx', client: ApiClient = f.manager) =>
      fetch(`${client.baseUrl}/api/calls/${f.callId}/ranking/export?format=${format}`, {
        headers: { cookie: client.cookie ?? '' },
      });
    const csv = (await (await exported('csv')).text())
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(csv[0]).toMatch(/^rank_calibrated,rank_raw,acronym,title,countries,requested_USD,reviews,/);
    expect(csv.slice(1).map((line) => line.split(',').slice(2, 3).concat(line.split(',')[5]!))).toEqual(
      ranking.rows.map((row) => [row.proposal.acronym, row.proposal.total]),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await exported('xlsx')).arrayBuffer());
    const sheet = workbook.getWorksheet('ranking')!;
    expect(
      ranking.rows.map((_, i) => {
        const row = sheet.getRow(i + 2);
        return [row.getCell(3).value, row.getCell(6).value, row.getCell(6).numFmt];
      }),
    ).toEqual(ranking.rows.map((row) => [row.proposal.acronym, Number(row.proposal.total), '#,##0.00']));
    // Reviewers of the call do not get it.
    expect((await exported('csv', Object.values(f.reviewers)[0]!.client)).status).toBe(403);

    const plan = await f.manager.call(e.fundingPlan, { params: { id: f.callId } });
    expect(plan.status).toBe(200);
    expect(plan.json).toMatchObject({ optimal: true });

    expectProblem(await f.manager.call(e.release, { params: { id: f.callId } }), 409, 'conflict');
    expectProblem(
      await f.manager.call(e.decide, { params: { id: f.rice.proposalId }, body: { outcome: 'FUNDED', reason: '' } }),
      400,
      'validation_failed',
    );
    const outcomes = {
      [f.rice.proposalId]: 'FUNDED',
      [f.coast.proposalId]: 'RESERVE',
      [f.mangrove.proposalId]: 'NOT_FUNDED',
    };
    for (const [id, outcome] of Object.entries(outcomes)) {
      const res = await f.manager.call(e.decide, {
        params: { id },
        body: { outcome, reason: `Panel ranking: ${outcome}` },
      });
      expect(res.json).toEqual({ outcome, reason: `Panel ranking: ${outcome}` });
    }
    // Nothing is visible before the release.
    expect((await f.rice.lead.call(e.outcome, { params: { id: f.rice.proposalId } })).json).toMatchObject({
      released: false,
      outcome: null,
    });
    expect((await f.manager.call(e.release, { params: { id: f.callId } })).json).toEqual({ released: 3 });
    expect((await db().proposal.findUniqueOrThrow({ where: { id: f.rice.proposalId } })).status).toBe('FUNDED');

    const outcome = await f.rice.lead.call(e.outcome, { params: { id: f.rice.proposalId } });
    expect(outcome.json).toMatchObject({
      released: true,
      outcome: 'FUNDED',
      consensus: expect.stringContaining('methane measurements are strong'),
    });
    const text = JSON.stringify(outcome.json);
    expect(text).not.toContain('CONFIDENTIAL');
    expect(text).not.toContain('The budget for equipment looks high');
    for (const x of Object.values(f.reviewers)) expect(text).not.toContain(x.user.displayName);
    expect((outcome.json as { reviews: { number: number }[] }).reviews.map((x) => x.number)).toEqual([1, 2, 3]);
    const [mail] = await waitForMail(f.rice.leadUser.email, (m) => m.subject.includes('Decision on RICE-CH4'));
    expect(mail!.text).toContain('selected for funding');
    // The partner PI of another proposal sees nothing of this one.
    expectProblem(await f.coast.lead.call(e.outcome, { params: { id: f.rice.proposalId } }), 404, 'not_found');
    // Decided: reviews and decisions are frozen.
    expectProblem(
      await f.manager.call(e.decide, {
        params: { id: f.rice.proposalId },
        body: { outcome: 'NOT_FUNDED', reason: 'Changed my mind' },
      }),
      409,
      'conflict',
    );
    expect((await mailTo(f.coast.leadUser.email)).some((m) => m.subject.includes('Decision on COAST-5G'))).toBe(true);
  });
});
