import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { MyAssignment } from '../../../api/reviews';
import { CALL_ID } from '../../../test/calls';
import { PROPOSAL_ID } from '../../../test/proposals';
import { jsonResponse, makeMe, renderWithApp } from '../../../test/render';
import { ASSIGNMENT_ID } from '../../../test/reviews';
import { MyReviewsPage } from './my-reviews-page';

function makeAssignment(overrides: Partial<MyAssignment> = {}): MyAssignment {
  return {
    id: ASSIGNMENT_ID,
    status: 'INVITED',
    ordinal: 2,
    call: {
      id: CALL_ID,
      title: 'Joint call on climate-resilient agriculture 2027',
      timeZone: 'Asia/Bangkok',
      reviewDeadline: '2099-05-01T10:00:00.000Z',
    },
    proposal: { id: PROPOSAL_ID, acronym: 'MANGROVE-CR', title: 'Mangrove carbon and coastal resilience' },
    reviewStatus: 'NONE',
    invitedAt: '2026-04-01T00:00:00.000Z',
    ...overrides,
  };
}

function stubApi(lists: MyAssignment[][], posts: (() => Response)[] = []) {
  const sent: { url: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn<typeof fetch>(async (input, init) => {
      const url = String(input);
      if (url === '/api/reviewer/assignments' && (init?.method ?? 'GET') === 'GET') {
        return jsonResponse(200, lists.length > 1 ? lists.shift() : lists[0]);
      }
      if (init?.method === 'POST') {
        sent.push({ url, body: JSON.parse(String(init.body)) });
        const answer = posts.shift();
        if (!answer) throw new Error(`No answer left for ${url}`);
        return answer();
      }
      throw new Error(`Unexpected ${init?.method ?? 'GET'} ${url}`);
    }),
  );
  return sent;
}

describe('MyReviewsPage', () => {
  it('lists the invitations with the deadline in the call’s zone and the reviewer’s', async () => {
    stubApi([[makeAssignment()]]);
    renderWithApp(<MyReviewsPage />, { me: makeMe({ timeZone: 'Asia/Tokyo' }) });
    const row = await screen.findByTestId('my-review-row');
    expect(within(row).getByTestId('review-deadline-call-zone').textContent).toContain('17:00');
    expect(within(row).getByTestId('review-deadline-call-zone').textContent).toContain('Asia/Bangkok');
    expect(within(row).getByTestId('review-deadline-viewer-zone').textContent).toContain('19:00');
    expect(within(row).getByTestId('assignment-status').textContent).toBe('Invited');
  });

  it('declines an invitation only with a reason', async () => {
    const sent = stubApi(
      [[makeAssignment()], [makeAssignment({ status: 'DECLINED' })]],
      [() => jsonResponse(200, makeAssignment({ status: 'DECLINED' }))],
    );
    const user = userEvent.setup();
    renderWithApp(<MyReviewsPage />, { me: makeMe() });
    await user.click(await screen.findByRole('button', { name: 'Decline to review MANGROVE-CR' }));
    const dialog = screen.getByTestId('decline-dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Decline' }));
    expect(await within(dialog).findByText('This field is required.')).toBeDefined();
    expect(sent).toEqual([]);

    await user.type(within(dialog).getByRole('textbox', { name: 'Why do you decline?' }), 'Outside my field');
    await user.click(within(dialog).getByRole('button', { name: 'Decline' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      url: `/api/reviewer/assignments/${ASSIGNMENT_ID}/respond`,
      body: { accept: false, reason: 'Outside my field' },
    });
    expect(await screen.findByText('You declined to review MANGROVE-CR.')).toBeDefined();
  });

  it('declares a conflict of interest with a reason', async () => {
    const sent = stubApi(
      [[makeAssignment({ status: 'ACCEPTED', reviewStatus: 'DRAFT' })], []],
      [() => new Response(null, { status: 204 })],
    );
    const user = userEvent.setup();
    renderWithApp(<MyReviewsPage />, { me: makeMe() });
    expect(await screen.findByRole('link', { name: 'Open the review of MANGROVE-CR' })).toBeDefined();
    await user.click(screen.getByRole('button', { name: 'Declare a conflict of interest with MANGROVE-CR' }));
    const dialog = screen.getByTestId('conflict-dialog');
    await user.type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Co-author of the lead PI');
    await user.click(within(dialog).getByRole('button', { name: 'Declare the conflict' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      url: `/api/reviewer/assignments/${ASSIGNMENT_ID}/conflict`,
      body: { reason: 'Co-author of the lead PI' },
    });
    expect(await screen.findByTestId('my-reviews-empty')).toBeDefined();
  });
});
