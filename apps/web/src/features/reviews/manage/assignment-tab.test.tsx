import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { AssignmentBoard } from '../../../api/reviews';
import { CALL_ID, makeCall } from '../../../test/calls';
import { PROPOSAL_ID, problem } from '../../../test/proposals';
import { jsonResponse, makeMe, renderWithApp } from '../../../test/render';
import { ASSIGNMENT_ID } from '../../../test/reviews';
import { AssignmentTab } from './assignment-tab';

const AIKO = 'e3f4a5b6-c7d8-4e9f-8a0b-1c2d3e4f5a6b';
const SOMCHAI = 'f4a5b6c7-d8e9-4f0a-9b1c-2d3e4f5a6b7c';

function makeBoard(): AssignmentBoard {
  return {
    reviewersPerProposal: 3,
    lastRun: {
      jobRunId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      status: 'SUCCEEDED',
      finishedAt: '2026-04-02T03:00:00.000Z',
      result: {
        feasible: false,
        objective: 2.345,
        assigned: 5,
        proposals: 2,
        reviewers: 3,
        solveMs: 12,
        infeasibility: {
          proposals: [
            {
              id: PROPOSAL_ID,
              acronym: 'MANGROVE-CR',
              assigned: 1,
              required: 3,
              code: 'too_few_candidates',
              params: { usable: 1, candidates: 2, conflicted: 1, required: 3 },
              reason: 'only 1 candidate without a conflict (1 of 2 have a conflict)',
              otherCauses: [
                {
                  code: 'no_outside_candidate',
                  params: { countries: 'MY, JP' },
                  reason: 'no candidate without a conflict from outside the consortium countries (MY, JP)',
                },
              ],
            },
          ],
          reviewers: [],
          global: [
            {
              code: 'total_capacity_short',
              params: { capacity: 5, places: 6, proposals: 2 },
              reason: 'the reviewers can take 5 reviews in all (sum of maxLoad), but the 2 proposals need 6',
            },
          ],
        },
      },
      error: null,
    },
    proposals: [
      {
        id: PROPOSAL_ID,
        acronym: 'MANGROVE-CR',
        title: 'Mangrove carbon and coastal resilience',
        countries: ['MY', 'JP'],
        assignments: [
          {
            id: ASSIGNMENT_ID,
            status: 'PROPOSED',
            ordinal: 1,
            reviewer: { id: AIKO, displayName: 'Aiko Tanaka', institution: 'Tohoku University', countryCode: 'JP' },
            affinity: 0.812,
            matchedTerms: [
              { term: 'mangrove', weight: 0.41 },
              { term: 'blue carbon', weight: 0.22 },
            ],
            manual: false,
            invitedAt: null,
            respondedAt: null,
            declineReason: null,
            reviewStatus: 'NONE',
          },
        ],
      },
    ],
    reviewers: [
      { id: AIKO, displayName: 'Aiko Tanaka', load: 1, maxLoad: 4 },
      { id: SOMCHAI, displayName: 'Somchai P.', load: 4, maxLoad: 4 },
    ],
  };
}

function stubApi(addAnswer: () => Response) {
  const posts: { url: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn<typeof fetch>(async (input, init) => {
      const url = String(input);
      if (url.startsWith('/api/reference/')) return jsonResponse(200, []);
      if (url === `/api/calls/${CALL_ID}/assignments` && (init?.method ?? 'GET') === 'GET') {
        return jsonResponse(200, makeBoard());
      }
      if (url === `/api/calls/${CALL_ID}/assignments` && init?.method === 'POST') {
        posts.push({ url, body: JSON.parse(String(init.body)) });
        return addAnswer();
      }
      throw new Error(`Unexpected ${init?.method ?? 'GET'} ${url}`);
    }),
  );
  return posts;
}

describe('AssignmentTab', () => {
  it('shows the last run’s result with why it was infeasible, and each pair’s affinity and matched terms', async () => {
    stubApi(() => jsonResponse(500, problem(500, 'internal')));
    renderWithApp(<AssignmentTab call={makeCall({ status: 'CLOSED' })} />, { me: makeMe() });
    const result = await screen.findByTestId('assignment-run-result');
    expect(result.getAttribute('data-feasible')).toBe('false');
    expect(result.textContent).toContain('Total affinity: 2.345');
    const report = within(result).getByTestId('infeasibility-report');
    expect(report.textContent).toContain('MANGROVE-CR: 1 of 3 reviewers.');
    // Causes are translated from their codes and params, not shown in the API's English.
    expect(report.textContent).toContain('Candidates without a conflict: 1 (1 of 2 have a conflict); it needs 3.');
    expect(report.textContent).toContain(
      'No candidate without a conflict comes from outside the consortium’s countries (Malaysia and Japan).',
    );
    expect(report.textContent).toContain(
      'The reviewers can take 5 reviews in all, but the proposals needing reviewers (2) need 6.',
    );
    expect(report.textContent).not.toContain('sum of maxLoad');

    const row = screen.getByTestId('board-assignment');
    expect(row.textContent).toContain('Reviewer 1 (Aiko Tanaka)');
    expect(row.textContent).toContain('0.812');
    const chips = within(row)
      .getAllByRole('listitem')
      .map((chip) => chip.textContent);
    expect(chips).toEqual(['mangrove 0.410', 'blue carbon 0.220']);
    expect(screen.getByRole('button', { name: 'Send invitations (1)' })).toBeDefined();
    // Each proposal opens its panel (reviews with names, discussion, consensus).
    expect(screen.getByRole('link', { name: 'Open the panel of MANGROVE-CR' }).getAttribute('href')).toBe(
      `/manage/calls/${CALL_ID}/review/panels/${PROPOSAL_ID}`,
    );
  });

  it('shows why the last run failed, apart from its result', async () => {
    const board = makeBoard();
    board.lastRun = { ...board.lastRun!, status: 'FAILED', result: null, error: 'The solver ran out of time' };
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>(async (input) =>
        String(input).startsWith('/api/reference/') ? jsonResponse(200, []) : jsonResponse(200, board),
      ),
    );
    renderWithApp(<AssignmentTab call={makeCall({ status: 'CLOSED' })} />, { me: makeMe() });
    expect((await screen.findByTestId('last-run-error')).textContent).toContain('The solver ran out of time');
    expect(screen.queryByTestId('assignment-run-result')).toBeNull();
  });

  it('adds a reviewer by hand and shows the API’s reason when it refuses (409)', async () => {
    const posts = stubApi(() =>
      jsonResponse(409, {
        ...problem(409, 'conflict'),
        detail: 'This reviewer has no load left (4 of 4)',
      }),
    );
    const user = userEvent.setup();
    renderWithApp(<AssignmentTab call={makeCall({ status: 'CLOSED' })} />, { me: makeMe() });
    const select = await screen.findByRole('combobox', { name: 'Add a reviewer' });
    // Reviewers already on the proposal are not offered again.
    expect(within(select).queryByRole('option', { name: /Aiko/ })).toBeNull();
    await user.selectOptions(select, SOMCHAI);
    await user.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]?.body).toEqual({ proposalId: PROPOSAL_ID, reviewerId: SOMCHAI });
    expect((await screen.findByTestId('add-assignment-error')).textContent).toContain(
      'This reviewer has no load left (4 of 4)',
    );
  });
});
