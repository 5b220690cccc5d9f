import type { Panel, PanelPerson } from '@kizuna/shared';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../i18n';
import { LiveUpdatesProvider } from '../../../shell/live-updates';
import { FakeEventSource, stubEventSource } from '../../../test/fake-event-source';
import { PROPOSAL_ID } from '../../../test/proposals';
import { jsonResponse, makeMe, renderWithApp } from '../../../test/render';
import { RUBRIC } from '../../../test/reviews';
import { PanelSection, type PanelViewer } from './panel-section';

const PANEL_URL = `/api/panels/${PROPOSAL_ID}`;

const reviewer = (ordinal: number, overrides: Partial<PanelPerson> = {}): PanelPerson => ({
  kind: 'reviewer',
  ordinal,
  name: null,
  me: false,
  ...overrides,
});
const manager = (overrides: Partial<PanelPerson> = {}): PanelPerson => ({
  kind: 'manager',
  ordinal: null,
  name: null,
  me: false,
  ...overrides,
});

const CONTENT = {
  scores: { excellence: 4, impact: 3, implementation: 5 },
  commentsToApplicants: 'Sound design.',
  confidentialComments: 'Budget looks high.',
  confidence: 4,
  recommendation: 'FUND' as const,
};

/** The panel as Reviewer 2 (the caller) reads it: Reviewer 1 is the rapporteur and proposed the report. */
function makePanel(overrides: Partial<Panel> = {}): Panel {
  return {
    proposal: { id: PROPOSAL_ID, acronym: 'MANGROVE-CR', title: 'Mangrove carbon and coastal resilience' },
    reviews: [
      { reviewer: reviewer(1), weightedScore: 3.9, content: CONTENT, submittedAt: '2026-04-01T00:00:00.000Z' },
      {
        reviewer: reviewer(2, { me: true }),
        weightedScore: 3.5,
        content: CONTENT,
        submittedAt: '2026-04-02T00:00:00.000Z',
      },
    ],
    messages: [
      {
        id: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e',
        author: reviewer(1),
        body: 'Feasibility?',
        createdAt: '2026-04-03T00:00:00.000Z',
      },
      {
        id: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
        author: reviewer(2, { me: true }),
        body: 'Fine by me.',
        createdAt: '2026-04-03T01:00:00.000Z',
      },
      {
        id: '3d4e5f6a-7b8c-4d9e-8f0a-2b3c4d5e6f7a',
        author: manager(),
        body: 'Please conclude by Friday.',
        createdAt: '2026-04-03T02:00:00.000Z',
      },
    ],
    consensus: {
      rapporteur: reviewer(1),
      body: 'The panel agrees the proposal is strong.',
      status: 'PROPOSED',
      version: 3,
      approvals: [],
      awaiting: [reviewer(2, { me: true }), reviewer(3)],
      iApproved: false,
    },
    ...overrides,
  };
}

function stubApi(panel: Panel) {
  const sent: { method: string; url: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn<typeof fetch>(async (input, init) => {
      const url = String(input);
      const method = init?.method ?? 'GET';
      if (method === 'GET' && url === PANEL_URL) return jsonResponse(200, panel);
      if (url.startsWith(PANEL_URL)) {
        sent.push({ method, url, body: JSON.parse(String(init?.body)) });
        return jsonResponse(method === 'POST' && url.endsWith('/messages') ? 201 : 200, panel);
      }
      throw new Error(`Unexpected ${method} ${url}`);
    }),
  );
  return sent;
}

function renderPanel(viewer: PanelViewer = 'reviewer') {
  return renderWithApp(<PanelSection proposalId={PROPOSAL_ID} rubric={RUBRIC} viewer={viewer} />, {
    me: makeMe({ timeZone: 'Asia/Tokyo' }),
  });
}

const authors = () => screen.getAllByTestId('panel-message-author').map((author) => author.textContent);

