import type { EligibilityReport, Proposal } from '@kizuna/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { LiveUpdatesProvider } from '../../../shell/live-updates';
import { CALL_ID, COUNTRIES, PROGRAMME_ID } from '../../../test/calls';
import { FakeEventSource, stubEventSource } from '../../../test/fake-event-source';
import { makeProposal, PROPOSAL_ID, problem, proposalCall } from '../../../test/proposals';
import { jsonResponse, makeMe, renderWithApp } from '../../../test/render';
import { ProposalPage } from './proposal-page';

const GREEN: EligibilityReport = {
  eligible: true,
  results: [
    { rule: { kind: 'duration_max' }, passed: true, code: 'eligibility.duration_max', params: { max: 36, actual: 24 } },
  ],
};
const RED: EligibilityReport = {
  eligible: false,
  results: [{ rule: { kind: 'duration_max' }, passed: false, code: 'eligibility.duration_max', params: { max: 36 } }],
};

function stubApi({
  proposal,
  eligibility = GREEN,
  onSubmit,
}: {
  proposal: Proposal;
  eligibility?: EligibilityReport;
  onSubmit?: () => Response;
}) {
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    if (url === `/api/proposals/${PROPOSAL_ID}` && method === 'GET') return jsonResponse(200, proposal);
    if (url === `/api/calls/${CALL_ID}`) return jsonResponse(200, proposalCall());
    if (url === `/api/proposals/${PROPOSAL_ID}/eligibility`) return jsonResponse(200, eligibility);
    if (url === '/api/reference/countries') return jsonResponse(200, COUNTRIES);
    if (url === `/api/proposals/${PROPOSAL_ID}/submit` && method === 'POST' && onSubmit) return onSubmit();
    throw new Error(`Unexpected ${method} ${url}`);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function renderPage(tab: string, me = makeMe()) {
  return renderWithApp(
    <Routes>
      <Route path="/proposals/:id" element={<ProposalPage />} />
      <Route path="/proposals/:id/:tab" element={<ProposalPage />} />
    </Routes>,
    { route: `/proposals/${PROPOSAL_ID}/${tab}`, me },
  );
}

describe('ProposalPage live', () => {
  it('fetches the proposal again when a colleague saves a section, shows their text and says who saved it', async () => {
    stubEventSource();
    const me = makeMe();
    let proposal = makeProposal();
    const fetchMock = stubApi({ proposal });
    fetchMock.mockImplementation(async (input) => {
      const url = String(input);
      if (url === `/api/proposals/${PROPOSAL_ID}`) return jsonResponse(200, proposal);
      if (url === `/api/calls/${CALL_ID}`) return jsonResponse(200, proposalCall());
      if (url === `/api/proposals/${PROPOSAL_ID}/eligibility`) return jsonResponse(200, GREEN);
      if (url === '/api/reference/countries') return jsonResponse(200, COUNTRIES);
      throw new Error(`Unexpected ${url}`);
    });
    renderWithApp(
      <LiveUpdatesProvider userId={me.id}>
        <Routes>
          <Route path="/proposals/:id/:tab" element={<ProposalPage />} />
        </Routes>
      </LiveUpdatesProvider>,
      { route: `/proposals/${PROPOSAL_ID}/sections`, me },
    );
    const editor = await screen.findByRole('textbox', { name: /Objectives/ });
    expect((editor as HTMLTextAreaElement).value).toBe('');
    proposal = makeProposal({
      sections: [
        { key: 'objectives', content: 'Six sites, four seasons.', version: 1, updatedAt: '2026-11-27T02:00:00.000Z' },
        { key: 'work_plan', content: '', version: 0, updatedAt: null },
      ],
    });
    const by = { id: '5a0c7d2f-3e4b-4c6d-9e8f-0a1b2c3d4e5f', displayName: 'Aiko Tanaka' };
    // Another proposal's save changes nothing here.
    FakeEventSource.instances[0]!.emit('proposal-section', {
      proposalId: '0e5d4a6c-7f8b-4c9d-8e1f-2a3b4c5d6e7f',
      key: 'objectives',
      version: 1,
      by,
    });
    expect(screen.getByTestId('colleague-save').textContent).toBe('');
    FakeEventSource.instances[0]!.emit('proposal-section', {
      proposalId: PROPOSAL_ID,
      key: 'objectives',
      version: 1,
      by,
    });
    await waitFor(() => expect((editor as HTMLTextAreaElement).value).toBe('Six sites, four seasons.'));
    expect(screen.getByTestId('colleague-save').textContent).toBe('Aiko Tanaka just saved “Objectives” (version 1).');
  });
});

describe('ProposalPage', () => {
  it('shows the deadline in the call’s zone and the user’s, and the checklist state on its tab', async () => {
    stubApi({ proposal: makeProposal(), eligibility: RED });
    renderPage('checklist', makeMe({ timeZone: 'Asia/Tokyo' }));
    expect((await screen.findByTestId('proposal-acronym')).textContent).toBe('MANGROVE-CR');
    expect(screen.getByTestId('deadline-call-zone').textContent).toContain('Asia/Bangkok');
    expect(screen.getByTestId('deadline-viewer-zone').textContent).toContain('Asia/Tokyo');
    const badge = await screen.findByTestId('checklist-badge');
    expect(badge.textContent).toBe('1 to do');
    expect(screen.getByRole('link', { name: /Checklist/ }).getAttribute('aria-current')).toBe('page');
    expect(screen.queryByTestId('read-only')).toBeNull();
  });

  it('keeps the lead’s submit button disabled until the checklist is green', async () => {
    stubApi({ proposal: makeProposal(), eligibility: RED });
    renderPage('submit');
    const button = (await screen.findByRole('button', { name: 'Submit the proposal' })) as HTMLButtonElement;
    await waitFor(() => expect(screen.getByTestId('submit-why').textContent).toContain('must be met first'));
    expect(button.disabled).toBe(true);
  });

  it('submits after confirmation and shows the receipt', async () => {
    const submitted = makeProposal({
      status: 'SUBMITTED',
      submittedAt: '2026-11-27T02:00:00.000Z',
      submissions: [{ number: 1, submittedAt: '2026-11-27T02:00:00.000Z' }],
    });
    stubApi({ proposal: makeProposal(), onSubmit: () => jsonResponse(200, submitted) });
    const user = userEvent.setup();
    renderPage('submit');
    const button = await screen.findByRole('button', { name: 'Submit the proposal' });
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    await user.click(button);
    const dialog = screen.getByRole('alertdialog', { name: 'Submit the proposal?' });
    expect(dialog.textContent).toContain('submission 1');
    await user.click(within(dialog).getByRole('button', { name: 'Submit now' }));
    expect((await screen.findByTestId('submit-receipt')).textContent).toContain('submission 1 is received');
    expect(screen.getByTestId('proposal-status').getAttribute('data-status')).toBe('SUBMITTED');
    expect(screen.getByRole('button', { name: 'Submit again' })).toBeDefined();
    expect(screen.getByRole('button', { name: 'Withdraw' })).toBeDefined();
    expect(screen.getAllByTestId('submission-item')).toHaveLength(1);
  });

  it('says so when the server refuses a submission after the deadline', async () => {
    stubApi({ proposal: makeProposal(), onSubmit: () => jsonResponse(409, problem(409, 'call_closed')) });
    const user = userEvent.setup();
    renderPage('submit');
    const button = await screen.findByRole('button', { name: 'Submit the proposal' });
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    await user.click(button);
    await user.click(screen.getByRole('button', { name: 'Submit now' }));
    expect((await screen.findByTestId('submit-closed')).textContent).toBe(
      'The call closed on 15 Mar 2099, 17:00 GMT+7: the proposal was not submitted.',
    );
  });

  it('is read-only for a manager of the programme', async () => {
    stubApi({ proposal: makeProposal({ myRole: null, status: 'SUBMITTED' }) });
    renderPage('sections', makeMe({ roles: [{ role: 'PROGRAMME_MANAGER', programmeId: PROGRAMME_ID }] }));
    const note = await screen.findByTestId('read-only');
    expect(note.getAttribute('data-reason')).toBe('notMember');
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.getAllByTestId('section-text')).toHaveLength(2);
    expect(screen.getByRole('link', { name: 'Proposals' }).getAttribute('href')).toBe(
      `/manage/calls/${CALL_ID}/proposals`,
    );
  });

  it('is read-only after the deadline, and says the proposal cannot be found for anyone else', async () => {
    stubApi({
      proposal: makeProposal({
        call: { ...makeProposal().call, closesAt: '2026-01-31T10:00:00.000Z' },
      }),
    });
    const { unmount } = renderPage('overview');
    expect((await screen.findByTestId('read-only')).getAttribute('data-reason')).toBe('closed');
    // Disabled by its fieldset.
    expect(screen.getByLabelText('Title').matches(':disabled')).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    unmount();

    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>(async () => jsonResponse(404, problem(404, 'not_found'))),
    );
    renderPage('overview');
    expect(await screen.findByText('This proposal does not exist, or you are not allowed to see it.')).toBeDefined();
  });
});
