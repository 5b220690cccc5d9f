import type { Panel } from '@kizuna/shared';
import { screen } from '@testing-library/react';
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

function renderPage(me = makeMe({ roles: [{ role: 'PROGRAMME_MANAGER', programmeId: PROGRAMME_ID }] })) {
  const fetchMock = vi.fn<typeof fetch>(async (input) => {
    const url = String(input);
    if (url === `/api/calls/${CALL_ID}`) return jsonResponse(200, makeCall({ status: 'IN_REVIEW', rubric: RUBRIC }));
    if (url === `/api/panels/${PROPOSAL_ID}`) return jsonResponse(200, PANEL);
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

  it('is forbidden to managers of other programmes, without asking for the panel', async () => {
    const fetchMock = renderPage(
      makeMe({ roles: [{ role: 'PROGRAMME_MANAGER', programmeId: '0b8f7a3c-1d2e-4f5a-8b6c-7d8e9f0a1b2c' }] }),
    );
    expect(await screen.findByTestId('forbidden')).toBeDefined();
    expect(fetchMock.mock.calls.some(([url]) => String(url).startsWith('/api/panels/'))).toBe(false);
  });
});
