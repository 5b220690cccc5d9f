import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { makeCall, summaryOf } from '../../test/calls';
import { jsonResponse, makeMe, renderWithApp } from '../../test/render';
import { HomePage } from './home-page';

function stubCalls(items: unknown[], total = items.length) {
  vi.stubGlobal(
    'fetch',
    vi.fn<typeof fetch>(async (input) => {
      const url = String(input);
      if (url.startsWith('/api/calls?')) return jsonResponse(200, { items, total, page: 1, pageSize: 3 });
      throw new Error(`Unexpected ${url}`);
    }),
  );
}

describe('HomePage', () => {
  it('lists open calls for a researcher, with a link to all of them', async () => {
    stubCalls([summaryOf(makeCall({ status: 'OPEN', closesAt: '2099-03-15T10:00:00.000Z' }))], 7);
    renderWithApp(<HomePage />, { me: makeMe({ roles: [{ role: 'RESEARCHER', programmeId: null }] }) });
    const call = await screen.findByTestId('home-call');
    expect(within(call).getByRole('link', { name: 'Joint call on climate-resilient agriculture 2027' })).toBeDefined();
    expect(screen.getByRole('link', { name: 'See all 7 calls' }).getAttribute('href')).toBe('/calls');
  });

  it('says honestly when no call is open', async () => {
    stubCalls([]);
    renderWithApp(<HomePage />, { me: makeMe({ roles: [{ role: 'RESEARCHER', programmeId: null }] }) });
    expect((await screen.findByTestId('home-no-open-calls')).textContent).toBe(
      'No call is open right now. Open calls will be listed here.',
    );
  });

  it('links a programme manager to their calls', () => {
    renderWithApp(<HomePage />, { me: makeMe({ roles: [{ role: 'PROGRAMME_MANAGER', programmeId: null }] }) });
    expect(screen.getByRole('link', { name: 'Your calls' }).getAttribute('href')).toBe('/manage/calls');
    expect(screen.getByRole('link', { name: 'New call' }).getAttribute('href')).toBe('/manage/calls/new');
  });
});
