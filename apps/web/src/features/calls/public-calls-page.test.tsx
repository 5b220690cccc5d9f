import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COUNTRIES, makeCall, summaryOf } from '../../test/calls';
import { jsonResponse, makeMe, renderWithApp } from '../../test/render';
import { PublicCallsPage } from './public-calls-page';

function stubApi(items: unknown[]) {
  const fetchMock = vi.fn<typeof fetch>(async (input) => {
    const url = String(input);
    if (url.startsWith('/api/calls?')) {
      const theme = new URL(url, 'http://x').searchParams.get('theme');
      const shown = theme ? [] : items;
      return jsonResponse(200, { items: shown, total: shown.length, page: 1, pageSize: 10 });
    }
    if (url === '/api/reference/countries') return jsonResponse(200, COUNTRIES);
    throw new Error(`Unexpected ${url}`);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('PublicCallsPage', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-12T10:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows each deadline in the call’s time zone and in the viewer’s, and how far away it is', async () => {
    stubApi([summaryOf(makeCall({ status: 'OPEN' }))]);
    renderWithApp(<PublicCallsPage />, { route: '/calls', me: makeMe({ timeZone: 'Asia/Tokyo' }) });

    const item = await screen.findByTestId('call-item');
    expect(within(item).getByRole('link', { name: 'Joint call on climate-resilient agriculture 2027' })).toBeDefined();
    expect(within(item).getByTestId('call-availability').textContent).toBe('Open');
    const callZone = within(item).getByTestId('deadline-call-zone');
    expect(callZone.textContent).toContain('15 Mar 2026, 17:00');
    expect(callZone.textContent).toContain('(Asia/Bangkok)');
    const viewerZone = within(item).getByTestId('deadline-viewer-zone');
    expect(viewerZone.textContent).toContain('Your time: 15 Mar 2026, 19:00');
    expect(viewerZone.textContent).toContain('(Asia/Tokyo)');
    expect(callZone.getAttribute('dateTime')).toBe('2026-03-15T10:00:00.000Z');
    expect(within(item).getByTestId('deadline-relative').textContent).toBe('Closes in 3 days');
    expect(within(item).getByText('Climate change')).toBeDefined();
    expect(within(item).getByText('mangroves')).toBeDefined();
    expect(await within(item).findByText('JST (Japan) and NRCT (Thailand)')).toBeDefined();
  });

  it('says when an upcoming call opens, in the browser’s zone for someone signed out', async () => {
    stubApi([summaryOf(makeCall({ status: 'PUBLISHED', opensAt: '2026-04-01T02:00:00.000Z' }))]);
    renderWithApp(<PublicCallsPage />, { route: '/calls', me: null });
    const item = await screen.findByTestId('call-item');
    expect(within(item).getByTestId('call-availability').textContent).toMatch(/^Opens on \d+ Apr 2026$/);
    expect(within(item).getByTestId('deadline-viewer-zone').textContent).toContain('Your time:');
  });

  it('has an honest empty state, and one for a theme without calls', async () => {
    const fetchMock = stubApi([]);
    const user = userEvent.setup();
    renderWithApp(<PublicCallsPage />, { route: '/calls', me: null });
    expect((await screen.findByTestId('calls-empty')).textContent).toBe('No call is open right now');

    await user.selectOptions(screen.getByLabelText('Theme'), 'food_security');
    expect(await screen.findByText('No open or upcoming call has this theme.')).toBeDefined();
    expect(fetchMock.mock.calls.some(([url]) => String(url).includes('theme=food_security'))).toBe(true);
  });
});
