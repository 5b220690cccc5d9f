import type { Panel } from '@kizuna/shared';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { CALL_ID, makeCall, PROGRAMME_ID } from '../../../test/calls';
import { PROPOSAL_ID } from '../../../test/proposals';
import { jsonResponse, makeMe, renderWithApp } from '../../../test/render';
import { RUBRIC } from '../../../test/reviews';
import { ManagerPanelPage } from './manager-panel-page';

const PANEL: Panel = {
  proposal: { id: PROPOSAL_ID, acronym: 'MANGROVE-CR', title: 'Mangrove carbon and coastal resilience' },
  reviews: [
    {
      reviewer: { kind: 'reviewer', ordinal: 1, name: 'Aiko Tanaka', me: false },
      weightedScore: 3.9,
      content: {
        scores: { excellence: 4, impact: 3, implementation: 5 },
        commentsToApplicants: 'Sound design.',
        confidentialComments: '',
        confidence: 4,
        recommendation: 'FUND',
      },
      submittedAt: '2026-04-01T00:00:00.000Z',
    },
  ],
  messages: [],
  consensus: null,
};

const REVIEW = PANEL.reviews[0]!;
const TWO_REVIEWERS: Panel = {
  ...PANEL,
  reviews: [REVIEW, { ...REVIEW, reviewer: { kind: 'reviewer', ordinal: 2, name: 'Somchai Wong', me: false } }],
  consensus: {
    rapporteur: REVIEW.reviewer,
    body: 'A first draft.',
    status: 'PROPOSED',
    version: 2,
    approvals: [],
    awaiting: [{ kind: 'reviewer', ordinal: 2, name: 'Somchai Wong', me: false }],
    iApproved: false,
  },
};

function renderPage(
  me = makeMe({ roles: [{ role: 'PROGRAMME_MANAGER', programmeId: PROGRAMME_ID }] }),
  panel: Panel = PANEL,
  onPut: (body: unknown) => Response = () => jsonResponse(500, {}),
) {
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = String(input);
    if (url === `/api/calls/${CALL_ID}`) return jsonResponse(200, makeCall({ status: 'IN_REVIEW', rubric: RUBRIC }));
    if (init?.method === 'PUT' && url === `/api/panels/${PROPOSAL_ID}/rapporteur`) {
      return onPut(JSON.parse(String(init.body)));
    }
    if (url === `/api/panels/${PROPOSAL_ID}`) return jsonResponse(200, panel);
    return jsonResponse(200, []);
  });
  vi.stubGlobal('fetch', fetchMock);
  renderWithApp(
    <Routes>
      <Route path="/manage/calls/:callId/review/panels/:proposalId" element={<ManagerPanelPage />} />
    </Routes>,
    { route: `/manage/calls/${CALL_ID}/review/panels/${PROPOSAL_ID}`, me },
  );
  return fetchMock;
}

describe('ManagerPanelPage', () => {
  it('shows a manager of the programme the panel with the reviewers’ names', async () => {
    renderPage();
    expect(await screen.findByRole('heading', { level: 1, name: /^Panel\s*·\s*MANGROVE-CR$/ })).toBeDefined();
    expect((await screen.findByTestId('panel-review-author')).textContent).toBe('Reviewer 1 (Aiko Tanaka)');
    expect(screen.getByTestId('review-panel').getAttribute('data-viewer')).toBe('manager');
    expect(screen.getByRole('link', { name: 'Ranking & decisions' }).getAttribute('href')).toBe(
      `/manage/calls/${CALL_ID}/review/ranking`,
    );
  });

  it('lets the manager hand the consensus report to another reviewer of the panel', async () => {
    const sent: unknown[] = [];
    const me = makeMe({ roles: [{ role: 'PROGRAMME_MANAGER', programmeId: PROGRAMME_ID }] });
    renderPage(me, TWO_REVIEWERS, (body) => {
      sent.push(body);
      const second = TWO_REVIEWERS.reviews[1]!.reviewer;
      return jsonResponse(200, {
        ...TWO_REVIEWERS,
        consensus: { ...TWO_REVIEWERS.consensus!, rapporteur: second, status: 'DRAFT', version: 3, awaiting: [] },
      });
    });
    const picker = await screen.findByLabelText('Choose the rapporteur');
    const make = screen.getByRole('button', { name: 'Make rapporteur' });
    expect(make.hasAttribute('disabled')).toBe(true); // Reviewer 1 already is
    await userEvent.selectOptions(picker, 'Reviewer 2 (Somchai Wong)');
    await userEvent.click(make);
    expect(await screen.findByText('Reviewer 2 (Somchai Wong) now writes the report.')).toBeDefined();
    expect(sent).toEqual([{ ordinal: 2 }]);
    await waitFor(() =>
      expect(screen.getByTestId('consensus-rapporteur').textContent).toContain('Reviewer 2 (Somchai Wong)'),
    );
  });

  it('offers no choice once the report is approved', async () => {
    renderPage(undefined, { ...TWO_REVIEWERS, consensus: { ...TWO_REVIEWERS.consensus!, status: 'APPROVED' } });
    expect(await screen.findByTestId('consensus-rapporteur')).toBeDefined();
    expect(screen.queryByTestId('rapporteur-picker')).toBeNull();
  });

  it('is forbidden to managers of other programmes, without asking for the panel', async () => {
    const fetchMock = renderPage(
      makeMe({ roles: [{ role: 'PROGRAMME_MANAGER', programmeId: '0b8f7a3c-1d2e-4f5a-8b6c-7d8e9f0a1b2c' }] }),
    );
    expect(await screen.findByTestId('forbidden')).toBeDefined();
    expect(fetchMock.mock.calls.some(([url]) => String(url).startsWith('/api/panels/'))).toBe(false);
  });
});
