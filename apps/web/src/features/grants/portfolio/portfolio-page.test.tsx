import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { CALL_ID, COUNTRIES, PROGRAMME_ID } from '../../../test/calls';
import { jsonResponse, makeMe, renderWithApp } from '../../../test/render';
import { GRANT_ID, makePortfolio, OTHER_PROGRAMME_ID } from './portfolio-fixture';
import { PortfolioPage } from './portfolio-page';

const MANAGER = makeMe({ roles: [{ role: 'PROGRAMME_MANAGER', programmeId: PROGRAMME_ID }] });

function stubApi(answer: (url: string) => Response = () => jsonResponse(200, makePortfolio())) {
  const urls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn<typeof fetch>(async (input) => {
      const url = String(input);
      if (url === '/api/reference/countries') return jsonResponse(200, COUNTRIES);
      if (url.startsWith('/api/grants/portfolio')) {
        urls.push(url);
        return answer(url);
      }
      throw new Error(`Unexpected ${url}`);
    }),
  );
  return urls;
}

function renderPage(route = '/manage/grants/portfolio') {
  return renderWithApp(
    <Routes>
      <Route path="/manage/grants/portfolio" element={<PortfolioPage />} />
    </Routes>,
    { route, me: MANAGER },
  );
}

const bars = (testId: string) =>
  within(screen.getByTestId(testId))
    .getAllByTestId('bar')
    .map((bar) => bar.textContent);

describe('PortfolioPage', () => {
  it('shows counts, money, overdue items with links to their grants, outputs and the network', async () => {
    stubApi();
    renderPage();
    expect(await screen.findByRole('heading', { name: 'Grants: 3' })).toBeDefined();
    expect(bars('count-status')).toEqual(['Active2', 'Awarded1']);
    await waitFor(() => expect(bars('count-country')).toEqual(['Malaysia3', 'Japan2', 'Thailand1']));
    expect(bars('count-theme')).toEqual(['Climate change3']);
    expect(bars('count-agency')).toEqual(['MOHE3', 'JST2', 'NRCT1']);

    const usd = screen.getByTestId('money-USD');
    expect(within(usd).getByRole('heading', { name: 'USD · 3 grant(s)' })).toBeDefined();
    expect(within(usd).getByTestId('money-committed').textContent).toBe('US$200,000.00');
    expect(within(usd).getByTestId('money-remaining').textContent).toBe('US$150,000.00');
    expect(within(usd).getByTestId('money-chart-USD')).toBeDefined();

    const overdue = screen.getByTestId('portfolio-overdue');
    expect(within(overdue).getByRole('heading').textContent).toBe('Overdue reports and milestones (2)');
    const [report, milestone] = within(overdue).getAllByTestId('overdue-row') as [HTMLElement, HTMLElement];
    expect(within(report).getByRole('link', { name: 'KZ-2027-0001' }).getAttribute('href')).toBe(`/grants/${GRANT_ID}`);
    expect(
      within(report)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['KZ-2027-0001 PADDY-GHG', 'Report Periodic report 1', '1 Feb 2027', '42', 'Waiting for your review']);
    expect(milestone.textContent).toContain('Milestone Sites equipped');

    expect(within(screen.getByTestId('output-aseanJapanPublications')).getByText('1')).toBeDefined();
    expect(within(screen.getByTestId('output-trainedPeople')).getByText('5')).toBeDefined();
    expect(screen.getAllByTestId('network-node')).toHaveLength(4);
  });

  it('filters by programme and call through the URL, and the export links carry the same filters', async () => {
    const urls = stubApi();
    renderPage(`/manage/grants/portfolio?programme=${PROGRAMME_ID}`);
    await screen.findByRole('heading', { name: 'Grants: 3' });
    expect(urls).toEqual([`/api/grants/portfolio?programmeId=${PROGRAMME_ID}`]);
    const exports = screen.getByTestId('portfolio-exports');
    expect(
      within(exports).getByRole('link', { name: 'Disbursements (one row per tranche) as XLSX' }).getAttribute('href'),
    ).toBe(`/api/grants/export?programmeId=${PROGRAMME_ID}&dataset=disbursements&format=xlsx`);

    await userEvent.selectOptions(screen.getByLabelText('Call'), CALL_ID);
    await waitFor(() =>
      expect(urls.at(-1)).toBe(`/api/grants/portfolio?programmeId=${PROGRAMME_ID}&callId=${CALL_ID}`),
    );
    expect(within(exports).getByRole('link', { name: 'Grants as CSV' }).getAttribute('href')).toBe(
      `/api/grants/export?programmeId=${PROGRAMME_ID}&callId=${CALL_ID}&dataset=grants&format=csv`,
    );
    // Another programme: its calls only, and the call filter is cleared.
    await userEvent.selectOptions(screen.getByLabelText('Programme'), OTHER_PROGRAMME_ID);
    await waitFor(() => expect(urls.at(-1)).toBe(`/api/grants/portfolio?programmeId=${OTHER_PROGRAMME_ID}`));
    expect(
      within(screen.getByLabelText('Call'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['All calls']);
  });

  it('says when there are no grants, and keeps the filters', async () => {
    stubApi(() =>
      jsonResponse(200, makePortfolio({ grants: 0, byStatus: [], money: [], overdue: [], overdueTotal: 0 })),
    );
    renderPage();
    expect(await screen.findByText('There are no grants in the programmes you manage yet.')).toBeDefined();
    expect(screen.getByLabelText('Programme')).toBeDefined();
    expect(screen.queryByTestId('portfolio-overdue')).toBeNull();
  });

  it('shows the forbidden state when the API refuses, and a retry on other errors', async () => {
    stubApi(() => jsonResponse(403, { type: 'about:blank', title: 'Forbidden', status: 403, code: 'forbidden' }));
    const { unmount } = renderPage();
    expect(await screen.findByTestId('forbidden')).toBeDefined();
    unmount();
    stubApi(() => jsonResponse(500, { type: 'about:blank', title: 'Internal', status: 500, code: 'internal' }));
    renderPage();
    expect(await screen.findByRole('button', { name: 'Try again' })).toBeDefined();
  });
});
