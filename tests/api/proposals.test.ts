import { contract } from '@kizuna/shared';
import { describe, expect, it } from 'vitest';
import { ApiClient, expectProblem } from '../support/client.js';
import { db, makeUser } from '../support/factory.js';
import { waitForMail } from '../support/mail.js';
import { consortium, fill, institution, loggedIn, openCall } from '../support/proposals.js';
import { openStream } from '../support/stream.js';

const p = contract.proposals;

type ProposalJson = {
  id: string;
  version: number;
  budgetVersion: number;
  status: string;
  myRole: string | null;
  partners: {
    id: string;
    role: string;
    currency: string;
    institution: { countryCode: string };
    agency: { acronym: string } | null;
  }[];
  sections: { key: string; content: string; version: number }[];
  submissions: { number: number }[];
};

describe('proposals: the consortium', () => {
  it('the lead starts a proposal, partner PIs in Japan and Thailand join through emailed invitations with their agencies', async () => {
    const { proposalId, lead, japan } = await consortium();
    const proposal = (await lead.call(p.get, { params: { id: proposalId } })).json as ProposalJson;
    expect(proposal.myRole).toBe('LEAD_PI');
    expect(proposal.partners.map((x) => [x.role, x.institution.countryCode, x.currency, x.agency?.acronym])).toEqual([
      ['LEAD', 'MY', 'MYR', 'MOHE'],
      ['PARTNER', 'JP', 'JPY', 'JST'],
      ['PARTNER', 'TH', 'THB', 'NRCT'],
    ]);
    expect(((await japan.client.call(p.get, { params: { id: proposalId } })).json as ProposalJson).myRole).toBe(
      'PARTNER_PI',
    );
    // The token was single-use.
    expectProblem(await japan.client.call(p.acceptInvitation, { body: { token: japan.token } }), 410, 'token_invalid');
  });

  it('refuses an invitation accepted from another account, and lets the invitee decline', async () => {
    const { callId } = await openCall();
    const leadUser = await makeUser({ roles: ['RESEARCHER'] });
    const lead = await loggedIn(leadUser);
    const my = await institution('MY');
    const created = (
      await lead.call(p.create, {
        body: {
          callId,
          title: 'Flood early warning',
          acronym: 'FLOODWARN',
          theme: 'disaster_resilience',
          institutionId: my.id,
        },
      })
    ).json as ProposalJson;
    const invitee = await makeUser({ roles: ['RESEARCHER'] });
    await lead.call(p.invite, {
      params: { id: created.id },
      body: { email: invitee.email, role: 'PARTNER_PI', institutionId: (await institution('JP')).id },
    });
    const [mail] = await waitForMail(invitee.email);
    const token = new URL(mail!.text.match(/https?:\/\/\S+\/invitations\?token=\S+/)![0]).searchParams.get('token')!;
    const stranger = await loggedIn(await makeUser({ roles: ['RESEARCHER'] }));
    expectProblem(await stranger.call(p.acceptInvitation, { body: { token } }), 403, 'forbidden');
    expect((await new ApiClient().call(p.declineInvitation, { body: { token } })).json).toEqual({ status: 'declined' });
    expectProblem(await (await loggedIn(invitee)).call(p.acceptInvitation, { body: { token } }), 410, 'token_invalid');
    const invitations = (await lead.call(p.invitations, { params: { id: created.id } })).json as { status: string }[];
    expect(invitations.map((i) => i.status)).toEqual(['DECLINED']);
  });

  it('lets the invitee read the invitation before answering, and the lead withdraw a pending one', async () => {
    const { proposalId, lead, japan, institutions } = await consortium();
    const invitee = await makeUser({ roles: ['RESEARCHER'] });
    const invited = await lead.call(p.invite, {
      params: { id: proposalId },
      body: { email: invitee.email, role: 'COLLABORATOR', institutionId: institutions.jp.id },
    });
    const invitationId = (invited.json as { id: string }).id;
    const [mail] = await waitForMail(invitee.email);
    const token = new URL(mail!.text.match(/https?:\/\/\S+\/invitations\?token=\S+/)![0]).searchParams.get('token')!;
    const preview = await new ApiClient().call(p.previewInvitation, { body: { token } });
    expect(preview.json).toMatchObject({
      email: invitee.email,
      role: 'COLLABORATOR',
      institution: { name: institutions.jp.name, countryCode: 'JP' },
      proposal: { acronym: 'MANGROVE-CR' },
    });
    // Reading does not use the token up; only the lead withdraws.
    expectProblem(
      await japan.client.call(p.revokeInvitation, { params: { id: proposalId, invitationId } }),
      403,
      'forbidden',
    );
    const revoked = await lead.call(p.revokeInvitation, { params: { id: proposalId, invitationId } });
    expect(revoked.json).toMatchObject({ status: 'REVOKED' });
    expectProblem(await new ApiClient().call(p.previewInvitation, { body: { token } }), 410, 'token_invalid');
    expectProblem(await (await loggedIn(invitee)).call(p.acceptInvitation, { body: { token } }), 410, 'token_invalid');
    expectProblem(await lead.call(p.revokeInvitation, { params: { id: proposalId, invitationId } }), 409, 'conflict');
    const audit = await db().auditEvent.findFirst({
      where: { entityId: proposalId, action: 'proposal.invitation_revoked' },
    });
    expect(audit?.data).toMatchObject({ invitationId });
  });

  it('only the lead PI invites; a collaborator must join an existing partner', async () => {
    const { proposalId, japan, institutions } = await consortium();
    const someone = await makeUser({ roles: ['RESEARCHER'] });
    const res = await japan.client.call(p.invite, {
      params: { id: proposalId },
      body: { email: someone.email, role: 'COLLABORATOR', institutionId: institutions.jp.id },
    });
    expectProblem(res, 403, 'forbidden');
  });
});

