import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { problem } from '../../../test/proposals';
import { jsonResponse, makeMe, renderWithApp } from '../../../test/render';
import { ASSIGNMENT_ID } from '../../../test/reviews';
import { ReviewInvitationPage } from './review-invitation-page';

const TOKEN = 'rvw_abcdefghijklmnopqrstuvwxyz012345';
const URL = '/api/review-invitations/respond';

function stubApi(...answers: (() => Response)[]) {
  const bodies: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn<typeof fetch>(async (input, init) => {
      if (init?.method !== 'POST' || String(input) !== URL) throw new Error(`Unexpected ${String(input)}`);
      bodies.push(JSON.parse(String(init.body)));
      const answer = answers.shift();
      if (!answer) throw new Error('No answer left');
      return answer();
    }),
  );
  return bodies;
}

function renderPage(answer: string) {
  return renderWithApp(
    <Routes>
      <Route path="/review-invitations" element={<ReviewInvitationPage />} />
    </Routes>,
    { route: `/review-invitations?token=${TOKEN}&answer=${answer}`, me: null },
  );
}

const state = () => screen.getByTestId('review-invitation-page').getAttribute('data-state');

describe('ReviewInvitationPage', () => {
  it('accepts at once from the "accept" link, once, says so and links straight to the review', async () => {
    const bodies = stubApi(() =>
      jsonResponse(200, { status: 'ACCEPTED', assignmentId: ASSIGNMENT_ID, proposalAcronym: 'MANGROVE-CR' }),
    );
    renderPage('accept');
    await waitFor(() => expect(state()).toBe('accepted'));
    expect(bodies).toEqual([{ token: TOKEN, accept: true }]);
    expect(screen.getByText('You accepted to review MANGROVE-CR. Thank you!')).toBeDefined();
    expect(screen.getByRole('link', { name: 'Log in to review' }).getAttribute('href')).toBe(
      `/login?next=${encodeURIComponent(`/reviews/${ASSIGNMENT_ID}`)}`,
    );
  });

  it('signed in, opens the accepted review itself', async () => {
    stubApi(() =>
      jsonResponse(200, { status: 'ACCEPTED', assignmentId: ASSIGNMENT_ID, proposalAcronym: 'MANGROVE-CR' }),
    );
    renderWithApp(
      <Routes>
        <Route path="/review-invitations" element={<ReviewInvitationPage />} />
      </Routes>,
      { route: `/review-invitations?token=${TOKEN}&answer=accept`, me: makeMe() },
    );
    await waitFor(() => expect(state()).toBe('accepted'));
    expect(screen.getByRole('link', { name: 'Open the proposal and review it' }).getAttribute('href')).toBe(
      `/reviews/${ASSIGNMENT_ID}`,
    );
  });

  it('asks why before declining, then sends the reason', async () => {
    const bodies = stubApi(() =>
      jsonResponse(200, { status: 'DECLINED', assignmentId: ASSIGNMENT_ID, proposalAcronym: 'MANGROVE-CR' }),
    );
    const user = userEvent.setup();
    renderPage('decline');
    expect(state()).toBe('declining');
    // Nothing is sent before the reviewer says why.
    expect(bodies).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Decline' }));
    expect(await screen.findByText('This field is required.')).toBeDefined();
    expect(bodies).toEqual([]);

    await user.type(screen.getByRole('textbox', { name: 'Why do you decline?' }), 'On field work until June');
    await user.click(screen.getByRole('button', { name: 'Decline' }));
    await waitFor(() => expect(state()).toBe('declined'));
    expect(bodies).toEqual([{ token: TOKEN, accept: false, reason: 'On field work until June' }]);
    expect(screen.getByText(/You declined to review MANGROVE-CR/)).toBeDefined();
  });

  it('says a used or expired link (410) cannot be used any more', async () => {
    stubApi(() => jsonResponse(410, problem(410, 'token_invalid')));
    renderPage('accept');
    await waitFor(() => expect(state()).toBe('dead'));
    expect(screen.getByRole('heading', { name: 'This link cannot be used' })).toBeDefined();
    expect(screen.getByRole('alert').textContent).toContain('already been used, or it has expired');
  });

  it('needs the token and the answer of the email', () => {
    stubApi();
    renderWithApp(
      <Routes>
        <Route path="/review-invitations" element={<ReviewInvitationPage />} />
      </Routes>,
      { route: '/review-invitations?answer=maybe', me: null },
    );
    expect(state()).toBe('missing');
  });
});
