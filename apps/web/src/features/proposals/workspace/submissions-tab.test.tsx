import { computeBudget } from '@kizuna/shared';
import { screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { Submission } from '../../../api/proposals';
import { COUNTRIES } from '../../../test/calls';
import { MY_PARTNER, makeProposal, PROPOSAL_ID, proposalCall } from '../../../test/proposals';
import { jsonResponse, makeMe, renderWithApp } from '../../../test/render';
import { budgetInput } from './budget-model';
import { SubmissionsTab } from './submissions-tab';

const call = proposalCall();
const SUBMISSIONS = [
  { number: 1, submittedAt: '2026-11-20T02:00:00.000Z' },
  { number: 2, submittedAt: '2026-11-25T02:00:00.000Z' },
];

function submission(number: number, objectives: string, amount: string): Submission {
  const full = makeProposal({
    myRole: null,
    status: 'SUBMITTED',
    sections: [
      { key: 'objectives', content: objectives, version: number, updatedAt: null },
      { key: 'work_plan', content: 'Three work packages.', version: 1, updatedAt: null },
    ],
    workPlan: {
      workPackages: [
        {
          title: 'Field surveys',
          objectives: '',
          leadPartnerId: MY_PARTNER,
          startMonth: 1,
          endMonth: 6,
          milestones: [{ title: 'Sites chosen', dueMonth: 3, verification: 'Site report' }],
        },
      ],
    },
  });
  // Submission 1 was made before work plans existed: its snapshot has none.
  const { workPlan: _workPlan, workPlanVersion: _version, ...older } = full;
  const proposal = number === 1 ? older : full;
  const lines = [{ partnerId: MY_PARTNER, year: 1, category: 'PERSONNEL' as const, amount }];
  return {
    number,
    submittedAt: SUBMISSIONS[number - 1]!.submittedAt,
    snapshot: {
      proposal,
      budget: { lines, summary: computeBudget(budgetInput(proposal, call, lines)) },
      eligibility: { eligible: true, results: [] },
    },
  };
}

function renderTab(route: string) {
  vi.stubGlobal(
    'fetch',
    vi.fn<typeof fetch>(async (input) => {
      const url = String(input);
      if (url === '/api/reference/countries') return jsonResponse(200, COUNTRIES);
      if (url === `/api/proposals/${PROPOSAL_ID}/submissions/1`) {
        return jsonResponse(200, submission(1, 'Measure blue carbon.', '100000.00'));
      }
      if (url === `/api/proposals/${PROPOSAL_ID}/submissions/2`) {
        return jsonResponse(200, submission(2, 'Measure blue carbon in three countries.', '120000.00'));
      }
      throw new Error(`Unexpected ${url}`);
    }),
  );
  return renderWithApp(
    <Routes>
      <Route
        path="/proposals/:id/submissions"
        element={
          <SubmissionsTab
            proposal={makeProposal({ status: 'SUBMITTED', submissions: SUBMISSIONS })}
            call={call}
            tabHref={(tab) => `/proposals/${PROPOSAL_ID}/${tab}`}
          />
        }
      />
    </Routes>,
    { route, me: makeMe() },
  );
}

describe('SubmissionsTab', () => {
  it('shows one submission as it was frozen', async () => {
    renderTab(`/proposals/${PROPOSAL_ID}/submissions?number=1`);
    const snapshot = await screen.findByTestId('snapshot');
    expect(within(snapshot).getByTestId('snapshot-section-objectives').textContent).toContain('Measure blue carbon.');
    expect(within(snapshot).getByTestId('budget-summary').getAttribute('data-source')).toBe('snapshot');
    expect(screen.getAllByTestId('submission-item').map((li) => li.getAttribute('data-number'))).toEqual(['2', '1']);
  });

  it('compares two submissions section by section, with the budget grand totals', async () => {
    renderTab(`/proposals/${PROPOSAL_ID}/submissions?a=2&b=1`);
    const comparison = await screen.findByTestId('comparison');
    expect(within(comparison).getByRole('heading').textContent).toBe('Submission 1 compared with submission 2');
    expect(within(comparison).getByTestId('compare-section-objectives').getAttribute('data-change')).toBe('changed');
    expect(within(comparison).getByTestId('compare-section-work_plan').getAttribute('data-change')).toBe('unchanged');
    expect(within(comparison).getByTestId('compare-field-title').getAttribute('data-change')).toBe('unchanged');
    const budget = within(comparison).getByTestId('compare-budget');
    expect(budget.getAttribute('data-change')).toBe('changed');
    // 100,000 and 120,000 MYR at 0.22 USD, with 25 % indirect costs: 27,500 → 33,000 USD.
    expect(budget.textContent).toContain('US$27,500.00 → US$33,000.00');
    expect(budget.textContent).toContain('+US$5,500.00');
  });

  it('shows the work plan as submitted, and nothing for a snapshot made before work plans existed', async () => {
    const { unmount } = renderTab(`/proposals/${PROPOSAL_ID}/submissions?number=2`);
    const plan = await screen.findByTestId('snapshot-work-plan');
    expect(plan.textContent).toContain('Work package 1: Field surveys');
    expect(plan.textContent).toContain('Sites chosen');
    expect(plan.textContent).toContain('Universiti Malaya');
    unmount();

    renderTab(`/proposals/${PROPOSAL_ID}/submissions?number=1`);
    expect(await screen.findByTestId('snapshot')).toBeDefined();
    expect(screen.queryByTestId('snapshot-work-plan')).toBeNull();
  });
});