describe('proposals: visibility', () => {
  it('is seen by its consortium and the managers of its programme, and by nobody else, not even in listings', async () => {
    const { proposalId, manager, leadUser } = await consortium();
    const outsider = await loggedIn(await makeUser({ roles: ['RESEARCHER', 'REVIEWER'] }));
    for (const op of [p.get, p.budget, p.eligibility, p.invitations]) {
      expectProblem(await outsider.call(op, { params: { id: proposalId } }), 404, 'not_found');
    }
    expectProblem(
      await outsider.call(p.updateSection, {
        params: { id: proposalId, key: 'objectives' },
        body: { version: 1, content: 'x' },
      }),
      404,
      'not_found',
    );
    expectProblem(await outsider.call(p.submit, { params: { id: proposalId } }), 404, 'not_found');
    expect(((await outsider.call(p.listMine)).json as unknown[]).length).toBe(0);

    const otherManager = (await openCall()).manager;
    expectProblem(await otherManager.call(p.get, { params: { id: proposalId } }), 404, 'not_found');
    // A draft belongs to the consortium: even the programme's managers see it only once submitted.
    expectProblem(await manager.call(p.get, { params: { id: proposalId } }), 404, 'not_found');
    const lead = await loggedIn(leadUser);
    await fill(lead, proposalId);
    expect((await lead.call(p.submit, { params: { id: proposalId } })).status).toBe(200);
    const ownRes = await manager.call(p.get, { params: { id: proposalId } });
    expect(ownRes.status, JSON.stringify(ownRes.json)).toBe(200);
    expect((ownRes.json as ProposalJson).myRole).toBeNull();
    // A manager reads but does not write.
    expectProblem(
      await manager.call(p.updateSection, {
        params: { id: proposalId, key: 'objectives' },
        body: { version: 1, content: 'x' },
      }),
      403,
      'forbidden',
    );
    expectProblem(await otherManager.call(p.get, { params: { id: proposalId } }), 404, 'not_found');
    const mine = (await lead.call(p.listMine)).json as { id: string }[];
    expect(mine.map((m) => m.id)).toEqual([proposalId]);
  });
});

