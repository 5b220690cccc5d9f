import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
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

function stubApi(answers: Record<string, () => Response>) {
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const key = `${init?.method ?? 'GET'} ${String(input)}`;
    const answer = answers[key];
    if (!answer) throw new Error(`Unexpected ${key}`);
    return answer();
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const state = () => screen.getByTestId('invitation-page').getAttribute('data-state');

describe('InvitationPage', () => {
  it('asks someone signed out to log in or sign up, and brings them back to this very link', () => {
    stubApi({});
    renderPage(null);
    expect(state()).toBe('signed-out');
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
    expect(state()).toBe('ready');
    expect(screen.getByText(/Join this consortium as kenji@kyoto.test/)).toBeDefined();
    await user.click(screen.getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe(`/proposals/${PROPOSAL_ID}`));
    expect(JSON.parse(String(fetchMock.mock.calls[0]?.[1]?.body))).toEqual({ token: TOKEN });
  });

  it('says when the invitation is for another account (403) and offers to switch', async () => {
    stubApi({ 'POST /api/invitations/accept': () => jsonResponse(403, problem(403, 'forbidden')) });
    const user = userEvent.setup();
    renderPage(makeMe({ email: 'someone.else@kizuna.test' }));
    await user.click(screen.getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(state()).toBe('wrong-account'));
    expect(screen.getByRole('alert').textContent).toContain('someone.else@kizuna.test');
    expect(screen.getByRole('button', { name: 'Log out and log in as someone else' })).toBeDefined();
  });

  it('says a used or expired invitation (410) cannot be used any more', async () => {
    stubApi({ 'POST /api/invitations/accept': () => jsonResponse(410, problem(410, 'token_invalid')) });
    const user = userEvent.setup();
    renderPage(makeMe());
    await user.click(screen.getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(state()).toBe('dead'));
    expect(screen.getByRole('heading', { name: 'This invitation cannot be used' })).toBeDefined();
    expect(screen.queryByRole('button', { name: 'Accept' })).toBeNull();
  });

  it('declines without an account', async () => {
    const fetchMock = stubApi({
      'POST /api/invitations/decline': () => jsonResponse(200, { status: 'declined' }),
    });
    const user = userEvent.setup();
    renderPage(null);
    await user.click(screen.getByRole('button', { name: 'Decline' }));
    await waitFor(() => expect(state()).toBe('declined'));
    expect(screen.getByText('You declined the invitation. The lead PI can see that you did.')).toBeDefined();
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('needs the token of the email', () => {
    stubApi({});
    renderPage(makeMe(), '/invitations');
    expect(state()).toBe('missing');
    expect(screen.getByText('This page needs the link from your invitation email.')).toBeDefined();
  });
});
