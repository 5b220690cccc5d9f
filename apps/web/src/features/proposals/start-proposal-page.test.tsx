import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useParams } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { CALL_ID, COUNTRIES, makeCall } from '../../test/calls';
import { makeProposal, PROPOSAL_ID, problem } from '../../test/proposals';
import { jsonResponse, makeMe, renderWithApp } from '../../test/render';
import { StartProposalPage } from './start-proposal-page';

const UM = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'Universiti Malaya',
  shortName: 'UM',
  countryCode: 'MY',
  type: 'UNIVERSITY',
};

function Opened() {
  const { id } = useParams();
  return <p data-testid="opened">{id}</p>;
}

function stubApi(create: () => Response) {
  const posts: unknown[] = [];
  const urls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn<typeof fetch>(async (input, init) => {
      const url = String(input);
      urls.push(url);
      if (url === `/api/calls/${CALL_ID}`) {
        return jsonResponse(
          200,
          makeCall({ status: 'OPEN', opensAt: '2026-01-01T00:00:00Z', closesAt: '2099-01-01T00:00:00Z' }),
        );
      }
      if (url === '/api/reference/countries') return jsonResponse(200, COUNTRIES);
      if (url.startsWith('/api/reference/institutions'))
        return jsonResponse(200, url.includes('country=MY') ? [UM] : []);
      if (url === '/api/proposals' && init?.method === 'POST') {
        posts.push(JSON.parse(String(init.body)));
        return create();
      }
      throw new Error(`Unexpected ${url}`);
    }),
  );
  return { posts, urls };
}

function renderPage() {
  return renderWithApp(
    <Routes>
      <Route path="/proposals/new" element={<StartProposalPage />} />
      <Route path="/proposals/:id" element={<Opened />} />
    </Routes>,
    { route: `/proposals/new?call=${CALL_ID}`, me: makeMe({ roles: [{ role: 'RESEARCHER', programmeId: null }] }) },
  );
}

async function fillForm(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByLabelText('Title'), 'Mangrove carbon');
  await user.type(screen.getByLabelText('Acronym'), 'MANGROVE-CR');
  await user.selectOptions(screen.getByLabelText('Theme'), 'climate_change');
  await user.selectOptions(screen.getByLabelText('Country'), 'MY');
  await waitFor(() => expect(screen.getByRole('option', { name: 'Universiti Malaya (UM)' })).toBeDefined());
  await user.selectOptions(screen.getByLabelText('Institution'), UM.id);
}

describe('StartProposalPage', () => {
  it('starts a proposal with the institution picked from the directory, then opens it', async () => {
    const { posts, urls } = stubApi(() => jsonResponse(201, makeProposal()));
    const user = userEvent.setup();
    renderPage();
    await fillForm(user);
    expect(urls).toContain('/api/reference/institutions?country=MY');
    await user.click(screen.getByRole('button', { name: 'Start the proposal' }));
    expect((await screen.findByTestId('opened')).textContent).toBe(PROPOSAL_ID);
    expect(posts).toEqual([
      {
        callId: CALL_ID,
        title: 'Mangrove carbon',
        acronym: 'MANGROVE-CR',
        theme: 'climate_change',
        institutionId: UM.id,
      },
    ]);
  });

  it('checks the acronym with the shared schema, and says so when the call has closed meanwhile', async () => {
    const { posts } = stubApi(() => jsonResponse(409, problem(409, 'call_closed')));
    const user = userEvent.setup();
    renderPage();
    await fillForm(user);
    await user.clear(screen.getByLabelText('Acronym'));
    await user.type(screen.getByLabelText('Acronym'), 'no spaces!');
    await user.click(screen.getByRole('button', { name: 'Start the proposal' }));
    expect(await screen.findByText('This is not in a valid format.')).toBeDefined();
    expect(posts).toEqual([]);

    await user.clear(screen.getByLabelText('Acronym'));
    await user.type(screen.getByLabelText('Acronym'), 'MANGROVE-CR');
    await user.click(screen.getByRole('button', { name: 'Start the proposal' }));
    expect(await screen.findByText('The call is not open for submissions at this time.')).toBeDefined();
  });
});
