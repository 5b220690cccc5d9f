import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { makeCall } from '../../test/calls';
import { MY_PARTNER, makeProposal, PROPOSAL_ID } from '../../test/proposals';
import { jsonResponse, makeMe, renderWithApp } from '../../test/render';
import { AwardPage } from './award-page';

const LINES = [{ partnerId: MY_PARTNER, year: 1, category: 'TRAVEL', amount: '20000.00' }];

function stubApi() {
  const writes: { url: string; body: unknown }[] = [];
  const proposal = makeProposal({ status: 'FUNDED' });
  vi.stubGlobal(
    'fetch',
    vi.fn<typeof fetch>(async (input, init) => {
      const url = String(input);
      if (init?.method === 'POST') {
        writes.push({ url, body: JSON.parse(String(init.body)) });
        return jsonResponse(409, { type: 'about:blank', title: 'Conflict', status: 409, code: 'conflict' });
      }
      if (url === `/api/proposals/${PROPOSAL_ID}`) return jsonResponse(200, proposal);
      if (url === `/api/proposals/${PROPOSAL_ID}/budget`) {
        return jsonResponse(200, {
          version: 1,
          lines: LINES,
          summary: {
            callCurrency: 'USD',
            grandTotal: '0',
            partners: [],
            byYear: [],
            byCategory: [],
            byAgency: [],
            errors: [],
          },
        });
      }
      if (url.startsWith('/api/calls/')) return jsonResponse(200, makeCall());
      throw new Error(`Unexpected ${url}`);
    }),
  );
  return writes;
}

describe('AwardPage', () => {
  it('sends only the changed budget lines, and asks why they change', async () => {
    const writes = stubApi();
    const user = userEvent.setup();
    renderWithApp(
      <Routes>
        <Route path="/manage/proposals/:id/award" element={<AwardPage />} />
      </Routes>,
      { route: `/manage/proposals/${PROPOSAL_ID}/award`, me: makeMe() },
    );
    const start = await screen.findByLabelText('Start date');
    await user.clear(start);
    await user.type(start, '2027-01-01');
    const cell = screen.getByLabelText(/Approved amount: .*year 1, Travel/);
    await user.clear(cell);
    await user.type(cell, '18000');
    await user.click(screen.getByTestId('award-submit'));
    expect(screen.getByText('Say why the budget changes (at least three characters).')).toBeTruthy();
    expect(writes).toEqual([]);

    await user.type(screen.getByLabelText(/Why the budget changes/), 'Travel reduced by the panel');
    await user.click(screen.getByTestId('award-submit'));
    await waitFor(() => expect(writes).toHaveLength(1));
    expect(writes[0]).toEqual({
      url: `/api/proposals/${PROPOSAL_ID}/grant`,
      body: {
        startDate: '2027-01-01',
        reportingPeriodMonths: 12,
        budgetChanges: [{ partnerId: MY_PARTNER, year: 1, category: 'TRAVEL', amount: '18000' }],
        adjustmentReason: 'Travel reduced by the panel',
        agencies: [],
      },
    });
    // Already awarded elsewhere: the conflict is said, nothing is lost on the page.
    expect(await screen.findByRole('alert')).toBeTruthy();
  });
});
