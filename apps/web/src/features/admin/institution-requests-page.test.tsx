import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { InstitutionRequest } from '../../api/reference';
import { COUNTRIES } from '../../test/calls';
import { jsonResponse, makeMe, renderWithApp } from '../../test/render';
import { InstitutionRequestsPage } from './institution-requests-page';

const ADMIN = makeMe({ roles: [{ role: 'ADMIN', programmeId: null }], timeZone: 'Asia/Tokyo' });
const PENDING: InstitutionRequest = {
  id: '55555555-5555-4555-8555-555555555555',
  name: 'Mahidol University',
  shortName: 'MU',
  countryCode: 'TH',
  type: 'UNIVERSITY',
  status: 'PENDING',
  website: 'https://mahidol.ac.th',
  requestedBy: { id: '4f9b6c1e-2d3a-4b5c-8d7e-9f0a1b2c3d4e', displayName: 'Somchai P.', email: 'somchai@mu.test' },
  reviewNote: null,
  createdAt: '2026-11-20T03:00:00.000Z',
};
const DECIDED: InstitutionRequest = {
  ...PENDING,
  id: '66666666-6666-4666-8666-666666666666',
  name: 'Bogus Institute',
  shortName: null,
  status: 'REJECTED',
  reviewNote: 'Not a research institution.',
};

function stubApi() {
  let list = [PENDING, DECIDED];
  const reviews: { url: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn<typeof fetch>(async (input, init) => {
      const url = String(input);
      const method = init?.method ?? 'GET';
      if (url === '/api/reference/countries') return jsonResponse(200, COUNTRIES);
      if (method === 'GET' && url === '/api/admin/institution-requests') return jsonResponse(200, list);
      if (method === 'POST' && url.startsWith('/api/admin/institution-requests/')) {
        const body = JSON.parse(String(init?.body)) as { note: string | null };
        reviews.push({ url, body });
        const approved: InstitutionRequest = { ...PENDING, status: 'APPROVED', reviewNote: body.note };
        list = [approved, DECIDED];
        return jsonResponse(200, approved);
      }
      throw new Error(`Unexpected ${method} ${url}`);
    }),
  );
  return reviews;
}

describe('InstitutionRequestsPage', () => {
  it('lists the requests, pending first, and approves one with a note', async () => {
    const reviews = stubApi();
    const user = userEvent.setup();
    renderWithApp(<InstitutionRequestsPage />, { route: '/admin/institutions', me: ADMIN });

    const [pending, rejected] = (await screen.findAllByTestId('institution-request')) as [HTMLElement, HTMLElement];
    expect(pending.getAttribute('data-status')).toBe('PENDING');
    expect(pending.textContent).toContain('Mahidol University');
    expect(pending.textContent).toContain('Somchai P. (somchai@mu.test)');
    expect(pending.textContent).toContain('Thailand');
    // Decided requests show their note and offer no action.
    expect(rejected.textContent).toContain('Not a research institution.');
    expect(within(rejected).queryByRole('button', { name: /Approve/ })).toBeNull();

    await user.type(within(pending).getByRole('textbox', { name: 'Note (optional)' }), 'Checked the website.');
    await user.click(within(pending).getByRole('button', { name: 'Approve Mahidol University' }));
    await waitFor(() => expect(reviews).toHaveLength(1));
    expect(reviews[0]).toEqual({
      url: `/api/admin/institution-requests/${PENDING.id}`,
      body: { decision: 'APPROVE', note: 'Checked the website.' },
    });
    expect(await screen.findByText('Mahidol University is approved: it is in the directory now.')).toBeDefined();
    await waitFor(() =>
      expect(screen.getAllByTestId('institution-request')[0]?.getAttribute('data-status')).toBe('APPROVED'),
    );
  });
});
