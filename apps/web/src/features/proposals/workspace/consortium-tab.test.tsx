import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Invitation } from '../../../api/proposals';
import { COUNTRIES } from '../../../test/calls';
import { makeProposal, PROPOSAL_ID, proposalCall } from '../../../test/proposals';
import { jsonResponse, makeMe, renderWithApp } from '../../../test/render';
import { ConsortiumTab } from './consortium-tab';

const PENDING: Invitation = {
  id: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
  email: 'kenji@kyoto.test',
  role: 'PARTNER_PI',
  institution: { id: '22222222-2222-4222-8222-222222222222', name: 'Kyoto University', countryCode: 'JP' },
  status: 'PENDING',
  createdAt: '2026-11-01T00:00:00.000Z',
  expiresAt: '2026-12-01T00:00:00.000Z',
};
const ACCEPTED: Invitation = {
  ...PENDING,
  id: '8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e',
  email: 'somchai@chula.test',
  status: 'ACCEPTED',
};

function stubApi() {
  let invitations = [PENDING, ACCEPTED];
  const revoked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn<typeof fetch>(async (input, init) => {
      const url = String(input);
      const method = init?.method ?? 'GET';
      if (url === '/api/reference/countries') return jsonResponse(200, COUNTRIES);
      if (url.startsWith('/api/reference/institutions')) return jsonResponse(200, []);
      if (method === 'GET' && url === `/api/proposals/${PROPOSAL_ID}/invitations`) {
        return jsonResponse(200, invitations);
      }
      if (method === 'POST' && url.endsWith('/revoke')) {
        revoked.push(url);
        invitations = [{ ...PENDING, status: 'REVOKED' }, ACCEPTED];
        return jsonResponse(200, invitations[0]);
      }
      throw new Error(`Unexpected ${method} ${url}`);
    }),
  );
  return revoked;
}

function renderTab(lead: boolean) {
  return renderWithApp(
    <ConsortiumTab
      proposal={makeProposal({ myRole: lead ? 'LEAD_PI' : 'PARTNER_PI' })}
      call={proposalCall()}
      editable
      lead={lead}
    />,
    { me: makeMe() },
  );
}

const row = (email: string) =>
  screen.getAllByTestId('invitation-row').find((r) => r.textContent?.includes(email)) as HTMLElement;

describe('ConsortiumTab invitations', () => {
  it('lets the lead PI withdraw a pending invitation, and only a pending one', async () => {
    const revoked = stubApi();
    const user = userEvent.setup();
    renderTab(true);
    await screen.findAllByTestId('invitation-row');
    expect(within(row('somchai@chula.test')).queryByRole('button', { name: /Withdraw/ })).toBeNull();
    await user.click(
      within(row('kenji@kyoto.test')).getByRole('button', { name: 'Withdraw the invitation to kenji@kyoto.test' }),
    );
    await waitFor(() => expect(revoked).toHaveLength(1));
    expect(revoked[0]).toBe(`/api/proposals/${PROPOSAL_ID}/invitations/${PENDING.id}/revoke`);
    expect(await screen.findByText('The invitation to kenji@kyoto.test is withdrawn: its link no longer works.'));
    await waitFor(() => expect(row('kenji@kyoto.test').getAttribute('data-status')).toBe('REVOKED'));
    expect(within(row('kenji@kyoto.test')).queryByRole('button', { name: /Withdraw/ })).toBeNull();
  });

  it('offers no withdrawing to other members', async () => {
    stubApi();
    renderTab(false);
    await screen.findAllByTestId('invitation-row');
    expect(screen.queryByTestId('withdraw-invitation')).toBeNull();
  });
});
