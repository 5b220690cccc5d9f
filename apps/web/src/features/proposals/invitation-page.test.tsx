import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { COUNTRIES } from '../../test/calls';
import { PROPOSAL_ID, problem } from '../../test/proposals';
import { jsonResponse, makeMe, renderWithApp } from '../../test/render';
import { InvitationPage } from './invitation-page';

const TOKEN = 'tok_abcdefghijklmnopqrstuvwxyz012345';

function Where() {
  const location = useLocation();
  return <p data-testid="location">{`${location.pathname}${location.search}`}</p>;
}

function renderPage(me: ReturnType<typeof makeMe> | null, route = `/invitations?token=${TOKEN}`) {
  return renderWithApp(
    <>
      <Routes>
        <Route path="/invitations" element={<InvitationPage />} />
        <Route path="*" element={<p>elsewhere</p>} />
      </Routes>
      <Where />
    </>,
    { route, me },
  );
}

const PREVIEW = {
  email: 'kenji@kyoto.test',
  role: 'PARTNER_PI',
  institution: { name: 'Kyoto University', countryCode: 'JP' },
  invitedBy: 'Aisyah Rahman',
  proposal: { acronym: 'MANGROVE-CR', title: 'Mangrove carbon and coastal resilience' },
  call: { title: 'Joint call 2027', closesAt: '2099-03-15T10:00:00.000Z', timeZone: 'Asia/Bangkok' },
  expiresAt: '2099-02-01T00:00:00.000Z',
};

/** Answers by "METHOD url"; the preview answers PREVIEW unless the test says otherwise. */
function stubApi(answers: Record<string, () => Response>) {
  const all: Record<string, () => Response> = {
    'POST /api/invitations/preview': () => jsonResponse(200, PREVIEW),
    'GET /api/reference/countries': () => jsonResponse(200, COUNTRIES),
    ...answers,
  };
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const key = `${init?.method ?? 'GET'} ${String(input)}`;
    const answer = all[key];
    if (!answer) throw new Error(`Unexpected ${key}`);
    return answer();
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const state = () => screen.getByTestId('invitation-page').getAttribute('data-state');

describe('InvitationPage', () => {
  it('first shows what the invitation is for: proposal, call, role, institution, who invited, until when', async () => {
    const fetchMock = stubApi({});
    renderPage(null);
    const preview = await screen.findByTestId('invitation-preview');
    const asked = fetchMock.mock.calls.find(([url]) => String(url) === '/api/invitations/preview');
    expect(JSON.parse(String(asked?.[1]?.body))).toEqual({ token: TOKEN });
    expect(screen.getByRole('heading', { name: 'Aisyah Rahman invites you to join MANGROVE-CR' })).toBeDefined();
    expect(within(preview).getByTestId('invitation-proposal').textContent).toContain(
      'Mangrove carbon and coastal resilience',
    );
    expect(preview.textContent).toContain('Joint call 2027');
    expect(within(preview).getByTestId('invitation-role').textContent).toBe('Partner PI');
    expect(preview.textContent).toContain('Kyoto University');
    expect(preview.textContent).toContain('kenji@kyoto.test');
    // Times are stored in UTC and shown in the viewer's zone, with the UTC instant on hover.
    const expires = within(within(preview).getByTestId('invitation-expires')).getByText(/2099/);
    expect(expires.getAttribute('datetime')).toBe('2099-02-01T00:00:00.000Z');
    expect(expires.getAttribute('title')).toBe('2099-02-01 00:00:00 UTC');
  });

  it('says an invitation withdrawn, answered or expired (410 on the preview) is no longer valid', async () => {
    stubApi({ 'POST /api/invitations/preview': () => jsonResponse(410, problem(410, 'token_invalid')) });
    renderPage(makeMe({ email: 'kenji@kyoto.test' }));
    await waitFor(() => expect(state()).toBe('dead'));
    expect(screen.getByRole('heading', { name: 'This invitation is no longer valid' })).toBeDefined();
    expect(screen.queryByTestId('invitation-preview')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Accept' })).toBeNull();
  });

  it('asks someone signed out to log in or sign up, and brings them back to this very link', async () => {
    stubApi({});
    renderPage(null);
    await waitFor(() => expect(state()).toBe('signed-out'));
    const back = encodeURIComponent(`/invitations?token=${TOKEN}`);
    expect(screen.getByRole('link', { name: 'Log in' }).getAttribute('href')).toBe(`/login?next=${back}`);
    expect(screen.getByRole('link', { name: 'Sign up' }).getAttribute('href')).toBe(`/signup?next=${back}`);
    expect(screen.queryByRole('button', { name: 'Accept' })).toBeNull();
  });

  it('lets the invited user accept, then opens the proposal', async () => {
    const fetchMock = stubApi({
      'POST /api/invitations/accept': () => jsonResponse(200, { proposalId: PROPOSAL_ID }),
    });
    const user = userEvent.setup();
    renderPage(makeMe({ email: 'kenji@kyoto.test' }));
    await waitFor(() => expect(state()).toBe('ready'));
    expect(screen.getByText(/Join this consortium as kenji@kyoto.test/)).toBeDefined();
    await user.click(screen.getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe(`/proposals/${PROPOSAL_ID}`));
    const accepted = fetchMock.mock.calls.find(([url]) => String(url) === '/api/invitations/accept');
    expect(JSON.parse(String(accepted?.[1]?.body))).toEqual({ token: TOKEN });
  });

  it('says when the invitation is for another account (from the preview) and offers to switch', async () => {
    stubApi({});
    renderPage(makeMe({ email: 'someone.else@kizuna.test' }));
    await waitFor(() => expect(state()).toBe('wrong-account'));
    expect(screen.queryByRole('button', { name: 'Accept' })).toBeNull();
    expect(screen.getByRole('alert').textContent).toContain('someone.else@kizuna.test');
    expect(screen.getByRole('button', { name: 'Log out and log in as someone else' })).toBeDefined();
  });

  it('says the invitation is no longer valid when accepting meets a 410', async () => {
    stubApi({ 'POST /api/invitations/accept': () => jsonResponse(410, problem(410, 'token_invalid')) });
    const user = userEvent.setup();
    renderPage(makeMe({ email: 'kenji@kyoto.test' }));
    await user.click(await screen.findByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(state()).toBe('dead'));
    expect(screen.getByRole('heading', { name: 'This invitation is no longer valid' })).toBeDefined();
    expect(screen.queryByRole('button', { name: 'Accept' })).toBeNull();
  });

  it('declines without an account', async () => {
    const fetchMock = stubApi({
      'POST /api/invitations/decline': () => jsonResponse(200, { status: 'declined' }),
    });
    const user = userEvent.setup();
    renderPage(null);
    await user.click(await screen.findByRole('button', { name: 'Decline' }));
    await waitFor(() => expect(state()).toBe('declined'));
    expect(screen.getByText('You declined the invitation. The lead PI can see that you did.')).toBeDefined();
    expect(fetchMock.mock.calls.filter(([url]) => String(url) === '/api/invitations/decline')).toHaveLength(1);
  });

  it('needs the token of the email', () => {
    stubApi({});
    renderPage(makeMe(), '/invitations');
    expect(state()).toBe('missing');
    expect(screen.getByText('This page needs the link from your invitation email.')).toBeDefined();
  });
});
