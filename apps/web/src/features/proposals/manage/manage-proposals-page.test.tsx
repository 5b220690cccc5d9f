import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { CALL_ID, COUNTRIES, makeCall, PROGRAMME_ID } from '../../../test/calls';
import { PROPOSAL_ID } from '../../../test/proposals';
import { jsonResponse, makeMe, renderWithApp } from '../../../test/render';
import { ManageProposalsPage } from './manage-proposals-page';

const MANAGER = makeMe({ roles: [{ role: 'PROGRAMME_MANAGER', programmeId: PROGRAMME_ID }] });
const ITEM = {
  id: PROPOSAL_ID,
  acronym: 'MANGROVE-CR',
  title: 'Mangrove carbon and coastal resilience',
  status: 'SUBMITTED',
  theme: 'climate_change',
  call: { id: CALL_ID, title: 'Joint call' },
  leadCountry: 'MY',
  countries: ['JP', 'MY', 'TH'],
  submittedAt: '2026-11-27T02:00:00.000Z',
  eligibilityOverridden: false,
  grantId: null,
};
const STATS = {
  total: 3,
  byCountry: [
    { countryCode: 'JP', count: 3 },
    { countryCode: 'TH', count: 1 },
  ],
  byTheme: [{ theme: 'climate_change', count: 3 }],
  byStatus: [{ status: 'SUBMITTED', count: 3 }],
};

function stubApi(callStatus: 'OPEN' | 'CLOSED') {
  const urls: string[] = [];
  const bodies: unknown[] = [];
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = String(input);
    urls.push(`${init?.method ?? 'GET'} ${url}`);
    if (init?.body) bodies.push(JSON.parse(String(init.body)));
    if (url === `/api/calls/${CALL_ID}`) return jsonResponse(200, makeCall({ status: callStatus }));
    if (url === '/api/reference/countries') return jsonResponse(200, COUNTRIES);
    if (url.startsWith('/api/manage/proposals/stats')) return jsonResponse(200, STATS);
    if (url.startsWith('/api/manage/proposals?')) {
      return jsonResponse(200, { items: [ITEM], total: 1, page: 1, pageSize: 20 });
    }
    if (url === `/api/manage/proposals/${PROPOSAL_ID}/eligibility`) {
      return jsonResponse(200, { ...ITEM, status: 'INELIGIBLE', eligibilityOverridden: true });
    }
    throw new Error(`Unexpected ${url}`);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { urls, bodies };
}

function renderPage(route = `/manage/calls/${CALL_ID}/proposals`) {
  return renderWithApp(
    <Routes>
      <Route path="/manage/calls/:id/proposals" element={<ManageProposalsPage />} />
    </Routes>,
    { route, me: MANAGER },
  );
}

describe('ManageProposalsPage', () => {
  it('lists the call’s proposals with counts by country and theme, and export links with the filters', async () => {
    const { urls } = stubApi('OPEN');
    renderPage(`/manage/calls/${CALL_ID}/proposals?country=JP&q=mangrove`);
    const row = await screen.findByTestId('managed-proposal-row');
    expect(within(row).getByRole('link', { name: 'MANGROVE-CR' }).getAttribute('href')).toBe(
      `/proposals/${PROPOSAL_ID}`,
    );
    expect(row.textContent).toContain('Malaysia (lead)');
    const byCountry = await screen.findByTestId('stats-country');
    expect(
      within(byCountry)
        .getAllByTestId('bar')
        .map((bar) => bar.textContent),
    ).toEqual(['Japan3', 'Thailand1']);
    expect(within(screen.getByTestId('stats-theme')).getByText('Climate change')).toBeDefined();
    expect(urls).toContain(`GET /api/manage/proposals?callId=${CALL_ID}&country=JP&q=mangrove&page=1&pageSize=20`);
    expect(screen.getByTestId('export-csv').getAttribute('href')).toBe(
      `/api/manage/proposals/export?callId=${CALL_ID}&country=JP&q=mangrove&format=csv`,
    );
    expect(screen.getByTestId('export-xlsx').getAttribute('href')).toContain('format=xlsx');
    // Still open: no eligibility run yet.
    expect(screen.getByTestId('eligibility-run-unavailable')).toBeDefined();
    expect(screen.queryByRole('button', { name: 'Run eligibility check' })).toBeNull();
  });

  it('overrides a verdict with a reason of at least 10 characters', async () => {
    const { bodies } = stubApi('CLOSED');
    const user = userEvent.setup();
    renderPage();
    expect(await screen.findByRole('button', { name: 'Run eligibility check' })).toBeDefined();
    await user.click(await screen.findByRole('button', { name: 'Override the eligibility of MANGROVE-CR' }));
    const dialog = screen.getByTestId('override-dialog');
    await user.click(within(dialog).getByRole('radio', { name: 'Not eligible' }));
    await user.type(within(dialog).getByLabelText('Reason'), 'Too short');
    await user.click(within(dialog).getByRole('button', { name: 'Save the verdict' }));
    expect(await within(dialog).findByText('Must be at least 10 characters.')).toBeDefined();
    expect(bodies).toEqual([]);

    await user.type(within(dialog).getByLabelText('Reason'), ' — the Thai partner has no participating agency');
    await user.click(within(dialog).getByRole('button', { name: 'Save the verdict' }));
    await waitFor(() => expect(screen.queryByTestId('override-dialog')).toBeNull());
    expect(bodies).toEqual([
      { verdict: 'INELIGIBLE', reason: 'Too short — the Thai partner has no participating agency' },
    ]);
    expect(screen.getByText('MANGROVE-CR is now Not eligible.')).toBeDefined();
  });
});