describe('PanelSection', () => {
  it('reads the panel again when someone else changes it (live event), for this proposal only', async () => {
    stubEventSource();
    let current = makePanel();
    const fetchMock = vi.fn<typeof fetch>(async (input) =>
      String(input) === PANEL_URL ? jsonResponse(200, current) : jsonResponse(200, { unread: 0 }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const me = makeMe({ timeZone: 'Asia/Tokyo' });
    renderWithApp(
      <LiveUpdatesProvider userId={me.id}>
        <PanelSection proposalId={PROPOSAL_ID} rubric={RUBRIC} />
      </LiveUpdatesProvider>,
      { me },
    );
    await screen.findAllByTestId('panel-message-author');
    const panelReads = () => fetchMock.mock.calls.filter(([url]) => String(url) === PANEL_URL).length;
    expect(panelReads()).toBe(1);
    current = makePanel({
      messages: [
        ...makePanel().messages,
        {
          id: '4e5f6a7b-8c9d-4e0f-9a1b-3c4d5e6f7a8b',
          author: reviewer(3),
          body: 'Agreed.',
          createdAt: '2026-04-03T03:00:00.000Z',
        },
      ],
    });
    FakeEventSource.instances[0]!.emit('panel', { proposalId: '0e5d4a6c-7f8b-4c9d-8e1f-2a3b4c5d6e7f' });
    expect(panelReads()).toBe(1);
    FakeEventSource.instances[0]!.emit('panel', { proposalId: PROPOSAL_ID });
    await waitFor(() => expect(authors()).toEqual(['Reviewer 1', 'You', 'Programme manager', 'Reviewer 3']));
  });

  it('names people from the structured persons: "Reviewer n", "You", "Programme manager"', async () => {
    stubApi(makePanel());
    renderPanel();
    const reviews = await screen.findAllByTestId('panel-review');
    expect(reviews.map((review) => within(review).getByTestId('panel-review-author').textContent)).toEqual([
      'Reviewer 1',
      'Reviewer 2 (yours)',
    ]);
    expect(reviews[1]?.getAttribute('data-mine')).toBe('true');
    expect(authors()).toEqual(['Reviewer 1', 'You', 'Programme manager']);
    expect(screen.getByTestId('consensus-rapporteur').textContent).toBe(
      'The rapporteur (Reviewer 1) writes the report; the others approve it.',
    );
    expect(screen.getByTestId('consensus-awaiting').textContent).toBe('Waiting for: You and Reviewer 3');
    // Nothing comes as English text from the API: the same persons read in Japanese.
    await act(() => i18n.changeLanguage('ja'));
    expect(authors()).toEqual(['審査員 1', 'あなた', 'プログラム担当者']);
  });

  it('lets a reviewer who is not the rapporteur approve the proposed report at the version read', async () => {
    const sent = stubApi(makePanel());
    const user = userEvent.setup();
    renderPanel();
    await user.click(await screen.findByRole('button', { name: 'Approve this report' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({ method: 'POST', url: `${PANEL_URL}/consensus/approve`, body: { version: 3 } });
  });

  it('gives the rapporteur (consensus.rapporteur.me) the report to write and propose', async () => {
    const sent = stubApi(
      makePanel({
        consensus: {
          rapporteur: reviewer(2, { me: true }),
          body: '',
          status: 'DRAFT',
          version: 0,
          approvals: [],
          awaiting: [reviewer(1)],
          iApproved: false,
        },
      }),
    );
    const user = userEvent.setup();
    renderPanel();
    expect(await screen.findByTestId('consensus-rapporteur')).toBeDefined();
    expect(screen.getByTestId('consensus-rapporteur').textContent).toContain('You are the rapporteur');
    expect(screen.queryByRole('button', { name: 'Approve this report' })).toBeNull();
    await user.type(
      screen.getByRole('textbox', { name: 'Consensus report' }),
      'Strong science, a feasible plan, a sound budget.',
    );
    await user.click(screen.getByRole('button', { name: 'Propose to the panel' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      method: 'PUT',
      url: `${PANEL_URL}/consensus`,
      body: { body: 'Strong science, a feasible plan, a sound budget.', version: 0, propose: true },
    });
  });

  it('shows a manager the reviewers’ names; a manager posts to the discussion but does not approve', async () => {
    const panel = makePanel({
      reviews: [
        {
          reviewer: reviewer(1, { name: 'Aiko Tanaka' }),
          weightedScore: 3.9,
          content: CONTENT,
          submittedAt: '2026-04-01T00:00:00.000Z',
        },
      ],
      messages: [
        {
          id: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e',
          author: reviewer(1, { name: 'Aiko Tanaka' }),
          body: 'Feasibility?',
          createdAt: '2026-04-03T00:00:00.000Z',
        },
        {
          id: '3d4e5f6a-7b8c-4d9e-8f0a-2b3c4d5e6f7a',
          author: manager({ me: true }),
          body: 'Please conclude by Friday.',
          createdAt: '2026-04-03T02:00:00.000Z',
        },
      ],
      consensus: {
        rapporteur: reviewer(1, { name: 'Aiko Tanaka' }),
        body: 'The panel agrees.',
        status: 'PROPOSED',
        version: 3,
        approvals: [reviewer(3, { name: 'Somchai P.' })],
        awaiting: [reviewer(2, { name: 'Budi S.' })],
        iApproved: false,
      },
    });
    const sent = stubApi(panel);
    const user = userEvent.setup();
    renderPanel('manager');
    const review = await screen.findByTestId('panel-review');
    expect(within(review).getByTestId('panel-review-author').textContent).toBe('Reviewer 1 (Aiko Tanaka)');
    expect(authors()).toEqual(['Reviewer 1 (Aiko Tanaka)', 'You']);
    expect(screen.getByTestId('consensus-approvals').textContent).toBe('Approved by: Reviewer 3 (Somchai P.)');
    expect(screen.getByTestId('consensus-body').textContent).toBe('The panel agrees.');
    expect(screen.queryByRole('button', { name: 'Approve this report' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Propose to the panel' })).toBeNull();

    await user.type(screen.getByRole('textbox', { name: 'Your message' }), 'Thank you all.');
    await user.click(screen.getByRole('button', { name: 'Post' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({ method: 'POST', url: `${PANEL_URL}/messages`, body: { body: 'Thank you all.' } });
  });
});