describe('proposals: collaborative editing', () => {
  it('gives one of two concurrent edits of a section 409 with the current text — never a silent overwrite', async () => {
    const { proposalId, lead, japan } = await consortium();
    const first = await lead.call(p.updateSection, {
      params: { id: proposalId, key: 'objectives' },
      body: { version: 0, content: 'Lead draft' },
    });
    expect(first.json).toMatchObject({ version: 1, content: 'Lead draft' });
    const [a, b] = await Promise.all([
      lead.call(p.updateSection, {
        params: { id: proposalId, key: 'objectives' },
        body: { version: 1, content: 'Lead edit' },
      }),
      japan.client.call(p.updateSection, {
        params: { id: proposalId, key: 'objectives' },
        body: { version: 1, content: 'Japan edit' },
      }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    const winner = a.status === 200 ? a : b;
    const problem = expectProblem(loser, 409, 'conflict');
    expect(problem.errors?.[0]?.params).toMatchObject({
      current: 2,
      content: (winner.json as { content: string }).content,
    });
    expectProblem(
      await lead.call(p.updateSection, {
        params: { id: proposalId, key: 'no_such' },
        body: { version: 0, content: 'x' },
      }),
      404,
      'not_found',
    );
  });

  it('tells the other members live that a section was saved, and by whom (not the one who saved it)', async () => {
    const { proposalId, lead, leadUser, japan } = await consortium();
    const partnerStream = await openStream(japan.client);
    const leadStream = await openStream(lead);
    await partnerStream.next('unread');
    await leadStream.next('unread');
    const saved = await lead.call(p.updateSection, {
      params: { id: proposalId, key: 'objectives' },
      body: { version: 0, content: 'Measure blue carbon at six sites.' },
    });
    expect(saved.status).toBe(200);
    expect(await partnerStream.next('proposal-section')).toEqual({
      proposalId,
      key: 'objectives',
      version: 1,
      by: { id: leadUser.id, displayName: leadUser.displayName },
    });
    // The one who saved hears nothing of it; their next event is the partner's save.
    await japan.client.call(p.updateSection, {
      params: { id: proposalId, key: 'objectives' },
      body: { version: 1, content: 'Measure blue carbon at seven sites.' },
    });
    expect(await leadStream.next<{ version: number; by: { id: string } }>('proposal-section')).toMatchObject({
      version: 2,
      by: { id: japan.user.id },
    });
    partnerStream.close();
    leadStream.close();
  });

  it('keeps a work plan of work packages and milestones checked against the partners and the duration', async () => {
    const { proposalId, lead, japan } = await consortium();
    await fill(lead, proposalId);
    const proposal = (await lead.call(p.get, { params: { id: proposalId } })).json as ProposalJson & {
      workPlanVersion: number;
      partners: { id: string; institution: { countryCode: string } }[];
    };
    const jp = proposal.partners.find((x) => x.institution.countryCode === 'JP')!.id;
    const plan = {
      workPackages: [
        {
          title: 'Field measurements',
          objectives: 'Carbon stocks in six mangrove sites.',
          leadPartnerId: jp,
          startMonth: 1,
          endMonth: 18,
          milestones: [{ title: 'Sites instrumented', dueMonth: 6, verification: 'Data portal online' }],
        },
      ],
    };
    const saved = await japan.client.call(p.setWorkPlan, { params: { id: proposalId }, body: { ...plan, version: 1 } });
    expect(saved.json).toMatchObject({ workPlanVersion: 2, workPlan: plan });
    expectProblem(
      await lead.call(p.setWorkPlan, { params: { id: proposalId }, body: { ...plan, version: 1 } }),
      409,
      'conflict',
    );
    const bad = expectProblem(
      await lead.call(p.setWorkPlan, {
        params: { id: proposalId },
        body: {
          version: 2,
          workPackages: [
            {
              ...plan.workPackages[0],
              leadPartnerId: '00000000-0000-7000-8000-000000000000',
              endMonth: 40,
              milestones: [{ title: 'Late', dueMonth: 41, verification: '' }],
            },
          ],
        },
      }),
      400,
      'validation_failed',
    );
    expect(bad.errors?.map((x) => x.path)).toEqual([
      'body.workPackages.0.leadPartnerId',
      'body.workPackages.0.endMonth',
      'body.workPackages.0.milestones.0.dueMonth',
    ]);
    // The submitted snapshot keeps the plan.
    await lead.call(p.submit, { params: { id: proposalId } });
    const snapshot = await db().proposalSubmission.findFirstOrThrow({ where: { proposalId } });
    expect((snapshot.snapshot as { proposal: { workPlan: unknown } }).proposal.workPlan).toEqual(plan);
  });

  it('computes budget totals on the server in exact decimals, converted at the call’s fixed rates', async () => {
    const { proposalId, lead } = await consortium();
    const budget = await fill(lead, proposalId);
    // MYR 120000.10 × 0.22 = 26400.02 (+25 % indirect on personnel and travel = 33000.03)
    // JPY 5,000,000 × 0.0067 = 33500.00 (equipment: no indirect)
    // THB 300000.30 × 0.028 = 8400.0084 (+25 %) = 10500.0105 → 10500.01
    expect(budget.summary.grandTotal).toBe('77000.04');
    const years = Object.fromEntries(budget.summary.byYear.map((y) => [y.year, y.total]));
    expect(Number(years[1]) + Number(years[2])).toBeCloseTo(77000.04, 2);
    const stale = await lead.call(p.setBudget, { params: { id: proposalId }, body: { version: 1, lines: [] } });
    expectProblem(stale, 409, 'conflict');
    const unknown = await lead.call(p.setBudget, {
      params: { id: proposalId },
      body: {
        version: budget.version,
        lines: [{ partnerId: '00000000-0000-7000-8000-000000000009', year: 1, category: 'TRAVEL', amount: '1.00' }],
      },
    });
    expect(expectProblem(unknown, 400, 'validation_failed').errors?.[0]?.path).toBe('body.lines.0.partnerId');
    const float = await lead.call(p.setBudget, {
      params: { id: proposalId },
      body: {
        version: budget.version,
        lines: [{ partnerId: '00000000-0000-7000-8000-000000000009', year: 1, category: 'TRAVEL', amount: 0.1 }],
      },
    });
    expectProblem(float, 400, 'validation_failed');
  });
});

describe('proposals: eligibility and submission', () => {
  it('reports each failed rule live, and refuses to submit until they pass', async () => {
    const { proposalId, lead } = await consortium();
    const report = (await lead.call(p.eligibility, { params: { id: proposalId } })).json as {
      eligible: boolean;
      results: { code: string; passed: boolean }[];
    };
    expect(report.eligible).toBe(false);
    const failed = report.results.filter((r) => !r.passed).map((r) => r.code);
    expect(failed).toEqual(expect.arrayContaining(['eligibility.duration_max', 'eligibility.sections_complete']));
    expect(failed).not.toContain('eligibility.min_partners_in_countries');
    const refused = await lead.call(p.submit, { params: { id: proposalId } });
    expect(expectProblem(refused, 400, 'validation_failed').errors?.map((e) => e.path)).toContain(
      'eligibility.sections_complete',
    );
  });

  it('submits an eligible proposal: an immutable snapshot, receipts to the submitter and every partner PI; resubmission makes a new one', async () => {
    const { proposalId, lead, leadUser, japan, thailand } = await consortium();
    await fill(lead, proposalId);
    expect(
      ((await lead.call(p.eligibility, { params: { id: proposalId } })).json as { eligible: boolean }).eligible,
    ).toBe(true);
    expectProblem(await japan.client.call(p.submit, { params: { id: proposalId } }), 403, 'forbidden');

    const first = await lead.call(p.submit, { params: { id: proposalId } });
    expect(first.json).toMatchObject({ status: 'SUBMITTED', submissions: [{ number: 1 }] });
    for (const user of [leadUser, japan.user, thailand.user]) {
      await waitForMail(user.email, (m) => m.subject.includes('MANGROVE-CR submitted'));
    }

    const proposal = (await lead.call(p.get, { params: { id: proposalId } })).json as ProposalJson;
    const objectives = proposal.sections.find((s) => s.key === 'objectives')!;
    await lead.call(p.updateSection, {
      params: { id: proposalId, key: 'objectives' },
      body: { version: objectives.version, content: 'Revised objectives.' },
    });
    const second = await lead.call(p.submit, { params: { id: proposalId } });
    expect((second.json as ProposalJson).submissions.map((s) => s.number)).toEqual([1, 2]);

    const snap1 = (await japan.client.call(p.submission, { params: { id: proposalId, number: '1' } })).json as {
      snapshot: {
        proposal: { sections: { key: string; content: string }[] };
        budget: { summary: { grandTotal: string } };
      };
    };
    expect(snap1.snapshot.proposal.sections.find((s) => s.key === 'objectives')?.content).toContain('Our objectives');
    expect(snap1.snapshot.budget.summary.grandTotal).toBe('77000.04');
    const snap2 = (await lead.call(p.submission, { params: { id: proposalId, number: '2' } })).json as typeof snap1;
    expect(snap2.snapshot.proposal.sections.find((s) => s.key === 'objectives')?.content).toBe('Revised objectives.');
    await expect(
      db().proposalSubmission.updateMany({ where: { proposalId }, data: { snapshot: {} } }),
    ).rejects.toThrow();

    const withdrawn = await lead.call(p.withdraw, { params: { id: proposalId } });
    expect(withdrawn.json).toMatchObject({ status: 'WITHDRAWN' });
  });

  it('refuses a submission one second after the deadline, by server time', async () => {
    const { proposalId, lead } = await consortium({ closesInMs: 25_000 });
    await fill(lead, proposalId);
    const closesAt = Date.parse(
      ((await lead.call(p.get, { params: { id: proposalId } })).json as { call: { closesAt: string } }).call.closesAt,
    );
    await new Promise((r) => setTimeout(r, Math.max(0, closesAt - Date.now() + 1000)));
    const late = await lead.call(p.submit, { params: { id: proposalId } });
    expectProblem(late, 409, 'call_closed');
    expect(await db().proposalSubmission.count({ where: { proposalId } })).toBe(0);
    expectProblem(
      await lead.call(p.updateSection, {
        params: { id: proposalId, key: 'objectives' },
        body: { version: 1, content: 'late' },
      }),
      409,
      'call_closed',
    );
  }, 60_000);

  it('refuses to start a proposal on a call that is not open yet', async () => {
    const { callId } = await openCall({ opensInMs: 3_600_000, closesInMs: 7_200_000 });
    const lead = await loggedIn(await makeUser({ roles: ['RESEARCHER'] }));
    const res = await lead.call(p.create, {
      body: {
        callId,
        title: 'Too early',
        acronym: 'EARLY',
        theme: 'climate_change',
        institutionId: (await institution('MY')).id,
      },
    });
    expectProblem(res, 409, 'call_not_open');
  });
});

describe('proposals: comments per section', () => {
  it('members comment and resolve; managers read them once submitted; outsiders see nothing', async () => {
    const { proposalId, lead, japan, manager } = await consortium();
    const added = await japan.client.call(p.addComment, {
      params: { id: proposalId, key: 'objectives' },
      body: { body: 'Add the blue-carbon baseline from the Tokyo team.' },
    });
    expect(added.status).toBe(201);
    const comment = added.json as { id: string; author: { displayName: string } };
    const list = (await lead.call(p.comments, { params: { id: proposalId, key: 'objectives' } })).json as {
      body: string;
    }[];
    expect(list.map((c) => c.body)).toEqual(['Add the blue-carbon baseline from the Tokyo team.']);
    const resolved = await lead.call(p.resolveComment, { params: { id: proposalId, commentId: comment.id } });
    expect((resolved.json as { resolvedAt: string | null }).resolvedAt).not.toBeNull();

    expectProblem(await manager.call(p.comments, { params: { id: proposalId, key: 'objectives' } }), 404, 'not_found');
    const outsider = await loggedIn(await makeUser({ roles: ['RESEARCHER'] }));
    expectProblem(await outsider.call(p.comments, { params: { id: proposalId, key: 'objectives' } }), 404, 'not_found');
    expectProblem(
      await outsider.call(p.addComment, { params: { id: proposalId, key: 'objectives' }, body: { body: 'spam' } }),
      404,
      'not_found',
    );
    expectProblem(
      await lead.call(p.addComment, { params: { id: proposalId, key: 'objectives' }, body: { body: '  ' } }),
      400,
      'validation_failed',
    );
    expectProblem(await lead.call(p.comments, { params: { id: proposalId, key: 'no_such' } }), 404, 'not_found');
  });
});
