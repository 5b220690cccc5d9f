import { contract } from '@kizuna/shared';
import { describe, expect, it } from 'vitest';
import { useBrowser } from '../support/browser.js';
import { waitForMail } from '../support/mail.js';
import { board, callInReview, poolReviewer } from '../support/reviews.js';

/*
 * The review of a closed call in the browser, against the built API serving the built web app: the manager runs the
 * assignment and watches its progress, sends the invitations; a reviewer accepts with the one-click link, scores the
 * proposal on the rubric and submits; after the two others (through the API) the panel discusses, the rapporteur
 * proposes the consensus report and the others approve it; the manager ranks, decides and releases; the applicant
 * reads the decision.
 */

const WAIT = { timeout: 30_000 };
const REPORT = 'The panel agrees the field design is strong; the equipment budget should be trimmed in year one.';

const { open, pageErrors } = useBrowser();

describe('review in the browser', () => {
  it('assignment with progress, one-click acceptance, scoring, discussion, consensus, ranking, decision and release', async () => {
    const call = await callInReview([
      {
        acronym: 'RICE-CH4',
        title: 'Cutting methane from flooded rice paddies',
        abstract: 'Alternate wetting and drying of rice paddy fields to reduce methane emissions in the Mekong delta.',
        keywords: ['rice', 'methane', 'paddy'],
      },
    ]);
    const proposal = call.proposals[0]!;
    const reviewers = [
      await poolReviewer(call.manager, call.callId, {
        country: 'VN',
        nth: 0,
        keywords: ['rice', 'methane'],
        expertise: 'Greenhouse gas emissions from rice agriculture.',
      }),
      await poolReviewer(call.manager, call.callId, {
        country: 'PH',
        nth: 0,
        keywords: ['paddy', 'irrigation'],
        expertise: 'Water management in paddy fields.',
      }),
      await poolReviewer(call.manager, call.callId, {
        country: 'SG',
        nth: 0,
        keywords: ['methane', 'emissions'],
        expertise: 'Measuring methane fluxes.',
      }),
    ];

    // The manager computes the assignment and watches the job.
    const manager = await open(call.managerUser);
    await manager.goto(`/manage/calls/${call.callId}/review/assignment`);
    await manager.getByRole('button', { name: 'Compute the assignment' }).click();
    await manager.getByTestId('job-progress').waitFor(WAIT);
    await manager.locator('[data-testid="assignment-run-result"][data-feasible="true"]').first().waitFor(WAIT);
    await expect
      .poll(() => manager.locator('[data-testid="board-assignment"][data-status="PROPOSED"]').count(), WAIT)
      .toBe(3);
    await manager.getByTestId('matched-terms').first().waitFor(WAIT);
    await manager.getByRole('button', { name: 'Send invitations (3)' }).click();
    await manager.getByRole('button', { name: 'Send 3 invitations' }).click();
    await expect
      .poll(() => manager.locator('[data-testid="board-assignment"][data-status="INVITED"]').count(), WAIT)
      .toBe(3);

    // The first reviewer (Reviewer 1, the rapporteur) accepts with the emailed one-click link and reviews in the app.
    const pairs = (await board(call.manager, call.callId)).proposals[0]!.assignments.sort(
      (a, b) => a.ordinal - b.ordinal,
    );
    const byUser = (id: string) => reviewers.find((r) => r.user.id === id)!;
    const first = byUser(pairs[0]!.reviewer.id);
    const [mail] = await waitForMail(first.user.email, (m) => m.text.includes('answer=accept'));
    const accept = mail!.text.match(/https?:\/\/\S+\/review-invitations\?token=[\w-]+&answer=accept/)![0];
    const reviewer = await open(first.user);
    await reviewer.goto(new URL(accept).pathname + new URL(accept).search);
    await reviewer.locator('[data-testid="review-invitation-page"][data-state="accepted"]').waitFor(WAIT);
    await reviewer.getByRole('link', { name: 'Open the proposal and review it' }).click();
    await reviewer.getByTestId('review-form').waitFor(WAIT);
    expect(await reviewer.getByText('Cutting methane from flooded rice paddies').count()).toBeGreaterThan(0);
    for (const [criterion, score] of [
      ['excellence', '4'],
      ['impact', '5'],
      ['implementation', '3'],
    ] as const) {
      await reviewer.getByTestId(`criterion-${criterion}`).getByLabel(score, { exact: true }).check();
    }
    await reviewer
      .getByLabel('Comments to the applicants')
      .fill('A convincing plan to measure and cut methane; the field sites are well chosen.');
    await reviewer.getByTestId('review-confidence').locator('input').nth(3).check();
    await reviewer.getByTestId('review-recommendation').locator('input').first().check();
    await reviewer.locator('[data-testid="review-save-status"][data-status="saved"]').waitFor(WAIT);
    await reviewer.getByRole('button', { name: 'Submit the review' }).click();
    await reviewer.getByRole('button', { name: 'Submit again' }).waitFor(WAIT);

    // The two others accept and submit through the API.
    for (const pair of pairs.slice(1)) {
      const client = byUser(pair.reviewer.id).client;
      expect(
        (await client.call(contract.reviewer.respond, { params: { id: pair.id }, body: { accept: true } })).status,
      ).toBe(200);
      await client.call(contract.reviewer.saveReview, {
        params: { id: pair.id },
        body: {
          scores: { excellence: 3, impact: 4, implementation: 4 },
          commentsToApplicants: 'Solid consortium and a clear plan, with a few open questions on data sharing.',
          confidentialComments: 'The Thai partner is thin.',
          confidence: 3,
          recommendation: 'FUND',
          version: 0,
        },
      });
      expect(
        (await client.call(contract.reviewer.submitReview, { params: { id: pair.id }, body: { version: 1 } })).status,
      ).toBe(200);
    }

    // The panel: Reviewer 1 reads the others as "Reviewer n", posts to the discussion and proposes the consensus.
    await reviewer.reload();
    const panel = reviewer.getByTestId('review-panel');
    await panel.waitFor(WAIT);
    await expect.poll(() => panel.getByTestId('panel-review').count(), WAIT).toBe(3);
    const authors = await panel.getByTestId('panel-review-author').allTextContents();
    for (const other of pairs.slice(1)) {
      expect(authors.join(' ')).toContain(`Reviewer ${other.ordinal}`);
      expect(authors.join(' ')).not.toContain(byUser(other.reviewer.id).user.displayName);
    }
    await panel.getByLabel('Your message').fill('Shall we ask them to trim the equipment budget?');
    await panel.getByRole('button', { name: 'Post' }).click();
    await panel.getByTestId('panel-message').getByText('Shall we ask them to trim the equipment budget?').waitFor(WAIT);

    // The manager hands the pen to Reviewer 2 and back on the panel page; Reviewer 1's open page follows live.
    await manager.goto(`/manage/calls/${call.callId}/review/panels/${proposal.proposalId}`);
    const managed = manager.getByTestId('review-panel');
    await managed
      .getByTestId('panel-message')
      .getByText('Shall we ask them to trim the equipment budget?')
      .waitFor(WAIT);
    const second = byUser(pairs[1]!.reviewer.id).user.displayName;
    const handTo = async (ordinal: number, name: string) => {
      await managed.getByLabel('Choose the rapporteur').selectOption({ label: `Reviewer ${ordinal} (${name})` });
      await managed.getByRole('button', { name: 'Make rapporteur' }).click();
      await managed.getByText(`Reviewer ${ordinal} (${name}) now writes the report.`).waitFor(WAIT);
    };
    await handTo(pairs[1]!.ordinal, second);
    await panel.getByTestId('consensus-rapporteur').getByText(`Reviewer ${pairs[1]!.ordinal}`).waitFor(WAIT);
    expect(await panel.getByRole('textbox', { name: 'Consensus report' }).count()).toBe(0);
    await handTo(pairs[0]!.ordinal, first.user.displayName);
    await panel.getByRole('textbox', { name: 'Consensus report' }).waitFor(WAIT);
    expect(await panel.getByTestId('consensus-rapporteur').textContent()).toContain('You are the rapporteur');

    await panel.getByRole('textbox', { name: 'Consensus report' }).fill(REPORT);
    await panel.getByRole('button', { name: 'Propose to the panel' }).click();
    await expect
      .poll(
        async () =>
          (await call.manager.call(contract.reviewer.panel, { params: { id: proposal.proposalId } })).json.consensus
            ?.status,
        WAIT,
      )
      .toBe('PROPOSED');
    for (const pair of pairs.slice(1)) {
      const client = byUser(pair.reviewer.id).client;
      const state = (await client.call(contract.reviewer.panel, { params: { id: proposal.proposalId } })).json as {
        consensus: { version: number };
      };
      const approved = await client.call(contract.reviewer.approveConsensus, {
        params: { id: proposal.proposalId },
        body: { version: state.consensus.version },
      });
      expect(approved.status).toBe(200);
    }

    // The manager ranks, decides and releases.
    await manager.goto(`/manage/calls/${call.callId}/review/ranking`);
    const row = manager.getByTestId('ranking-row').first();
    await row.waitFor(WAIT);
    expect(await row.getByTestId('raw-mean').textContent()).toMatch(/\d/);
    expect(await row.getByTestId('calibrated').textContent()).toMatch(/\d/);
    await manager.getByRole('button', { name: 'Decide on RICE-CH4' }).click();
    const dialog = manager.getByTestId('decision-dialog');
    await dialog.getByLabel('Reason').fill('First in the calibrated ranking, within every envelope.');
    await dialog.getByRole('button', { name: 'Save the decision' }).click();
    await row.getByTestId('decision').waitFor(WAIT);
    await manager.getByRole('button', { name: 'Release the decisions' }).click();
    await manager.getByTestId('release-dialog').getByRole('button', { name: 'Release the decisions' }).click();
    await manager.getByTestId('decisions-released').waitFor(WAIT);

    // The applicant reads the decision, the consensus and the comments — not the confidential ones.
    const applicant = await open(proposal.leadUser);
    await applicant.goto(`/proposals/${proposal.proposalId}/outcome`);
    await applicant.locator('[data-testid="outcome"][data-outcome="FUNDED"]').waitFor(WAIT);
    expect(await applicant.getByTestId('outcome-consensus').textContent()).toContain(REPORT);
    expect(await applicant.getByTestId('outcome-review').count()).toBe(3);
    const text = (await applicant.locator('main').textContent()) ?? '';
    expect(text).not.toContain('The Thai partner is thin.');
    for (const r of reviewers) expect(text).not.toContain(r.user.displayName);
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
